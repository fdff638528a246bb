"""Benchmark the investment-environment web path (docs/costs.md, docs/benchmarks.md).

Usage: ``.venv/bin/python scripts/bench_environment.py [--seed 1] [--places 20] [--profiles 5]
[--items 30] [--history 4] [--repeat 15]``

Runs against the configured database (development: ``var/duijie.sqlite3``, migrated with
the reference data loaded) inside one transaction that is rolled back at the end, so
nothing stays. It writes random data from the seed: `--items` indicators (prices per m2
per year, per kWh, per person per month), `--history` dated values for each of `--places`
cities and indicator (a quarter of the places in HKD, converted with a stored rate),
`--profiles` operation profiles of `--items` items. Then, in the same run, medians of
`--repeat`:

- the what-if recompute (the model): every profile at every place from one price book,
  with one changed value — what a what-if request computes after loading;
- the comparison request's data path: load the price book from the database (values,
  rates, city → province) + the recompute;
- the simplest alternative: for every profile, place and item, one query for the latest
  value on or before today and one for its rate, then quantity × price;
- the report PDF (one profile, all places, three SVG charts, the source list), against
  the same PDF without its charts.

It checks that the recompute and the alternative give the same totals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TODAY = dt.date(2025, 6, 1)
KINDS = (("CNY/m2/year", "m2"), ("CNY/kWh", "kWh"), ("CNY/person/month", "person-month"))


class Rollback(Exception):
    """Raised at the end to roll the benchmark's data back."""


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `repeat` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def populate(rng: random.Random, places: int, profiles: int, items: int, history: int) -> list[str]:
    """Indicators, values, a rate and profiles; returns the place codes."""
    from duijie.environment.models import Indicator, IndicatorValue, OperationProfile, ProfileItem
    from duijie.pipeline.models import ExchangeRate
    from duijie.reference.models import AdminDivision, DivisionLevel

    cities = list(AdminDivision.objects.filter(level=DivisionLevel.CITY).order_by("code")[:places])
    ExchangeRate.objects.get_or_create(
        base="HKD", quote="CNY", on=dt.date(2020, 1, 1), defaults={"rate": Decimal("0.9")}
    )
    kinds = [KINDS[n % len(KINDS)] for n in range(items)]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"bench_{n}",
            name=f"指标{n}",
            name_hant=f"指標{n}",
            name_en=f"Indicator {n}",
            unit=kinds[n][0],
            kind="cost",
        )
        for n in range(items)
    )
    values = []
    for number, city in enumerate(cities):
        currency = "HKD" if number % 4 == 3 else "CNY"
        for indicator in indicators:
            for step in range(history):
                values.append(
                    IndicatorValue(
                        indicator=indicator,
                        place=city,
                        on=TODAY - dt.timedelta(days=200 * step + 1),
                        value=Decimal(rng.randint(100, 100000)) / 100,
                        status="sample",
                        source="bench",
                        unit=indicator.unit.replace("CNY", currency),
                        currency=currency,
                    )
                )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    for p in range(profiles):
        profile = OperationProfile.objects.create(
            code=f"bench-{p}", name=f"概况{p}", name_hant=f"概況{p}", name_en=f"Profile {p}"
        )
        ProfileItem.objects.bulk_create(
            ProfileItem(
                profile=profile,
                indicator=ind,
                quantity=Decimal(rng.randint(1, 10000)),
                unit=kinds[n][1],
            )
            for n, ind in enumerate(indicators)
        )
    return [city.code for city in cities]


def recompute_all(
    profiles: list[object], codes: list[str], book: object
) -> dict[tuple[str, str], object]:
    from duijie_core import costs

    changed = costs.WhatIf(values={(codes[0], profiles[0].items[0].indicator): Decimal(1)})  # type: ignore[attr-defined]
    totals = {}
    for profile in profiles:
        what_if = changed if profile is profiles[0] else costs.WhatIf()
        comparison = costs.compare(profile, codes, book, what_if=what_if)  # type: ignore[arg-type]
        totals |= {(profile.name, c.place): c.annual_cost for c in comparison.places}  # type: ignore[attr-defined]
    return totals


