import datetime as dt

import numpy as np

from duijie_core.matching.engine import Matcher, harmonic
from duijie_core.matching.model import InvestorProfile, Mandate, ProjectQuery, Ties
from duijie_core.matching.score_table import top_indices
from duijie_core.money import Money, parse_amount


def query(**kw) -> ProjectQuery:
    base = dict(
        id="P1",
        date=dt.date(2024, 5, 14),
        company="長沙新儲",
        industry="电池制造",
        city="长沙",
        round="A轮",
        amount=parse_amount("2億元"),
        description="儲能電池",
    )
    return ProjectQuery(**{**base, **kw})


def test_recommend_ranks_behaviour_and_explains(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=3).fit(history)
    rec = m.recommend(query())
    assert [r.candidate for r in rec.items] == ["紅杉中國", "高瓴創投", "湖南高新创投"]
    assert [r.rank for r in rec.items] == [1, 2, 3]
    assert rec.items[0].reasons[1].texts["zh-Hant"] == "投資過2家长沙的電池製造A輪項目"
    assert rec.items[0].reasons[0].code == "history_text"
    assert rec.n_candidates == 6  # 未來基金 only appears after the query date


def test_no_leakage_future_deals_ignored(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=10).fit(history)
    early = m.recommend(query(date=dt.date(2021, 6, 1)))
    assert [r.candidate for r in early.items] == ["紅杉中國", "高瓴創投"]


def test_same_input_same_result(history, taxonomy) -> None:
    a = Matcher(taxonomy=taxonomy, random_state=3).fit(history).recommend(query())
    b = Matcher(taxonomy=taxonomy, random_state=3).fit(history).recommend(query())
    assert a == b


def test_follow_on_and_co_investment(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=5, n_reasons=10).fit(history)
    rec = m.recommend(query(company="湘能儲能", round="C轮"))
    top = rec.items[0]
    assert top.candidate == "高瓴創投"
    assert top.reasons[0].code == "follow_on"
    assert top.reasons[0].texts["en"] == "invested in 湘能儲能 at B輪: likely follow-on"
    partner = next(item for item in rec.items if item.candidate == "湖南高新创投")
    co = next(r for r in partner.reasons if r.code == "co_investor")
    assert co.texts["zh-Hant"] == "與湘能儲能現有股東紅杉中國合投過1次"


def test_missing_fields_degrade_and_say_so(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=2).fit(history)
    full = m.recommend(query())
    empty = m.recommend(
        query(industry="", city="", round="", amount=parse_amount("未披露"), description="")
    )
    assert empty.items[0].score < full.items[0].score
    assert [r.code for r in empty.items[0].reasons][-4:] == [
        "industry_unknown",
        "amount_unknown",
        "round_unknown",
        "city_unknown",
    ]


def test_hard_filters_state_reasons(history, taxonomy) -> None:
    profiles = [
        InvestorProfile("紅杉中國", mandate=Mandate(excluded_industries=("C",))),
        InvestorProfile("高瓴創投", mandate=Mandate(ticket_min=Money(1_000_000_000, "CNY"))),
        InvestorProfile(
            "湖南高新创投", mandate=Mandate(excluded_regions=("湖南",)), location="长沙"
        ),
        InvestorProfile("國投創新", mandate=Mandate(instruments=("债权",))),
        InvestorProfile("深创投", mandate=Mandate(required_certifications=("高新技術企業",))),
    ]
    m = Matcher(taxonomy=taxonomy, top_k=10, region_parents={"长沙": "湖南省"}).fit(
        history, profiles
    )
    rec = m.recommend(query(instrument="股权"))
    assert rec.exclusion_counts == {
        "excluded_industry": 1,
        "excluded_region": 1,
        "excluded_ticket": 1,
        "excluded_instrument": 1,
        "excluded_certification": 1,
    }
    texts = {e.candidate: e.reason.texts["en"] for e in rec.exclusions}
    assert texts == {
        "紅杉中國": "excluded: investor does not invest in 电池制造",
        "高瓴創投": "excluded: CN¥200m outside ticket CN¥1bn–…",
        "湖南高新创投": "excluded: investor does not invest in 长沙",
        "國投創新": "excluded: investor does not accept 股权",
        "深创投": "excluded: certification 高新技術企業 missing",
    }
    assert [r.candidate for r in rec.items] == ["啟明創投"]


