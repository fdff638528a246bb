import datetime as dt
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import translation

from duijie.pipeline import services
from duijie.pipeline.activity import Activity
from duijie.pipeline.dashboard import CHARTS, FigureContext, headline
from duijie.pipeline.figures import DIMENSIONS, NEEDS, Speed, by_dimension, speed, totals
from duijie.pipeline.filters import MILESTONE_FIELDS, FigureFilter, counted_deals
from duijie.pipeline.models import FIGURE_INDEX_FIELDS, GAP_FIELDS, SPEED_INDEX_FIELDS, Stage
from duijie_core.pipeline.figures import Rates

from .factories import TODAY, city, industry, make_deal, make_rate, method, walk

pytestmark = pytest.mark.django_db
D = dt.date
FULL = {
    Stage.SIGNED: D(2025, 5, 14),
    Stage.REGISTERED: D(2025, 6, 13),
    Stage.LAND_ACQUIRED: D(2025, 7, 13),
    Stage.CONSTRUCTION_STARTED: D(2025, 8, 12),
    Stage.TOPPED_OUT: D(2025, 9, 11),
    Stage.OPERATING: D(2025, 10, 11),
}


def pipeline(owner, edition):  # type: ignore[no-untyped-def]
    """Four counted deals (one operating, one registered, one signed in HKD, one lead),
    one re-signing suspect and one duplicate."""
    make_rate("HKD", "0.90", D(2025, 1, 1))
    common = {"edition": edition, "key_industry": industry(), "methods": [method()]}
    full = walk(
        make_deal(owner, title="甲", amount_text="2億元", city=city("4301"), **common), owner, FULL
    )
    part = dict(list(FULL.items())[:2])
    part[Stage.REGISTERED] = D(2025, 7, 14)
    walk(
        make_deal(owner, title="乙", amount_text="1億元", city=city("4302"), **common), owner, part
    )
    hkd = walk(
        make_deal(owner, title="丙", amount_text="HK$1億", city=city("4301"), **common),
        owner,
        {Stage.SIGNED: D(2025, 5, 15)},
    )
    services.record_capital_arrival(
        deal=full,
        arrived_on=D(2025, 6, 1),
        amount_text="5000萬元",
        currency_code="CNY",
        evidence_note="入賬",
        by=owner,
        today=TODAY,
    )
    make_deal(owner, title="丁", amount_text="", **common)
    suspect = walk(
        make_deal(
            owner,
            title="甲",
            investor=full.investor,
            amount_text="2億元",
            city=city("4301"),
            **common,
        ),
        owner,
        {Stage.SIGNED: D(2025, 5, 16)},
    )
    dup = walk(
        make_deal(
            owner,
            title="丙",
            investor=hkd.investor,
            amount_text="HK$1億",
            city=city("4301"),
            **common,
        ),
        owner,
        {Stage.SIGNED: D(2025, 5, 17)},
    )
    services.mark_duplicate(deal=dup, of=hkd, by=owner)
    return suspect


def context(query: str = "", by: str = "edition") -> FigureContext:
    return FigureContext(form=FigureFilter(QueryDict(query)), by=by, today=TODAY)


def test_totals_count_only_evidenced_counted_deals(organiser, edition):
    pipeline(organiser, edition)
    group, _extra = totals(counted_deals(FigureFilter(QueryDict("")).q()))
    assert (group.deals, group.counts.signed, group.counts.registered, group.counts.operating) == (
        4,
        3,
        2,
        1,
    )
    assert (group.counts.amount_signed, group.counts.amount_arrived) == (
        Decimal("390000000.00"),
        Decimal("50000000.00"),
    )
    assert group.rates == Rates(
        fulfilment=Decimal("66.7"),
        landing=Decimal("33.3"),
        start=Decimal("33.3"),
        operation=Decimal("33.3"),
        capital=Decimal("12.8"),
    )


def test_rates_by_city_and_method(organiser, edition):
    pipeline(organiser, edition)
    deals = counted_deals(FigureFilter(QueryDict("")).q())
    with translation.override("zh-hant"):
        by_city = by_dimension(deals, "city", empty_label="-")
    assert [(g.label, g.deals, g.counts.signed, g.rates.fulfilment) for g in by_city] == [
        ("-", 1, 0, None),
        ("長沙市", 2, 2, Decimal("50.0")),
        ("株洲市", 1, 1, Decimal("100.0")),
    ]
    by_method = by_dimension(deals, "method", empty_label="-")
    assert [(g.deals, g.counts.signed) for g in by_method] == [(4, 3)]


def test_speed_medians_in_days(organiser, edition):
    pipeline(organiser, edition)
    result = speed(counted_deals(FigureFilter(QueryDict("")).q()))
    assert result[0] == Speed("signed", "registered", 2, Decimal("45.5"))
    assert result[-1] == Speed("signed", "operating", 1, Decimal("150"))


def test_headline_reports_suspects_and_other_apps(organiser, edition):
    pipeline(organiser, edition)
    figures = headline(context(f"edition={edition.pk}"))
    assert (figures["suspects"], figures["stalled"]) == (1, 3)
    assert figures["matches_suggested"] == Activity(0, None)
    assert figures["meetings_held"] == Activity(0, None)
    assert figures["rates_used"] == ["1 HKD = 0.9 CNY (2025-01-01)"]


def test_every_chart_has_a_fixed_number_of_queries(organiser, edition, django_assert_num_queries):
    expected = {"stages": 3, "rates": 4, "amounts": 4, "speed": 3, "trend": 4}
    query = f"edition={edition.pk}&city={city().pk}"
    make_deal(organiser, edition=edition, city=city())
    for key, build in CHARTS.items():
        with django_assert_num_queries(expected[key]):
            build(context(query))
    pipeline(organiser, edition)
    for key, build in CHARTS.items():
        with django_assert_num_queries(expected[key]):
            build(context(query))


def test_chart_links_drill_down_with_the_same_filters(organiser, edition):
    pipeline(organiser, edition)
    with translation.override("en"):
        chart = CHARTS["rates"](context(f"edition={edition.pk}", by="city")).as_json()
    assert chart["categories"] == ["Not set", "Changsha", "Zhuzhou"]  # English place names
    assert chart["series"][0]["data"] == [None, 50.0, 100.0]
    assert chart["links"][0][0] is None
    assert chart["links"][0][1] == (
        f"/pipeline/deals/?city={city('4301').pk}&counted=on&edition={edition.pk}&reached=registered"
    )


def test_covering_indexes_hold_every_column_the_figure_passes_read():
    """If an aggregate or group key is added, its column must join the covering index."""
    milestones = {MILESTONE_FIELDS[n] for n in NEEDS["all"] if n in MILESTONE_FIELDS}
    groups = {field for field, _model in DIMENSIONS.values() if field != "methods"}
    read = milestones | groups | {"amount", "amount_cny", "arrived_cny", "stage"}
    assert read | {"duplicate_status", "last_progress_on"} <= set(FIGURE_INDEX_FIELDS)
    assert FIGURE_INDEX_FIELDS[:2] == ["edition", "duplicate_status"]
    speed_fields = ["edition", "duplicate_status", "registered_on", *GAP_FIELDS]
    assert speed_fields == SPEED_INDEX_FIELDS
