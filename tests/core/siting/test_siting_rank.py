"""Site ranking: factors as data, missing factors left out, reasons worded in three languages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from duijie_core.siting.model import FactorScore, Reason
from duijie_core.siting.phrases import describe
from duijie_core.siting.rank import industry_fit, land_available, logistics_time, rank


def test_rank_is_the_weighted_mean_with_unjudged_factors_at_the_factors_worst() -> None:
    scores = {
        "industry": {1: FactorScore(1.0), 2: FactorScore(0.5), 3: FactorScore(None)},
        "land": {1: FactorScore(0.2), 2: FactorScore(1.0), 3: FactorScore(0.9)},
    }
    ranked = rank(scores, {"industry": 2.0, "land": 1.0}, [1, 2, 3, 4])
    assert [r.platform for r in ranked] == [1, 2, 3, 4]
    by_id = {r.platform: r for r in ranked}
    assert by_id[1].score == pytest.approx((2 * 1.0 + 0.2) / 3) and by_id[1].coverage == 1.0
    assert by_id[2].score == pytest.approx((2 * 0.5 + 1.0) / 3)
    # industry unjudged at 3: counted as the lowest judged industry score, 0.5
    assert by_id[3].score == pytest.approx((2 * 0.5 + 0.9) / 3)
    mean = {
        r.platform: r.score
        for r in rank(scores, {"industry": 2.0, "land": 1.0}, [1, 2, 3], unjudged="mean")
    }
    assert mean[3] == pytest.approx((2 * 0.75 + 0.9) / 3)  # (1.0 + 0.5) / 2
    assert by_id[3].coverage == pytest.approx(1 / 3)
    assert by_id[4].score is None and by_id[4].coverage == 0.0
    assert by_id[4].factors["land"].reasons == (Reason("factor_missing"),)


def test_an_unjudged_factor_cannot_lift_a_platform_above_the_judged_ones() -> None:
    # Before: platform 1 was ranked on "a" alone (0.6) and came first.
    scores = {
        "a": {1: FactorScore(0.6), 2: FactorScore(0.6), 3: FactorScore(0.6)},
        "b": {
            1: FactorScore(None, (Reason("no_land_figure"),)),
            2: FactorScore(0.0),
            3: FactorScore(1.0),
        },
    }
    ranked = rank(scores, {"a": 1.0, "b": 1.0}, [1, 2, 3])
    # 1 counts as the worst judged b (0.0): tied with 2 on score, after it on coverage
    assert [r.platform for r in ranked] == [3, 2, 1]
    by_id = {r.platform: r for r in ranked}
    assert by_id[1].score == pytest.approx(0.3)  # not 0.6 (left out, first before)
    assert by_id[1].coverage == 0.5 and by_id[1].factors["b"].reasons == (Reason("no_land_figure"),)
    mean = rank(scores, {"a": 1.0, "b": 1.0}, [1, 2, 3], unjudged="mean")
    assert [(r.platform, r.score) for r in mean] == [
        (3, pytest.approx(0.8)),
        (1, pytest.approx((0.6 + 0.5) / 2)),
        (2, pytest.approx(0.3)),
    ]
    # the stand-in is taken over the platforms ranked, not every platform scored
    only = {r.platform: r.score for r in rank(scores, {"a": 1.0, "b": 1.0}, [1, 3])}
    assert only[1] == pytest.approx((0.6 + 1.0) / 2)
    with pytest.raises(ValueError, match="'mean' or 'worst'"):
        rank(scores, {"a": 1.0}, [1], unjudged="best")  # type: ignore[arg-type]


def test_a_factor_no_platform_could_judge_is_left_out_of_every_mean() -> None:
    scores = {"a": {1: FactorScore(0.4), 2: FactorScore(0.8)}, "b": {1: None, 2: FactorScore(None)}}
    by_id = {r.platform: r for r in rank(scores, {"a": 1.0, "b": 3.0}, [1, 2])}
    assert by_id[1].score == pytest.approx(0.4) and by_id[2].score == pytest.approx(0.8)
    assert by_id[1].coverage == pytest.approx(0.25)
    assert by_id[1].factors["b"].reasons == (Reason("factor_missing"),)


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


def test_industry_fit_grows_with_the_firms_of_the_industry() -> None:
    def fit(firms: dict[str, int], keys: tuple[str, ...] = ("rail",)) -> FactorScore:
        return industry_fit(
            platform_keys=set(firms),
            platform_codes=(),
            platform_words={"机械"},
            subject_keys=keys,
            subject_codes=(),
            subject_words=("机械",),
            key_firms=firms,
        )

    assert [fit({"rail": n, "food": 9}).score for n in (0, 1, 3, 12)] == pytest.approx(
        [0.6, 0.7, 0.8, 0.92]
    )
    assert fit({"rail": 3, "food": 9}).reasons == (
        Reason("key_industry_firms", {"industry": "rail", "firms": 3, "all": 12, "share": 25}),
    )
    both = fit({"rail": 2, "ev": 1, "food": 1}, keys=("ev", "rail"))
    assert both.score == pytest.approx(0.6 + 0.4 * 3 / 6)
    assert [r.params["share"] for r in both.reasons] == [25, 50]
    # no key industry in common: the firm counts change nothing
    assert fit({"food": 40}).score == 0.5
    assert fit({"rail": 0, "food": 2}).reasons[0].params == {
        "industry": "rail",
        "firms": 0,
        "all": 2,
        "share": 0,
    }
    none = fit({"rail": 0})
    assert none == FactorScore(0.6, (Reason("key_industry_no_firms", {"industry": "rail"}),))
    assert describe(none.reasons[0], "en") == (
        "“rail” is one of its leading industries; no firm of its leading industries on "
        "record in the city"
    )
    assert describe(none.reasons[0], "zh-Hans") == (
        "主导产业包括“rail”，但所在城市没有其主导产业企业的记录"
    )


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
    slow = logistics_time(
        hours=D(40), market="81", reference_hours=D(96), fastest=D(7), slack_hours=D(24)
    )
    assert slow == FactorScore(
        1 - 9 / 96,
        (
            Reason("hours_to_market", {"hours": 40.0, "market": "81"}),
            Reason("hours_over_fastest", {"more": 33.0, "slack": 24.0}),
        ),
    )
    assert describe(slow.reasons[1], "en") == (
        "33 hours more than the fastest platform (no penalty within 24 hours)"
    )
    assert describe(slow.reasons[1]) == "比最快的平台多 33 小時（24 小時內不扣分）"
    near = logistics_time(
        hours=D(30), market="81", reference_hours=D(96), fastest=D(7), slack_hours=D(24)
    )
    assert near.score == 1.0
    fastest = logistics_time(
        hours=D(7), market="81", reference_hours=D(96), fastest=D(7), slack_hours=D(24)
    )
    assert fastest == FactorScore(1.0, (Reason("hours_to_market", {"hours": 7.0, "market": "81"}),))
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


def test_the_strength_reason_cites_its_numbers_in_each_language() -> None:
    reason = Reason("key_industry_firms", {"industry": "rail", "firms": 3, "all": 12, "share": 25})
    assert describe(reason, "zh-Hant", {"rail": "軌道交通"}) == (
        "主導產業包括「軌道交通」：所在城市有 3 家該產業企業，佔其主導產業企業 12 家的 25%"
    )
    assert describe(reason, "zh-Hans", {"rail": "轨道交通"}) == (
        "主导产业包括“轨道交通”：所在城市有 3 家该产业企业，占其主导产业企业 12 家的 25%"
    )
    assert describe(reason, "en", {"rail": "rail transit"}) == (
        "“rail transit” is one of its leading industries: 3 firms of it in the city, 25% of "
        "the 12 firms of its leading industries"
    )
