"""``manage.py purge_uploads``: delete uploads left unconfirmed for more than a day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duijie.interchange.services import purge_expired


class Command(BaseCommand):
    help = "Delete pending uploads older than a day (also done on every new upload)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_expired()
        self.stdout.write(f"{count} pending upload(s) deleted.")
