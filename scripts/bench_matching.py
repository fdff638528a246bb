"""Speed benchmark of the matching engine (results go in docs/benchmarks.md, section Matching).

    .venv/bin/python scripts/bench_matching.py            # 300,000 candidates, 1,000 projects
    .venv/bin/python scripts/bench_matching.py --quick    # 100,000 candidates, 200 projects

1. Build the index (``fit``) over synthetic history and mandates.
2. One project against all candidates: top-20 with reasons; the first query of
   a day (cold per-day caches) and the median of the next ones.
3. The simplest alternative in the same run: a per-candidate Python loop over the
   history signals, on a random sample of candidates (seeded by ``--seed``),
   extrapolated to all candidates. The sample is drawn at random because the
   candidates are ordered by activity: the first ones are the busiest investors
   and would make the loop look several times slower than it is.
4. All projects against all candidates with load spreading (capacity per
   investor): wall time, CPU time of this process and peak RSS.

Every phase prints wall and CPU seconds: on a shared machine the wall time
depends on the load average, which is printed too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Sequence

import numpy as np

from duijie_core.matching.datasets import SYNTH_CITIES, SYNTH_INDUSTRIES, SYNTH_ROUNDS
from duijie_core.matching.engine import Matcher
from duijie_core.matching.model import Deal, InvestorProfile, Mandate, ProjectQuery
from duijie_core.matching.signals import log_amount, round_key
from duijie_core.matching.taxonomy import default_taxonomy_path, load_taxonomy
from duijie_core.matching.weights import DEFAULT_WEIGHTS
from duijie_core.money import Money, parse_amount

AMOUNTS = [parse_amount(f"{v}万元") for v in (300, 800, 2000, 5000, 10000, 30000)]


def make_history(n_investors: int, rng: np.random.Generator) -> list[Deal]:
    """About 1.2 deals per investor, 1–3 investors per deal, zipf-like activity."""
    n_deals = int(n_investors * 0.6)
    popularity = 1.0 / np.arange(1, n_investors + 1) ** 0.7
    popularity /= popularity.sum()
    members = rng.choice(n_investors, size=(n_deals, 3), p=popularity)
    sizes = rng.integers(1, 4, size=n_deals)
    # every investor appears at least once
    everyone = np.arange(n_investors)
    members[everyone % n_deals, everyone // n_deals] = everyone
    np.maximum.at(sizes, everyone % n_deals, everyone // n_deals + 1)
    ind, city = (
        rng.integers(len(SYNTH_INDUSTRIES), size=n_deals),
        rng.integers(len(SYNTH_CITIES), size=n_deals),
    )
    rnd, amt = (
        rng.integers(len(SYNTH_ROUNDS), size=n_deals),
        rng.integers(len(AMOUNTS), size=n_deals),
    )
    days = rng.integers(0, 3000, size=n_deals)
    start = dt.date(2015, 1, 1)
    return [
        Deal(
            start + dt.timedelta(days=int(days[i])),
            f"公司{i}",
            tuple(dict.fromkeys(f"投资方{m}" for m in members[i, : max(sizes[i], 1)])),
            SYNTH_INDUSTRIES[ind[i]][0],
            SYNTH_CITIES[city[i]],
            SYNTH_ROUNDS[rnd[i]],
            AMOUNTS[amt[i]],
            SYNTH_INDUSTRIES[ind[i]][1],
        )
        for i in range(n_deals)
    ]


def make_profiles(n: int, share: float, rng: np.random.Generator) -> list[InvestorProfile]:
    """Mandates for a share of the investors."""
    out = []
    for i in rng.choice(n, size=int(n * share), replace=False):
        code = SYNTH_INDUSTRIES[int(rng.integers(len(SYNTH_INDUSTRIES)))][0]
        out.append(
            InvestorProfile(
                f"投资方{i}",
                kind="financial",
                mandate=Mandate(
                    industries=(code,),
                    ticket_min=Money(10**6 * int(rng.integers(1, 50)), "CNY"),
                    ticket_max=Money(10**8 * int(rng.integers(1, 20)), "CNY"),
                    stages=(SYNTH_ROUNDS[int(rng.integers(len(SYNTH_ROUNDS)))],),
                ),
            )
        )
    return out


def make_queries(n: int, rng: np.random.Generator) -> list[ProjectQuery]:
    return [
        ProjectQuery(
            f"P{i}",
            dt.date(2023, 6, 1),
            f"项目{i}",
            SYNTH_INDUSTRIES[i % 12][0],
            SYNTH_CITIES[int(rng.integers(12))],
            SYNTH_ROUNDS[int(rng.integers(6))],
            AMOUNTS[int(rng.integers(6))],
            SYNTH_INDUSTRIES[i % 12][1],
        )
        for i in range(n)
    ]


def loop_score(
    matcher: Matcher, query: ProjectQuery, candidates: Sequence[int]
) -> list[tuple[float, int]]:
    """The simplest alternative: score candidates one by one in Python (same history signals)."""
    h, day = matcher.history_, query.date.toordinal()
    node = matcher.taxonomy.lookup(query.industry) if matcher.taxonomy else None
    key, log_a, w = round_key(query.round), log_amount(query.amount), DEFAULT_WEIGHTS
    out = []
    for i in candidates:
        deals = [
            h.deals[int(d)]
            for d in h.pair_deal[h.inv_pairs[h.inv_ptr[i] : h.inv_ptr[i + 1]]]
            if h.day[d] < day
        ]
        same_ind = sum(1 for d in deals if node and matcher.taxonomy.lookup(d.industry) == node)
        same_round = sum(1 for d in deals if round_key(d.round) == key)
        same_city = sum(1 for d in deals if d.city == query.city)
        logs = [x for x in (log_amount(d.amount) for d in deals) if x is not None]
        ticket = 0.5 ** abs(sum(logs) / len(logs) - log_a) if logs and log_a else 0.25
        score = (
            w["history_industry"] * (1 - np.exp(-same_ind))
            + w["history_round"] * (1 - np.exp(-same_round))
            + w["history_city"] * (1 - np.exp(-same_city))
            + w["history_ticket"] * ticket
            + w["activity"] * np.log1p(len(deals))
        )
        out.append((float(score), i))
    return sorted(out, reverse=True)[:20]


def loop_sample(matcher: Matcher, size: int, rng: np.random.Generator) -> list[int]:
    """``size`` candidate indexes drawn at random without replacement, in index order."""
    n = len(matcher.candidates_)
    return sorted(int(i) for i in rng.choice(n, size=min(size, n), replace=False))


def deals_per(matcher: Matcher, candidates: Sequence[int]) -> float:
    """Mean number of history deals of ``candidates`` (how representative a sample is)."""
    return float(np.diff(matcher.history_.inv_ptr)[np.asarray(candidates)].mean())


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the forked workers of ``--jobs``)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Clock:
    """Wall and CPU seconds since creation (CPU: this process and its workers)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def __str__(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, cpu_seconds() - self.cpu
        return f"{wall:.1f} s wall, {cpu:.1f} s CPU"

    def seconds(self) -> float:
        return time.perf_counter() - self.wall


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 candidates, 200 projects")
    parser.add_argument("--candidates", type=int, default=None, help="default 300,000")
    parser.add_argument("--projects", type=int, default=None, help="default 1,000")
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--loop-sample", type=int, default=2_000)
    parser.add_argument("--single", type=int, default=20, help="single-project queries timed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the batch")
    args = parser.parse_args(argv)
    args.candidates = args.candidates or (100_000 if args.quick else 300_000)
    args.projects = args.projects or (200 if args.quick else 1_000)
    return args


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.node()} {os.cpu_count()} cores, {dt.date.today()}, load average {load}"


