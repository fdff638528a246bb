"""The analyst heuristic, graph features, reciprocity and the learned two-stage ranker."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duijie_core.matching.cli import main
from duijie_core.matching.datasets import synthetic_history
from duijie_core.matching.engine import Matcher
from duijie_core.matching.evaluation import as_query, temporal_split
from duijie_core.matching.graph import (
    DealGraph,
    activity_by_period,
    follow_on_record,
    personalised_pagerank,
    shared_co_investors,
)
from duijie_core.matching.heuristic import AnalystHeuristic
from duijie_core.matching.history_checks import check_history
from duijie_core.matching.model import Deal, InvestorProfile, Mandate, ProjectQuery
from duijie_core.matching.ranker import (
    FEATURES,
    RANK_FEATURES,
    Boosting,
    LearnedRanker,
    generate_candidates,
)
from duijie_core.matching.ranker.features import _log_rank
from duijie_core.matching.ranker.training import _blocks, ndcg20
from duijie_core.matching.reciprocity import auc, investor_interest
from duijie_core.money import UnknownAmount, parse_amount
from duijie_core.problems import Problem


def deal(day: str, company: str, investors: str) -> Deal:
    return Deal(dt.date.fromisoformat(day), company, tuple(investors.split(";")))


EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "matching"


def small_history() -> list:
    return [
        deal("2020-01-01", "甲", "红杉;高瓴"),
        deal("2020-06-01", "乙", "高瓴;深创投"),
        deal("2021-01-01", "丙", "深创投"),
        deal("2021-03-01", "丁", "深创投;IDG"),
        deal("2021-05-01", "戊", "IDG"),
        deal("2021-06-01", "甲", "红杉"),
    ]


def q(company: str, day: str = "2022-01-01", **kw: object) -> ProjectQuery:
    return ProjectQuery(id="q", date=dt.date.fromisoformat(day), company=company, **kw)  # type: ignore[arg-type]


# --- the analyst heuristic ------------------------------------------------------------


def test_heuristic_tiers() -> None:
    h = AnalystHeuristic().fit(small_history())
    # 甲's earlier investors first (红杉, 高瓴), then 高瓴's co-investor 深创投, then popularity
    assert h.rank(q("甲"), 10) == ["红杉", "高瓴", "深创投", "IDG"]
    # a company without history: recency-weighted popularity only (深创投 3 deals, most recent)
    assert h.rank(q("新公司"), 2) == ["深创投", "IDG"]


def test_heuristic_sees_only_earlier_deals() -> None:
    h = AnalystHeuristic().fit(small_history())
    assert h.rank(q("甲", "2020-03-01"), 10) == ["红杉", "高瓴"]
    assert h.rank(q("甲", "2020-01-01"), 10) == []


# --- graph features -------------------------------------------------------------------


def graph_of(deals: list) -> tuple[Matcher, DealGraph]:
    m = Matcher().fit(deals)
    return m, DealGraph(m.history_)


def test_shared_co_investors_and_pagerank() -> None:
    m, g = graph_of(small_history())
    key = m.candidate_keys_
    day = dt.date(2022, 1, 1).toordinal()
    visible = m.history_.visible_deals(day)
    partners = np.array([key["红杉"], key["高瓴"]])
    shared = shared_co_investors(g, partners, visible)
    assert shared[key["深创投"]] == 1.0  # with 高瓴 in 乙
    assert shared[key["idg"]] == 0.0
    assert shared[key["红杉"]] == 0.0  # partners themselves are not counted
    rank = personalised_pagerank(g, partners, day)
    assert rank[key["深创投"]] > rank[key["idg"]] > 0.0  # IDG is two hops away
    assert rank[key["红杉"]] == 0.0
    assert personalised_pagerank(g, np.zeros(0, np.int64), day).sum() == 0.0


def test_activity_by_period_and_follow_on_record() -> None:
    m, g = graph_of(small_history())
    key = m.candidate_keys_
    day = dt.date(2022, 1, 1).toordinal()
    activity = activity_by_period(g, day)
    assert activity["deals_last_year"][key["深创投"]] == 2.0  # 2021-01-01, 2021-03-01
    assert activity["deals_1_3_years"][key["深创投"]] == 1.0
    assert activity["years_since_last_deal"][key["idg"]] == pytest.approx(245 / 365)
    record = follow_on_record(g, day)
    # 8 investor-company pairs, 1 repeated (红杉 in 甲): base 1/8, prior 2
    assert record[key["红杉"]] == pytest.approx((1 + 2 / 8) / (1 + 2))
    assert record[key["深创投"]] == pytest.approx((2 / 8) / (3 + 2))
    assert record[key["idg"]] == pytest.approx((2 / 8) / (2 + 2))


# --- reciprocity ----------------------------------------------------------------------


def test_auc() -> None:
    assert auc([0.9, 0.8, 0.1, 0.2], [True, True, False, False]) == 1.0
    assert auc([0.1, 0.2, 0.9], [True, True, False]) == 0.0
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([0.5], [True]) is None


def test_investor_interest_scale() -> None:
    assert investor_interest(np.array([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    assert investor_interest(np.array([1.0, 1.0])).tolist() == [1.0, 1.0]


# --- the learned ranker ---------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic() -> tuple[list, list]:
    deals = synthetic_history(n_investors=80, n_companies=400, seed=2)
    return temporal_split(deals, 0.2)


def fitted(deals: list, test: list, **kw: object) -> LearnedRanker:
    return LearnedRanker(
        Matcher(),
        train_before=test[0].date,
        n_estimators=30,
        min_queries=10,
        validation_fraction=0.3,
        **kw,  # type: ignore[arg-type]
    ).fit(deals)


def test_same_seed_same_model(synthetic) -> None:
    train, test = synthetic
    deals = train + test
    a = fitted(deals, test, random_state=7)
    b = fitted(deals, test, random_state=7)
    assert a.n_train_queries_ == b.n_train_queries_ > 100
    assert a.model_ is not None and b.model_ is not None
    assert a.model_.model_to_string() == b.model_.model_to_string()
    query = as_query(test[5], 5)
    assert a.recommend(query) == b.recommend(query)


def test_trained_only_before_the_cut(synthetic) -> None:
    train, test = synthetic
    ranker = fitted(train + test, test)
    dates = [d.date for _, d in ranker._training_deals(train + test)]
    assert max(dates) < test[0].date


def test_candidates_are_bounded_and_hold_follow_on(synthetic) -> None:
    train, test = synthetic
    m = Matcher().fit(train + test)
    query = next(as_query(d, i) for i, d in enumerate(test) if d.round != "天使轮")
    table = m.score_table(query)
    chosen = generate_candidates(table, 60)
    assert len(chosen) <= 60 and len(set(chosen.tolist())) == len(chosen)
    follow = np.flatnonzero(table.signals["follow_on"] * table.eligible)
    assert set(follow.tolist()) <= set(chosen.tolist())
    assert table.eligible[chosen].all()


def test_reasons_are_sentences_in_three_languages(synthetic) -> None:
    train, test = synthetic
    ranker = fitted(train + test, test, top_k=5)
    rec = ranker.recommend(as_query(test[0], 0))
    assert len(rec.items) == 5
    assert [i.rank for i in rec.items] == [1, 2, 3, 4, 5]
    assert [i.score for i in rec.items] == sorted((i.score for i in rec.items), reverse=True)
    for item in rec.items:
        notes = [r for r in item.reasons if r.code.endswith("_unknown")]
        assert 1 <= len(item.reasons) - len(notes) <= 3
        assert [r.code for r in notes] == ["industry_unknown"]  # no taxonomy given
        for reason in item.reasons:
            assert set(reason.texts) == {"zh-Hant", "zh-Hans", "en"}
            assert all(text and "{" not in text for text in reason.texts.values())
        assert 0.0 <= item.project_interest <= 1.0


def test_feature_names_are_complete() -> None:
    assert len(FEATURES) == len(set(FEATURES)) == 30
    assert FEATURES[-2:] == RANK_FEATURES


def test_rank_features_within_the_candidates(synthetic) -> None:
    train, test = synthetic
    ranker = fitted(train + test, test)
    built = ranker.features(as_query(test[3], 3), 50)
    matcher_rank = built.features[:, FEATURES.index("matcher_rank")]
    best = np.argmax(built.table.combined[built.candidates])
    assert matcher_rank[best] == 0.0  # log2(1 + 0)
    assert sorted(np.rint(np.exp2(matcher_rank) - 1)) == list(range(len(built.candidates)))
    # heuristic order: follow-on first, then co-investment, then activity; ties by position
    ranks = _log_rank([np.array([0.0, 1.0, 0.0, 0.0]), np.array([0.0, 0.0, 2.0, 2.0])])
    assert np.rint(np.exp2(ranks) - 1).tolist() == [3.0, 0.0, 1.0, 2.0]


def test_rolling_validation_blocks() -> None:
    # the latest half of 100 queries in 3 consecutive blocks, each after all its training
    assert _blocks(100, 0.5, 3) == [(50, 67), (67, 83), (83, 100)]
    assert _blocks(100, 0.2, 1) == [(80, 100)]
    assert _blocks(4, 0.5, 3) == [(2, 3), (3, 4)]  # empty blocks are dropped
    assert ndcg20([(np.array([0.2, 0.9]), np.array([0.0, 1.0]))]) == 1.0
    assert ndcg20([(np.array([0.9, 0.2]), np.array([0.0, 1.0]))]) == pytest.approx(1 / np.log2(3))
    assert ndcg20([]) == 0.0


def test_monotone_constraints_follow_the_features() -> None:
    params = Boosting(features=("matcher_score", "pagerank", "matcher_rank"), monotone=True)
    assert params.params()["monotone_constraints"] == [1, 0, -1]
    assert "monotone_constraints" not in Boosting().params()


def test_variants_train_and_report_their_validation(synthetic) -> None:
    train, test = synthetic
    no_ranks = tuple(f for f in FEATURES if f not in RANK_FEATURES)
    ranker = fitted(
        train + test,
        test,
        features=no_ranks,
        monotone=True,
        num_leaves=3,
        lambda_l2=10.0,
        n_folds=3,
    )
    v = ranker.validation_
    assert v is not None and v.n_folds == 3 and ranker.model_ is not None
    assert v.model_ndcg > v.base_ndcg and v.rounds == ranker.n_rounds_ >= 1
    assert ranker.model_.feature_name() == list(no_ranks)
    assert ranker.model_.current_iteration() == ranker.n_rounds_  # retrained on all queries
    rec = ranker.recommend(as_query(test[0], 0))
    assert all(i.reasons for i in rec.items)


def test_a_model_is_kept_only_when_it_validates_better(synthetic) -> None:
    train, test = synthetic
    for scale in (1e9, 10.0):
        ranker = fitted(train + test, test, base_scale=scale)
        v = ranker.validation_
        assert v is not None
        if ranker.model_ is None:
            assert v.model_ndcg == v.base_ndcg and ranker.n_rounds_ == v.rounds == 0
        else:
            assert v.model_ndcg > v.base_ndcg and ranker.n_rounds_ == v.rounds >= 1
    forced = fitted(train + test, test, base_scale=1e9, require_gain=False)
    assert forced.model_ is not None and forced.n_rounds_ >= 1


def test_batch_reasons_are_those_of_one_project(synthetic) -> None:
    """recommend_all builds signal reasons lazily: same ranks, scores and reasons shown."""
    train, test = synthetic
    ranker = fitted(train + test, test, top_k=8)
    assert ranker.model_ is not None
    queries = [as_query(d, i) for i, d in enumerate(test[:6])]
    batch, _, _ = ranker.recommend_all(queries)
    for query, got in zip(queries, batch, strict=True):
        one = ranker.recommend(query)
        assert [i.candidate for i in got.items] == [i.candidate for i in one.items]
        assert [i.score for i in got.items] == [i.score for i in one.items]
        assert [i.reasons for i in got.items] == [i.reasons for i in one.items]
        assert [[s.score for s in i.signals] for i in got.items] == [
            [s.score for s in i.signals] for i in one.items
        ]
        assert all(s.reason is None for i in got.items for s in i.signals)


def test_one_sided_fit_ranks_low(synthetic) -> None:
    """The owner wants a strategic investor in Hong Kong: a financial one elsewhere drops."""
    train, test = synthetic
    deals = train + test
    query = dataclasses.replace(as_query(test[0], 0), wants="strategic", investor_regions=("香港",))
    plain = fitted(deals, test, top_k=3, reciprocity=False).recommend(query).items[0]
    profiles = [InvestorProfile(plain.candidate, kind="financial", location="北京")]
    ranker = LearnedRanker(
        Matcher(),
        train_before=test[0].date,
        n_estimators=30,
        min_queries=10,
        validation_fraction=0.3,
        top_k=3,
    ).fit(deals, profiles)
    items = ranker.recommend(query).items
    assert plain.candidate not in [i.candidate for i in items[:1]]


# --- cold start -----------------------------------------------------------------------


def test_new_investor_with_a_mandate_is_ranked_by_mandate_fit(synthetic, taxonomy) -> None:
    train, test = synthetic
    code = test[0].industry
    newcomer = InvestorProfile(
        "新成立產業基金",
        mandate=Mandate(industries=(code,), stages=(test[0].round,), regions=(test[0].city,)),
    )
    ranker = LearnedRanker(
        Matcher(taxonomy=taxonomy),
        train_before=test[0].date,
        n_estimators=30,
        min_queries=10,
        validation_fraction=0.3,
        top_k=20,
    ).fit(
        train + test,
        [newcomer, InvestorProfile("別行業基金", mandate=Mandate(industries=("0141",)))],
    )
    rec = ranker.recommend(as_query(test[0], 0))
    ranked = [i.candidate for i in rec.items]
    assert ranked.index("新成立產業基金") < 5
    assert "別行業基金" not in ranked[:10]  # a mandate that does not fit ranks low
    item = next(i for i in rec.items if i.candidate == "新成立產業基金")
    assert item.reasons[0].code == "no_deals_yet"
    assert item.reasons[0].texts["en"] == "no deals on record yet; ranked by mandate fit"
    assert any(r.code == "industry_exact" for r in item.reasons)


def test_project_in_an_unknown_industry_says_few_comparable_deals(synthetic, taxonomy) -> None:
    train, test = synthetic
    ranker = LearnedRanker(
        Matcher(taxonomy=taxonomy),
        train_before=test[0].date,
        n_estimators=30,
        min_queries=10,
        validation_fraction=0.3,
        top_k=5,
    ).fit(train + test)
    assert ranker.model_ is not None
    query = ProjectQuery(
        id="new",
        date=test[0].date,
        company="無先例航天公司",
        industry="3743",  # spacecraft: not in the synthetic history
        round="A轮",
        amount=parse_amount("5000万元"),
    )
    rec = ranker.recommend(query)
    assert len(rec.items) == 5
    for item in rec.items:
        assert item.reasons[0].code == "few_comparable_deals"
        assert item.reasons[0].texts["zh-Hant"] == "可比交易很少；按投資方針匹配排序"
    assert [i.score for i in rec.items] == sorted((i.score for i in rec.items), reverse=True)


def test_too_little_history_falls_back_to_the_matcher() -> None:
    ranker = LearnedRanker(Matcher(), top_k=2).fit(small_history())
    assert ranker.model_ is None
    assert [p.code for p in ranker.problems_] == ["too_few_training_queries"]
    rec = ranker.recommend(q("甲"))
    assert [i.candidate for i in rec.items] == ["红杉", "高瓴"]
    assert rec.items[0].reasons[0].code == "follow_on"


# --- bad input in the history ---------------------------------------------------------


def test_history_checks_report_every_kind() -> None:
    rows = [
        deal("2020-01-01", "甲", "红杉资本;高瓴"),
        deal("2020-01-01", "甲", "紅杉資本;高瓴"),
        dataclasses.replace(deal("2021-01-01", "乙", "紅杉資本"), amount=UnknownAmount("很多")),
        deal("2030-01-01", "丙", "IDG"),
        dataclasses.replace(deal("2021-02-01", "丁", "IDG"), amount=UnknownAmount("未披露")),
    ]
    deals = [dataclasses.replace(d, row=r) for r, d in enumerate(rows, 2)]
    kept, report = check_history(deals, today=dt.date(2024, 1, 1), source="deals.csv")
    assert report.future[0].params == {"file": "deals.csv", "row": 5, "date": "2030-01-01"}
    assert report.duplicates[0].params == {"file": "deals.csv", "row": 3, "first": 2}
    assert report.unreadable_amounts[0].params == {"file": "deals.csv", "row": 4, "value": "很多"}
    assert [d.row for d in kept] == [2, 4, 6]
    assert len(report.problems) == 3  # 红杉资本 / 紅杉資本 are one key already: no spelling


def test_history_checks_merge_spellings_by_entity_resolution() -> None:
    deals = [
        deal("2020-01-01", "甲", "深圳市创新投资集团有限公司"),
        deal("2020-02-01", "乙", "深圳市创新投资集团"),
        deal("2020-03-01", "丙", "深圳市创新投资集团"),
    ]
    kept, report = check_history(deals, today=dt.date(2024, 1, 1))
    assert [p.params["used"] for p in report.spellings] == ["深圳市创新投资集团"]
    assert report.spellings[0].params["names"] == "深圳市创新投资集团; 深圳市创新投资集团有限公司"
    assert {n for d in kept for n in d.investors} == {"深圳市创新投资集团"}


def test_history_checks_count_events_without_investors_and_may_keep_spellings() -> None:
    deals = [
        dataclasses.replace(deal("2020-01-01", "甲", "深圳市创新投资集团有限公司"), row=2),
        dataclasses.replace(deal("2020-02-01", "乙", "深圳市创新投资集团"), row=3),
        dataclasses.replace(deal("2020-03-01", "丙", "IDG"), investors=(), row=4),
    ]
    kept, report = check_history(deals, today=dt.date(2024, 1, 1), spellings=False)
    assert kept == deals
    assert report.problems == (Problem("no_investors", {"file": "history", "row": 4}),)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=12))
def test_amount_check_never_fails(text: str) -> None:
    one = dataclasses.replace(deal("2020-01-01", "甲", "红杉"), amount=UnknownAmount(text))
    kept, report = check_history([one], today=dt.date(2024, 1, 1))
    assert kept == [one]
    assert len(report.unreadable_amounts) <= 1


# --- the batch command ----------------------------------------------------------------


def test_cli_learned_ranker_same_files_same_columns() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = [
        "investors",
        "--history",
        str(EXAMPLES / "deals.csv"),
        "--projects",
        str(EXAMPLES / "queries.csv"),
        "--investors",
        str(EXAMPLES / "investors.csv"),
        "--top",
        "2",
        "--out",
        "-",
        "--today",
        "2024-06-01",
        "--ranker",
        "learned",
    ]
    assert main(args, out, err) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "id,rank,investor,score,reasons"
    assert len(lines) == 7
    assert "only 5 past deals can train the learned ranker (at least 20)" in err.getvalue()
