"""Benchmark the chain analysis: one region, all shipped chains, 105,000 firms already placed.

Usage: ``.venv/bin/python scripts/bench_chains.py [--listed 5000] [--others 100000]
[--seed 2025] [--region 430000] [--repeat 5] [--chain-kg DIR --descriptions 100000]``

Generates (seeded) ``listed`` + ``others`` enterprises, each on 1–3 random links of the shipped
chains with a random confidence and revenue share, headquartered in a province drawn in
proportion to nothing in particular (uniform) or, for 8 % of them, nowhere derivable. Then
times :func:`duijie_core.chains.strength.analyse` for the region (median of ``repeat`` runs)
and, in the same run, the simplest alternative: for every link, a scan of every placement,
counting and sorting all outside firms for targets (no grouping, no partial sort). Both must
give the same labels and local counts; the script checks it.

With ``--chain-kg``, also times the lexical placer on ``descriptions`` generated business
descriptions (主要从事 + 4 random real product names of company_product.csv + 的研发、生产和销售)
and reports this process's peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie_core.chains.model import shipped_chains  # noqa: E402
from duijie_core.chains.placement import Evidence, Placement, Placer  # noqa: E402
from duijie_core.chains.regions import Location, read_divisions  # noqa: E402
from duijie_core.chains.strength import Firm, Thresholds, analyse, locality  # noqa: E402


def generate(listed: int, others: int, seed: int) -> tuple[dict[str, Firm], list[Placement]]:
    """Seeded firms and placements."""
    rng = random.Random(seed)
    provinces = sorted(read_divisions().provinces)
    links = [(chain.id, link.id) for chain in shipped_chains() for link in chain.links]
    firms: dict[str, Firm] = {}
    placements: list[Placement] = []
    for number in range(listed + others):
        code = f"F{number:06d}"
        province = "" if rng.random() < 0.08 else rng.choice(provinces)
        firms[code] = Firm(code, code, Location(province, "", "name"), listed=number < listed)
        for chain, link in rng.sample(links, rng.randint(1, 3)):
            confidence = round(rng.uniform(0.4, 0.95), 4)
            scale = round(rng.random(), 4) if number < listed else 0.0
            placements.append(
                Placement(code, chain, link, confidence, scale, (Evidence("text", "kw"),))
            )
    return firms, placements


def simplest(chains, firms, placements, region, thresholds):  # type: ignore[no-untyped-def]
    """For every link, scan all placements; sort every outside firm for the targets."""
    local = {code: locality(firm.location, region) for code, firm in firms.items()}
    local_total = sum(1 for v in local.values() if v)
    known_total = sum(1 for v in local.values() if v is not None)
    result = {}
    for chain in chains:
        for link in chain.links:
            on = {p.firm: p for p in placements if p.chain == chain.id and p.link == link.id}
            inside = sum(1 for f in on if local[f])
            known = sum(1 for f in on if local[f] is not None)
            quotient = (inside / local_total) / (known / known_total) if known else None
            strong = inside >= thresholds.strong_firms and (quotient or 0) >= thresholds.strong_lq
            label = "missing" if inside == 0 else "strong" if strong else "weak"
            outside = sorted(
                (p for f, p in on.items() if local[f] is False and label != "strong"),
                key=lambda p: -(0.5 * p.confidence + 0.3 * p.scale + 0.2 * firms[p.firm].listed),
            )[: thresholds.targets]
            result[chain.id, link.id] = (label, inside, len(outside))
    return result


def place_descriptions(folder: Path, count: int, seed: int) -> None:
    """Time the lexical placer on `count` generated descriptions."""
    with (folder / "company_product.csv").open(encoding="utf-8") as stream:
        names = [row["product_name"] for row in csv.DictReader(stream)]
    rng = random.Random(seed)
    texts = [f"主要从事{'、'.join(rng.sample(names, 4))}的研发、生产和销售" for _ in range(count)]
    placer = Placer(shipped_chains())
    started, started_cpu = time.perf_counter(), time.process_time()
    placed = sum(len(placer.place_text(str(i), [text])) for i, text in enumerate(texts))
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(
        f"placed {count} descriptions: {placed} placements in {wall:.1f} s wall ({cpu:.1f} s CPU), "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listed", type=int, default=5000)
    parser.add_argument("--others", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--region", default="430000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chain-kg", type=Path)
    parser.add_argument("--descriptions", type=int, default=100_000)
    args = parser.parse_args()
    if args.chain_kg:
        place_descriptions(args.chain_kg, args.descriptions, args.seed)
    chains = shipped_chains()
    region = read_divisions().resolve(args.region)
    started = time.perf_counter()
    firms, placements = generate(args.listed, args.others, args.seed)
    print(
        f"generated {len(firms)} firms, {len(placements)} placements on "
        f"{sum(len(c.links) for c in chains)} links in {time.perf_counter() - started:.1f} s"
    )
    thresholds = Thresholds()
    timings, cpu, simple, simple_cpu = [], [], [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        analysis = analyse(chains, firms, placements, region, thresholds=thresholds)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    for _ in range(max(1, args.repeat // 2)):
        started, started_cpu = time.perf_counter(), time.process_time()
        naive = simplest(chains, firms, placements, region, thresholds)
        simple.append(time.perf_counter() - started)
        simple_cpu.append(time.process_time() - started_cpu)
    ours = {
        (link.chain, link.link): (link.label, link.local_firms, len(link.targets))
        for c in analysis.chains
        for link in c.links
    }
    assert ours == naive, "the two methods disagree"
    print(
        f"analyse (grouped, partial sort): median {statistics.median(timings):.3f} s wall "
        f"({statistics.median(cpu):.3f} s CPU), max {max(timings):.3f} s over {len(timings)} runs"
    )
    print(
        "simplest alternative (scan per link, full sort): "
        f"median {statistics.median(simple):.3f} s wall "
        f"({statistics.median(simple_cpu):.3f} s CPU) over {len(simple)} runs"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"same labels, local counts and target counts on all {len(ours)} links: yes")


if __name__ == "__main__":
    main()
