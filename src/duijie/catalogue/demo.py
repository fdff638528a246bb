"""Demo catalogue: 220 × scale sample projects over the 10 key industries and Hunan's 14 cities.

Text is generated from the phrase banks in :mod:`duijie.catalogue.demo_phrases`,
deterministically from ``rng``: name, technology advantages, market prospects,
financing needs and cooperation model in zh-Hans, zh-Hant (derived with
``to_traditional``: OpenCC and the Hong Kong glossary) and English (from the
phrase tables). Place names come whole from the reference data in each language
(張家界, never 張家). Every project and owner organisation is marked ``is_demo``
and owner names carry "（示範）".
"""

from __future__ import annotations

import random
from decimal import Decimal

from duijie.accounts.models import User
from duijie.catalogue import demo_phrases as P
from duijie.catalogue.amounts import amount_columns
from duijie.catalogue.models import Instrument, Project, Stage, Status
from duijie.catalogue.search import index_projects
from duijie.directory.models import Organisation, OrganisationKind
from duijie.history.records import DEMO, record_bulk
from duijie.reference.models import AdminDivision, Edition, KeyIndustry, PromotionMethod
from duijie.reference.romanise import romanise_name, short_place_name
from duijie_core.locale import format_money
from duijie_core.money import Amount, Money, MoneyRange, UnknownAmount, parse_amount
from duijie_core.text import normalise, to_traditional

