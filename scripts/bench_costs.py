"""Benchmark of the cost model (docs/costs.md, docs/benchmarks.md).

    .venv/bin/python scripts/bench_costs.py [--seed 1] [--places 20] [--profiles 5]
                                            [--items 30] [--history 8] [--repeat 15]

Random data from the seed: `--places` places, a pool of 2 × `--items` indicators
(prices per m2 per year, per kWh, per person per month; a quarter of the places in
HKD or USD), `--history` dated values per place and indicator (some after "today"),
and `--profiles` profiles of `--items` items each. Times, as medians of `--repeat`
runs: reading the IND.csv text, building the price book once, recomputing all
profiles × places (the what-if path: one changed value, everything recomputed), and
the simplest alternative in the same run — for every item, scan all rows for the
place's latest value and all rates for the conversion. Both give the same totals
(checked). Prints the load average and a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from time import perf_counter

from duijie_core.costs import (
    IndicatorValue,
    PriceBook,
    Profile,
    ProfileItem,
    Source,
    WhatIf,
    compare,
    price_book,
)
from duijie_core.costs.files import read_indicators
from duijie_core.money import ExchangeRate

TODAY = date(2025, 6, 1)
KINDS = (("CNY/m2/year", "m2"), ("CNY/kWh", "kWh"), ("CNY/person/month", "person-month"))
RATES = {"HKD": Decimal("0.92"), "USD": Decimal("7.1")}


def generate(
    rng: random.Random, places: int, profiles: int, items: int, history: int
) -> tuple[list[IndicatorValue], list[ExchangeRate], list[Profile], list[str]]:
    """Random places, indicators with dated values, rates and profiles."""
    codes = [str(4301 + n) for n in range(places)]
    indicators = [(f"ind{n:03d}", KINDS[n % 3]) for n in range(2 * items)]
    currencies = {code: rng.choice(("CNY", "CNY", "CNY", "HKD", "USD")) for code in codes}
    values = []
    for code in codes:
        for name, (unit, _) in indicators:
            currency = currencies[code]
            for day in rng.sample(range(-900, 60), history):
                amount = Decimal(rng.randint(100, 500000)) / 100
                values.append(
                    IndicatorValue(
                        code,
                        name,
                        TODAY + timedelta(days=day),
                        amount,
                        unit.replace("CNY", currency),
                        currency,
                        Source("benchmark"),
                    )
                )
    rates = [
        ExchangeRate(cur, "CNY", rate + Decimal(n) / 1000, TODAY - timedelta(days=30 * n))
        for cur, rate in RATES.items()
        for n in range(40)
    ]
    made = []
    for p in range(profiles):
        chosen = rng.sample(indicators, items)
        made.append(
            Profile(
                f"profile {p}",
                tuple(
                    ProfileItem(name, Decimal(rng.randint(1, 100000)), quantity)
                    for name, (_, quantity) in chosen
                ),
            )
        )
    return values, rates, made, codes


def naive_totals(
    values: list[IndicatorValue],
    rates: list[ExchangeRate],
    profiles: list[Profile],
    codes: list[str],
) -> list[Decimal | None]:
    """The simplest way: scan every row per item and every rate per conversion."""
    totals: list[Decimal | None] = []
    for profile in profiles:
        for code in codes:
            total: Decimal | None = Decimal(0)
            for item in profile.items:
                rows = [
                    v
                    for v in values
                    if v.place == code and v.indicator == item.indicator and v.on <= TODAY
                ]
                if not rows or total is None:
                    total = None
                    continue
                latest = max(rows, key=lambda v: v.on)
                rate = Decimal(1)
                if latest.currency != "CNY":
                    usable = [r for r in rates if r.base == latest.currency and r.on <= latest.on]
                    rate = max(usable, key=lambda r: r.on).rate
                total += item.quantity * latest.value * rate
            totals.append(total)
    return totals


def model_totals(
    book: PriceBook, profiles: list[Profile], codes: list[str], what_if: WhatIf
) -> list[Decimal | None]:
    """All profiles at all places from one price book."""
    return [
        place.annual_cost
        for profile in profiles
        for place in compare(profile, codes, book, what_if=what_if).places
    ]


def median_ms(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = perf_counter()
        result = run()
        times.append((perf_counter() - start) * 1000)
    return statistics.median(times), result


def to_csv(values: list[IndicatorValue]) -> str:
    lines = ["place,indicator,date,value,unit,currency,source"]
    lines += [
        f"{v.place},{v.indicator},{v.on.isoformat()},{v.value},{v.unit},{v.currency},benchmark"
        for v in values
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="cost model benchmark")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--places", type=int, default=20)
    parser.add_argument("--profiles", type=int, default=5)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--history", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    values, rates, profiles, codes = generate(
        rng, args.places, args.profiles, args.items, args.history
    )
    first = profiles[0].items[0].indicator
    what_if = WhatIf(values={(codes[0], first): Decimal("123.45")})
    text = to_csv(values)
    load = os.getloadavg()
    read_ms, _ = median_ms(lambda: read_indicators(text), max(3, args.repeat // 5))
    book_ms, book = median_ms(lambda: price_book(values, rates, TODAY), args.repeat)
    assert isinstance(book, PriceBook)
    recompute_ms, totals = median_ms(
        lambda: model_totals(book, profiles, codes, WhatIf()), args.repeat
    )
    what_if_ms, _ = median_ms(lambda: model_totals(book, profiles, codes, what_if), args.repeat)
    naive_ms, naive = median_ms(lambda: naive_totals(values, rates, profiles, codes), 3)
    assert naive == totals, "the naive scan and the cost model disagree"
    cells = args.places * args.profiles * args.items
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(
        f"after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; python {sys.version.split()[0]}"
    )
    print(f"{len(values)} indicator rows, {cells} place × item cells, seed {args.seed}\n")
    print("| step | median ms |\n|---|---|")
    print(f"| read IND.csv text ({len(text) // 1024} KiB) | {read_ms:.1f} |")
    print(f"| build the price book once (latest values, CNY prices) | {book_ms:.1f} |")
    print(f"| recompute {args.profiles} profiles × {args.places} places | {recompute_ms:.1f} |")
    print(f"| what-if: one value changed, recompute all | {what_if_ms:.1f} |")
    print(f"| naive: scan rows and rates per item (same totals) | {naive_ms:.1f} |")
    print(f"\nrecompute is {naive_ms / recompute_ms:.0f}× faster than the naive scan")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
