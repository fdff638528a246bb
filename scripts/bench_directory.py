"""Benchmark the directory: bulk import with entity resolution, and search.

Usage::

    .venv/bin/python scripts/bench_directory.py --scale 1      # 100,000 orgs + 300,000 people
    .venv/bin/python scripts/bench_directory.py --scale 0.1    # a tenth

Runs on its own fresh SQLite database in a temporary DUIJIE_VAR_DIR (or the database named
by DUIJIE_DATABASE_URL). Records come from the resolution core's seeded generator
(``duijie_core.resolution.generator``), written to CSV files and imported through the same
path as the import page (row forms → resolution → bulk writes in one transaction).
Measures: organisation import, people import (each split into read+validate, resolve and
write), re-import of the organisation file (must create nothing), duplicate-detection
precision and recall of both imports against the generator's ground truth (pairs of rows
that became one record), and search p95 over random two-character and full-name queries.
Simplest alternatives in the same run: exact normalised-name matching for duplicates, and
``name__icontains`` on the unnormalised name for search.

``--compare-core`` also fits the resolution core on exactly the rows the import read (the
same core records) and prints the core's own precision / recall and the true pairs the
import did not make, split into those involving a row sent to review and the others: the
difference between the import path and ``scripts/bench_resolution.py`` on the same data.
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
from collections import Counter
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


Truth = list[int]


def org_csv(count: int, seed: int) -> tuple[bytes, Truth]:
    """Generated organisations as an import file, and the true entity of every row."""
    from duijie_core.identifiers import (
        credit_code_problems,
        hk_cr_no_problems,
        stock_code_problems,
    )
    from duijie_core.resolution.generator import OrgGenerator

    data = OrgGenerator(seed=seed).generate(count, [])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "kind", "short_name", "name_en", "credit_code", "hk_cr_no",
                     "stock_code", "hq_division"])  # fmt: skip
    for r in data.records:
        ids = [r.credit_code or "", r.hk_cr_no or "", (r.stock_codes or ("",))[0]]
        checks = (credit_code_problems, hk_cr_no_problems, stock_code_problems)
        ids = [v if v and not check(v) else "" for v, check in zip(ids, checks, strict=True)]
        names = [*r.names, *r.english_names]
        short = r.names[1] if len(r.names) > 1 else ""
        english = r.english_names[0] if r.english_names and r.names else ""
        writer.writerow([names[0], "enterprise", short[:100], english, *ids, r.region or ""])
    return out.getvalue().encode(), [data.entity_of[r.key] for r in data.records]


def division_codes(places: set[str]) -> dict[str, str]:
    """{generated place: division code}; the generator writes 长沙 as well as 长沙市, so the
    code of the name, else of the name + 市 or 省 (places found under neither are left out)."""
    from django.core.exceptions import ValidationError

    from duijie.directory.rowforms import Lookup
    from duijie.reference.models import AdminDivision

    lookup, found = Lookup(), {}
    for place in places:
        for written in (place, f"{place}市", f"{place}省"):
            try:
                found[place] = lookup.division(written)
                break
            except ValidationError:
                continue
    codes = dict(AdminDivision.objects.filter(pk__in=found.values()).values_list("pk", "code"))
    return {place: codes[pk] for place, pk in found.items()}


def people_csv(count: int, seed: int, org_names: list[list[str]]) -> tuple[bytes, Truth]:
    """Generated people as an import file, and the true person of every row."""
    from duijie_core.resolution.generator import PersonGenerator

    data = PersonGenerator(seed=seed, affiliations=org_names).generate(count)
    towns = division_codes({r.hometown for r in data.records if r.hometown})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "birth_year", "phone", "email", "organisation", "hometown"])
    for r in data.records:
        phone, email = (r.phones or ("",))[0], (r.emails or ("",))[0]
        town = towns.get(r.hometown or "", "")
        writer.writerow([r.name, r.birth_year or "", phone, email, r.affiliation or "", town])
    return out.getvalue().encode(), [data.entity_of[r.key] for r in data.records]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_quality(assigned: list[object], truth: Truth) -> tuple[float, float]:
    """Pairwise (precision, recall) of rows grouped by ``assigned`` against ``truth``."""
    predicted = sum(_pairs(n) for n in Counter(assigned).values())
    true = sum(_pairs(n) for n in Counter(truth).values())
    correct = sum(_pairs(n) for n in Counter(zip(assigned, truth, strict=True)).values())
    return (correct / predicted if predicted else 1.0, correct / true if true else 1.0)


def exact_name_groups(content: bytes) -> list[object]:
    """The simplest alternative: rows with the same normalised name are one record."""
    from duijie_core.resolution.names import name_key

    rows = list(csv.reader(io.StringIO(content.decode())))[1:]
    return [name_key(row[0]) for row in rows]


def report_quality(label: str, content: bytes, truth: Truth) -> None:
    """Print precision/recall of the import (rows → records) and of exact-name matching."""
    ours = pair_quality(list(LAST_RECORD_IDS), truth)
    start = time.perf_counter()
    groups = exact_name_groups(content)
    baseline = pair_quality(groups, truth)
    took = time.perf_counter() - start
    print(f"{label} duplicates, import: precision {ours[0]:.4f}, recall {ours[1]:.4f}")
    print(f"{label} duplicates, exact normalised name (simplest alternative, {took:.1f} s): "
          f"precision {baseline[0]:.4f}, recall {baseline[1]:.4f}")  # fmt: skip


def grouped_pairs(assigned: list[object]) -> set[tuple[int, int]]:
    """Every pair of row positions (i < j) given the same group."""
    members: dict[object, list[int]] = {}
    for position, group in enumerate(assigned):
        members.setdefault(group, []).append(position)
    return {(a, b) for rows in members.values() for i, a in enumerate(rows) for b in rows[i + 1 :]}


def compare_with_core(label: str, truth: Truth) -> None:
    """Fit the core on the rows the last import read; print its quality and what the import
    lacks (true pairs the core made and the import did not, by cause)."""
    from duijie.directory import importing
    from duijie.directory.resolution import fitted_org_resolver, fitted_person_resolver

    plan = LAST_PLAN[0]
    people = plan.kind == "people"  # type: ignore[attr-defined]
    read = importing.incoming_person_records if people else importing.incoming_org_records
    records = read(plan.cleaned)  # type: ignore[attr-defined]
    start = time.perf_counter()
    fitted = (fitted_person_resolver if people else fitted_org_resolver)(records)
    core = [fitted.cluster_of_[r.key] for r in records]
    took = time.perf_counter() - start
    precision, recall = pair_quality(core, truth)
    print(f"{label} duplicates, core fit on the same rows ({took:.1f} s): "
          f"precision {precision:.4f}, recall {recall:.4f}")  # fmt: skip
    review = {i for i, r in enumerate(plan.resolutions) if r.outcome == "review"}  # type: ignore[attr-defined]
    lacking = [
        (i, j)
        for i, j in grouped_pairs(core) - grouped_pairs(list(LAST_RECORD_IDS))
        if truth[i] == truth[j]
    ]
    by_review = sum(1 for i, j in lacking if i in review or j in review)
    print(f"{label}: true pairs the core made and the import did not: {len(lacking)} "
          f"({by_review} with a row sent to review; {len(review)} rows to review)")  # fmt: skip


def timed(label: str, action, results: dict):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    value = action()
    results[label] = time.perf_counter() - start
    used = time.process_time() - cpu
    extra = value if isinstance(value, dict) else ""
    print(f"{label}: {results[label]:.1f} s wall, {used:.1f} s CPU of this process  {extra}")
    return value


PHASES: dict[str, float] = {}
LAST_RECORD_IDS: list[int] = []
LAST_PLAN: list[object] = []


def import_file(kind: str, content: bytes) -> dict[str, int]:
    """Import through the page's path; phase times (read+validate, resolve, write) in PHASES."""
    from duijie.directory.importers import COLUMNS, apply_plan, resolve_plan, validate_rows
    from duijie.directory.rowforms import Lookup
    from duijie.directory.tabular import alias_map, read_table

    start = time.perf_counter()
    table = read_table(content, f"{kind}.csv", alias_map(COLUMNS[kind]))
    plan = validate_rows(kind, table, Lookup())
    if plan.errors:
        raise SystemExit("\n".join(str(e) for e in plan.errors[:20]))
    validated = time.perf_counter()
    plan.resolutions = resolve_plan(plan)
    resolved = time.perf_counter()
    counts = apply_plan(plan)
    LAST_RECORD_IDS[:] = plan.record_ids
    LAST_PLAN[:] = [plan]
    PHASES.update(
        {"read+validate": validated - start, "resolve": resolved - validated,
         "write": time.perf_counter() - resolved}
    )  # fmt: skip
    print("   phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in PHASES.items()))
    return counts | {"preview": plan.counts}  # type: ignore[operator]


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
    everyone = list(Organisation.objects.order_by("pk").values_list("name", flat=True))
    names = rng.sample(everyone, min(n_queries, len(everyone)))  # seeded, unlike order_by("?")
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
    parser.add_argument("--compare-core", action="store_true", help="also fit the core on the rows")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {connection.vendor}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()}")  # fmt: skip
    n_orgs, n_people = int(100_000 * args.scale), int(300_000 * args.scale)
    results: dict[str, float] = {}
    orgs, org_truth = timed("generate organisations", lambda: org_csv(n_orgs, args.seed), results)
    timed("import organisations", lambda: import_file("organisations", orgs), results)
    report_quality("organisation", orgs, org_truth)
    if args.compare_core:
        compare_with_core("organisation", org_truth)
    timed("re-import organisations", lambda: import_file("organisations", orgs), results)
    from duijie.directory.models import Organisation

    names = [[n] for n in Organisation.objects.values_list("name", flat=True)[:5000]]
    people, person_truth = timed(
        "generate people", lambda: people_csv(n_people, args.seed, names), results
    )
    timed("import people", lambda: import_file("people", people), results)
    report_quality("people", people, person_truth)
    if args.compare_core:
        compare_with_core("people", person_truth)
    for label, value in bench_search(args.queries, args.seed).items():
        print(f"{label}: {value:.1f}")
    total = results["import organisations"] + results["import people"]
    print(f"total import time (orgs + people): {total:.1f} s for {n_orgs} orgs, {n_people} people")
    print(f"load average at the end {os.getloadavg()}; CPU time of this process "
          f"{time.process_time():.0f} s (SQLite runs in-process)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