def simplest(profile_rows: list[object], codes: list[str]) -> dict[tuple[str, str], object]:
    """One query per item for the latest value and one for its rate; quantity × price."""
    from duijie.environment.models import IndicatorValue
    from duijie.pipeline.models import ExchangeRate

    totals: dict[tuple[str, str], object] = {}
    for profile in profile_rows:
        items = list(profile.items.select_related("indicator"))  # type: ignore[attr-defined]
        for code in codes:
            total = Decimal(0)
            for item in items:
                found = IndicatorValue.objects.filter(
                    place__code=code, indicator=item.indicator, on__lte=TODAY
                )
                value = found.order_by("-on").first()
                price = value.value
                if value.currency != "CNY":
                    rate = (
                        ExchangeRate.objects.filter(
                            base=value.currency, quote="CNY", on__lte=value.on
                        )
                        .order_by("-on")
                        .first()
                    )
                    price = price * rate.rate
                total += item.quantity * price
            totals[(profile.code, code)] = total
    return totals


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    for name, default in (
        ("seed", 1),
        ("places", 20),
        ("profiles", 5),
        ("items", 30),
        ("history", 4),
        ("repeat", 15),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.http import QueryDict
    from django.utils import translation

    from duijie.environment import report
    from duijie.environment.adapters import core_profile, load_book
    from duijie.environment.models import OperationProfile

    print(f"load average before: {os.getloadavg()}")
    try:
        with transaction.atomic():
            codes = populate(
                random.Random(args.seed), args.places, args.profiles, args.items, args.history
            )
            rows = list(OperationProfile.objects.filter(code__startswith="bench-").order_by("code"))
            profiles = [core_profile(row) for row in rows]
            book = load_book(today=TODAY, places=codes)
            model = timed(lambda: recompute_all(profiles, codes, book), args.repeat)
            request = timed(
                lambda: recompute_all(profiles, codes, load_book(today=TODAY, places=codes)),
                args.repeat,
            )
            plain = timed(lambda: simplest(rows, codes), max(1, args.repeat // 5))
            same = recompute_all(profiles, codes, book)
            plain_totals: dict = plain[2]  # type: ignore[assignment,type-arg]
            unchanged = {k: v for k, v in same.items() if k[0] != profiles[0].name}
            assert all(unchanged[k] == plain_totals[k] for k in unchanged), "totals differ"
            query = QueryDict(mutable=True)
            query["profile"] = rows[0].code
            query.setlist("places", codes)
            pdf = timed(
                lambda: report.render_report(query=query.urlencode(), language="zh-hant"), 3
            )
            original = report.charts
            report.charts = lambda context: {}  # type: ignore[assignment]  # the same PDF without charts
            try:
                with translation.override("zh-hant"):
                    bare = timed(
                        lambda: report.render_report(query=query.urlencode(), language="zh-hant"), 3
                    )
            finally:
                report.charts = original
            raise Rollback
    except Rollback:
        pass
    print(f"load average after: {os.getloadavg()}")
    print(
        f"{len(codes)} places × {len(profiles)} profiles × {args.items} items, "
        f"{len(codes) * args.items * args.history} values; medians of {args.repeat}"
    )
    print("| What | wall | CPU | Target |\n|---|---:|---:|---|")
    lines = [
        ("What-if recompute, all profiles × places, one price book", model, 1000, "ms", "< 50 ms"),
        (
            "Comparison data path: price book from the database + recompute",
            request,
            1000,
            "ms",
            "—",
        ),
        ("Simplest alternative: two queries per item, same totals", plain, 1000, "ms", "—"),
        (
            f"Report PDF (one profile, {len(codes)} places, 3 SVG charts, sources)",
            pdf,
            1,
            "s",
            "< 10 s",
        ),
        ("The same PDF without charts", bare, 1, "s", "—"),
    ]
    for label, (wall, cpu, _result), scale, unit, target in lines:
        print(f"| {label} | {wall * scale:.2f} {unit} | {cpu * scale:.2f} {unit} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
