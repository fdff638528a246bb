"""Supply–demand matching quality on the demo: for each hand-written buyer need, the rank
of the supplier a person would pick (``directory.demo_produce.HUMAN_PICKS``), against the
simplest alternative (rank by product name alone, ties in directory order), and the
spread of the scores.

Needs the demo in the database (``manage.py demo --seed 2025 --scale 1``)::

    .venv/bin/python scripts/supply_quality.py [--top 20]

Prices compare with the stored exchange rates in force today, as in the web run.
Reads only. Results: docs/matching.md, "Supply–demand matching".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _rank(names: list[str], wanted: str) -> int | None:
    return names.index(wanted) + 1 if wanted in names else None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.utils import timezone

    from duijie.directory.demo_produce import DEMO, HUMAN_PICKS
    from duijie.matchmaking.adapters import load_buyers, load_suppliers
    from duijie.matchmaking.providers import exchange_rates
    from duijie_core.matching.suppliers import match_suppliers
    from duijie_core.matching.supply_fit import product_match
    from duijie_core.matching.supply_price import Rates

    buyers, _owners = load_buyers()
    suppliers, _ids = load_suppliers()
    rates = Rates(tuple(exchange_rates()), timezone.localdate())  # as the web run
    chosen = {}
    for buyer in buyers:  # each hand-written buyer's first need
        chosen.setdefault(buyer.name, buyer)
    rows, scores = [], []
    for name, pick in HUMAN_PICKS.items():
        buyer = chosen.get(name + DEMO)
        if buyer is None:
            print(f"{name}: not in the database (load the demo)", file=sys.stderr)
            return 2
        (answer,) = match_suppliers([buyer], suppliers, args.top, rates=rates)
        ranked = [r.candidate for r in answer.items]
        by_product = sorted(
            (s for s in suppliers if product_match(buyer.wanted, s.all_offers()).score > 0),
            key=lambda s: -product_match(buyer.wanted, s.all_offers()).score,
        )
        scores += [r.score for r in answer.items]
        filtered = sum(n for code, n in answer.exclusion_counts.items() if code != "no_product")
        baseline = _rank([s.name for s in by_product], pick + DEMO)
        top = [round(r.score, 3) for r in answer.items[:3]]
        rows.append(
            (name, pick, _rank(ranked, pick + DEMO), baseline, len(answer.items), filtered, top)
        )
    print(f"{len(suppliers)} suppliers, {len(buyers)} needs; top {args.top}\n")
    print("| buyer | supplier a person picks | rank (matching) | rank (product name only) "
          "| suggested | excluded by filters | top scores |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, pick, rank, baseline, n, excluded, top in rows:
        print(f"| {name} | {pick} | {rank or '—'} | {baseline or '—'} | {n} | {excluded} | {top} |")
    for label, column in (("matching", 2), ("product name only", 3)):
        ranks = [r[column] for r in rows]
        first = sum(1 for r in ranks if r == 1)
        mrr = statistics.mean(1 / r if r else 0 for r in ranks)
        print(f"\n{label}: picked supplier first for {first} of {len(rows)} needs, MRR {mrr:.3f}")
    if scores:
        print(
            f"\nscores of all {len(scores)} suggestions: min {min(scores):.3f}, "
            f"median {statistics.median(scores):.3f}, max {max(scores):.3f}, "
            f"stdev {statistics.pstdev(scores):.3f}, {len({round(s, 3) for s in scores})} distinct"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
