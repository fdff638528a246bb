"""``duijie place_firms``: place every directory firm on the chain links again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duijie.chains.services import place_firms


class Command(BaseCommand):
    help = "Place every directory firm on the links of every chain (replaces the placements)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = place_firms()
        self.stdout.write(f"{written} placements written.")
