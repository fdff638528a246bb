"""Command line: ``duijie costs compare``.

    duijie costs compare --indicators IND.csv --profile PROFILE.json --places CODE[,CODE…]
                         [--peers CODE,CODE…] [--rates RATES.csv] --out FILE.json
                         [--today YYYY-MM-DD] [--max-age-days N] [--escalation RATE]
                         [--language zh-Hant|zh-Hans|en]

`--today` defaults to the machine's date (read here, at the edge; the core takes it as
a parameter); `--escalation` (default 0) is the yearly growth of the ten-year costs.
Exit codes: 0 success, 2 invalid input (unreadable file, bad header or row, bad JSON,
a unit or currency that cannot be converted); on any error nothing is written (the
output goes to a temporary file renamed into place).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from duijie_core.costs.book import price_book
from duijie_core.costs.compare import compare
from duijie_core.costs.errors import CostError
from duijie_core.costs.files import (
    comparison_to_json,
    dump_json,
    read_indicators,
    read_profile,
    read_rates,
)
from duijie_core.costs.phrases import LANGUAGES, describe
from duijie_core.files import write_output

INVALID_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duijie costs", description="operating cost model")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("compare", help="yearly cost of a profile per place, with index")
    run.add_argument("--indicators", required=True, metavar="IND.csv")
    run.add_argument("--profile", required=True, metavar="PROFILE.json")
    run.add_argument("--places", required=True, metavar="CODE[,CODE…]")
    run.add_argument("--peers", metavar="CODE,CODE…")
    run.add_argument("--rates", metavar="RATES.csv")
    run.add_argument("--out", required=True, metavar="FILE.json")
    run.add_argument("--today", metavar="YYYY-MM-DD")
    run.add_argument("--max-age-days", type=int, metavar="N")
    run.add_argument("--escalation", default="0", metavar="RATE")
    run.add_argument("--language", choices=LANGUAGES, default="en")
    return parser


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CostError("cannot_read", where=path, reason=error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise CostError("not_utf8", where=path) from None


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",")]


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CostError("bad_option", option="--today", value=text, expected="YYYY-MM-DD") from None


def _max_age(days: int | None) -> timedelta | None:
    if days is not None and days < 0:
        raise CostError("bad_option", option="--max-age-days", value=str(days), expected="≥ 0")
    return None if days is None else timedelta(days=days)


def _escalation(text: str) -> Decimal:
    try:
        rate = Decimal(text)
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate <= -1:
        raise CostError("bad_option", option="--escalation", value=text, expected="> -1, e.g. 0.03")
    return rate


def _compare(args: argparse.Namespace) -> int:
    today, max_age = _today(args.today), _max_age(args.max_age_days)
    escalation = _escalation(args.escalation)
    values = read_indicators(_read(args.indicators), Path(args.indicators).name)
    profile = read_profile(_read(args.profile), Path(args.profile).name)
    rates = read_rates(_read(args.rates), Path(args.rates).name) if args.rates else ()
    book = price_book(values, rates, today)
    peers = _codes(args.peers) if args.peers is not None else None
    comparison = compare(profile, _codes(args.places), book, peers=peers, max_age=max_age)
    write_output(
        args.out, dump_json(comparison_to_json(comparison, today, escalation)) + "\n", CostError
    )
    complete = sum(1 for place in comparison.places if not place.missing)
    print(f"{len(comparison.places)} place(s), {complete} complete; wrote {args.out}")
    return 0


def main(argv: list[str]) -> int:
    """Run ``compare``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _compare(args)
    except CostError as error:
        print(f"error: {describe(error.code, error.params, args.language)}", file=sys.stderr)
        return INVALID_INPUT


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
