"""Speed benchmark of the matching engine (results go in docs/benchmarks.md, section Matching).

    .venv/bin/python scripts/bench_matching.py            # 300,000 candidates, 1,000 projects

1. One project against all candidates: top-20 with reasons (median of 20 projects).
2. The simplest alternative in the same run: a per-candidate Python loop over the
   same signals, on a subsample of candidates, extrapolated to all candidates.
3. All projects against all candidates with load spreading (capacity per
   investor): wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import time

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


def loop_score(matcher: Matcher, query: ProjectQuery, candidates: range) -> list[tuple[float, int]]:
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=300_000)
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--loop-sample", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the batch")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    deals = make_history(args.candidates, rng)
    profiles = make_profiles(args.candidates, 0.1, rng)
    taxonomy = load_taxonomy(default_taxonomy_path())
    matcher = Matcher(taxonomy=taxonomy, top_k=20, n_jobs=args.jobs).fit(deals, profiles)
    queries = make_queries(args.projects, rng)
    print(
        f"setup: {len(deals)} deals, {len(matcher.candidates_)} candidates, "
        f"{len(profiles)} mandates, fit {time.perf_counter() - t0:.1f} s"
    )
    single = []
    for q in queries[:20]:
        t = time.perf_counter()
        matcher.recommend(q)
        single.append(time.perf_counter() - t)
    one = statistics.median(single)
    print(
        f"one project, top-20 with reasons: median {one * 1000:.0f} ms"
        f" (min {min(single) * 1000:.0f} ms)"
    )
    t = time.perf_counter()
    loop_score(matcher, queries[0], range(args.loop_sample))
    loop = (time.perf_counter() - t) * len(matcher.candidates_) / args.loop_sample
    print(
        f"python loop (sample {args.loop_sample}, extrapolated): {loop * 1000:.0f} ms"
        f"  ratio {loop / one:.0f}x"
    )
    t = time.perf_counter()
    _, before, after = matcher.recommend_all(queries, capacity=args.capacity)
    batch = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    rss_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    print(
        f"{len(queries)} projects, load-spread (capacity {args.capacity}): {batch:.1f} s,"
        f" peak RSS {rss:.2f} GB (largest worker {rss_worker:.2f} GB, {args.jobs} workers)"
    )
    print(f"load before: {before}")
    print(f"load after:  {after}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