def time_single(matcher: Matcher, queries: list[ProjectQuery]) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each query; the first one meets cold per-day caches."""
    times = []
    for q in queries:
        wall, cpu = time.perf_counter(), time.process_time()
        matcher.recommend(q)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def main(argv: list[str]) -> int:
    args = parse(argv)
    print(f"machine: {machine()}")
    print(f"command: scripts/bench_matching.py {' '.join(argv)}".rstrip())
    total, rng = Clock(), np.random.default_rng(args.seed)
    deals = make_history(args.candidates, rng)
    profiles = make_profiles(args.candidates, 0.1, rng)
    queries = make_queries(args.projects, rng)
    taxonomy = load_taxonomy(default_taxonomy_path())
    clock = Clock()
    matcher = Matcher(taxonomy=taxonomy, top_k=20, n_jobs=args.jobs).fit(deals, profiles)
    print(
        f"fit: {len(deals)} deals, {len(matcher.candidates_)} candidates, "
        f"{len(profiles)} mandates: {clock}"
    )
    start = time_single(matcher, [dataclasses.replace(queries[0], date=dt.date(2023, 5, 1))])
    print(
        f"first query of the process (builds OpenCC converters, lazy imports): "
        f"{start[0][0] * 1000:.0f} ms wall ({start[0][1] * 1000:.0f} ms CPU)"
    )
    times = time_single(matcher, queries[: args.single + 1])
    cold, warm = times[0][0], [wall for wall, _ in times[1:]]
    one = statistics.median(warm)
    print(
        f"one project, top-20 with reasons: first of the day {cold * 1000:.0f} ms wall"
        f" ({times[0][1] * 1000:.0f} ms CPU), then median {one * 1000:.0f} ms wall"
        f" ({statistics.median(cpu for _, cpu in times[1:]) * 1000:.0f} ms CPU;"
        f" min {min(warm) * 1000:.0f}, max {max(warm) * 1000:.0f} ms wall)"
    )
    sample = loop_sample(matcher, args.loop_sample, rng)
    t = time.perf_counter()
    loop_score(matcher, queries[0], sample)
    loop = (time.perf_counter() - t) * len(matcher.candidates_) / len(sample)
    print(
        f"python loop (random sample {len(sample)}, {deals_per(matcher, sample):.2f} deals each"
        f" against {deals_per(matcher, range(len(matcher.candidates_))):.2f} on average,"
        f" extrapolated): {loop * 1000:.0f} ms"
        f"  ratio {loop / one:.0f}x (vs first of the day {loop / cold:.0f}x)"
    )
    clock = Clock()
    _, before, after = matcher.recommend_all(queries, capacity=args.capacity)
    batch = clock.seconds()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"{len(queries)} projects, load-spread (capacity {args.capacity}, {args.jobs} process(es)):"
        f" {clock}, peak RSS {rss:.2f} GB;"
        f" python loop would take {loop * len(queries):.0f} s ({loop * len(queries) / batch:.0f}x)"
    )
    print(f"load before: {before}")
    print(f"load after:  {after}")
    print(f"whole benchmark: {total}; load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
