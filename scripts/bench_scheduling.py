"""Benchmark of the 1:1 meeting scheduler (docs/scheduling.md, docs/benchmarks.md).

    .venv/bin/python scripts/bench_scheduling.py [--seed 1] [--time-limit 50] [--resolve-limit 4]

Generates the trade-week instance (1,000 participants, 8,000 accepted requests,
4 days x 16 slots, 3 venues in 2 cities), runs the greedy baseline and the
CP-SAT solver, cancels 5% of the meetings and re-solves; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from time import perf_counter

from duijie_core.scheduling import Schedule, Scheduler, generate_instance, validate


def _row(name: str, schedule: Schedule, seconds: float, valid: bool) -> str:
    s = schedule.stats
    assert s is not None
    return (
        f"| {name} | {s.scheduled} | {s.scheduled_weight:g} | {s.upper_bound:g} | {s.ratio:.2%} |"
        f" {s.meetings_min} | {s.meetings_mean:.2f} | {s.zero_meeting_participants} |"
        f" {s.idle_gaps} | {s.moved} | {seconds:.1f} | {s.status} | {'yes' if valid else 'NO'} |"
    )


def main(argv: list[str]) -> int:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=50.0)
    parser.add_argument("--resolve-limit", type=float, default=4.0)
    args = parser.parse_args(argv)
    instance = generate_instance(seed=args.seed)
    print(
        f"instance: {len(instance.participants)} participants, {len(instance.requests)} requests,"
        f" {len(instance.slots)} slots, {len(instance.venues)} venues, seed {args.seed}"
    )
    rows = []
    began = perf_counter()
    greedy = Scheduler(method="greedy").solve(instance)
    rows.append(
        _row("greedy baseline", greedy, perf_counter() - began, not validate(instance, greedy))
    )
    began = perf_counter()
    solved = Scheduler(time_limit=args.time_limit, seed=args.seed, workers=2).solve(instance)
    rows.append(
        _row("CP-SAT (2 workers)", solved, perf_counter() - began, not validate(instance, solved))
    )
    rng = random.Random(args.seed)
    cancelled = {m.request for m in rng.sample(solved.meetings, len(solved.meetings) // 20)}
    smaller = replace(
        instance, requests=tuple(r for r in instance.requests if r.id not in cancelled)
    )
    began = perf_counter()
    again = Scheduler(time_limit=args.resolve_limit, seed=args.seed).solve(smaller, previous=solved)
    rows.append(
        _row(
            f"re-solve after {len(cancelled)} cancellations",
            again,
            perf_counter() - began,
            not validate(smaller, again),
        )
    )
    untouched = len(solved.meetings) - len(cancelled)
    print(
        "| run | meetings | weight | upper bound | ratio | min meetings | mean | zero | idle gaps"
        " | moved | seconds | status | valid |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    moved = again.stats.moved if again.stats else 0
    print(
        f"\nuntouched meetings: {untouched},"
        f" moved by the re-solve: {moved} ({moved / untouched:.2%})"
    )
    ratio = (
        (solved.stats.scheduled_weight / greedy.stats.scheduled_weight)
        if solved.stats and greedy.stats
        else 0
    )
    print(f"CP-SAT weight / greedy weight: {ratio:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
