"""Command line: ``duijie intel repair|extract|ner|train|evaluate`` (no database).

    duijie intel repair FILE
    duijie intel extract FILE --json [--date YYYY-MM-DD] [--model MODEL]
    duijie intel ner --input IN.jsonl --out OUT.jsonl [--model MODEL]
    duijie intel train --cluener TRAIN.json [--model MODEL] [--held-out 0.1] [--seed 2025]
    duijie intel evaluate --cluener TRAIN.json [--model MODEL] [--held-out 0.1] [--seed 2025]
                          [--out SCORES.json]

FILE is a PDF (its text layer), an HTML page (its main text) or a text file (UTF-8, or
GB18030/Big5 detected). MODEL defaults to ``$DUIJIE_NER_MODEL`` or
``var/models/ner.crfsuite``. ``train`` fits the entity model on the training part of a
CLUENER-format file (the held-out part is a seeded random split); ``evaluate`` scores it
on the held-out part. Exit codes: 0 success, 2 invalid input; errors go to standard error
as a sentence, and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from duijie_core.files import write_output
from duijie_core.intel import ner
from duijie_core.intel.errors import IntelError
from duijie_core.intel.ingest import read_document
from duijie_core.intel.phrases import describe
from duijie_core.intel.reading import read_news, reading_to_json
from duijie_core.intel.repair import repaired_text
from duijie_core.locale import LANGUAGES

INVALID_INPUT = 2


def default_model() -> Path:
    """``$DUIJIE_NER_MODEL``, else ``<DUIJIE_VAR_DIR or var>/models/ner.crfsuite``."""
    if path := os.environ.get("DUIJIE_NER_MODEL"):
        return Path(path)
    return Path(os.environ.get("DUIJIE_VAR_DIR", "var")) / "models" / "ner.crfsuite"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duijie intel", description="news intelligence")
    parser.add_argument("--language", choices=LANGUAGES, default="zh-Hant")
    commands = parser.add_subparsers(dest="command", required=True)
    fix = commands.add_parser("repair", help="print the repaired text")
    fix.add_argument("file", metavar="FILE")
    read = commands.add_parser("extract", help="print entities, amounts and events as JSON")
    read.add_argument("file", metavar="FILE")
    read.add_argument("--json", action="store_true", required=True)
    read.add_argument("--date", metavar="YYYY-MM-DD", help="the document's date (default today)")
    read.add_argument("--model", type=Path, default=None, metavar="MODEL")
    tag = commands.add_parser("ner", help="tag CLUENER-format JSON lines")
    tag.add_argument("--input", required=True, type=Path, metavar="IN.jsonl")
    tag.add_argument("--out", required=True, metavar="OUT.jsonl")
    tag.add_argument("--model", type=Path, default=None, metavar="MODEL")
    for name in ("train", "evaluate"):
        fit = commands.add_parser(name, help=f"{name} the entity model on CLUENER data")
        fit.add_argument("--cluener", required=True, type=Path, metavar="TRAIN.json")
        fit.add_argument("--model", type=Path, default=None, metavar="MODEL")
        fit.add_argument("--held-out", type=float, default=0.1)
        fit.add_argument("--seed", type=int, default=2025)
        fit.add_argument("--out", default=None, metavar="SCORES.json")
    return parser


def _read(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise IntelError("missing_file", where=path) from None
    return read_document(data, Path(path).name).text


def _document_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise IntelError("bad_date", value=value) from None


def _extract(args: argparse.Namespace) -> None:
    when = _document_date(args.date)
    text = _read(args.file)
    tagger = ner.Tagger(args.model or default_model())
    reading = read_news(text, tagger, when)
    print(json.dumps(reading_to_json(reading), ensure_ascii=False, indent=1))


def _ner(args: argparse.Namespace) -> None:
    tagger = ner.Tagger(args.model or default_model())
    rows = ner.read_cluener(args.input)
    lines = [
        json.dumps(
            {"id": _id(row.id), "label": ner.to_cluener_label(tagger.entities(row.text))},
            ensure_ascii=False,
        )
        for row in rows
    ]
    write_output(args.out, "".join(line + "\n" for line in lines), IntelError)


def _id(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _fit(args: argparse.Namespace) -> None:
    examples = ner.read_cluener(args.cluener)
    training, held_out = ner.split(examples, held_out=args.held_out, seed=args.seed)
    model = args.model or default_model()
    report: dict[str, Any] = {"training": len(training), "held_out": len(held_out)}
    if args.command == "train":
        started = time.perf_counter()
        ner.train(training, model)
        report["seconds"] = round(time.perf_counter() - started, 1)
    tagger = ner.Tagger(model)
    scores = ner.evaluate(held_out, [tagger.entities(e.text) for e in held_out])
    report["scores"] = [score.to_json() for score in scores]
    text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        write_output(args.out, text, IntelError)
    print(text, end="")


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "repair":
            sys.stdout.write(repaired_text(_read(args.file)))
        elif args.command == "extract":
            _extract(args)
        elif args.command == "ner":
            _ner(args)
        else:
            _fit(args)
    except IntelError as error:
        print(describe(error.problem.code, error.problem.params, args.language), file=sys.stderr)
        return INVALID_INPUT
    return 0
