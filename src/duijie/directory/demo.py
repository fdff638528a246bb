"""Demo directory: organisations of every kind, the hometown network, campaigns, duplicates.

Deterministic from ``rng``; counts scale with ``scale``; every record is flagged
``is_demo`` and organisation names carry "（示範）". Called by ``duijie.demo.populate``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from duijie.accounts.models import User
from duijie.directory import demo_produce as produce
from duijie.directory.demo_mandates import create_mandates
from duijie.directory.keys import fill_organisation_keys, school_key
from duijie.directory.models import (
    Affiliation,
    BuyingNeed,
    Campaign,
    Consent,
    FinancingEvent,
    Interaction,
    InteractionKind,
    IntroductionPath,
    Organisation,
    OrganisationKind,
    Person,
    SchoolAttended,
    Segment,
)
from duijie.directory.resolution import refresh_duplicates
from duijie.directory.services import fill_person_keys, link_user
from duijie.history import records
from duijie.reference.models import AdminDivision, Edition, KeyIndustry
from duijie.reference.romanise import romanise_name, short_place_name
from duijie_core.identifiers import credit_code_check_char
from duijie_core.text import to_traditional

DEMO = "（示範）"
INVESTOR_WORDS = {
    OrganisationKind.VC_PE: ("創投", "資本", "投資管理"),
    OrganisationKind.CORPORATE: ("集團", "控股"),
    OrganisationKind.BANK: ("銀行",),
    OrganisationKind.FUND: ("產業基金", "成長基金"),
    OrganisationKind.FAMILY_OFFICE: ("家族辦公室",),
}
# English for the words organisation names are made of (Traditional → English).
NAME_WORDS_EN = {
    "創投": "Venture Capital", "資本": "Capital", "投資管理": "Investment Management",
    "集團": "Group", "控股": "Holdings", "銀行": "Bank", "產業基金": "Industry Fund",
    "成長基金": "Growth Fund", "家族辦公室": "Family Office",
    "智能裝備": "Intelligent Equipment", "新能源": "New Energy", "生物醫藥": "Biomedicine",
    "新材料": "New Materials", "電子資訊": "Electronic Information", "軌道交通": "Rail Transit",
    "航天科技": "Aerospace Technology",
    "香港": "Hong Kong", "深圳": "Shenzhen", "長沙": "Changsha", "澳門": "Macao",
}  # fmt: skip
TRADE_NAMES = [
    "瀟湘",
    "嶽麓",
    "洞庭",
    "湘江",
    "衡嶽",
    "芙蓉",
    "九疑",
    "舜德",
    "雲麓",
    "星沙",
    "楚天",
    "南嶺",
    "武陵",
    "桃花",
    "雪峰",
    "資江",
    "沅水",
    "紫荊",
    "維港",
    "香江",
]
ENTERPRISE_WORDS = ("智能裝備", "新能源", "生物醫藥", "新材料", "電子資訊", "軌道交通", "航天科技")
SURNAMES = "王李張劉陳楊黃趙周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓"
SURNAMES += "唐馮於董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉"
GIVEN = "偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華建國志湘楚岳衡"
SCHOOLS = (
    "湖南大學",
    "中南大學",
    "湖南師範大學",
    "湘潭大學",
    "長沙理工大學",
    "香港大學",
    "香港中文大學",
    "香港科技大學",
    "澳門大學",
    "常德市第一中學",
)
LANGUAGES = ("粵語", "普通話", "English", "湘語")


def _credit_code(rng: random.Random, division: str) -> str:
    body = (
        "91" + division + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    )
    return body + credit_code_check_char(body)


def _org(kind: str, name: str, **fields: Any) -> Organisation:
    org = Organisation(kind=kind, name=name + DEMO, is_demo=True, source="demo", **fields)
    fill_organisation_keys(org)
    return org


def _investors(
    rng: random.Random, count: int, places: dict[str, list[AdminDivision]]
) -> list[Organisation]:
    kinds = list(INVESTOR_WORDS)
    found = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        place = rng.choice(("香港", "深圳", "長沙", "澳門"))
        trade, word = rng.choice(TRADE_NAMES), rng.choice(INVESTOR_WORDS[kind])
        english = f"{NAME_WORDS_EN[place]} {romanise_name(trade)} {NAME_WORDS_EN[word]} No. {i + 1}"
        found.append(
            _org(
                kind,
                f"{place}{trade}{word}{i + 1}號",
                name_en=f"{english} (demo)",
                hq_division=rng.choice(places["gba"]),
            )
        )
    return found


def _enterprises(
    rng: random.Random, count: int, places: dict[str, list[AdminDivision]]
) -> list[Organisation]:
    found = []
    for i in range(count):
        county = rng.choice(places["hunan"])
        trade, word = rng.choice(TRADE_NAMES), rng.choice(ENTERPRISE_WORDS)
        code = _credit_code(rng, county.code)
        english = f"Hunan {romanise_name(trade)} {NAME_WORDS_EN[word]} {i + 1} Co., Ltd. (demo)"
        found.append(
            _org(
                OrganisationKind.ENTERPRISE,
                f"湖南{trade}{word}{i + 1}有限公司",
                name_en=english,
                hq_division=county,
                credit_code=code,
            )
        )
    return found


def _institutions(count: int, places: dict[str, list[AdminDivision]]) -> list[Organisation]:
    """Each city's bureau of commerce and Hong Kong chamber, in Traditional and English."""
    cities = places["cities"][:count]
    found = [
        _org(
            OrganisationKind.GOVERNMENT,
            f"{d.name_hant}商務局",
            name_en=f"{d.english_short_name} Bureau of Commerce (demo)",
        )
        for d in cities
    ]
    found += [
        _org(
            OrganisationKind.ASSOCIATION,
            f"香港{to_traditional(short_place_name(d.name))}商會",
            name_en=f"Hong Kong {d.english_short_name} Chamber of Commerce (demo)",
        )
        for d in cities
    ]
    return found


