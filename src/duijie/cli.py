"""The ``duijie`` command.

``duijie schedule …``, ``duijie match …``, ``duijie costs …``, ``duijie chains …`` and
``duijie intel …`` run the pure core on files and need no database; every other
sub-command is a Django management command (``duijie demo``, ``duijie migrate``,
``duijie runserver`` …).
"""

from __future__ import annotations

import os
import sys


def schedule(args: list[str]) -> int:
    """``duijie schedule …`` (imported on use: OR-Tools is slow to load)."""
    from duijie_core.scheduling.cli import main as core_main

    return core_main(args)


def match(args: list[str]) -> int:
    """``duijie match …`` (imported on use: numpy and OpenCC are slow to load)."""
    from duijie_core.matching.cli import main as core_main

    return core_main(args)


def costs(args: list[str]) -> int:
    """``duijie costs …`` (the cost model of the investment environment)."""
    from duijie_core.costs.cli import main as core_main

    return core_main(args)


def chains(args: list[str]) -> int:
    """``duijie chains …`` (industry-chain analysis of a chain_kg folder)."""
    from duijie_core.chains.cli import main as core_main

    return core_main(args)


def intel(args: list[str]) -> int:
    """``duijie intel …`` (repair and read news documents; the entity model)."""
    from duijie_core.intel.cli import main as core_main

    return core_main(args)


CORE_COMMANDS = {
    "schedule": schedule,
    "match": match,
    "costs": costs,
    "chains": chains,
    "intel": intel,
}


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``argv`` to a core command or to Django's management commands."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CORE_COMMANDS:
        return CORE_COMMANDS[args[0]](args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["duijie", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
