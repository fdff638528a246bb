"""The fast paths give exactly what the plain computations give (no timing here)."""

import dataclasses
import datetime as dt

import numpy as np
import pytest

from duijie_core.matching import engine
from duijie_core.matching.engine import Matcher, speaks_to_mandate
from duijie_core.matching.explain import explain
from duijie_core.matching.history import BestDeals, saturate
from duijie_core.matching.keys import SEPARATOR, field_tokens, normalise_all
from duijie_core.matching.model import InvestorProfile, Mandate, ProjectQuery, Ties
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.score_table import top_indices
from duijie_core.matching.text_model import TfidfIndex, text_tokens
from duijie_core.matching.weights import INVESTOR_SIGNALS, PROJECT_SIGNALS
from duijie_core.money import parse_amount
from duijie_core.text import normalise

TEXTS = [
    "紅杉資本中國",
    "ＡＢＣ　Capital",
    "  深创投 ",
    "",
    "臺灣 積體電路",
    "國投創新",
    "紅杉資本中國",
]


def test_normalise_all_equals_normalise_one_by_one() -> None:
    keys = normalise_all(TEXTS)
    assert keys == {t: normalise(t) for t in TEXTS}
    assert keys["ＡＢＣ　Capital"] == "abc capital"
    assert keys["臺灣 積體電路"] == "台湾 积体电路"


def test_normalise_all_falls_back_when_the_separator_occurs() -> None:
    texts = [f"甲{SEPARATOR}乙", "國投"]
    assert normalise_all(texts) == {t: normalise(t) for t in texts}


def test_field_tokens_equal_tokens_of_the_joined_text() -> None:
    documents = [
        ("湘能儲能", "锂离子电池制造", "儲能電池系統"),
        ("星沙動力", "", "动力电池电芯 EV"),
        ("", "", ""),
    ]
    expected = [frozenset(text_tokens(" ".join(d))) for d in documents]
    assert field_tokens(documents) == expected
    assert "储能" in expected[0]


def test_tfidf_from_tokens_equals_index_of_texts() -> None:
    texts = ["新能源汽車 動力電池", "创新药 单抗", "", "energy storage battery"]
    plain = TfidfIndex(texts)
    built = TfidfIndex.from_tokens([text_tokens(t) for t in texts])
    query = "动力电池 battery"
    assert built.scores(query).tolist() == plain.scores(query).tolist()
    assert {k: v.tolist() for k, v in built.postings.items()} == {
        k: v.tolist() for k, v in plain.postings.items()
    }


def test_tfidf_counts_idf_over_the_whole_corpus() -> None:
    texts = ["動力電池", "创新药"]
    padded = TfidfIndex([*texts, "", "", ""])
    subset = TfidfIndex(texts, n_corpus=5)
    query = "动力电池 创新药"
    assert subset.scores(query).tolist() == padded.scores(query)[:2].tolist()


def reference_top(score: np.ndarray, k: int) -> list[int]:
    """Best first, ties by lower index, finite scores only."""
    finite = [i for i in range(len(score)) if np.isfinite(score[i])]
    return sorted(finite, key=lambda i: (-score[i], i))[:k]


@pytest.mark.parametrize("seed", range(6))
def test_top_indices_equal_a_full_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 5_000 if seed % 2 else 40
    score = rng.integers(0, 30, size=n).astype(np.float64) / 7  # many ties
    score[rng.random(n) < 0.2] = -np.inf
    for k in (1, 20, 100, n):
        assert top_indices(score, k).tolist() == reference_top(score, k)


def test_top_indices_with_all_scores_tied() -> None:
    score = np.full(10_000, 0.25)
    assert top_indices(score, 5).tolist() == [0, 1, 2, 3, 4]
    assert top_indices(np.full(3, -np.inf), 5).tolist() == []


def test_saturate_only_touches_non_zero_counts() -> None:
    x = np.array([0.0, 1.0, 0.0, 2.5])
    assert saturate(x, 2.0).tolist() == (1.0 - np.exp(-x / 2.0)).tolist()


def richer_query(**kw: object) -> ProjectQuery:
    base: dict[str, object] = dict(
        id="P1",
        date=dt.date(2024, 5, 14),
        company="湘能儲能",
        industry="电池制造",
        city="长沙",
        round="A轮",
        amount=parse_amount("2億元"),
        description="儲能電池",
        instrument="股权",
        wants="financial",
        currencies=("CNY",),
        ties=Ties(hometowns=("湘潭",), met=("深创投",)),
    )
    return ProjectQuery(**{**base, **kw})  # type: ignore[arg-type]