def test_two_sided_one_sided_fit_ranks_low(taxonomy) -> None:
    profiles = [
        InvestorProfile("both", kind="strategic", mandate=Mandate(industries=("38",))),
        InvestorProfile("investor only", kind="financial", mandate=Mandate(industries=("38",))),
        InvestorProfile("owner only", kind="strategic", mandate=Mandate(industries=("66",))),
    ]
    m = Matcher(taxonomy=taxonomy, top_k=3).fit([], profiles)
    rec = m.recommend(query(wants="strategic", ties=Ties(hometowns=("常德",))))
    assert rec.items[0].candidate == "both"
    assert rec.items[0].reasons[0].code == "industry_division"
    one_sided = {r.candidate: r for r in rec.items[1:]}
    assert one_sided["investor only"].project_interest < rec.items[0].project_interest
    assert one_sided["owner only"].investor_interest < rec.items[0].investor_interest


def test_mandate_signals_and_ties(taxonomy) -> None:
    profile = InvestorProfile(
        "湘商基金",
        kind="strategic",
        location="深圳",
        currencies=("CNY",),
        thesis="儲能 電池 新能源",
        mandate=Mandate(
            industries=("3841",),
            ticket_min=Money(50_000_000, "CNY"),
            ticket_max=Money(500_000_000, "CNY"),
            regions=("长沙",),
            stages=("A轮",),
            instruments=("股权",),
        ),
        ties=Ties(hometowns=("常德",), schools=("湖南大学",)),
    )
    m = Matcher(taxonomy=taxonomy, top_k=1, n_reasons=10).fit([], [profile])
    rec = m.recommend(
        query(
            instrument="股权",
            wants="strategic",
            currencies=("CNY",),
            investor_regions=("深圳",),
            ties=Ties(hometowns=("常德",), met=("湘商基金",)),
        )
    )
    item = rec.items[0]
    assert {r.code for r in item.reasons} == {
        "industry_group",
        "ticket_covers",
        "stage_match",
        "region_match",
        "instrument_match",
        "thesis_text",
        "tie_hometown",
        "owner_wants_strategic",
    }
    scores = {s.name: s.score for s in item.signals}
    assert (scores["industry"], scores["ticket"], scores["stage"], scores["owner"]) == (
        0.85,
        1.0,
        1.0,
        1.0,
    )


def test_recommend_all_spreads_load(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=2).fit(history)
    queries = [query(id=f"P{i}") for i in range(4)]
    results, before, after = m.recommend_all(queries, capacity=2)
    assert before.max == 4 and after.max == 2
    assert [len(r.items) for r in results] == [2, 2, 2, 2]
    assert results[0].items[0].reasons == m.recommend(queries[0]).items[0].reasons


def test_helpers() -> None:
    assert top_indices(np.array([1.0, 3.0, 3.0, -np.inf]), 5).tolist() == [1, 2, 0]
    assert harmonic(np.array([1.0, 0.0, 0.5]), np.array([1.0, 0.0, 1.0])).round(4).tolist() == [
        1.0,
        0.0,
        0.6667,
    ]


def test_signal_vector(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy).fit(history)
    (row,) = m.signal_vector(query(), ["紅杉中國"])
    assert row["history_round"] > 0 and row["follow_on"] == 0.0


def test_cover_first_gives_every_project_a_candidate_when_capacity_allows() -> None:
    import numpy as np

    from duijie_core.matching.spreading import spread_load

    # candidate 0 is everyone's favourite but takes one project; candidate 1 only suits A and B
    pools = [
        (np.array([0, 1]), np.array([0.9, 0.8])),  # A
        (np.array([0, 1]), np.array([0.85, 0.7])),  # B
        (np.array([0]), np.array([0.5])),  # C: only candidate 0
    ]
    capacity = np.array([1, 2])
    plain = spread_load(pools, 2, capacity)
    assert [k.tolist() for k in plain] == [[0, 1], [1], []]
    covered = spread_load(pools, 2, capacity, cover_first=True)
    assert [k.tolist() for k in covered] == [[1], [1], [0]]
