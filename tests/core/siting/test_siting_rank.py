"""Site ranking: factors as data, missing factors left out, reasons worded in three languages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from duijie_core.siting.model import FactorScore, Reason
from duijie_core.siting.phrases import describe
from duijie_core.siting.rank import industry_fit, land_available, logistics_time, rank


def test_rank_is_the_weighted_mean_of_judged_factors() -> None:
    scores = {
        "industry": {1: FactorScore(1.0), 2: FactorScore(0.5), 3: FactorScore(None)},
        "land": {1: FactorScore(0.2), 2: FactorScore(1.0), 3: FactorScore(0.9)},
    }
    ranked = rank(scores, {"industry": 2.0, "land": 1.0}, [1, 2, 3, 4])
    assert [r.platform for r in ranked] == [3, 1, 2, 4]
    by_id = {r.platform: r for r in ranked}
    assert by_id[1].score == pytest.approx((2 * 1.0 + 0.2) / 3)
    assert by_id[2].score == pytest.approx((2 * 0.5 + 1.0) / 3)
    assert by_id[3].score == pytest.approx(0.9) and by_id[3].coverage == pytest.approx(1 / 3)
    assert by_id[4].score is None and by_id[4].coverage == 0.0
    assert by_id[4].factors["land"].reasons == (Reason("factor_missing"),)


def test_a_missing_factor_is_neither_zero_nor_perfect() -> None:
    scores = {
        "a": {1: FactorScore(0.6), 2: FactorScore(0.6)},
        "b": {1: FactorScore(None, (Reason("no_land_figure"),)), 2: FactorScore(0.0)},
    }
    ranked = {r.platform: r for r in rank(scores, {"a": 1.0, "b": 1.0}, [1, 2])}
    assert ranked[1].score == pytest.approx(0.6)  # not 0.3 (zero) nor 0.8 (perfect)
    assert ranked[2].score == pytest.approx(0.3)


def test_ties_are_broken_by_coverage_then_id_and_weights_are_checked() -> None:
    scores = {"a": {5: FactorScore(0.5), 4: FactorScore(0.5)}, "b": {4: FactorScore(0.5)}}
    assert [r.platform for r in rank(scores, {"a": 1, "b": 1}, [5, 4])] == [4, 5]
    with pytest.raises(ValueError, match="negative"):
        rank(scores, {"a": -1}, [4])
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        FactorScore(1.5)


def test_industry_fit_levels() -> None:
    base = {
        "platform_keys": {"rail-transit"},
        "platform_codes": {"3711", "C39"},
        "platform_words": {"磁浮"},
    }
    same = industry_fit(**base, subject_keys=("rail-transit",), subject_codes=(), subject_words=())
    assert same == FactorScore(1.0, (Reason("same_key_industry", {"industry": "rail-transit"}),))
    group = industry_fit(**base, subject_keys=("x",), subject_codes=("3712",), subject_words=())
    assert group == FactorScore(0.8, (Reason("shared_code", {"code": "371"}),))
    division = industry_fit(**base, subject_keys=(), subject_codes=("C3999",), subject_words=())
    assert division.score == 0.6 and division.reasons[0].params == {"code": "39"}
    exact = industry_fit(**base, subject_keys=(), subject_codes=("3711",), subject_words=())
    assert exact.score == 1.0
    words = industry_fit(**base, subject_keys=(), subject_codes=("0111",), subject_words=("磁浮",))
    assert words == FactorScore(0.5, (Reason("shared_keywords", {"words": "磁浮"}),))
    none = industry_fit(**base, subject_keys=("new-energy",), subject_codes=(), subject_words=())
    assert none == FactorScore(0.0, (Reason("no_industry_fit", {"industry": "new-energy"}),))


def test_industry_fit_without_industries_is_not_judged() -> None:
    empty = industry_fit(
        platform_keys=(),
        platform_codes=(),
        platform_words=(),
        subject_keys=("a",),
        subject_codes=(),
        subject_words=(),
    )
    assert empty == FactorScore(None, (Reason("platform_no_industry"),))
    blank = industry_fit(
        platform_keys={"a"},
        platform_codes=(),
        platform_words=(),
        subject_keys=(),
        subject_codes=(),
        subject_words=(),
    )
    assert blank == FactorScore(None, (Reason("subject_no_industry"),))


def test_logistics_and_land_scores() -> None:
    hours = logistics_time(hours=D(24), market="81", reference_hours=D(96))
    assert hours == FactorScore(0.75, (Reason("hours_to_market", {"hours": 24.0, "market": "81"}),))
    assert logistics_time(hours=D(200), market="81", reference_hours=D(96)).score == 0.0
    assert logistics_time(hours=None, market="81", reference_hours=D(96)).score is None
    assert logistics_time(hours=D(1), market="", reference_hours=D(96)).reasons == (
        Reason("no_market"),
    )
    land = land_available(hectares=D(50), needed=None, reference_hectares=D(100))
    assert land == FactorScore(0.5, (Reason("land_hectares", {"hectares": 50.0}),))
    assert land_available(hectares=D(500), needed=D(10), reference_hectares=D(100)).score == 1.0
    short = land_available(hectares=D(5), needed=D(10), reference_hectares=D(100))
    assert short == FactorScore(
        0.0, (Reason("not_enough_land", {"hectares": 5.0, "needed": 10.0}),)
    )
    assert land_available(hectares=None, needed=None, reference_hectares=D(1)).score is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-Hant", "經最快路線約 31.5 小時到香港"),
        ("zh-Hans", "经最快线路约 31.5 小时到香港"),
        ("en", "about 31.5 hours to Hong Kong by the fastest route"),
    ],
)
def test_reasons_cite_their_numbers_in_each_language(language: str, expected: str) -> None:
    names = {"81": "Hong Kong" if language == "en" else "香港"}
    reason = Reason("hours_to_market", {"hours": 31.5, "market": "81"})
    assert describe(reason, language, names) == expected


def test_reasons_group_thousands_and_keep_unknown_codes_visible() -> None:
    reason = Reason("land_hectares", {"hectares": 1234.5})
    assert describe(reason, "en") == "1,234.5 ha of land available"
    assert describe(reason) == "可供土地 1,234.5 公頃"
    assert describe(Reason("nope", {"a": 1})) == "nope {'a': 1}"
    assert describe(Reason("no_route", {})) == "未有通往{market}的已知路線"
