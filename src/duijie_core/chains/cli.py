"""Command line: ``duijie chains analyse`` and ``duijie chains evaluate``.

    duijie chains analyse --chain-kg DIR --region REGION --out FILE.json
                          [--io-table FILE.csv] [--language zh-Hant|zh-Hans|en]
    duijie chains evaluate --chain-kg DIR --out FILE.json [--min-confidence C] [--language …]

DIR is a folder shaped like chain_kg; REGION an administrative-division code (``430000``,
``430100``) or name (``湖南省``, ``湖南``, ``長沙``). ``--io-table`` (a national input–output
table shaped like the 42-sector table) adds each link's input-share weight; without it every
weight is 1. Exit codes: 0 success, 2 invalid input (missing folder or file, unknown region,
malformed line); on any error a sentence goes to standard error and nothing is written (the
output goes to a temporary file renamed into place).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from duijie_core.chains.errors import ChainError
from duijie_core.chains.knowledge import read_folder
from duijie_core.chains.model import read_io_shares, shipped_chains, validate
from duijie_core.chains.phrases import describe
from duijie_core.chains.quality import evaluate, evaluation_to_json
from duijie_core.chains.regions import read_divisions, shipped_headquarters
from duijie_core.chains.report import analyse_graph, analysis_to_json
from duijie_core.files import write_output
from duijie_core.locale import LANGUAGES

INVALID_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duijie chains", description="industry-chain analysis")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("analyse", help="link strength, leaders and targets for a region")
    run.add_argument("--chain-kg", required=True, metavar="DIR")
    run.add_argument("--region", required=True, metavar="REGION")
    run.add_argument("--out", required=True, metavar="FILE.json")
    run.add_argument("--io-table", metavar="FILE.csv")
    run.add_argument("--language", choices=LANGUAGES, default="zh-Hans")
    check = commands.add_parser("evaluate", help="placement precision/recall on listed companies")
    check.add_argument("--chain-kg", required=True, metavar="DIR")
    check.add_argument("--out", required=True, metavar="FILE.json")
    check.add_argument("--language", choices=LANGUAGES, default="zh-Hans")
    check.add_argument("--min-confidence", type=float, default=0.0, metavar="C")
    return parser


def _io_shares(path: str | None) -> dict[tuple[str, str], float] | None:
    if path is None:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ChainError("missing_file", where=path) from None
    return read_io_shares(csv.reader(io.StringIO(text)), Path(path).name)


def _analyse(args: argparse.Namespace) -> dict[str, Any]:
    chains = shipped_chains()
    for chain in chains:
        for found in validate(chain):
            raise ChainError(found.code, **found.params)
    divisions = read_divisions()
    region = divisions.resolve(args.region)
    shares = _io_shares(args.io_table)
    graph = read_folder(Path(args.chain_kg))
    analysis = analyse_graph(
        graph, region, chains, divisions, shipped_headquarters(), io_shares=shares
    )
    if analysis.local_firms == 0:
        print(
            describe("region_without_firms", {"region": region.name}, args.language),
            file=sys.stderr,
        )
    return analysis_to_json(analysis, chains, divisions, args.language)


def _evaluate(args: argparse.Namespace) -> dict[str, Any]:
    chains = shipped_chains()
    graph = read_folder(Path(args.chain_kg))
    evaluation = evaluate(graph, chains, min_confidence=args.min_confidence)
    return evaluation_to_json(evaluation, chains, args.language)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        data = _analyse(args) if args.command == "analyse" else _evaluate(args)
        write_output(args.out, json.dumps(data, ensure_ascii=False, indent=1) + "\n", ChainError)
    except ChainError as error:
        found = error.problem
        print(describe(found.code, found.params, args.language), file=sys.stderr)
        return INVALID_INPUT
    return 0
