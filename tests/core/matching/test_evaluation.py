import datetime as dt
import io

from duijie_core.matching.csvio import read_deals
from duijie_core.matching.datasets import (
    known_names,
    known_set,
    read_smoothnlp,
    split_investors,
    synthetic_history,
    write_deals,
)
from duijie_core.matching.engine import Matcher
from duijie_core.matching.evaluation import (
    Baselines,
    as_query,
    evaluate,
    known_investors,
    matcher_ranker,
    temporal_split,
    training_pairs,
)

EVENTS = """事件资讯,投资方,融资方,融资时间,轮次,金额
甲科技A轮,红杉资本 Lightspeed Venture Partners Accel Partners,甲科技,2019-01-02,A轮,3.5亿人民币
乙医疗天使轮,未披露机构,乙医疗,2018-05-01,天使轮,未披露
丙,深创投,丙,0002-12-02,A轮,很多
"""


def test_split_investors() -> None:
    cell = "红杉资本 Lightspeed Venture Partners Accel Partners 未披露机构"
    assert split_investors(cell) == ["红杉资本", "Lightspeed Venture Partners", "Accel Partners"]
    known = frozenset({"Michael Skok"})
    assert split_investors("Michael Skok IDG资本", known) == ["Michael Skok", "IDG资本"]


def test_read_smoothnlp_and_write_deals() -> None:
    deals, problems = read_smoothnlp(io.StringIO(EVENTS))
    assert [d.company for d in deals] == ["甲科技", "乙医疗"]
    assert deals[0].investors == ("红杉资本", "Lightspeed Venture Partners", "Accel Partners")
    assert deals[1].investors == ()
    assert deals[0].description == ""  # the headline names the investors: not used
    assert [p.params["row"] for p in problems] == [4]
    out = io.StringIO()
    write_deals(out, deals)
    again = read_deals(io.StringIO(out.getvalue()), "x", today=dt.date(2020, 1, 1))
    assert [d.investors for d in again.rows] == [d.investors for d in deals]
    assert again.rows[0].amount == deals[0].amount
    assert known_names(io.StringIO("机构名称,介绍\nLe Peigné,\n,\n")) == frozenset({"Le Peigné"})


def test_evaluation_on_synthetic_history(taxonomy) -> None:
    deals = synthetic_history(n_investors=60, n_companies=120, seed=1)
    assert deals == synthetic_history(n_investors=60, n_companies=120, seed=1)
    train, test = temporal_split(deals, 0.2)
    assert max(d.date for d in train) < min(d.date for d in test)
    known = known_investors(deals)
    n = known_set(deals)
    base = Baselines(deals, taxonomy)
    pop = evaluate("popularity", base.popularity, test, known, n)
    ind = evaluate("industry", base.industry_popularity, test, known, n)
    rec = evaluate("recent", base.recent_popularity, test, known, n)
    ours = evaluate(
        "matcher", matcher_ranker(Matcher(taxonomy=taxonomy).fit(deals)), test, known, n
    )
    assert pop.n_queries == ours.n_queries == ind.n_queries == rec.n_queries > 0
    assert ours.recall[20] > pop.recall[20]
    assert 0 < ours.coverage <= 1 and 0 <= ours.ndcg10 <= 1 and 0 <= ours.mrr <= 1


def test_training_pairs(taxonomy) -> None:
    deals = synthetic_history(n_investors=40, n_companies=60, seed=2)
    matcher = Matcher(taxonomy=taxonomy).fit(deals)
    known = known_investors(deals)
    _, test = temporal_split(deals, 0.2)
    queries = [(as_query(d, i), known(d)) for i, d in enumerate(test) if known(d)][:5]
    vectors, outcomes = training_pairs(matcher, queries, negatives=3, seed=0)
    assert len(vectors) == len(outcomes)
    assert sum(outcomes) == sum(len(r) for _, r in queries)
    assert (vectors, outcomes) == training_pairs(matcher, queries, negatives=3, seed=0)
