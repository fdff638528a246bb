"""``manage.py find_duplicates``: refresh the suspected duplicate organisations."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duijie.directory.resolution import refresh_duplicates


class Command(BaseCommand):
    help = "Run entity resolution over all organisations and store suspected duplicates."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{refresh_duplicates()} suspected duplicate pairs open")
