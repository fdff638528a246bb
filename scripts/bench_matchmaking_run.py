"""Whole-edition match run through the web app (results in docs/benchmarks.md, Matching section).

    .venv/bin/python scripts/bench_matchmaking_run.py                  # 30,000 candidates
    .venv/bin/python scripts/bench_matchmaking_run.py --scale 300000 --timeout 900
    .venv/bin/python scripts/bench_matchmaking_run.py --scale 5000 --compare-scale 0 --ranker engine

Builds a synthetic edition in its own database (SQLite under ``--var-dir``, one
file per size, reused when already built; or ``--database-url`` naming a
database whose name contains "bench", which is emptied first): ``--scale``
investor organisations (a tenth with an active mandate: the only readers of
investor → project suggestions here), 0.6 financing events
per investor with one to three investors each, one company per two events,
and ``--projects`` published projects owned by some of those companies.

Then times the whole run as the app does it (load the directory and fit, load
the projects, score, spread, build reasons, save) in a fresh process per run,
and reads that process's peak RSS. With ``--ranker learned`` (the default, as the
web run since issue 19) "load_fit" includes training the learned ranker on the
events dated before the run, and the run is ranked by it when it keeps a model
(the result's ``ranker`` says which ranked); ``--ranker engine`` is the matcher only.
After the timed phases it prints, per side,
a digest of the stored rows as readers see them (values, signals and the
reasons in each language through ``labels.reason_texts``): equal digests before
and after a change mean the same results. The simplest alternative, the first runner
that keeps every project's full score table (``plain_runner``), runs in the
same session at ``--compare-scale`` for the memory ratio. Each run is a child
process with a time limit; nothing is left running.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

TODAY = dt.date(2024, 6, 1)
MANDATE_SHARE = 0.1
SLUG = "bench-edition"
MANDATE_STAGES = ("seed", "early", "growth", "late", "project")
PROJECT_STAGES = ("concept", "preparation", "construction", "operating", "expansion")
HUNAN_CITIES = ("4301", "4302", "4303", "4304", "4305", "4306", "4307", "4310")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "step", nargs="?", default="all", choices=("all", "build", "run", "profile")
    )
    parser.add_argument("--sample", type=int, default=100, help="projects timed by 'profile'")
    parser.add_argument("--scale", type=int, default=30_000, help="investor organisations")
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--compare-scale", type=int, default=5_000, help="0 = no comparison")
    parser.add_argument("--runner", choices=("streamed", "plain"), default="streamed")
    parser.add_argument(
        "--ranker",
        choices=("learned", "engine"),
        default="learned",
        help="learned: as the web run does it since issue 19 (the ranker trained on the deals"
        " before the run, the engine when it keeps no model); engine: the matcher only",
    )
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--pool-factor", type=int, default=20)
    parser.add_argument("--var-dir", default="/tmp/mm-bench")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per child process")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="processes staging the run's projects (DUIJIE_MATCH_JOBS; 0 = one per core)",
    )
    return parser.parse_args(argv)


# --- the parent: build and run each size in child processes -----------------------------------


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.step != "all":
        return child(args)
    print(f"machine: {machine()}")
    print(f"command: scripts/bench_matchmaking_run.py {' '.join(argv)}".rstrip())
    plan = [(args.scale, "streamed")]
    if args.compare_scale:
        plan = [(args.compare_scale, "plain"), (args.compare_scale, "streamed"), *plan]
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for scale, runner in plan:
        if not spawn(args, "build", scale, runner):
            return 1
        found = spawn(args, "run", scale, runner)
        if found is None:
            return 1
        results[scale, runner] = found
        print(f"{runner} at {scale:,}: {json.dumps(found, ensure_ascii=False)}", flush=True)
    compare(results, args.compare_scale)
    print(f"load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


def spawn(args: argparse.Namespace, step: str, scale: int, runner: str) -> dict[str, Any] | None:
    """Run one step in a child process (time-limited); its last output line is JSON."""
    command = [sys.executable, __file__, step, "--scale", str(scale), "--runner", runner]
    for name in ("projects", "top", "capacity", "pool_factor", "var_dir", "seed", "ranker", "jobs"):
        command += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    if args.database_url:
        command += ["--database-url", args.database_url]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"{step} at {scale:,} ({runner}): over {args.timeout} s, stopped")
        return None
    if done.returncode != 0:
        print(f"{step} at {scale:,} ({runner}) failed:\n{done.stderr[-3000:]}")
        return None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def compare(results: dict[tuple[int, str], dict[str, Any]], scale: int) -> None:
    plain, streamed = results.get((scale, "plain")), results.get((scale, "streamed"))
    if plain is None or streamed is None:
        return
    ratio = plain["peak_rss_mb"] / streamed["peak_rss_mb"]
    run_ratio = plain["run_rss_mb"] / max(streamed["run_rss_mb"], 1.0)
    side = "project_investor"
    same = plain["digests"][side] == streamed["digests"][side]
    print(
        f"at {scale:,}: peak RSS plain {plain['peak_rss_mb']:.0f} MB vs streamed"
        f" {streamed['peak_rss_mb']:.0f} MB ({ratio:.1f}x); growth during the run"
        f" {plain['run_rss_mb']:.0f} vs {streamed['run_rss_mb']:.0f} MB ({run_ratio:.1f}x);"
        f" run {plain['run_s']:.1f} s vs {streamed['run_s']:.1f} s;"
        f" project → investor lists identical: {same}"
    )


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.node()} {os.cpu_count()} cores, {dt.date.today()}, load average {load}"


# --- the child: Django set up on the bench database ---------------------------------------------


def child(args: argparse.Namespace) -> int:
    if args.database_url:
        if "bench" not in args.database_url.rsplit("/", 1)[-1]:
            raise SystemExit("--database-url: the database name must contain 'bench'")
        os.environ["DUIJIE_DATABASE_URL"] = args.database_url
    else:
        os.environ["DUIJIE_VAR_DIR"] = str(Path(args.var_dir) / f"s{args.scale}-p{args.projects}")
    os.environ["DUIJIE_MATCH_JOBS"] = str(args.jobs)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    steps = {"build": build, "run": run, "profile": profile}
    found = steps[args.step](args)
    print(json.dumps(found, ensure_ascii=False))
    return 0


def build(args: argparse.Namespace) -> dict[str, Any]:
    from django.core.management import call_command

    from duijie.reference.models import Edition

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not args.database_url and Edition.objects.filter(slug=SLUG).exists():
        return {"built": "reused"}
    from django.db import transaction

    from duijie.reference.loaders import load_all

    with transaction.atomic():
        if args.database_url:
            wipe()
        load_all()
        counts = populate(args.scale, args.projects, np.random.default_rng(args.seed))
    return {"built": counts, "seconds": round(time.perf_counter() - started, 1)}


def wipe() -> None:
    """Empty the bench database's matching data (only called on a database named *bench*)."""
    from duijie.catalogue.models import Project
    from duijie.directory.models import FinancingEvent, Mandate, Organisation
    from duijie.matchmaking.models import MatchRun
    from duijie.reference.models import Edition

    for model in (MatchRun, Project, FinancingEvent, Mandate, Organisation):
        model.objects.all().delete()
    Edition.objects.filter(slug=SLUG).delete()


