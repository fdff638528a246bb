"""Benchmark the catalogue: list + search at 10,000 projects, import, 250-project booklet.

Usage: ``.venv/bin/python scripts/bench_catalogue.py [--scale 46] [--requests 60] [--skip-booklet]
[--skip-list] [--profile-import FILE]
[--database-url postgres://postgres@127.0.0.1:5432/duijie_catalogue_bench]``

Runs in its own database (a fresh SQLite file under a temporary DUIJIE_VAR_DIR,
or the PostgreSQL database of ``--database-url``, dropped and created afresh),
loads reference data and ``scale`` × 220 demo projects, then measures:

- catalogue list pages (filters + search) through the Django test client: median
  and p95 server time, SQL queries per page at page sizes 20 and 100, and the
  same searches done by LIKE over the raw text (the simplest alternative);
- import of a 10,000-row .xlsx (validation, then write) into a new edition (wall
  time and this process's CPU time; the database server's CPU is not in it), and
  openpyxl's normal (not read-only) load of the same file for comparison;
  ``--profile-import FILE`` writes a cProfile of the validated write to FILE;
- the zh-Hant booklet of 250 projects, each in a fresh child process: time, PDF
  size and the child's peak RSS (``ru_maxrss``) and its growth over the process
  after Django set-up, compared with the same booklet without QR codes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
QUERIES = [
    {"q": "新能源汽車"},
    {"q": "电池"},
    {"q": "電池", "city": "4301"},
    {"q": "储能 电站", "sort": "financing_desc"},
    {"industry": "new-energy", "stage": "construction"},
    {"amount_min": "1", "amount_max": "5", "sort": "financing_asc"},
    {"q": "中南大学", "instrument": "equity"},
    {"city": "4303", "page": "3"},
    {"q": "冷鏈"},
    {"q": "北斗", "edition": "hunan-gba-2025"},
]


def fresh_database(url: str | None) -> None:
    """Point Django at a new SQLite file, or drop and create the PostgreSQL database of ``url``."""
    if url is None:
        os.environ["DUIJIE_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-catalogue-")
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DUIJIE_DATABASE_URL"] = url


def setup_django(*, migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def seed(scale: int) -> dict[str, float]:
    import random

    from duijie.catalogue import demo
    from duijie.catalogue.models import ProjectToken
    from duijie.demo import ensure_demo_edition
    from duijie.reference.loaders import load_all

    load_all()
    started = time.perf_counter()
    counts = demo.populate(rng=random.Random(2025), scale=scale, edition=ensure_demo_edition())
    analyse()
    return {
        "projects": counts["projects"],
        "tokens": ProjectToken.objects.count(),
        "seconds": time.perf_counter() - started,
    }


def analyse() -> None:
    """Refresh PostgreSQL's planner statistics after the bulk load (what autovacuum does
    eventually; without them every search plan is a guess)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_list(requests: int) -> dict[str, object]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    times, queries = [], set()
    for i in range(requests):
        params = QUERIES[i % len(QUERIES)]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/projects/", params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries.add(len(captured.captured_queries))
    return {
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "queries": sorted(queries),
    }


