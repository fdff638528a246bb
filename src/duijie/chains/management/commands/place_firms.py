"""``duijie place_firms [--chain-kg DIR]``: place every directory firm on the chain links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.chains.services import place_firms
from duijie.localised import reader_language
from duijie_core.chains.errors import ChainError
from duijie_core.chains.knowledge import read_folder
from duijie_core.chains.phrases import describe


class Command(BaseCommand):
    help = "Place every directory firm on the links of every chain (replaces the placements)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chain-kg",
            type=Path,
            help="A folder shaped like chain_kg: listed firms are also placed through their "
            "Shenwan industry and weighted products (matched by stock code).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        knowledge = None
        if options["chain_kg"]:
            try:
                knowledge = read_folder(options["chain_kg"])
            except ChainError as error:
                problem = error.problem
                raise CommandError(
                    describe(problem.code, dict(problem.params), reader_language())
                ) from None
        written = place_firms(knowledge=knowledge)
        self.stdout.write(f"{written} placements written.")