def _duplicates(
    rng: random.Random, originals: list[Organisation], count: int
) -> list[Organisation]:
    """Deliberate duplicates: the same organisation written another way (short / no suffix)."""
    found = []
    for org in rng.sample(originals, min(count, len(originals))):
        variant = org.name.removesuffix(DEMO).removesuffix("有限公司").removeprefix("湖南") + DEMO
        found.append(_org(org.kind, variant.removesuffix(DEMO), hq_division=org.hq_division))
    return found


def _places() -> dict[str, list[AdminDivision]]:
    divisions = AdminDivision.objects.all()
    hunan = list(divisions.filter(code__startswith="43", level=3).exclude(name__contains="管理区"))
    return {
        "hunan": hunan,
        "yongzhou": [d for d in hunan if d.code.startswith("4311")],
        "gba": list(divisions.filter(code__in=["81", "82", "4403", "4401", "4301"])),
        "hk_mo": list(divisions.filter(level=3, code__regex=r"^8[12]")),
        "cities": list(divisions.filter(level=2, code__startswith="43")),
    }


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _people(rng: random.Random, count: int, places: dict[str, list[AdminDivision]]) -> list[Person]:
    people = []
    for i in range(count):
        person = Person(
            name=_person_name(rng),
            birth_year=rng.randint(1955, 1995),
            is_demo=True,
            hometown=rng.choice(places["hunan"]),
            location=rng.choice(places["hk_mo"]),
            languages=rng.sample(LANGUAGES, 2),
            consent=rng.choice(Consent.values),
            phone=f"+852 9{i:07d}"[:14],
            email=f"person{i}@demo.duijie.test",
        )
        person.consent_purpose = (
            "鄉情招商活動聯絡（示範）" if person.consent == Consent.GIVEN else ""
        )
        fill_person_keys(person)
        people.append(person)
    Person.objects.bulk_create(people, batch_size=2000)
    records.record_bulk(people, user=None, reason=records.DEMO)
    return people


def _people_details(
    rng: random.Random,
    people: list[Person],
    orgs: list[Organisation],
    industries: list[KeyIndustry],
) -> None:
    schools = [
        SchoolAttended(person=p, school=s, school_key=school_key(s))
        for p in people
        for s in rng.sample(SCHOOLS, rng.choice((1, 2)))
    ]
    SchoolAttended.objects.bulk_create(schools, batch_size=2000)
    records.record_bulk(schools, user=None, reason=records.DEMO)
    jobs = []
    for person in people:
        org = rng.choice(orgs)
        jobs.append(
            Affiliation(
                person=person,
                organisation=org,
                organisation_name=org.name,
                title=rng.choice(("董事長", "總經理", "合夥人", "會長")),
            )
        )
    Affiliation.objects.bulk_create(jobs, batch_size=2000)
    records.record_bulk(jobs, user=None, reason=records.DEMO)
    through = Person.key_industries.through
    through.objects.bulk_create(
        [through(person_id=p.pk, keyindustry_id=rng.choice(industries).pk) for p in people],
        batch_size=2000,
    )