def queries_by_page_size() -> dict[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from duijie.catalogue import filters

    counts = {}
    for size in (20, 100):
        filters_size, filters.PAGE_SIZE = filters.PAGE_SIZE, size
        import duijie.catalogue.views as views

        views.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            Client().get("/projects/", {"q": "电池"})
        counts[size] = len(captured.captured_queries)
        filters.PAGE_SIZE = views.PAGE_SIZE = filters_size
    return counts


def bench_search_vs_like() -> dict[str, float]:
    from duijie.catalogue.filters import published
    from duijie.catalogue.search import search, search_by_like

    words = ["新能源汽車", "电池", "储能电站", "中南大学", "冷鏈", "北斗"]
    timings = {}
    for name, method in (("tokens", search), ("like", search_by_like)):
        runs = []
        for word in words * 5:
            started = time.perf_counter()
            queryset = method(published(), word)
            queryset.count()
            list(queryset[:20])
            runs.append((time.perf_counter() - started) * 1000)
        timings[name] = statistics.median(runs)
    timings["found_tokens_新能源汽车"] = search(published(), "新能源汽车").count()
    timings["found_like_新能源汽车"] = search_by_like(published(), "新能源汽车").count()
    return timings


def sqlite_cache(megabytes: int) -> None:
    """Set SQLite's page cache for this connection (what a settings ``init_command`` would do)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{megabytes * 1024}")


def bench_import(rows: int, profile: str | None = None) -> dict[str, float]:
    import cProfile
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from duijie.accounts.models import User
    from duijie.catalogue.exporters import export_queryset, export_xlsx
    from duijie.catalogue.importers import preview_import, run_import
    from duijie.catalogue.models import Project
    from duijie.reference.models import Edition

    data = export_xlsx(export_queryset(Project.objects.all())[:rows], language="zh-hant")
    target = Edition.objects.create(
        slug="bench",
        name="bench",
        name_hant="bench",
        name_en="bench",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 5, 2),
    )
    user = User.objects.create_user("bench@example.test", "x", role="organiser")
    started = time.perf_counter()
    plan = preview_import(data=data, filename="b.xlsx", edition=target, language="zh-hant")
    validated = time.perf_counter() - started
    assert not plan.problems, plan.problems[:3]
    profiler = cProfile.Profile() if profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = run_import(data=data, filename="b.xlsx", edition=target, user=user, language="zh-hant")
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    started = time.perf_counter()
    list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    full_load = time.perf_counter() - started
    return {
        "rows": len(plan.rows),
        "bytes": len(data),
        "validate_s": validated,
        "import_s": total,
        "import_cpu_s": cpu,
        "written": result.written,
        "openpyxl_full_load_s": full_load,
    }


def booklet_child(count: int, *, qr: bool) -> None:
    """In a fresh process: render the zh-Hant booklet, print time, size and peak RSS as JSON."""
    setup_django(migrate=False)
    from duijie.catalogue import booklet
    from duijie.reference.models import Edition

    if not qr:
        booklet.qr_data_uri = lambda url: ""
    edition = Edition.objects.get(slug="hunan-gba-2025")
    before = peak_rss_mb()
    started = time.perf_counter()
    pdf = booklet.render_booklet(edition=edition, language="zh-hant", limit=count)
    seconds = time.perf_counter() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    result = {"seconds": seconds, "cpu_s": cpu.ru_utime + cpu.ru_stime, "pdf_mb": len(pdf) / 1e6}
    result |= {"peak_rss_after_setup_mb": before, "peak_rss_mb": peak_rss_mb()}
    print(json.dumps(result))


def peak_rss_mb() -> float:
    """This process's peak resident memory (``VmHWM``; ``ru_maxrss`` would include the parent's
    memory from before ``exec``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_booklet(count: int) -> dict[str, object]:
    """The booklet with and without QR codes, each in a fresh child process."""
    results = {}
    for name, flag in (("with_qr", []), ("no_qr", ["--no-qr"])):
        command = [sys.executable, __file__, "--booklet-child", str(count), *flag]
        finished = subprocess.run(command, capture_output=True, text=True, check=True)
        results[name] = json.loads(finished.stdout.strip().splitlines()[-1])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=46, help="demo scale (220 projects each)")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--booklet", type=int, default=250)
    parser.add_argument("--skip-booklet", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-list", action="store_true", help="seed, then only the import")
    parser.add_argument("--profile-import", metavar="FILE", help="cProfile of the import to FILE")
    parser.add_argument("--sqlite-cache-mb", type=int, help="PRAGMA cache_size for the import")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database to drop and create")
    parser.add_argument("--booklet-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-qr", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.booklet_child:
        booklet_child(args.booklet_child, qr=not args.no_qr)
        return
    fresh_database(args.database_url)
    setup_django()
    print("seed", seed(args.scale), flush=True)
    if not args.skip_list:
        bench_list(10)  # warm up
        print("list", bench_list(args.requests), flush=True)
        print("queries by page size", queries_by_page_size(), flush=True)
        print("search vs like (median ms)", bench_search_vs_like(), flush=True)
    if not args.skip_booklet:
        print("booklet", bench_booklet(args.booklet), flush=True)
    if not args.skip_import:
        if args.sqlite_cache_mb:
            sqlite_cache(args.sqlite_cache_mb)
        print("import", bench_import(args.import_rows, args.profile_import), flush=True)


if __name__ == "__main__":
    main()
