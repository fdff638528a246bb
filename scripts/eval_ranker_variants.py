"""Variants of the learned ranker on a temporal split: what the training side validates
and what the held-out period shows, side by side.

    .venv/bin/python scripts/eval_ranker_variants.py --smoothnlp DATA/investors_smoothnlp
    .venv/bin/python scripts/eval_ranker_variants.py --synthetic

Every variant is trained only on deals before the held-out period, with the same
seed. "validation" is the rolling validation inside the training period (mean
NDCG@20 of the matcher's order and of the model at the kept rounds); a variant is
chosen on that column, never on the held-out columns. The held-out columns are
recall@20, NDCG@10 and MRR over the held-out deals with a previously seen investor
(as ``eval_matching.py``), without and with reciprocity.
"""

from __future__ import annotations

import sys
from typing import Any

from eval_matching import deal_arguments, load

from duijie_core.matching.engine import Matcher
from duijie_core.matching.evaluation import (
    Scores,
    evaluate,
    known_investors,
    matcher_ranker,
    temporal_split,
)
from duijie_core.matching.heuristic import AnalystHeuristic
from duijie_core.matching.ranker import FEATURES, RANK_FEATURES, LearnedRanker
from duijie_core.matching.taxonomy import default_taxonomy_path, load_taxonomy

NO_RANKS = tuple(f for f in FEATURES if f not in RANK_FEATURES)
OLD = {
    "n_train_candidates": 100,
    "features": NO_RANKS,
    "n_folds": 1,
    "validation_fraction": 0.2,
}
ROLLING = {"n_train_candidates": 300, "features": NO_RANKS}
RANKS = {"n_train_candidates": 300}
STRONG = {"num_leaves": 3, "min_child_samples": 100, "lambda_l2": 10.0}
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("A. before: 100 training candidates, latest 20 % validate", OLD),
    ("B. 300 training candidates, latest 20 % validate", {**OLD, "n_train_candidates": 300}),
    ("C. B + rolling validation (3 blocks over the latest half)", ROLLING),
    ("D. C + matcher and heuristic ranks as features", RANKS),
    ("E. D + monotone constraints", {**RANKS, "monotone": True}),
    ("F. E + 3 leaves, 100 rows per leaf, L2 10", {**RANKS, "monotone": True, **STRONG}),
    (
        "G. F, learning rate 0.02, 400 rounds",
        {**RANKS, "monotone": True, **STRONG, "learning_rate": 0.02, "n_estimators": 400},
    ),
    (
        "H. F boosting from scratch (base_scale 0)",
        {**RANKS, "monotone": True, **STRONG, "base_scale": 0.0},
    ),
    (
        "I. F with 6 blocks over the latest 60 %",
        {**RANKS, "monotone": True, **STRONG, "n_folds": 6, "validation_fraction": 0.6},
    ),
    (
        "J. F boosting from the matcher's score × 3",
        {**RANKS, "monotone": True, **STRONG, "base_scale": 3.0},
    ),
    (
        "K. F boosting from the matcher's score × 1",
        {**RANKS, "monotone": True, **STRONG, "base_scale": 1.0},
    ),
]


def cells(s: Scores) -> list[str]:
    return [f"{s.recall[20]:.3f}", f"{s.ndcg10:.3f}", f"{s.mrr:.3f}"]


def main(argv: list[str]) -> int:
    parser = deal_arguments(__doc__)
    parser.add_argument("--max-train-queries", type=int, default=2000)
    parser.add_argument("--only", default="", help="letters of the variants to run (all)")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy(default_taxonomy_path())
    deals = load(args)
    _, test = temporal_split(deals, args.test_fraction)
    known = known_investors(deals)
    n = len({n for d in deals for n in d.investors})
    heuristic = evaluate("heuristic", AnalystHeuristic().fit(deals).rank, test, known, n)
    engine = evaluate(
        "engine", matcher_ranker(Matcher(taxonomy=taxonomy).fit(deals)), test, known, n
    )
    print(f"{len(deals)} deals, {len(test)} held out (from {test[0].date}), seed {args.seed}")
    print(
        "| variant | training queries | rounds kept | validation NDCG@20: matcher → model"
        " | recall@20 | NDCG@10 | MRR | + reciprocity: recall@20 | NDCG@10 | MRR |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, s in (("analyst heuristic", heuristic), ("engine (Matcher)", engine)):
        print(f"| {name} | | | | {' | '.join(cells(s))} | | | |")
    for name, params in VARIANTS:
        if args.only and name[0] not in args.only:
            continue
        ranker = LearnedRanker(
            Matcher(taxonomy=taxonomy),
            train_before=test[0].date,
            random_state=args.seed,
            max_train_queries=args.max_train_queries,
            **params,
        ).fit(deals)
        v = ranker.validation_
        seen = f"{v.base_ndcg:.3f} → {v.model_ndcg:.3f} ({v.n_queries} queries)" if v else "—"
        ranker.reciprocity = False
        alone = evaluate(name, ranker.rank, test, known, n)
        ranker.reciprocity = True
        both = evaluate(name, ranker.rank, test, known, n)
        print(
            f"| {name} | {ranker.n_train_queries_} | {ranker.n_rounds_} | {seen} |"
            f" {' | '.join(cells(alone))} | {' | '.join(cells(both))} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