def _network(
    rng: random.Random, people: list[Person], orgs: list[Organisation], scale: int
) -> dict[str, int]:
    IntroductionPath.objects.bulk_create(
        [
            IntroductionPath(
                person=p,
                organisation=rng.choice(orgs),
                relationship="同鄉（示範）",
                strength=rng.randint(1, 3),
            )
            for p in rng.sample(people, min(len(people), 50 * scale))
        ],
        ignore_conflicts=True,
    )
    segments = [
        Segment(
            name="常德籍在港新能源企業家（示範）",
            filters={"hometown": "4307", "location": "81", "industry": "new-energy"},
            is_demo=True,
        ),
        Segment(name="永州籍港澳鄉親（示範）", filters={"hometown": "4311"}, is_demo=True),
        Segment(name="中南大學校友（示範）", filters={"school": "中南大學"}, is_demo=True),
    ]
    Segment.objects.bulk_create(segments)
    campaigns = [
        Campaign(
            name=f"{s.name.removesuffix(DEMO)}聯誼活動（示範）",
            segment=s,
            starts_on=dt.date(2025, 4, 1),
            is_demo=True,
        )
        for s in segments
    ]
    Campaign.objects.bulk_create(campaigns)
    kinds = InteractionKind.values
    interactions = [
        Interaction(
            campaign=rng.choice(campaigns),
            person=p,
            person_label=p.name,
            kind=rng.choice(kinds),
            happened_on=dt.date(2025, 4, 1) + dt.timedelta(days=rng.randint(0, 45)),
            is_demo=True,
            organisation=rng.choice(orgs) if rng.random() < 0.2 else None,
        )
        for p in rng.sample(people, min(len(people), 200 * scale))
    ]
    for item in interactions:  # consent refused or withdrawn: met, never in a campaign
        if item.person.consent_withheld:
            item.campaign, item.kind = None, InteractionKind.MET
    Interaction.objects.bulk_create(interactions, batch_size=2000)
    return {
        "segments": len(segments),
        "campaigns": len(campaigns),
        "interactions": len(interactions),
    }


def _events(
    rng: random.Random, companies: list[Organisation], investors: list[Organisation], count: int
) -> int:
    events = []
    for i in range(count):
        company = rng.choice(companies)
        amount = Decimal(rng.choice((1, 2, 3, 5))) * 10_000_000
        events.append(
            FinancingEvent(
                company=company,
                headline=f"{company.name}完成融資（示範）",
                occurred_on=dt.date(2020 + i % 5, 1 + i % 12, 1 + i % 28),
                round=rng.choice(("天使輪", "A輪", "B輪", "C輪")),
                amount_text=f"{amount / 10_000_000:.0f}千萬人民幣",
                amount_low=amount,
                amount_high=amount,
                currency="CNY",
                event_key=f"demo-{i}",
                is_demo=True,
                source="demo",
            )
        )
    FinancingEvent.objects.bulk_create(events)
    through = FinancingEvent.investors.through
    through.objects.bulk_create(
        [
            through(financingevent_id=e.pk, organisation_id=o.pk)
            for e in events
            for o in rng.sample(investors, 2)
        ]
    )
    return len(events)


def _link_demo_users(investors: list[Organisation], enterprises: list[Organisation]) -> None:
    trade = [
        (email, Organisation.objects.filter(name=name, is_demo=True).first())
        for email, name in produce.demo_logins()
    ]
    for email, org in [
        ("investor@demo.duijie.test", investors[0]),
        ("owner@demo.duijie.test", enterprises[0]),
        *trade,
    ]:
        user = User.objects.filter(email=email).first()
        if user is not None and org is not None:
            link_user(user=user, organisation=org, title="示範")


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Write the demo directory. Side effects: organisations, mandates, needs, people,
    affiliations, segments, campaigns, interactions, events, memberships, suspected duplicates."""
    places = _places()
    industries = list(KeyIndustry.objects.all())
    investors = _investors(rng, 60 * scale, places)
    enterprises = _enterprises(rng, 100 * scale, places)
    others = _institutions(10, places) + _duplicates(rng, enterprises, 8 * scale)
    Organisation.objects.bulk_create(investors + enterprises + others, batch_size=2000)
    records.record_bulk(investors + enterprises + others, user=None, reason=records.DEMO)
    trade = produce.create_buyers(rng, scale) + produce.create_suppliers(rng, scale)
    people = _people(rng, 1000 * scale, places)
    _people_details(rng, people, investors + enterprises + trade, industries)
    counts = _network(rng, people, investors + enterprises, scale)
    counts |= {
        "organisations": len(investors + enterprises + trade + others),
        "mandates": create_mandates(rng, investors, industries),
        "buying_needs": BuyingNeed.objects.filter(organisation__in=trade).count(),
        "people": len(people),
        "financing_events": _events(rng, enterprises, investors, 50 * scale),
    }
    _link_demo_users(investors, enterprises)
    counts["suspected_duplicates"] = refresh_duplicates()
    return counts
