"""The adapter: from rows to the core's dataclasses, in bulk, and the cached matcher."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duijie.directory.models import FinancingEvent, Mandate
from duijie.matchmaking import adapters
from duijie.matchmaking.labels import reason_language, reason_texts, relabel, warm_labels
from duijie.reference.models import AdminDivision
from duijie.reference.names import names_in
from duijie_core.matching import Deal, Ties
from duijie_core.matching import Mandate as CoreMandate
from duijie_core.matching.reasons import make_reason
from duijie_core.money import Money, MoneyRange, UnknownAmount
from tests.web.matchmaking.factories import TODAY, investor

pytestmark = pytest.mark.django_db
CNY = "CNY"


def test_project_query_from_the_catalogue(world):
    _projects, queries = adapters.load_queries(world.edition, TODAY)
    assert queries == [
        adapters.ProjectQuery(
            id=str(world.project.pk),
            date=TODAY,
            company="湖南星沙儲能科技有限公司",
            industry="44",
            city="长沙市",
            round="B轮",
            amount=Money(Decimal(50_000_000), CNY),
            description=world.project.name_hans,
            instrument="equity",
            ties=Ties(),
        )
    ]


def test_investor_profile_merges_the_mandate(world):
    profiles = {p.name: p for p in adapters.load_candidates().profiles}
    lead = profiles["香港維港創投"]
    assert (lead.kind, lead.location, lead.currencies, lead.thesis) == (
        "financial",
        "香港特别行政区",
        ("CNY",),
        "新能源 儲能電池",
    )
    assert lead.mandate == CoreMandate(
        industries=("3841", "3842", "3849", "44", "4415", "4416", "4419"),
        ticket_min=Money(Decimal(10_000_000), CNY),
        ticket_max=Money(Decimal(500_000_000), CNY),
        regions=("湖南省",),
        stages=("B轮",),
        instruments=("equity",),
    )
    assert lead.ties == Ties(hometowns=("常德市",))


def test_two_mandates_widen_the_ticket_and_an_open_bound_stays_open(world):
    Mandate.objects.create(organisation=world.lead, ticket_min=Decimal(1_000_000), currency=CNY)
    lead = next(p for p in adapters.load_candidates().profiles if p.name == "香港維港創投")
    assert (lead.mandate.ticket_min, lead.mandate.ticket_max) == (
        Money(Decimal(1_000_000), CNY),
        None,
    )


def test_history_from_financing_events(world):
    assert adapters.load_history() == [
        Deal(
            date=dt.date(2023, 3, 1),
            company="湖南星沙儲能科技有限公司",
            investors=("香港維港創投",),
            round="A輪",
            amount=Money(Decimal(30_000_000), CNY),
            description="湖南星沙儲能科技有限公司完成A輪融資",
            row=FinancingEvent.objects.get().pk,
        )
    ]


@pytest.mark.parametrize(
    ("low", "high", "currency", "expected"),
    [
        (None, None, "", UnknownAmount("")),
        (Decimal(5), Decimal(5), "USD", Money(Decimal(5), "USD")),
        (
            Decimal(5),
            Decimal(9),
            "HKD",
            MoneyRange(Money(Decimal(5), "HKD"), Money(Decimal(9), "HKD")),
        ),
    ],
)
def test_event_amount(low, high, currency, expected):
    assert adapters.event_amount(low, high, currency) == expected


def test_buyers_and_suppliers(world):
    buyers, owners = adapters.load_buyers()
    suppliers, ids = adapters.load_suppliers()
    assert [(b.name, b.needs, b.volume, b.required_certifications) for b in buyers] == [
        ("香港紫荊超市", "臍橙", 500 / 12, ("GAP",))  # a year's volume spread over 12 months
    ]
    assert list(owners.values()) == [world.buyer.pk]
    assert [(s.name, s.certifications, [o.product.names for o in s.offers]) for s in suppliers] == [
        ("永州臍橙農業有限公司", ("gap",), [("臍橙", "脐橙", "navel oranges")])
    ]
    assert ids == {"永州臍橙農業有限公司": world.supplier.pk}


def test_loading_candidates_takes_the_same_queries_for_one_or_many(
    world, django_assert_num_queries
):
    with django_assert_num_queries(10):
        adapters.load_candidates()
    for n in range(3):
        investor(f"增加投資者{n}")
    with django_assert_num_queries(10):
        adapters.load_candidates()


def test_the_fitted_matcher_is_reused_until_the_data_changes(world):
    first = adapters.fitted_matcher(top_k=5)
    assert adapters.fitted_matcher(top_k=5) is first
    investor("新來的投資者")
    assert adapters.fitted_matcher(top_k=5) is not first


def test_relabel_shows_the_catalogue_stage_and_instrument():
    stored = relabel(make_reason("stage_match", round="B轮"))
    assert stored["texts"] == {
        "zh-Hant": "投資階段包括在建",
        "zh-Hans": "投资阶段包括在建",
        "en": "invests at stage Under construction",
    }
    assert relabel(make_reason("instrument_match", instrument="equity"))["texts"] == {
        "zh-Hant": "接受股權",
        "zh-Hans": "接受股权",
        "en": "accepts Equity",
    }


def test_reason_texts_in_the_reader_language():
    stored = [relabel(make_reason("tie_hometown", place="常德市"))]
    assert reason_texts(stored, "en") == ["both from Changde"]  # the reference name in English
    assert reason_texts(stored, "zh-hans") == ["同为常德市籍"]
    assert reason_texts(stored, None) == ["同為常德市籍"]
    assert reason_language("fr") == "zh-Hant"


def test_reasons_name_places_and_industries_in_the_reader_language():
    region = relabel(make_reason("region_match", region="湖南省"))
    industry = relabel(
        make_reason("industry_division", industry="电力、热力生产和供应业", industry_code="44")
    )
    assert region["texts"] == {
        "zh-Hant": "關注地區包括湖南省",
        "zh-Hans": "关注地区包括湖南省",
        "en": "focus region includes Hunan",
    }
    assert industry["texts"] == {
        "zh-Hant": "同一行業大類：電力、熱力生產和供應業",
        "zh-Hans": "同一行业大类：电力、热力生产和供应业",
        "en": "same industry division: Production and Supply of Electricity and Heat",
    }
    assert region["params"] == {"region": "湖南省"}  # stored as codes and reference names
    similar = relabel(
        make_reason("history_similar", count=2, city="张家界市", industry="", round="")
    )
    assert "Zhangjiajie" in similar["texts"]["en"] and "張家界市" in similar["texts"]["zh-Hant"]


def test_after_warming_relabelling_reads_nothing(django_assert_num_queries):
    """A run's forked workers relabel reasons: everything read lazily is read before."""
    names_in.cache_clear()
    warm_labels()
    with django_assert_num_queries(0):
        stored = [
            relabel(make_reason("stage_match", round="B轮")),
            relabel(make_reason("region_match", region="湖南省")),
            relabel(
                make_reason("history_similar", count=2, city="张家界市", industry="", round="并购")
            ),
        ]
    assert stored[1]["texts"]["en"] == "focus region includes Hunan"


def test_remembered_reasons_follow_renamed_reference_data():
    """Relabelled reasons are remembered only while the reference names stay the same."""
    reason = make_reason("region_match", region="湖南省")
    assert relabel(reason)["texts"]["en"] == "focus region includes Hunan"
    AdminDivision.objects.filter(name="湖南省").update(name_en="Hunan Province")
    names_in.cache_clear()  # as ``load_all`` does after changing reference data
    try:
        assert relabel(reason)["texts"]["en"] == "focus region includes Hunan Province"
    finally:
        names_in.cache_clear()
