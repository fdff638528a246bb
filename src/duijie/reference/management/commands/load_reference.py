from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duijie.reference.loaders import load_all


class Command(BaseCommand):
    help = "Load (or refresh) places, GB/T 4754 industries, key industries and promotion methods."

    def handle(self, *args: Any, **options: Any) -> None:
        for kind, count in load_all().items():
            self.stdout.write(f"{kind}: {count}")
