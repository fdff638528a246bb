"""Benchmark the chain pages with many firms placed in the database.

Usage: ``.venv/bin/python scripts/bench_chains_web.py [--listed 5000] [--others 100000]
[--seed 2025] [--repeat 5] [--database FILE | --database-url postgres://…]``

Builds a fresh SQLite database in a temporary folder (or uses ``--database-url``: an empty
PostgreSQL database is migrated and filled once, a filled one reused), adds
``listed`` + ``others`` seeded enterprises, each headquartered in a random city (8 % with no
recorded headquarters) and placed on 1–3 random links of the shipped chains. Then, in the
same run, times (median of ``repeat``):

- the chain map page for Hunan (``/chains/engineering-machinery/?region=430000``, rendered
  by Django's test client in process: server time, no network), first with the cache emptied
  before each request (the first view after the data changed: the analysis is made and
  kept), then with the analysis kept for the current data version;
- the full analysis of Hunan over every chain made afresh in the database
  (``analyse_region``: counts grouped in SQL, only leaders and targets read), made afresh by
  loading every firm and placement into the core (``analyse_loaded``, the previous path), and
  kept for the data version (``kept_analysis``: the data-version query and one cache read);
- the simplest alternative: three ``COUNT`` queries per link (local, national, no region).

It checks that the database analysis equals the loaded one and the kept one, and that it
gives the same local and national counts for every link as the simplest alternative.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `repeat` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def populate(listed: int, others: int, seed: int) -> None:
    from duijie.chains.models import Link, Placement
    from duijie.directory.models import Organisation, OrganisationKind
    from duijie.reference.models import AdminDivision, DivisionLevel

    rng = random.Random(seed)
    cities = list(
        AdminDivision.objects.filter(level=DivisionLevel.CITY).values_list("pk", flat=True)
    )
    links = list(Link.objects.values_list("pk", flat=True))
    firms = [
        Organisation(
            kind=OrganisationKind.ENTERPRISE, name=f"企业{number:06d}",
            stock_code=f"{number:06d}" if number < listed else "",
            hq_division_id=None if rng.random() < 0.08 else rng.choice(cities),
        )
        for number in range(listed + others)
    ]  # fmt: skip
    Organisation.objects.bulk_create(firms, batch_size=5000)
    rows = [
        Placement(
            organisation_id=firm.pk, link_id=link, confidence=round(rng.uniform(0.4, 0.95), 4),
            scale=round(rng.random(), 4) if firm.stock_code else 0.0,
            evidence=[{"kind": "text", "detail": "kw"}],
        )
        for firm in Organisation.objects.only("pk", "stock_code")
        for link in rng.sample(links, rng.randint(1, 3))
    ]  # fmt: skip
    Placement.objects.bulk_create(rows, batch_size=5000)


def simplest(province: str) -> dict[tuple[str, str], tuple[int, int]]:
    """Per link: local and national firm counts, by three queries per link."""
    from duijie.chains.models import Link, Placement

    counts = {}
    for link in Link.objects.select_related("chain"):
        placed = Placement.objects.filter(link=link)
        local = placed.filter(organisation__hq_division__code__startswith=province).count()
        placed.filter(organisation__hq_division=None).count()
        counts[link.chain.code, link.code] = (local, placed.count())
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listed", type=int, default=5000)
    parser.add_argument("--others", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--database", type=Path, help="SQLite file to build once and reuse (default: a fresh one)"
    )
    parser.add_argument("--database-url", help="a PostgreSQL database to fill once and reuse")
    args = parser.parse_args()
    if args.database_url:
        database: object = args.database_url
        os.environ["DUIJIE_DATABASE_URL"] = args.database_url
    else:
        file = args.database or Path(tempfile.mkdtemp(prefix="duijie-bench-")) / "bench.sqlite3"
        database = file
        os.environ["DUIJIE_DATABASE_URL"] = f"sqlite:///{file.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from duijie.accounts.models import User
    from duijie.accounts.roles import Role
    from duijie.chains.adapters import (
        analyse_loaded,
        analyse_region,
        kept_analysis,
        resolve_region,
    )
    from duijie.directory.models import Organisation
    from duijie.reference.loaders import load_all

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        load_all()
        populate(args.listed, args.others, args.seed)
        print(f"database built in {time.perf_counter() - start:.0f} s ({database})")
    user = User.objects.filter(email="bench@example.test").first() or User.objects.create_user(
        "bench@example.test", "x", role=Role.ORGANISER, name="bench"
    )
    client = Client()
    client.force_login(user)
    page = "/chains/engineering-machinery/?region=430000"
    assert client.get(page).status_code == 200  # warm the templates
    region = resolve_region("430000")

    def cold_page() -> object:
        cache.clear()
        return client.get(page)

    cold_wall, cold_cpu, _ = timed(cold_page, args.repeat)
    client.get(page)
    page_wall, page_cpu, _ = timed(lambda: client.get(page), args.repeat)
    analysis_wall, analysis_cpu, analysis = timed(lambda: analyse_region(region), args.repeat)
    loaded_wall, loaded_cpu, loaded = timed(lambda: analyse_loaded(region), args.repeat)
    kept_wall, kept_cpu, kept = timed(lambda: kept_analysis(region), args.repeat)
    assert kept == analysis, "the kept analysis differs from a fresh one"
    assert loaded == analysis, "the database analysis differs from the loaded one"
    simple_wall, simple_cpu, counts = timed(lambda: simplest("43"), args.repeat)
    ours = {
        (link.chain, link.link): (link.local_firms, link.national_firms)
        for chain in analysis.chains  # type: ignore[attr-defined]
        for link in chain.links
    }
    assert ours == counts, "the two ways disagree"
    print(f"firms {args.listed + args.others:,}, repeat {args.repeat}, seed {args.seed}")
    print(f"database: {connection.vendor}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    for what, wall, cpu in (
        ("chain map page, cache emptied (cold)", cold_wall, cold_cpu),
        ("chain map page, analysis kept (warm)", page_wall, page_cpu),
        ("full analysis of Hunan, made in the database", analysis_wall, analysis_cpu),
        ("full analysis of Hunan, loaded (previous)", loaded_wall, loaded_cpu),
        ("full analysis of Hunan, kept", kept_wall, kept_cpu),
        ("simplest: 3 COUNT queries per link", simple_wall, simple_cpu),
    ):
        print(f"{what:46} wall {wall * 1000:7.0f} ms   CPU {cpu * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
