"""``manage.py prune_rate_counts``: delete rate-limit counts whose period is over."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from duijie.accounts.throttle import prune


class Command(BaseCommand):
    help = "Delete rate-limit counts whose period is over (run daily; the backup unit does)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{prune()} expired rate-limit count(s) deleted.")
