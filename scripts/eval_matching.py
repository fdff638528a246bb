"""Evaluate investor recommendation on a temporal split, against popularity baselines.

    .venv/bin/python scripts/eval_matching.py --smoothnlp DATA/investors_smoothnlp
    .venv/bin/python scripts/eval_matching.py --synthetic

The analyst's heuristic (earlier investors, their co-investors, recency-weighted
popularity) is the baseline to beat; the learned ranker (two stages, LightGBM
lambdarank) is trained only on deals before the held-out period.

Prints a Markdown table (recall@10/20/50, NDCG@10, MRR, coverage). The real data
is read from the given folder and never copied. With --fit-weights, weights are
fitted (logistic regression) on queries from the last 20% of the training period
and evaluated on the test period.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from duijie_core.matching.datasets import known_names, read_smoothnlp, synthetic_history
from duijie_core.matching.engine import Matcher
from duijie_core.matching.evaluation import (
    Baselines,
    Scores,
    as_query,
    evaluate,
    known_investors,
    matcher_ranker,
    temporal_split,
    training_pairs,
)
from duijie_core.matching.heuristic import AnalystHeuristic
from duijie_core.matching.ranker import LearnedRanker
from duijie_core.matching.taxonomy import default_taxonomy_path, load_taxonomy
from duijie_core.matching.weights import FittedWeights, fit_weights

EVENTS = "SmoothNLP投资事件数据集样本2k.csv"
PROFILES = "SmoothNLP投资结构数据集样本1k.csv"


def deal_arguments(description: str | None) -> argparse.ArgumentParser:
    """A parser with the options of `load` and the held-out share (``--test-fraction``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--smoothnlp", help="folder with the smoothnlp CSV files")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--investors", type=int, default=400)
    parser.add_argument("--companies", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    return parser


def load(args: argparse.Namespace) -> list:
    if args.synthetic:
        return synthetic_history(args.investors, args.companies, args.seed)
    folder = Path(args.smoothnlp)
    with open(folder / PROFILES, encoding="utf-8-sig") as handle:
        names = known_names(handle)
    with open(folder / EVENTS, encoding="utf-8-sig") as handle:
        deals, problems = read_smoothnlp(handle, names)
    print(
        f"converted {len(deals)} events ({len(problems)} rows with unusable dates left out)",
        file=sys.stderr,
    )
    return deals


def fitted(deals: list, train: list, taxonomy, seed: int) -> FittedWeights | None:
    _, validation = temporal_split(train, 0.25)
    matcher = Matcher(taxonomy=taxonomy).fit(train)
    known = known_investors(train)
    queries = [(as_query(d, i), known(d)) for i, d in enumerate(validation) if known(d)]
    vectors, outcomes = training_pairs(matcher, queries, negatives=20, seed=seed)
    result = fit_weights(vectors, outcomes)
    return result if isinstance(result, FittedWeights) else None


def row(s: Scores) -> str:
    r = s.recall
    cells = [
        s.method,
        str(s.n_queries),
        *(f"{v:.3f}" for v in (r[10], r[20], r[50])),
        *(f"{v:.3f}" for v in (s.ndcg10, s.mrr, s.coverage)),
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str]) -> int:
    parser = deal_arguments(__doc__)
    parser.add_argument("--fit-weights", action="store_true")
    parser.add_argument("--embedding-model", default=None)
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy(default_taxonomy_path())
    deals = load(args)
    train, test = temporal_split(deals, args.test_fraction)
    known = known_investors(deals)
    n = len({n for d in deals for n in d.investors})
    base = Baselines(deals, taxonomy)
    results = [
        evaluate("popularity", base.popularity, test, known, n),
        evaluate("recency-weighted popularity", base.recent_popularity, test, known, n),
        evaluate("popularity in same industry", base.industry_popularity, test, known, n),
        evaluate("analyst heuristic", AnalystHeuristic().fit(deals).rank, test, known, n),
        evaluate(
            "Matcher (default weights)",
            matcher_ranker(
                Matcher(taxonomy=taxonomy, embedding_model=args.embedding_model).fit(deals)
            ),
            test,
            known,
            n,
        ),
    ]
    for reciprocity in (False, True):
        ranker = LearnedRanker(
            Matcher(taxonomy=taxonomy, embedding_model=args.embedding_model),
            train_before=test[0].date,
            reciprocity=reciprocity,
            random_state=args.seed,
        ).fit(deals)
        print(
            f"learned ranker: {ranker.n_train_queries_} training queries, "
            f"{ranker.n_rounds_} boosting rounds kept",
            file=sys.stderr,
        )
        name = "learned ranker" + (" + reciprocity" if reciprocity else "")
        results.append(evaluate(name, ranker.rank, test, known, n))
    if args.fit_weights:
        weights = fitted(deals, train, taxonomy, args.seed)
        if weights is not None:
            print(
                "fitted weights:",
                {k: round(v, 3) for k, v in weights.weights.items()},
                file=sys.stderr,
            )
            m = Matcher(taxonomy=taxonomy, weights=weights.weights).fit(deals)
            results.append(evaluate("Matcher (fitted weights)", matcher_ranker(m), test, known, n))
    print(f"{len(deals)} deals, {len(test)} held out (from {test[0].date}), {n} investors")
    print("| method | queries | recall@10 | recall@20 | recall@50 | NDCG@10 | MRR | coverage |")
    print("|---|---|---|---|---|---|---|---|")
    for s in results:
        print(row(s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