def populate(scale: int, n_projects: int, rng: np.random.Generator) -> dict[str, int]:
    """The synthetic edition (bulk inserts; see the module docstring)."""
    from duijie.directory.models import Organisation, OrganisationKind

    investors = bulk(
        Organisation(kind=OrganisationKind.VC_PE, name=f"投资方{i:06d}", match_key=f"投资方{i:06d}")
        for i in range(scale)
    )
    n_events = int(scale * 0.6)
    companies = bulk(
        Organisation(
            kind=OrganisationKind.ENTERPRISE, name=f"公司{c:06d}", match_key=f"公司{c:06d}"
        )
        for c in range((n_events + 1) // 2)
    )
    events = history(investors, companies, n_events, rng)
    mandates = mandates_for(investors, rng)
    projects = projects_of(companies, n_projects, rng)
    return {
        "organisations": len(investors) + len(companies),
        "events": events,
        "mandates": mandates,
        "projects": projects,
    }


def bulk(objects: Any, size: int = 5_000) -> list[Any]:
    """``bulk_create`` of a generator's objects (ids are set on both databases)."""
    items = list(objects)
    return type(items[0]).objects.bulk_create(items, batch_size=size) if items else []


def history(investors: list[Any], companies: list[Any], n: int, rng: np.random.Generator) -> int:
    """Financing events: zipf-like investor activity, every investor at least once."""
    from duijie.directory.models import FinancingEvent
    from duijie_core.matching.datasets import SYNTH_CITIES, SYNTH_INDUSTRIES, SYNTH_ROUNDS

    members, sizes = _members(len(investors), n, rng)
    ind, city = rng.integers(len(SYNTH_INDUSTRIES), size=n), rng.integers(len(SYNTH_CITIES), size=n)
    days, amount = rng.integers(0, 3000, size=n), rng.integers(3, 9, size=n)
    start = dt.date(2015, 1, 1)
    events = bulk(
        FinancingEvent(
            company=companies[d // 2],
            headline=f"{companies[d // 2].name}完成{SYNTH_ROUNDS[d % 2 + int(ind[d]) % 4]}融资",
            occurred_on=start + dt.timedelta(days=int(days[d])),
            round=SYNTH_ROUNDS[d % 2 + int(ind[d]) % 4],
            amount_text=f"{10 ** int(amount[d] - 4)}万元",
            amount_low=10 ** int(amount[d]),
            amount_high=10 ** int(amount[d]),
            currency="CNY",
            industry=SYNTH_INDUSTRIES[int(ind[d])][0],
            city=SYNTH_CITIES[int(city[d])],
            event_key=f"bench-{d}",
        )
        for d in range(n)
    )
    through = FinancingEvent.investors.through
    bulk(
        through(financingevent_id=events[d].pk, organisation_id=investors[int(m)].pk)
        for d in range(n)
        for m in dict.fromkeys(members[d, : sizes[d]].tolist())
    )
    return len(events)


def _members(n_investors: int, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    popularity = 1.0 / np.arange(1, n_investors + 1) ** 0.7
    members = rng.choice(n_investors, size=(n, 3), p=popularity / popularity.sum())
    sizes = rng.integers(1, 4, size=n)
    everyone = np.arange(n_investors)
    members[everyone % n, everyone // n] = everyone
    np.maximum.at(sizes, everyone % n, everyone // n + 1)
    return members, sizes


def mandates_for(investors: list[Any], rng: np.random.Generator) -> int:
    """An active mandate (industry, ticket, stage, equity) for a tenth of the investors."""
    from duijie.directory.models import Mandate
    from duijie_core.matching.datasets import SYNTH_INDUSTRIES

    chosen = rng.choice(len(investors), size=int(len(investors) * MANDATE_SHARE), replace=False)
    picks = rng.integers(len(SYNTH_INDUSTRIES), size=len(chosen))
    mandates = bulk(
        Mandate(
            organisation=investors[int(i)],
            ticket_min=10**6 * int(rng.integers(1, 50)),
            ticket_max=10**8 * int(rng.integers(1, 20)),
            currency="CNY",
            stages=[MANDATE_STAGES[int(rng.integers(len(MANDATE_STAGES)))]],
            instruments=["equity"],
            thesis=SYNTH_INDUSTRIES[int(p)][1],
        )
        for i, p in zip(chosen, picks, strict=True)
    )
    industry = industries()
    bulk(
        Mandate.industries.through(mandate_id=m.pk, industry_id=industry[int(p)])
        for m, p in zip(mandates, picks, strict=True)
    )
    return len(mandates)


def industries() -> list[int]:
    """The reference Industry row of each synthetic industry code (or its nearest parent)."""
    from duijie.reference.models import Industry
    from duijie_core.matching.datasets import SYNTH_INDUSTRIES

    known = dict(Industry.objects.values_list("code", "pk"))
    return [
        next(known[c] for c in (code, code[:3], code[:2]) if c in known)
        for code, _ in SYNTH_INDUSTRIES
    ]


def projects_of(companies: list[Any], n: int, rng: np.random.Generator) -> int:
    """``n`` published projects of the bench edition, owned by companies with a history."""
    from decimal import Decimal

    from duijie.catalogue.amounts import amount_columns
    from duijie.catalogue.models import Project, Status
    from duijie.reference.models import AdminDivision, Edition, Industry
    from duijie_core.matching.datasets import SYNTH_INDUSTRIES
    from duijie_core.money import Money

    edition = Edition.objects.create(
        slug=SLUG, name="基准", name_hant="基準", name_en="Bench", starts_on=TODAY, ends_on=TODAY
    )
    places = {d.code: d for d in AdminDivision.objects.filter(code__in=[*HUNAN_CITIES, "43"])}
    kinds = [Industry.objects.get(pk=pk) for pk in industries()]
    owners = rng.choice(len(companies), size=n, replace=False)
    return len(
        bulk(
            Project(
                edition=edition,
                code=f"B{q:05d}",
                owner_organisation=companies[int(owners[q])],
                industry=kinds[q % len(kinds)],
                province=places["43"],
                city=places[HUNAN_CITIES[int(rng.integers(len(HUNAN_CITIES)))]],
                name_hans=f"{SYNTH_INDUSTRIES[q % len(kinds)][1]}项目{q}",
                instrument="equity",
                stage=PROJECT_STAGES[int(rng.integers(len(PROJECT_STAGES)))],
                status=Status.PUBLISHED,
                **amount_columns("financing", Money(Decimal(10 ** int(rng.integers(6, 9))), "CNY")),
            )
            for q in range(n)
        )
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    """One whole run, phase by phase, as ``services.execute_run`` does it.

    Rows are saved in batches as they are made, inside one transaction (the
    plain runner's rows are saved after it, the same way); ``saving`` is the
    time spent in those batch inserts, part of ``score_spread_reasons_save``.
    """
    from django.db import transaction

    from duijie.matchmaking import runner
    from duijie.matchmaking.adapters import fitted_matcher, load_queries
    from duijie.matchmaking.models import MatchRun, Side
    from duijie.matchmaking.plain_runner import plain_project_sides
    from duijie.matchmaking.readers import readable_investors
    from duijie.matchmaking.services import RecommendationWriter, finish_run
    from duijie.reference.models import Edition

    edition = Edition.objects.get(slug=SLUG)
    phases, clock = {}, Clock()
    learned = args.ranker == "learned" and args.step == "run" and args.runner == "streamed"
    fitted = fitted_matcher(top_k=args.top, ranker_before=TODAY if learned else None)
    _ = fitted.candidate_organisations  # cached with the fitted matcher
    phases["load_fit"], fit_rss = clock.lap(), peak_mb()
    _projects, queries = load_queries(edition, TODAY)
    readers = readable_investors(edition)
    phases["load_projects_readers"] = clock.lap()
    stored = MatchRun.objects.create(edition=edition, params={"top": args.top, "bench": True})

    def emit(row: Any) -> None:
        writer.add(row)

    with transaction.atomic():
        writer = RecommendationWriter(stored)
        if args.runner == "plain":
            result = plain_project_sides(
                fitted, queries, args.top, args.capacity, args.pool_factor, readers
            )
            for row in result.rows:
                emit(row)
        else:
            result = runner.project_sides(
                fitted, queries, args.top, args.capacity, args.pool_factor, readers, emit
            )
        supplier_rows, _unserved = runner.supplier_side(args.top, TODAY)
        for row in supplier_rows:
            emit(row)
        writer.flush()
        finish_run(run=stored, result=result)
    phases["score_spread_reasons_save"] = clock.lap()
    investor_rows = stored.recommendations.filter(side=Side.INVESTOR_PROJECT).count()
    return {
        "candidates": len(fitted.matcher.candidates_),
        "profiles": int(fitted.matcher.has_profile_.sum()),
        "readers": len(readers),
        "projects": len(queries),
        "rows": writer.saved,
        "investor_rows": investor_rows,
        "phases": phases,
        "saving_s": round(writer.seconds, 1),
        "run_s": round(sum(w for w, _ in phases.values()) - phases["load_fit"][0], 1),
        "total_s": round(sum(w for w, _ in phases.values()), 1),
        "peak_rss_mb": round(peak_mb()),
        "run_rss_mb": round(peak_mb() - fit_rss),
        "load_after": result.load_after,
        "ranker": result.ranker,
        "digests": stored_digests(stored),
    }


def profile(args: argparse.Namespace) -> dict[str, Any]:
    """Where a run's CPU goes, per project (the ``profile`` step, on a built database).

    In this one process, holding the fitted ranker: CPU milliseconds per project of
    staging (``LearnedRanker.stage``), of its score table alone and of the text
    similarity in it, over ``--sample`` projects drawn at random; then, after all
    projects are staged (on ``--jobs`` processes) and spread as a run does it, the CPU
    of building those projects' rows with reasons (``runner.ranked_rows``), of turning
    them into stored values (JSON) and of inserting them (values included; rolled back).
    """
    from django.db import connection, transaction

    from duijie.matchmaking import runner
    from duijie.matchmaking.adapters import fitted_matcher, load_queries
    from duijie.matchmaking.models import MatchRun
    from duijie.matchmaking.readers import readable_investors
    from duijie.matchmaking.services import _values, insert_recommendations
    from duijie.reference.models import Edition
    from duijie_core.matching.parallel import stage_all

    edition = Edition.objects.get(slug=SLUG)
    fitted = fitted_matcher(top_k=args.top, ranker_before=TODAY)
    ranker, matcher = runner.learned_ranker(fitted), fitted.matcher
    assert ranker is not None, "the bench history trains a ranker"
    _projects, queries = load_queries(edition, TODAY)
    readers = readable_investors(edition)
    rng = np.random.default_rng(args.seed)
    sample = sorted(int(q) for q in rng.choice(len(queries), args.sample, replace=False))
    found: dict[str, Any] = {"sample": args.sample}

    def cpu_ms(work: Any) -> float:
        started = time.process_time()
        for q in sample:
            work(queries[q])
        return round((time.process_time() - started) * 1000 / len(sample), 1)

    with runner.collector_paused():
        history = matcher.history_
        ranker.stage(queries[sample[0]], args.pool_factor)  # the day's arrays, once
        found["stage_ms"] = cpu_ms(lambda q: ranker.stage(q, args.pool_factor))
        found["score_table_ms"] = cpu_ms(matcher.score_table)
        found["text_similarity_ms"] = cpu_ms(
            lambda q: history.similar_text(
                f"{q.company} {q.industry} {q.description}".strip(),
                history.visible_deals(q.date.toordinal()),
            )
        )
        pools = [
            runner.ranked_pool(s) for s in stage_all(ranker, queries, args.pool_factor, args.jobs)
        ]
        kept = runner.spread(matcher, pools, args.top, args.capacity)
        pairs = runner.investor_choices(
            matcher, pools, args.top, runner.reader_mask(fitted, readers)
        )
        by_project: dict[int, list[tuple[int, int]]] = {}
        for i, q, rank in pairs.tolist():
            by_project.setdefault(q, []).append((i, rank))
        runner.warm_labels()
        started = time.process_time()
        rows = [
            row
            for q in sample
            for row in runner.ranked_rows(fitted, ranker, pools[q], kept[q], by_project.get(q, []))
        ]
        reasons_s = time.process_time() - started
    found["reasons_ms"] = round(reasons_s * 1000 / len(sample), 1)
    found["rows"] = len(rows)
    found["reasons_us_per_row"] = round(reasons_s * 1e6 / len(rows))
    adapt = connection.ops.adapt_json_value
    started = time.process_time()
    for row in rows:
        _values(0, row, adapt)
    found["stored_values_us_per_row"] = round((time.process_time() - started) * 1e6 / len(rows))
    with transaction.atomic():
        stored = MatchRun.objects.create(edition=edition, params={"bench": "profile"})
        started = time.process_time()
        insert_recommendations(stored, rows)
        found["values_and_insert_us_per_row"] = round(
            (time.process_time() - started) * 1e6 / len(rows)
        )
        transaction.set_rollback(True)
    return found


class Clock:
    """Wall and CPU seconds per phase (CPU: this process and its forked workers)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        lap = (round(wall - self.wall, 1), round(cpu - self.cpu, 1))
        self.wall, self.cpu = wall, cpu
        return lap


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the run's staging workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stored_digests(run: Any) -> dict[str, str]:
    """Per side, a digest of the stored rows as readers see them (after the timed phases).

    Each row: project, organisation, buyer, rank, name, score, interests, signals
    and its reasons in each language as the pages show them (``reason_texts``).
    """
    from duijie.matchmaking.labels import reason_texts
    from duijie.matchmaking.models import Side

    fields = ("project_id", "organisation_id", "buyer_id", "rank", "candidate_name", "score")
    fields += ("investor_interest", "project_interest", "signals", "reasons")
    found = {}
    for side in Side.values:
        rows = run.recommendations.filter(side=side).order_by(*fields[:4]).values_list(*fields)
        hashed = hashlib.sha256()
        for *values, signals, reasons in rows.iterator(chunk_size=5_000):
            texts = [reason_texts(reasons, language) for language in ("zh-hant", "zh-hans", "en")]
            hashed.update(repr((values, sorted(signals.items()), texts)).encode())
        found[side] = hashed.hexdigest()[:16]
    return found


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