def profiles() -> list[InvestorProfile]:
    return [
        InvestorProfile(
            "湘江基金",
            kind="financial",
            currencies=("CNY",),
            thesis="储能 电池",
            mandate=Mandate(industries=("电池制造",), instruments=("股权",)),
            ties=Ties(hometowns=("湘潭",)),
        ),
        InvestorProfile("麓山资本", mandate=Mandate(excluded_regions=("长沙",))),
        InvestorProfile("高瓴創投", kind="strategic", mandate=Mandate(stages=("B轮",))),
    ]


@pytest.mark.parametrize("block", [16384, 3, 1])
def test_weighted_interests_equal_the_plain_dense_sum(
    history, taxonomy, block, monkeypatch
) -> None:
    """Summed in blocks of any size (one block, several, one candidate each): the same bits."""
    monkeypatch.setattr(engine, "BLOCK", block)
    m = Matcher(taxonomy=taxonomy, weights={"thesis": 2.5}).fit(history, profiles())
    assert len(m.candidates_) > 3
    table = m.score_table(richer_query())
    for names, got in ((INVESTOR_SIGNALS, table.investor), (PROJECT_SIGNALS, table.project)):
        dense = np.zeros(len(m.candidates_))
        for name in names:
            if m.weights_[name]:
                dense += m.weights_[name] * table.signals[name]
        total = sum(m.weights_[name] for name in names)
        assert (dense / total).tolist() == got.tolist()
    met = m.candidate_keys_[normalise("深创投")]
    assert table.signals["ties"][met] == 0.6
    assert table.signals["ties"][m.candidate_keys_["湘江基金"]] == 1.0


def test_exclusions_are_the_filtered_among_the_best_eligible(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy, top_k=10).fit(history, profiles())
    table = m.score_table(richer_query())
    listed, counts = m.exclusions(richer_query(), table)
    shadow = top_indices(np.where(table.eligible, table.combined, -np.inf), 10)
    expected = [m.candidates_[i].name for i in shadow if table.failed[i]]
    assert [e.candidate for e in listed] == expected == ["麓山资本"]
    assert counts == {"excluded_region": 1}


def test_per_day_caches_give_the_same_answer_as_a_fresh_index(history, taxonomy) -> None:
    warm = Matcher(taxonomy=taxonomy).fit(history, profiles())
    days = [dt.date(2021, 6, 1) + dt.timedelta(days=40 * i) for i in range(40)]
    for day in days:  # more keys than the cache keeps: the oldest are dropped
        warm.recommend(richer_query(date=day))
    assert len(warm.history_._by_day) == 128
    for day in (days[0], days[-1]):
        fresh = Matcher(taxonomy=taxonomy).fit(history, profiles())
        assert warm.recommend(richer_query(date=day)) == fresh.recommend(richer_query(date=day))


def test_cached_arrays_are_read_only(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy).fit(history)
    visible = m.history_.visible_deals(dt.date(2022, 1, 1).toordinal())
    with pytest.raises(ValueError):
        visible[0] = True


def test_best_text_deal_is_the_earliest_of_equal_scores(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy).fit(history)
    scores = np.zeros(len(history))
    scores[[0, 2]] = 0.5  # 高瓴創投 is in deals 0 and 2
    best = m.history_.best_per_investor(scores)
    deal = BestDeals(m.history_, scores, best)
    i = m.candidate_keys_[normalise("高瓴創投")]
    j = m.candidate_keys_[normalise("深创投")]
    assert (best[i], deal[i]) == (0.5, 0)
    assert (best[j], deal[j]) == (0.0, -1)
    assert deal[np.array([j, i, j])].tolist() == [-1, 0, -1]


@pytest.mark.parametrize("seed", range(5))
def test_best_text_deal_equals_a_plain_loop_over_each_investors_deals(
    history, taxonomy, seed
) -> None:
    """Random scores with ties, zeros and negatives (embedding scores can be negative)."""
    m = Matcher(taxonomy=taxonomy).fit(history)
    h = m.history_
    rng = np.random.default_rng(seed)
    scores = rng.choice([-0.5, 0.0, 0.25, 0.5, 0.75], size=len(history))
    best = h.best_per_investor(scores)
    deals = BestDeals(h, scores, best)
    for i in range(h.n_investors):
        own = [d for d in range(len(history)) if i in h.pair_inv[h.deal_ptr[d] : h.deal_ptr[d + 1]]]
        top = max([float(scores[d]) for d in own if scores[d] > 0], default=0.0)
        assert best[i] == top
        assert deals[i] == (min(d for d in own if scores[d] == top) if top > 0 else -1)
    everyone = np.arange(h.n_investors)
    assert deals[everyone].tolist() == [deals[i] for i in everyone]


def test_remembered_reasons_are_independent_copies() -> None:
    first = make_reason("popular", count=3)
    first.texts["en"] = "changed"
    first.params["count"] = 99
    again = make_reason("popular", count=3)
    assert again.params == {"count": 3}
    assert again.texts["en"] != "changed"
    assert make_reason("popular", count=3.0).params == {"count": 3.0}