PROJECTS_PER_SCALE = 220
HUNAN_CITY_CODES = [f"43{n:02d}" for n in range(1, 14)] + ["4331"]
STATUS_WEIGHTS = {
    Status.PUBLISHED: 76,
    Status.APPROVED: 8,
    Status.SUBMITTED: 8,
    Status.DRAFT: 5,
    Status.ARCHIVED: 3,
}
DEMO_OWNER_EMAIL = "owner@demo.duijie.test"
MAX_OWNERS = 400  # well below the 14 × 12 × 5 distinct generated names


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Create the demo projects (replacing earlier demo projects of ``edition``).

    Side effects: demo owner organisations, projects, one history entry each, search tokens.
    """
    Project.objects.filter(edition=edition, is_demo=True).delete()
    places = _places()
    industries = list(KeyIndustry.objects.filter(code__in=P.PRODUCTS).order_by("order", "code"))
    owners = _owners(rng, count=min(60 * scale, MAX_OWNERS), cities=[c for c, _ in places])
    methods = list(PromotionMethod.objects.all())
    owner_user = User.objects.filter(email=DEMO_OWNER_EMAIL).first()
    projects = [
        _project(
            rng, number, edition, industries[number % len(industries)], places, owners, owner_user
        )
        for number in range(PROJECTS_PER_SCALE * scale)
    ]
    Project.objects.bulk_create(projects, batch_size=500)
    _link_methods(rng, projects, methods)
    record_bulk(projects, user=None, reason=DEMO)
    index_projects(
        Project.objects.filter(pk__in=[p.pk for p in projects]).select_related("owner_organisation")
    )
    return {"projects": len(projects), "project_owner_organisations": len(owners)}


def _places() -> list[tuple[AdminDivision, list[AdminDivision]]]:
    cities = (
        AdminDivision.objects.filter(code__in=HUNAN_CITY_CODES)
        .select_related("parent")
        .prefetch_related("children")
    )
    return [(city, list(city.children.all())) for city in cities.order_by("code")]


def _owners(rng: random.Random, *, count: int, cities: list[AdminDivision]) -> list[Organisation]:
    """Demo owner companies named after their city, in Traditional with an English name."""
    names: dict[str, str] = {}  # Traditional name -> English name
    while len(names) < count:
        city = rng.choice(cities)
        word = rng.choice(P.COMPANY_WORDS)
        suffix, suffix_en = rng.choice(P.COMPANY_SUFFIXES)
        name = to_traditional(f"{short_place_name(city.name)}{word}{suffix}") + "（示範）"
        names.setdefault(
            name, f"{city.english_short_name} {romanise_name(word)} {suffix_en} (demo)"
        )
    existing = {o.name: o for o in Organisation.objects.filter(name__in=names, is_demo=True)}
    fresh = [
        Organisation(
            kind=OrganisationKind.ENTERPRISE,
            name=name,
            name_en=english,
            match_key=normalise(name),
            is_demo=True,
        )
        for name, english in names.items()
        if name not in existing
    ]
    return list(existing.values()) + Organisation.objects.bulk_create(fresh)


def _project(rng, number, edition, industry, places, owners, owner_user) -> Project:  # type: ignore[no-untyped-def]
    city, counties = rng.choice(places)
    product, product_en, capacity = rng.choice(P.PRODUCTS[industry.code])
    template, template_en = (
        P.CAPACITY_TEMPLATE
        if capacity is not None and rng.random() < 0.4
        else rng.choice(P.NAME_TEMPLATES)
    )
    capacity_zh, capacity_en = capacity or ("", "")
    place, place_en = short_place_name(city.name), city.english_short_name
    name = template.format(place=place, product=product, capacity=capacity_zh)
    investment, financing = _amounts(rng)
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    words = _words(rng, industry.code, product, product_en, financing)
    project = Project(
        edition=edition,
        code=f"DEMO-{number + 1:05d}",
        key_industry=industry,
        province=city.parent,
        city=city,
        county=rng.choice(counties) if counties else None,
        owner_organisation=rng.choice(owners),
        owner_user=owner_user if number % 40 == 0 else None,
        name_hans=name,
        name_hant=to_traditional(name),
        name_en=template_en.format(
            place_en=place_en, product_en=product_en, capacity_en=capacity_en
        ),
        instrument=rng.choice(Instrument.values),
        stage=rng.choice(Stage.values),
        status=status,
        is_demo=True,
        expected_return=f"{rng.randint(6, 18)}%",
        payback_years=Decimal(rng.randint(30, 90)) / 10,
        park=to_traditional(f"{place}经济技术开发区") if rng.random() < 0.6 else "",
        contact_name=f"{rng.choice('王李張劉陳楊趙黃周吳')}先生（示範）",
        contact_phone=f"0731-8{rng.randint(1000000, 9999999)}",
        policy_tags=[
            to_traditional(tag) for tag, _en in rng.sample(P.POLICY_TAGS, k=rng.randint(0, 2))
        ],
        **amount_columns("investment", investment),
        **amount_columns("financing", financing),
    )
    _fill_texts(project, words)
    return project


def _amounts(rng: random.Random) -> tuple[Amount, Amount]:
    """Total investment and financing sought, in CNY: mostly figures, some ranges, a few unknown."""
    roll = rng.random()
    if roll < 0.06:
        return parse_amount("數億元"), UnknownAmount("未披露")
    yi = Decimal(rng.choice([5, 8, 12, 15, 20, 30, 35, 50, 80, 120, 200, 350])) * 10**7
    investment = Money(yi, "CNY")
    share = Decimal(rng.choice([3, 4, 5, 6, 7])) / 10
    if roll < 0.2:
        return investment, MoneyRange(Money(yi * share / 2, "CNY"), Money(yi * share, "CNY"))
    return investment, Money(yi * share, "CNY")


def _words(rng, industry_code, product, product_en, financing) -> dict[str, object]:  # type: ignore[no-untyped-def]
    known = not isinstance(financing, UnknownAmount)
    tech, tech_en = rng.choice(P.TECHNOLOGIES[industry_code])
    university, university_en = rng.choice(P.UNIVERSITIES)
    market = rng.choice([300, 800, 1200, 2500, 5000])
    return {
        "product": product,
        "product_en": product_en,
        "tech": tech,
        "tech_en": tech_en,
        "patents": rng.randint(5, 60),
        "university": university,
        "university_en": university_en,
        "automation": rng.randint(70, 95),
        "saving": rng.randint(10, 30),
        "yield_": rng.randint(95, 99),
        "year": rng.choice([2027, 2028, 2030]),
        "market": market,
        "market_en": format_money(Money(Decimal(market) * 10**8, "CNY"), "en"),
        "growth": rng.randint(8, 25),
        "partners": rng.randint(3, 20),
        "financing": format_money(financing, "zh-Hans") if known else "若干",
        "financing_en": format_money(financing, "en") if known else "funding",
        "sentences": [
            rng.sample(P.TECHNOLOGY_SENTENCES, 2),
            rng.sample(P.MARKET_SENTENCES, 2),
            rng.sample(P.NEEDS_SENTENCES, 2),
        ],
        "cooperation": rng.choice(P.COOPERATION),
    }


def _fill_texts(project: Project, words: dict[str, object]) -> None:
    technology, market, needs = (
        ["".join(s.format(**words) for s in pair)] for pair in words["sentences"]
    )  # type: ignore[attr-defined]
    for stem, text in (
        ("technology", technology[0]),
        ("market", market[0]),
        ("financing_needs", needs[0]),
    ):
        setattr(project, f"{stem}_hans", text)
        setattr(project, f"{stem}_hant", to_traditional(text))
    cooperation, cooperation_en = words["cooperation"]  # type: ignore[misc]
    project.cooperation_hans = cooperation
    project.cooperation_hant = to_traditional(cooperation)
    project.cooperation_en = cooperation_en
    project.technology_en = P.TECHNOLOGY_EN.format(**words)
    project.market_en = P.MARKET_EN.format(**words)
    project.financing_needs_en = P.NEEDS_EN.format(**words)


def _link_methods(
    rng: random.Random, projects: list[Project], methods: list[PromotionMethod]
) -> None:
    if not methods:
        return
    through = Project.promotion_methods.through
    rows = [
        through(project_id=p.pk, promotionmethod_id=m.pk)
        for p in projects
        for m in rng.sample(methods, k=min(2, len(methods)))
    ]
    through.objects.bulk_create(rows, batch_size=2000)
