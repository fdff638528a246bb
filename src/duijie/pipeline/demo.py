"""Demo pipeline: ~120 × scale deals over the 2023, 2024 and 2025 editions.

Stage histories with evidence notes, capital arrivals, two re-signing suspects,
a back-step, stalled deals, aftercare visits and issues, and the two examples of
DOMAIN.md (the Xiangtan health big-data centre, the Yuhu cold-chain centre).
Every record is labelled demo (``is_demo`` and "（示範）").

Histories are anchored at the editions; the latest progress of active deals is
placed in the weeks before the day the demo is loaded, so "stalled" stays
meaningful. Deterministic from ``rng`` for a given day.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.directory.models import Organisation, OrganisationKind
from duijie.pipeline import aftercare, services
from duijie.pipeline.models import Deal, Evidence, ExchangeRate, Stage
from duijie.reference.models import AdminDivision, Edition, KeyIndustry, PromotionMethod
from duijie.tradeweek.models import Event
from duijie_core.text import normalise

DEALS_PER_SCALE = 120
DEMO = "（示範）"
RATES = {
    "HKD": ("0.92", "0.91", "0.93"),
    "USD": ("7.00", "7.10", "7.20"),
    "EUR": ("7.50", "7.80", "7.90"),
}
FINAL_STAGE_WEIGHTS = {0: 5, 1: 10, 2: 20, 3: 15, 4: 15, 5: 15, 6: 10, 7: 10}
EVIDENCE_NOTES = {
    1: "洽談紀要",
    2: "簽約儀式新聞稿及合同掃描件",
    3: "營業執照",
    4: "土地出讓合同",
    5: "開工儀式照片",
    6: "封頂現場照片",
    7: "投產儀式新聞稿",
}
PHASES = ["", "二期", "三期", "四期", "五期", "六期", "七期", "八期"]
INVESTOR_NAMES = [
    "香港{}投資集團有限公司",
    "深圳{}科技股份有限公司",
    "澳門{}實業有限公司",
    "廣州{}控股有限公司",
    "{}資本管理有限公司",
]
INVESTOR_WORDS = ["華湘", "灣聯", "瀟湘", "嶽麓", "南粵", "珠江", "洞庭", "星沙", "芙蓉", "雲港"]
DEAL_WORDS = [
    "智能製造基地",
    "新能源電池項目",
    "冷鏈物流園",
    "大健康產業園",
    "數據中心",
    "總部經濟項目",
]


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Create the demo pipeline. Side effects: editions 2023/2024 if missing, demo
    organisations, exchange rates, deals with events and arrivals, aftercare records."""
    today = timezone.localdate()
    editions = [*_past_editions(), edition]
    rates = create_rates()
    owner = _staff()
    investors = _investors(rng)
    places = {
        "cities": _hunan_cities(),
        "industries": list(KeyIndustry.objects.filter(active=True)),
    }
    places["methods"] = list(PromotionMethod.objects.filter(active=True))
    places["spots"] = [(c, w) for c in places["cities"] for w in DEAL_WORDS]
    places["events"] = _signing_events(editions)
    rng.shuffle(places["spots"])
    deals = [
        _random_deal(rng, i, editions, investors, places, owner, today)
        for i in range(DEALS_PER_SCALE * scale)
    ]
    deals += _examples(editions, places, owner, today)
    deals += _resigning_suspects(deals[:40], editions[-1], owner, today)
    visits, issues = _aftercare(rng, deals, owner, today, scale)
    return {
        "pipeline_deals": len(deals),
        "pipeline_rates": rates,
        "aftercare_visits": visits,
        "aftercare_issues": issues,
    }


def _past_editions() -> list[Edition]:
    made = []
    for year, (start, end) in {2023: ((5, 9), (5, 12)), 2024: ((5, 14), (5, 17))}.items():
        found, _created = Edition.objects.get_or_create(
            slug=f"hunan-gba-{year}",
            defaults={
                "name": f"{year}湖南—粤港澳大湾区经贸合作活动周（示范）",
                "name_hant": f"{year}湖南—粵港澳大灣區經貿合作活動週（示範）",
                "name_en": f"{year} Hunan–GBA Economic and Trade Cooperation Week (demo)",
                "starts_on": dt.date(year, *start),
                "ends_on": dt.date(year, *end),
            },
        )
        made.append(found)
    return made


def create_rates() -> int:
    """The demo's exchange rates into CNY (idempotent: the demo runs it before matching, so
    that buyers' prices in HKD compare with suppliers' in CNY). Side effect: rows."""
    count = 0
    for code, values in RATES.items():
        for year, value in zip((2023, 2024, 2025), values, strict=True):
            ExchangeRate.objects.update_or_create(
                base=code,
                quote="CNY",
                on=dt.date(year, 1, 1),
                defaults={"rate": Decimal(value), "source": "demo rate（示範）"},
            )
            count += 1
    return count