@pytest.mark.parametrize(
    ("n_reasons", "weights"), [(1, {}), (3, {}), (3, {"activity": 0.0, "industry": 1.0}), (20, {})]
)
def test_building_only_the_shown_reasons_gives_the_same_recommendation(
    history, taxonomy, n_reasons, weights
) -> None:
    m = Matcher(taxonomy=taxonomy, n_reasons=n_reasons, weights=weights).fit(history, profiles())
    unknown = richer_query(industry="", city="", round="", amount=parse_amount("未披露"))
    shown = 0
    for query in (richer_query(), unknown):
        table = m.score_table(query)
        for i in range(len(m.candidates_)):
            full = explain(m, query, table, i, 4)
            lean = explain(m, query, table, i, 4, all_reasons=False)
            assert lean.reasons == full.reasons
            assert lean.signals == tuple(dataclasses.replace(s, reason=None) for s in full.signals)
            assert dataclasses.replace(lean, signals=full.signals) == full
            shown += len(full.reasons)
    assert shown > 2 * len(m.candidates_)


def test_when_every_candidate_has_a_profile_the_slice_path_equals_the_indexed_one(
    history, taxonomy
) -> None:
    names = sorted({name for deal in history for name in deal.investors})
    everyone = [*profiles(), *(InvestorProfile(n, kind="financial") for n in names)]
    m = Matcher(taxonomy=taxonomy).fit(history, everyone)
    assert m.has_profile_.all() and m.profiled_rows_ == slice(None)
    fast = m.score_table(richer_query())
    m.profiled_rows_ = m.profiled_  # the general path, as when some have no profile
    plain = m.score_table(richer_query())
    for name in ("investor", "project", "combined", "failed", "eligible"):
        assert getattr(fast, name).tolist() == getattr(plain, name).tolist()
    assert {k: v.tolist() for k, v in fast.signals.items()} == {
        k: v.tolist() for k, v in plain.signals.items()
    }
    assert fast.failed.tolist().count(0) < len(m.candidates_)  # a filter removed someone


@pytest.mark.parametrize(
    "query",
    [
        richer_query(),
        richer_query(wants="", currencies=(), investor_regions=(), ties=Ties()),
        richer_query(wants="", currencies=(), ties=Ties(met=("深创投", "甲资本"))),
    ],
)
def test_mandate_signals_over_the_mandated_profiles_equal_those_over_every_profile(
    history, taxonomy, query
) -> None:
    blank = [InvestorProfile(n, kind="financial", location="长沙") for n in ("甲资本", "乙资本")]
    everyone = [*profiles(), *blank, InvestorProfile("丙资本", thesis="  ")]
    m = Matcher(taxonomy=taxonomy).fit(history, everyone)
    mandated = {m.candidates_[int(i)].name for i in m.mandated_}
    assert mandated == {"湘江基金", "麓山资本", "高瓴創投"}
    lean = m.score_table(query)
    m.mandated_, m.mandated_rows_ = m.profiled_, m.profiled_rows_  # every profile, as before
    m.mandates_ = m.profiles_
    full = m.score_table(query)
    for name in ("investor", "project", "combined", "failed", "eligible"):
        assert getattr(lean, name).tolist() == getattr(full, name).tolist()
    assert {k: v.tolist() for k, v in lean.signals.items()} == {
        k: v.tolist() for k, v in full.signals.items()
    }
    assert lean.failed.tolist().count(0) < len(m.candidates_)  # a filter removed someone


def test_with_an_embedder_every_profile_speaks_to_the_mandate_signals() -> None:
    class Constant:
        def passages(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 2)) / np.sqrt(2.0)

        def query(self, texts: list[str]) -> np.ndarray:
            return self.passages(texts)

    blank = InvestorProfile("甲资本", kind="financial")
    assert not speaks_to_mandate(blank, None)
    assert speaks_to_mandate(blank, Constant())
    assert speaks_to_mandate(InvestorProfile("乙", thesis="储能"), None)
    assert speaks_to_mandate(InvestorProfile("丙", mandate=Mandate(stages=("A轮",))), None)


def test_equal_bare_signals_of_one_table_are_one_object(history, taxonomy) -> None:
    m = Matcher(taxonomy=taxonomy).fit(history, profiles())
    query = richer_query()
    table = m.score_table(query)
    recs = [explain(m, query, table, i, 1, all_reasons=False) for i in range(len(m.candidates_))]
    seen: dict[tuple[str, float], object] = {}
    for rec in recs:
        for s in rec.signals:
            assert seen.setdefault((s.name, s.score), s) is s
    assert len(seen) < len(recs) * len(recs[0].signals)
