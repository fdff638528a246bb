"""Benchmark of the 1:1 meeting scheduler (docs/scheduling.md, docs/benchmarks.md).

    .venv/bin/python scripts/bench_scheduling.py [--seed 1] [--time-limit 60] [--resolve-limit 8]

Generates the trade-week instance (1,000 participants, 8,000 accepted requests,
4 days x 16 slots, 3 venues in 2 cities), runs the greedy baseline and the
optimising solver (LP-guided greedy, CP-SAT neighbourhoods, gap compaction),
cancels 5% of the meetings and re-solves; prints the load average, a Markdown
table and what each phase of the optimising solver added.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import replace
from time import perf_counter

from duijie_core.scheduling import Instance, Schedule, Scheduler, generate_instance, validate

HEADER = (
    "| run | meetings | weight | upper bound | ratio | min meetings | mean | zero | idle gaps"
    " | moved | seconds | status | valid |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _row(name: str, instance: Instance, schedule: Schedule, seconds: float) -> str:
    s = schedule.stats
    assert s is not None
    valid = "yes" if not validate(instance, schedule) else "NO"
    return (
        f"| {name} | {s.scheduled} | {s.scheduled_weight:g} | {s.upper_bound:g} | {s.ratio:.2%} |"
        f" {s.meetings_min} | {s.meetings_mean:.2f} | {s.zero_meeting_participants} |"
        f" {s.idle_gaps} | {s.moved} | {seconds:.1f} | {s.status} | {valid} |"
    )


def _timed(
    scheduler: Scheduler, instance: Instance, previous: Schedule | None
) -> tuple[Schedule, float]:
    began = perf_counter()
    schedule = scheduler.solve(instance, previous=previous)
    return schedule, perf_counter() - began


def _phases(name: str, scheduler: Scheduler) -> str:
    parts = [
        f"{phase} weight {snap.weight:g}, min {snap.meetings_min}, gaps {snap.idle_gaps}"
        f" at {snap.seconds:.1f} s"
        for phase, snap in scheduler.phases_.items()
    ]
    steps = f"CP-SAT models solved {scheduler.steps_}, kept {scheduler.kept_steps_}"
    return f"{name}: " + "; ".join(parts) + f"; {steps}"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str]) -> int:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--resolve-limit", type=float, default=8.0)
    args = parser.parse_args(argv)
    print(f"load average before: {_load()}")
    instance = generate_instance(seed=args.seed)
    print(
        f"instance: {len(instance.participants)} participants, {len(instance.requests)} requests,"
        f" {len(instance.slots)} slots, {len(instance.venues)} venues, seed {args.seed}"
    )
    greedy, greedy_seconds = _timed(Scheduler(method="greedy"), instance, None)
    optimiser = Scheduler(time_limit=args.time_limit, seed=args.seed, workers=2)
    solved, solved_seconds = _timed(optimiser, instance, None)
    rng = random.Random(args.seed)
    cancelled = {m.request for m in rng.sample(solved.meetings, len(solved.meetings) // 20)}
    smaller = replace(
        instance, requests=tuple(r for r in instance.requests if r.id not in cancelled)
    )
    repairer = Scheduler(time_limit=args.resolve_limit, seed=args.seed, workers=2)
    again, again_seconds = _timed(repairer, smaller, solved)
    print(HEADER)
    print(_row("greedy baseline", instance, greedy, greedy_seconds))
    print(_row(f"optimising ({args.time_limit:g} s limit)", instance, solved, solved_seconds))
    name = f"re-solve after {len(cancelled)} cancellations ({args.resolve_limit:g} s limit)"
    print(_row(name, smaller, again, again_seconds))
    print()
    print(_phases("optimising", optimiser))
    print(_phases("re-solve", repairer))
    untouched = len(solved.meetings) - len(cancelled)
    moved = again.stats.moved if again.stats else 0
    print(
        f"untouched meetings: {untouched}, moved by the re-solve: {moved} ({moved / untouched:.2%})"
    )
    if solved.stats and greedy.stats:
        ratio = solved.stats.scheduled_weight / greedy.stats.scheduled_weight
        print(f"optimising weight / greedy weight: {ratio:.4f}")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