def _staff() -> User:
    staff = User.objects.filter(role=Role.ORGANISER).order_by("pk").first()
    if staff is None:
        staff = User.objects.create_user(
            "pipeline-staff@demo.duijie.test", None, role=Role.ORGANISER, name="示範招商專員"
        )
    return staff


def _investors(rng: random.Random) -> list[Organisation]:
    made = []
    for i, word in enumerate(INVESTOR_WORDS * 3):
        name = INVESTOR_NAMES[(i // 10) % len(INVESTOR_NAMES)].format(word) + DEMO
        kind = rng.choice(
            [OrganisationKind.CORPORATE, OrganisationKind.VC_PE, OrganisationKind.FUND]
        )
        org, _created = Organisation.objects.get_or_create(
            name=name, is_demo=True, defaults={"kind": kind, "match_key": normalise(name)}
        )
        made.append(org)
    return made


def _hunan_cities() -> list[AdminDivision]:
    return list(AdminDivision.objects.filter(level=2, code__startswith="43").order_by("code"))


def _amount_text(rng: random.Random) -> tuple[str, str]:
    currency = rng.choices(["CNY", "HKD", "USD"], weights=[70, 20, 10])[0]
    figure = rng.choice([5000, 8000, 1, 2, 3, 5, 10, 20])
    unit = "萬" if figure >= 5000 else "億"
    prefix = {"CNY": "", "HKD": "HK$", "USD": "US$"}[currency]
    return f"{prefix}{figure}{unit}" + ("元" if currency == "CNY" else ""), currency


def _signing_events(editions: list[Edition]) -> dict[int, Event]:
    """Per edition, a trade-week event to link signed deals to (the first forum or session)."""
    events = Event.objects.filter(edition__in=editions, kind__in=["forum", "session"])
    found: dict[int, Event] = {}
    for event in events.order_by("starts_at", "pk"):
        found.setdefault(event.edition_id, event)
    return found


def _random_deal(rng, i, editions, investors, places, owner, today) -> Deal:  # type: ignore[no-untyped-def]
    edition = rng.choice(editions)
    signed_on = edition.starts_on + dt.timedelta(days=rng.randint(-30, 3))
    final = rng.choices(list(FINAL_STAGE_WEIGHTS), weights=list(FINAL_STAGE_WEIGHTS.values()))[0]
    text, code = _amount_text(rng)
    city, word = places["spots"][i % len(places["spots"])]
    phase = PHASES[i // len(places["spots"]) % len(PHASES)]
    deal = services.create_deal(
        title=f"{city.name_hant or city.name}{word}{phase}{DEMO}",
        investor=investors[i % len(investors)],
        owner=owner,
        opened_on=signed_on - dt.timedelta(days=rng.randint(40, 200)),
        amount_text=text,
        currency_code=code,
        methods=rng.sample(places["methods"], k=rng.randint(1, 2)),
        edition=edition,
        event=places["events"].get(edition.pk),
        event_name="" if edition.pk in places["events"] else f"投資推介暨項目簽約會{DEMO}",
        city=city,
        key_industry=rng.choice(places["industries"]),
        is_demo=True,
    )
    _history(rng, deal, final, signed_on, owner, today)
    return deal


def _history(rng, deal, final, signed_on, owner, today) -> None:  # type: ignore[no-untyped-def]
    on = deal.opened_on
    for stage in range(1, final + 1):
        on = (
            signed_on
            if stage == 2
            else on + dt.timedelta(days=rng.randint(5, 30) if stage < 2 else rng.randint(25, 140))
        )
        if on > today:
            break
        _move(deal, stage, on, owner, today)
    if deal.stage == Stage.LAND_ACQUIRED and rng.random() < 0.1:
        _move(
            deal,
            Stage.REGISTERED,
            min(on + dt.timedelta(days=20), today),
            owner,
            today,
            reason="土地出讓延後" + DEMO,
        )
    if deal.signed_on and deal.amount and rng.random() < 0.85:
        _arrivals(rng, deal, owner, today)


def _move(deal, stage, on, owner, today, reason="") -> None:  # type: ignore[no-untyped-def]
    note = EVIDENCE_NOTES.get(stage, "進展紀要") + DEMO
    services.move_deal(
        deal=deal,
        to_stage=stage,
        on=on,
        by=owner,
        evidence_kind=Evidence.NOTE,
        evidence_note=note,
        reason=reason,
        today=today,
    )


def _arrivals(rng, deal, owner, today) -> None:  # type: ignore[no-untyped-def]
    start = deal.signed_on
    for n in range(rng.randint(1, 3)):
        recent = n == 0 and deal.stage != Stage.OPERATING and rng.random() < 0.8
        on = (
            today - dt.timedelta(days=rng.randint(0, 60))
            if recent
            else start + dt.timedelta(days=rng.randint(30, 300))
        )
        services.record_capital_arrival(
            deal=deal,
            arrived_on=min(max(on, start), today),
            amount_text=f"{rng.choice([500, 1000, 2000])}萬",
            currency_code=deal.currency,
            evidence_note="銀行入賬憑證" + DEMO,
            by=owner,
            today=today,
        )


def _examples(editions, places, owner, today) -> list[Deal]:  # type: ignore[no-untyped-def]
    by_code = {c.code: c for c in places["cities"]}
    health = {i.code: i for i in places["industries"]}.get("big-health")
    shenzhen = _example_org("深圳某上市公司" + DEMO, OrganisationKind.CORPORATE)
    hk = _example_org("香港冷鏈投資方" + DEMO, OrganisationKind.CORPORATE)
    xiangtan = services.create_deal(
        title="湖南健康醫療大數據中心" + DEMO,
        title_en="Hunan health and medical big-data centre (demo)",
        investor=shenzhen,
        owner=owner,
        opened_on=dt.date(2023, 3, 1),
        amount_text="10億元",
        edition=editions[0],
        event_name="2023年經貿合作活動週簽約儀式" + DEMO,
        city=by_code.get("4303"),
        key_industry=health,
        is_demo=True,
    )
    for stage, on in (
        (1, dt.date(2023, 4, 1)),
        (2, dt.date(2023, 5, 10)),
        (3, dt.date(2023, 8, 1)),
        (4, dt.date(2024, 1, 15)),
        (5, dt.date(2024, 6, 18)),
    ):
        _move(xiangtan, stage, on, owner, today)
    yuhu = services.create_deal(
        title="雨湖冷鏈交易中心" + DEMO,
        title_en="Yuhu cold-chain trading centre (demo)",
        investor=hk,
        owner=owner,
        opened_on=dt.date(2023, 10, 1),
        amount_text="未披露",
        edition=editions[1],
        event_name="2024年1月簽約" + DEMO,
        city=by_code.get("4301"),
        notes="約400畝，建築面積36.6萬平方米，冷庫容量28萬噸；預計2026年開業。" + DEMO,
        is_demo=True,
    )
    for stage, on in (
        (2, dt.date(2024, 1, 20)),
        (3, dt.date(2024, 3, 1)),
        (4, dt.date(2024, 4, 10)),
        (5, dt.date(2024, 6, 1)),
        (6, dt.date(2024, 12, 20)),
    ):
        _move(yuhu, stage, on, owner, today)
    return [xiangtan, yuhu]


def _example_org(name: str, kind: str) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        name=name, is_demo=True, defaults={"kind": kind, "match_key": normalise(name)}
    )
    return org


def _resigning_suspects(deals, edition, owner, today) -> list[Deal]:  # type: ignore[no-untyped-def]
    """Two deals announcing again (in Simplified script) what was already signed."""
    from duijie_core.text import to_simplified

    originals = [d for d in deals if d.signed_on and d.is_counted][:2]
    made = []
    for original in originals:
        again = services.create_deal(
            title=to_simplified(original.title),
            investor=original.investor,
            owner=owner,
            opened_on=max(edition.starts_on - dt.timedelta(days=30), original.opened_on),
            amount_text=original.amount_text,
            currency_code=original.currency,
            edition=edition,
            event_name="重大項目集中簽約" + DEMO,
            city=original.city,
            key_industry=original.key_industry,
            is_demo=True,
            methods=original.methods.all(),
        )
        _move(again, Stage.SIGNED, max(edition.starts_on, again.opened_on), owner, today)
        made.append(again)
    return made


def _aftercare(rng, deals, owner, today, scale) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    signed = [d for d in deals if d.stage >= Stage.REGISTERED]
    visits = 0
    issues = 0
    for _n in range(min(15 * scale, len(signed))):
        deal = rng.choice(signed)
        visit = aftercare.record_visit(
            organisation=deal.investor,
            staff=owner,
            deal=deal,
            today=today,
            is_demo=True,
            visited_on=today - dt.timedelta(days=rng.randint(1, 200)),
            summary="回訪企業經營情況，了解擴產計劃" + DEMO,
            reinvestment_interest=rng.random() < 0.3,
        )
        visits += 1
        if rng.random() < 0.5:
            issue = aftercare.raise_issue(
                organisation=deal.investor,
                owner=owner,
                raised_on=visit.visited_on,
                today=today,
                title=rng.choice(["用電報裝進度", "員工子女入學", "物流通關時效", "融資對接需求"])
                + DEMO,
                visit=visit,
                is_demo=True,
            )
            issues += 1
            if rng.random() < 0.4:
                aftercare.resolve_issue(
                    issue=issue, resolved_on=today, resolution="已協調解決" + DEMO, today=today
                )
    return visits, issues
