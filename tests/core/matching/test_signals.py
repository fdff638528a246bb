import datetime as dt

import numpy as np

from duijie_core.matching.model import InvestorProfile, ProjectQuery, Ties
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.signals import (
    industry_fit,
    instrument_fit,
    owner_fit,
    region_fit,
    round_key,
    stage_fit,
    ticket_fit,
    ticket_score,
    ticket_scores,
    ties_fit,
)
from duijie_core.money import Money, parse_amount


def test_round_key() -> None:
    assert [
        round_key(r)
        for r in (
            "A+轮",
            "Pre-A輪",
            "天使轮",
            "Series B",
            "D轮",
            "IPO上市",
            "Pre-IPO",
            "未披露",
            "战略融资",
        )
    ] == ["a", "pre-a", "angel", "b", "d", "ipo", "pre-ipo", "", "strategic"]


def test_ticket_fit_inside_and_outside_on_log_scale() -> None:
    low, high = Money(50_000_000, "CNY"), Money(500_000_000, "CNY")
    inside = ticket_fit(parse_amount("2億元"), low, high)
    assert inside.score == 1.0
    assert inside.reason.texts == {
        "zh-Hant": "投資額 5000萬人民幣–5億人民幣 涵蓋 2億人民幣",
        "zh-Hans": "投资额 5000万人民币–5亿人民币 涵盖 2亿人民币",
        "en": "ticket CN¥50m–CN¥500m covers CN¥200m",
    }
    assert ticket_fit(parse_amount("50億元"), low, high).score == 0.5  # one decade above
    unknown = ticket_fit(parse_amount("未披露"), low, high)
    assert (unknown.score, unknown.known, unknown.reason.code) == (0.5, False, "amount_unknown")


def test_ticket_scores_open_bounds() -> None:
    got = ticket_scores(
        8.0, np.array([7.0, np.nan, 9.0, np.nan]), np.array([9.0, 7.0, np.nan, np.nan])
    )
    assert got.tolist() == [1.0, 0.5, 0.5, 0.5]


def test_ticket_score_of_one_candidate_equals_the_vectorised_scores() -> None:
    rng = np.random.default_rng(3)
    low, high = rng.uniform(5, 10, 400), rng.uniform(6, 11, 400)
    low[::7], high[::5] = np.nan, np.nan
    for log_a in (5.5, 7.25, 8.0, 10.9):
        expected = ticket_scores(log_a, low, high).tolist()
        got = [ticket_score(log_a, lo, hi) for lo, hi in zip(low, high, strict=True)]
        assert got == expected
        assert {x for x in got if x not in (0.5, 1.0)}  # values strictly between are compared


def test_industry_fit(taxonomy) -> None:
    assert industry_fit(taxonomy, "3841", ("3841",)).score == 1.0
    sig = industry_fit(taxonomy, "锂离子电池", ("38",))
    assert (sig.score, sig.reason.texts["zh-Hant"]) == (0.7, "同一行業大類：電氣機械和器材製造業")
    related = industry_fit(taxonomy, "3841", ("4411",))
    assert (related.score, related.reason.texts["en"]) == (0.5, "same key industry: New energy")
    assert industry_fit(taxonomy, "3841", ("6612",)).score == 0.0
    assert industry_fit(taxonomy, "", ("38",)).known is False


def test_stage_instrument_region() -> None:
    assert stage_fit("A輪", ("A轮", "B轮")).score == 1.0
    assert stage_fit("Pre-A轮", ("A轮",)).score == 0.5
    assert stage_fit("C轮", ("天使轮",)).score == 0.0
    assert stage_fit("", ("A轮",)).known is False
    assert instrument_fit("股權", ("股权",)).score == 1.0
    assert instrument_fit("债权", ("股权",)).score == 0.0
    assert instrument_fit("", ("股权",)).known is False
    assert (
        region_fit("長沙", ("湖南",), {"长沙": "湖南省"}).reason.texts["en"]
        == "focus region includes 湖南"
    )
    assert region_fit("深圳", ("湖南",)).score == 0.0
    assert region_fit("", ("湖南",)).reason.code == "city_unknown"
    assert region_fit("长沙", ()).known is False


def test_ties() -> None:
    owner = Ties(hometowns=("常德",), schools=("湖南大學",), met=("王先生",))
    assert ties_fit(owner, Ties(hometowns=("常德",))).reason.texts["zh-Hant"] == "同為常德籍"
    assert ties_fit(owner, Ties(schools=("湖南大学",))).score == 0.8
    assert ties_fit(owner, Ties(), "王先生").reason.code == "tie_met"
    assert ties_fit(owner, Ties()).score == 0.0


def test_owner_fit_project_side() -> None:
    q = ProjectQuery(
        "p", dt.date(2024, 1, 1), wants="strategic", currencies=("HKD",), investor_regions=("香港",)
    )
    good = owner_fit(
        q, InvestorProfile("a", kind="strategic", currencies=("HKD",), location="香港")
    )
    bad = owner_fit(q, InvestorProfile("b", kind="financial", currencies=("USD",), location="北京"))
    assert (good.score, good.side, good.reason.code) == (1.0, "project", "owner_wants_strategic")
    assert round(bad.score, 4) == 0.3
    assert owner_fit(ProjectQuery("p", dt.date(2024, 1, 1)), InvestorProfile("c")).known is False


def test_make_reason_three_languages() -> None:
    r = make_reason("history_similar", count=3, city="長沙", industry="新能源", round="A輪")
    assert r.texts == {
        "zh-Hant": "投資過3家長沙的新能源A輪項目",
        "zh-Hans": "投资过3家長沙的新能源A轮项目",
        "en": "invested in 3 New energy A輪 companies in 長沙",
    }
    assert r.text("fr") == r.texts["zh-Hant"]
    assert r.params == {"count": 3, "city": "長沙", "industry": "新能源", "round": "A輪"}
