"""Benchmark the directory: bulk import with entity resolution, and search.

Usage::

    .venv/bin/python scripts/bench_directory.py --scale 1      # 100,000 orgs + 300,000 people
    .venv/bin/python scripts/bench_directory.py --scale 0.1    # a tenth

Runs on its own fresh SQLite database in a temporary DUIJIE_VAR_DIR (or the database named
by DUIJIE_DATABASE_URL). Records come from the resolution core's seeded generator
(``duijie_core.resolution.generator``), written to CSV files and imported through the same
path as the import page (row forms → resolution → bulk writes in one transaction).
Measures: organisation import, people import, re-import of the organisation file (must
create nothing), and search p95 over random two-character and full-name queries, compared
with the simplest alternative (``name__icontains`` on the unnormalised name).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    if not os.environ.get("DUIJIE_DATABASE_URL"):
        os.environ["DUIJIE_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-directory-")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from duijie.reference.loaders import load_all

    load_all()


def org_csv(count: int, seed: int) -> bytes:
    from duijie_core.identifiers import (
        credit_code_problems,
        hk_cr_no_problems,
        stock_code_problems,
    )
    from duijie_core.resolution.generator import OrgGenerator

    records = OrgGenerator(seed=seed).generate(count, []).records
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["name", "kind", "short_name", "name_en", "credit_code", "hk_cr_no", "stock_code"]
    )
    for r in records:
        ids = [r.credit_code or "", r.hk_cr_no or "", (r.stock_codes or ("",))[0]]
        checks = (credit_code_problems, hk_cr_no_problems, stock_code_problems)
        ids = [v if v and not check(v) else "" for v, check in zip(ids, checks, strict=True)]
        names = [*r.names, *r.english_names]
        short = r.names[1] if len(r.names) > 1 else ""
        english = r.english_names[0] if r.english_names and r.names else ""
        writer.writerow([names[0], "enterprise", short[:100], english, *ids])
    return out.getvalue().encode()


def people_csv(count: int, seed: int, org_names: list[list[str]]) -> bytes:
    from duijie_core.resolution.generator import PersonGenerator

    records = PersonGenerator(seed=seed, affiliations=org_names).generate(count).records
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "birth_year", "phone", "email", "organisation"])
    for r in records:
        phone, email = (r.phones or ("",))[0], (r.emails or ("",))[0]
        writer.writerow([r.name, r.birth_year or "", phone, email, r.affiliation or ""])
    return out.getvalue().encode()


def timed(label: str, action, results: dict):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = action()
    results[label] = time.perf_counter() - start
    print(f"{label}: {results[label]:.1f} s  {value if not isinstance(value, bytes) else ''}")
    return value


def import_file(kind: str, content: bytes) -> dict[str, int]:
    from duijie.directory.importers import apply_plan, plan_import

    plan = plan_import(kind, content, f"{kind}.csv")
    if plan.errors:
        raise SystemExit("\n".join(str(e) for e in plan.errors[:20]))
    return apply_plan(plan) | {"preview": plan.counts}  # type: ignore[operator]


def search_p95(queries: list[str], search) -> float:  # type: ignore[no-untyped-def]
    times = []
    for query in queries:
        start = time.perf_counter()
        list(search(query)[:50])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20)[18]


def bench_search(n_queries: int, seed: int) -> dict[str, float]:
    from duijie.directory.models import Organisation
    from duijie.directory.search import search_organisations
    from duijie_core.text import to_traditional

    rng = random.Random(seed)
    names = list(Organisation.objects.order_by("?").values_list("name", flat=True)[:n_queries])
    two = [n[i : i + 2] for n in names if len(n) > 3 for i in [rng.randrange(len(n) - 2)]]
    full = [to_traditional(n) for n in names]
    return {
        "search p95, 2-char queries (ms)": search_p95(two, search_organisations),
        "search p95, full names in Traditional (ms)": search_p95(full, search_organisations),
        "baseline name__icontains p95, 2-char (ms)": search_p95(
            two, lambda q: Organisation.objects.filter(name__icontains=q).order_by("name", "pk")
        ),
        "baseline found, full Traditional names (of n)": sum(
            Organisation.objects.filter(name__icontains=q).exists() for q in full
        ),
        "search found, full Traditional names (of n)": sum(
            search_organisations(q).exists() for q in full
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1 = 100k orgs, 300k people")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    setup_django()
    n_orgs, n_people = int(100_000 * args.scale), int(300_000 * args.scale)
    results: dict[str, float] = {}
    orgs = timed("generate organisations", lambda: org_csv(n_orgs, args.seed), results)
    timed("import organisations", lambda: import_file("organisations", orgs), results)
    timed("re-import organisations", lambda: import_file("organisations", orgs), results)
    from duijie.directory.models import Organisation

    names = [[n] for n in Organisation.objects.values_list("name", flat=True)[:5000]]
    people = timed("generate people", lambda: people_csv(n_people, args.seed, names), results)
    timed("import people", lambda: import_file("people", people), results)
    for label, value in bench_search(args.queries, args.seed).items():
        print(f"{label}: {value:.1f}")
    total = results["import organisations"] + results["import people"]
    print(f"total import time (orgs + people): {total:.1f} s for {n_orgs} orgs, {n_people} people")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
