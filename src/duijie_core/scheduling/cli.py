"""Command line: ``duijie schedule solve|check``.

    duijie schedule solve INSTANCE.json --out SCHEDULE.json [--time-limit SECONDS]
                          [--previous OLD.json] [--method cpsat|greedy] [--seed N]
    duijie schedule check INSTANCE.json SCHEDULE.json

Exit codes: 0 success, 1 the checked schedule has violations, 2 invalid input
(unreadable file, invalid JSON, malformed or contradictory instance).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from duijie_core.problems import Problem
from duijie_core.scheduling.jsonio import read_schedule, schedule_to_json
from duijie_core.scheduling.model import Instance, Schedule
from duijie_core.scheduling.parse import InstanceError, read_instance
from duijie_core.scheduling.phrases import describe
from duijie_core.scheduling.solver import Scheduler
from duijie_core.scheduling.validate import validate

INVALID_INPUT = 2


class _InputError(Exception):
    """A file could not be used; the message says why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duijie schedule", description="1:1 meeting scheduler")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="schedule the requests of an instance")
    solve.add_argument("instance")
    solve.add_argument("--out", required=True)
    solve.add_argument("--time-limit", type=float, default=60.0)
    solve.add_argument("--previous")
    solve.add_argument("--method", choices=("cpsat", "greedy"), default="cpsat")
    solve.add_argument("--seed", type=int, default=0)
    check = commands.add_parser("check", help="list every violation of a schedule")
    check.add_argument("instance")
    check.add_argument("schedule")
    return parser


def _load_json(path: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _InputError(f"{path}: cannot read file ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise _InputError(f"{path}: not UTF-8 text") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _InputError(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error


def _print_problems(path: str, problems: list[Problem]) -> None:
    for problem in problems:
        print(
            f"{path}: {problem.code}: {describe(problem.code, problem.params, 'en')}",
            file=sys.stderr,
        )


def _load_instance(path: str) -> Instance:
    try:
        return read_instance(_load_json(path))
    except InstanceError as error:
        _print_problems(path, error.problems)
        raise _InputError(f"{path}: {len(error.problems)} problem(s); instance rejected") from error


def _load_schedule(path: str) -> Schedule:
    try:
        return read_schedule(_load_json(path))
    except InstanceError as error:
        _print_problems(path, error.problems)
        raise _InputError(f"{path}: {len(error.problems)} problem(s); schedule rejected") from error


def _solve(args: argparse.Namespace) -> int:
    instance = _load_instance(args.instance)
    previous = _load_schedule(args.previous) if args.previous else None
    scheduler = Scheduler(time_limit=args.time_limit, seed=args.seed, method=args.method)
    schedule = scheduler.solve(instance, previous=previous)
    text = json.dumps(schedule_to_json(instance, schedule), ensure_ascii=False, indent=1)
    try:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise _InputError(f"{args.out}: cannot write file ({error.strerror or error})") from error
    stats = schedule.stats
    if stats is not None:
        print(
            f"scheduled {stats.scheduled}/{stats.requests} requests,"
            f" weight {stats.scheduled_weight:g} of bound {stats.upper_bound:g}"
            f" ({stats.ratio:.2%}), {stats.seconds:.1f} s"
        )
    return 0


def _check(args: argparse.Namespace) -> int:
    instance = _load_instance(args.instance)
    schedule = _load_schedule(args.schedule)
    violations = validate(instance, schedule)
    for violation in violations:
        print(f"{violation.code}: {describe(violation.code, violation.params, 'en')}")
    print(f"{len(violations)} violation(s)")
    return 1 if violations else 0


def main(argv: list[str]) -> int:
    """Run ``solve`` or ``check``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _solve(args) if args.command == "solve" else _check(args)
    except _InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return INVALID_INPUT


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
