"""Speed benchmark of the learned ranker, beside the matcher and the analyst heuristic.

    .venv/bin/python scripts/bench_ranker.py          # 20,000 rounds; 300,000 × 1,000 projects
    .venv/bin/python scripts/bench_ranker.py --quick  # 5,000 rounds; 100,000 × 200 projects

1. Training: ``LearnedRanker.fit`` on a generated history of ``--rounds`` financing
   rounds (``datasets.synthetic_history``: investors with hidden tastes, follow-on);
   the matcher's index is part of the time.
2. One project against ``--candidates`` candidates (the history and mandates of
   ``bench_matching.py``; half the projects are later rounds of companies in the
   history, so the follow-on and network features are exercised; projects drawn at
   random with ``--seed``): top-20 with reasons, median of ``--single`` projects after
   the first, for the ranker, the matcher and the heuristic in the same run.
3. All projects with load spreading (capacity per investor), ranker and matcher; the
   heuristic's top-20 names for the same projects (it has no reasons or spreading).

The random history holds nothing to learn, so phases 2-3 keep the model at its best
validated round even when it does not beat the matcher (``require_gain=False``): the
timing includes the model's predictions and contributions.

Results go in docs/benchmarks.md (section "Matching: the learned ranker").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from bench_matching import Clock, machine, make_history, make_profiles, make_queries

from duijie_core.matching.datasets import synthetic_history
from duijie_core.matching.engine import Matcher
from duijie_core.matching.heuristic import AnalystHeuristic
from duijie_core.matching.model import Deal, ProjectQuery
from duijie_core.matching.ranker import LearnedRanker
from duijie_core.matching.taxonomy import default_taxonomy_path, load_taxonomy


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None, help="default 20,000")
    parser.add_argument("--candidates", type=int, default=None, help="default 300,000")
    parser.add_argument("--projects", type=int, default=None, help="default 1,000")
    parser.add_argument("--train-queries", type=int, default=500, help="for the large index")
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--single", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="processes staging a batch (0: all)")
    parser.add_argument("--skip-training", action="store_true", help="leave out phase 1")
    parser.add_argument("--only-training", action="store_true", help="phase 1 alone")
    args = parser.parse_args(argv)
    args.rounds = args.rounds or (5_000 if args.quick else 20_000)
    args.candidates = args.candidates or (100_000 if args.quick else 300_000)
    args.projects = args.projects or (200 if args.quick else 1_000)
    return args


def training(args: argparse.Namespace, taxonomy: object) -> None:
    deals = synthetic_history(n_investors=2_000, n_companies=args.rounds // 2, seed=args.seed)
    clock = Clock()
    ranker = LearnedRanker(Matcher(taxonomy=taxonomy), random_state=args.seed).fit(deals)  # type: ignore[arg-type]
    print(
        f"training on {len(deals)} rounds: {clock} ({ranker.n_train_queries_} training"
        f" queries, {ranker.n_rounds_} boosting rounds kept)"
    )


def with_follow_ons(
    queries: list[ProjectQuery], deals: list[Deal], rng: np.random.Generator
) -> list[ProjectQuery]:
    """Every second project becomes a later round of a random company of the history."""
    picks = rng.choice(len(deals), size=len(queries), replace=False)
    return [
        dataclasses.replace(q, company=deals[int(p)].company) if i % 2 else q
        for i, (q, p) in enumerate(zip(queries, picks, strict=True))
    ]


def median_ms(run: Callable[[ProjectQuery], object], queries: list[ProjectQuery]) -> str:
    """Wall and CPU time of the first query, then the median of the others (ms)."""
    walls, cpus = [], []
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        run(q)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    wall, cpu = walls[1:], cpus[1:]
    return (
        f"first {walls[0] * 1000:.0f} ms wall ({cpus[0] * 1000:.0f} ms CPU), then median"
        f" {statistics.median(wall) * 1000:.0f} ms wall ({statistics.median(cpu) * 1000:.0f} ms"
        f" CPU; min {min(wall) * 1000:.0f}, max {max(wall) * 1000:.0f} ms wall)"
    )


def main(argv: list[str]) -> int:
    args = parse(argv)
    print(f"machine: {machine()}")
    print(f"command: scripts/bench_ranker.py {' '.join(argv)}".rstrip())
    taxonomy = load_taxonomy(default_taxonomy_path())
    if not args.skip_training:
        training(args, taxonomy)
    if args.only_training:
        return 0
    rng = np.random.default_rng(args.seed)
    deals = make_history(args.candidates, rng)
    profiles = make_profiles(args.candidates, 0.1, rng)
    queries = with_follow_ons(make_queries(args.projects, rng), deals, rng)
    clock = Clock()
    ranker = LearnedRanker(
        Matcher(taxonomy=taxonomy, n_jobs=args.jobs),
        max_train_queries=args.train_queries,
        train_before=dt.date(2023, 1, 1),
        require_gain=False,  # the random history has no signal to learn: time a model anyway
        random_state=args.seed,
    ).fit(deals, profiles)
    matcher = ranker.matcher_
    print(
        f"fit at {len(matcher.candidates_)} candidates ({len(deals)} deals, {len(profiles)}"
        f" mandates, {ranker.n_train_queries_} training queries,"
        f" {ranker.n_rounds_} rounds kept): {clock}"
    )
    heuristic = AnalystHeuristic().fit(deals)
    single = queries[: args.single + 1]
    print(
        f"one project, top-20 with reasons, learned ranker: {median_ms(ranker.recommend, single)}"
    )
    print(f"one project, top-20 with reasons, matcher: {median_ms(matcher.recommend, single)}")
    print(
        "one project, top-20 names, analyst heuristic:"
        f" {median_ms(lambda q: heuristic.rank(q, 20), single)}"
    )
    clock = Clock()
    for q in queries:
        heuristic.rank(q, 20)
    print(f"{len(queries)} projects, top-20 names (no spreading), analyst heuristic: {clock}")
    for name, engine in (("learned ranker", ranker), ("matcher", matcher)):
        clock = Clock()
        _, before, after = engine.recommend_all(queries, capacity=args.capacity)
        print(
            f"{len(queries)} projects load-spread (capacity {args.capacity},"
            f" {args.jobs} process(es)), {name}: {clock};"
            f" max load {before.max} -> {after.max}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
