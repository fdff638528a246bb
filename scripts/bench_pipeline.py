"""Benchmark the leadership dashboard over 50,000 deals and 400,000 stage events.

    DUIJIE_VAR_DIR=/tmp/pipeline-bench .venv/bin/python scripts/bench_pipeline.py [--deals 50000]
    .venv/bin/python scripts/bench_pipeline.py \
        --database-url postgres://postgres@127.0.0.1:5432/duijie_pipeline_bench

Builds (once; ``--rebuild`` to redo) a database of synthetic deals, each with 8
evidenced stage events (forward moves, some back-steps), then requests every
chart data endpoint as a leadership user and reports p50/p95 and the number of
queries. The simplest alternative — load every deal and event and compute the
same figures in Python — runs in the same process for the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
os.environ.setdefault("DUIJIE_VAR_DIR", "/tmp/pipeline-bench")
EVENTS_PER_DEAL = 8
ENDPOINTS = [
    ("stages", {}),
    ("rates", {"by": "edition"}),
    ("rates", {"by": "city"}),
    ("rates", {"by": "method"}),
    ("amounts", {"by": "industry"}),
    ("speed", {}),
    ("trend", {}),
    ("headline", {}),
]


def build(n_deals: int, seed: int) -> None:
    """Create reference data, users and `n_deals` deals with their events (bulk)."""
    from django.db import transaction

    from duijie.accounts.models import User
    from duijie.demo import ensure_demo_edition
    from duijie.directory.models import Organisation
    from duijie.pipeline import demo
    from duijie.pipeline.models import Deal, StageEvent
    from duijie.reference.loaders import load_all
    from duijie.reference.models import AdminDivision, KeyIndustry, PromotionMethod

    load_all()
    rng = random.Random(seed)
    with transaction.atomic():
        editions = [*demo._past_editions(), ensure_demo_edition()]
        owner, _ = User.objects.get_or_create(
            email="bench-staff@example.test", defaults={"role": "organiser"}
        )
        User.objects.get_or_create(
            email="bench-leader@example.test", defaults={"role": "leadership"}
        )
        investors = list(Organisation.objects.filter(name__startswith="Bench investor "))
        if not investors:
            investors = Organisation.objects.bulk_create(
                [
                    Organisation(
                        kind="corporate",
                        name=f"Bench investor {i}",
                        match_key=f"bench investor {i}",
                    )
                    for i in range(500)
                ]
            )
        places = {
            "cities": list(AdminDivision.objects.filter(level=2, code__startswith="43")),
            "industries": list(KeyIndustry.objects.all()),
            "methods": list(PromotionMethod.objects.all()),
        }
    for start in range(0, n_deals, 5000):
        with transaction.atomic():
            _batch(
                rng, range(start, min(start + 5000, n_deals)), editions, investors, places, owner
            )
        print(f"  {min(start + 5000, n_deals)} deals", file=sys.stderr)
    print(
        f"built {Deal.objects.count()} deals, {StageEvent.objects.count()} events", file=sys.stderr
    )


def _events(rng: random.Random, signed: dt.date) -> list[tuple[int, dt.date]]:
    final = rng.randint(1, 7)
    on, events, stage = signed - dt.timedelta(days=rng.randint(20, 90)), [], 0
    for target in range(1, final + 1):
        if target == 1:
            on = signed - dt.timedelta(days=rng.randint(5, 30))
        else:
            on = signed if target == 2 else on + dt.timedelta(days=rng.randint(10, 120))
        events.append((target, on))
    while len(events) < EVENTS_PER_DEAL:
        stage = events[-1][0]
        back = max(stage - 1, 0) if len(events) % 2 == 0 or stage == 7 else min(stage + 1, 7)
        on += dt.timedelta(days=rng.randint(5, 40))
        events.append((back, on))
    return events


def _batch(rng, numbers, editions, investors, places, owner) -> None:  # type: ignore[no-untyped-def]
    from duijie.pipeline.models import GAP_FIELDS, STAGE_DATE_FIELDS, Deal, Evidence, StageEvent
    from duijie.pipeline.services import replay
    from duijie_core.pipeline.figures import milestone_gaps

    deals, histories, methods = [], [], []
    for i in numbers:
        edition = rng.choice(editions)
        events = _events(rng, edition.starts_on + dt.timedelta(days=rng.randint(-30, 3)))
        stage, reached = replay(events)
        amount = Decimal(rng.choice([5, 10, 20, 50, 100, 300])) * 1_000_000
        deal = Deal(
            title=f"Bench deal {i}",
            investor=rng.choice(investors),
            owner=owner,
            edition=edition,
            city=rng.choice(places["cities"]),
            key_industry=rng.choice(places["industries"]),
            amount=amount,
            currency="CNY",
            amount_text=f"{amount} CNY",
            amount_cny=amount,
            arrived_cny=amount * Decimal(rng.choice([0, 0.2, 0.5, 1])) if 2 in reached else 0,
            stage=stage,
            opened_on=events[0][1],
            last_progress_on=events[-1][1],
            duplicate_status="clear" if 2 in reached else "unchecked",
            **{field: reached.get(s) for s, field in STAGE_DATE_FIELDS.items()},
            **dict(zip(GAP_FIELDS, milestone_gaps(reached), strict=True)),
        )
        deals.append(deal)
        histories.append(events)
        methods.append(rng.sample(places["methods"], k=rng.randint(1, 2)))
    Deal.objects.bulk_create(deals, batch_size=1000)
    rows, through = [], []
    for deal, events, chosen in zip(deals, histories, methods, strict=True):
        previous = 0
        for target, on in events:
            rows.append(
                StageEvent(
                    deal=deal,
                    from_stage=previous,
                    to_stage=target,
                    occurred_on=on,
                    evidence_kind=Evidence.NOTE,
                    evidence_note="bench",
                    confirmed_by=owner,
                    reason="" if target > previous else "bench back-step",
                )
            )
            previous = target
        through += [Deal.methods.through(deal=deal, promotionmethod=m) for m in chosen]
    StageEvent.objects.bulk_create(rows, batch_size=2000)
    Deal.methods.through.objects.bulk_create(through, batch_size=2000)


def wipe() -> None:
    """Delete every deal and what hangs on it, in plain SQL (the ORM cascade is slow)."""
    from django.db import connection, transaction

    from duijie.pipeline import models

    tables = [
        models.StageEventRevision, models.StageEvent, models.CapitalArrival,
        models.ResignSuspicion, models.AftercareIssue, models.AftercareVisit,
        models.Deal.methods.through, models.Deal,
    ]  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {models.Deal._meta.db_table} SET duplicate_of_id = NULL")
        for model in tables:
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def time_endpoints(repeats: int, scope: dict[str, str]) -> list[tuple[str, float, float, int]]:
    """(name, p50 ms, p95 ms, queries) per endpoint, as a logged-in leadership user.

    `scope` is added to every request: {} = the current edition (the dashboard's
    default), {"edition": ""} = all editions.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from duijie.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="bench-leader@example.test"))
    results = []
    for key, endpoint_params in ENDPOINTS:
        params = {**endpoint_params, **scope}
        url = reverse("pipeline:chart_data", args=[key])
        for _ in range(3):
            assert client.get(url, params).status_code == 200
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        name = key + (f"?by={params['by']}" if "by" in params else "")
        results.append((name, statistics.median(times), _p95(times), len(queries)))
    return results


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def python_over_all_rows() -> dict[str, object]:
    """The simplest alternative: load every deal and event, replay and count in Python."""
    from duijie.pipeline.models import Deal, StageEvent
    from duijie.pipeline.services import replay

    history = defaultdict(list)
    for deal_id, to_stage, on in StageEvent.objects.order_by(
        "deal", "occurred_on", "pk"
    ).values_list("deal_id", "to_stage", "occurred_on"):
        history[deal_id].append((to_stage, on))
    stages, reached_counts, by_city, gaps = (
        Counter(),
        Counter(),
        defaultdict(Counter),
        defaultdict(list),
    )
    for deal_id, city_id, status in Deal.objects.values_list("pk", "city_id", "duplicate_status"):
        if status in ("suspect", "duplicate"):
            continue
        stage, reached = replay(history[deal_id])
        stages[stage] += 1
        reached_counts.update(reached.keys())
        by_city[city_id].update(reached.keys())
        for first, second in zip(range(2, 7), range(3, 8), strict=True):
            if first in reached and second in reached:
                gaps[first].append((reached[second] - reached[first]).days)
    medians = {k: statistics.median(v) for k, v in gaps.items()}
    return {"stages": stages, "reached": reached_counts, "cities": len(by_city), "medians": medians}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/duijie_pipeline_bench (default: SQLite "
        "in DUIJIE_VAR_DIR)",
    )
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DUIJIE_DATABASE_URL"] = args.database_url
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from duijie.pipeline.models import Deal, StageEvent

    call_command("migrate", verbosity=0)
    if args.rebuild or Deal.objects.count() != args.deals:
        wipe()
        build(args.deals, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database={connection.vendor} deals={Deal.objects.count()} "
        f"events={StageEvent.objects.count()}"
    )
    results = time_endpoints(args.repeats, {})
    everything = time_endpoints(args.repeats, {"edition": ""})
    print("| endpoint | current edition p50 / p95 ms | all editions p50 / p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for (name, p50, p95, queries), (_n, a50, a95, _q) in zip(results, everything, strict=True):
        print(f"| {name} | {p50:.1f} / {p95:.1f} | {a50:.1f} / {a95:.1f} | {queries} |")
    baseline = []
    for _ in range(3):
        start = time.perf_counter()
        python_over_all_rows()
        baseline.append((time.perf_counter() - start) * 1000)
    dashboard = sum(p50 for _n, p50, _p, _q in everything)
    base = statistics.median(baseline)
    print(f"all {len(everything)} endpoints over all editions (sum of p50): {dashboard:.0f} ms")
    print(f"Python over all rows (median of 3): {base:.0f} ms; ratio {base / dashboard:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
