"""``manage.py run_jobs [--once] [--interval SECONDS]``: the background job worker."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from duijie.jobs.services import run_pending


class Command(BaseCommand):
    help = "Run queued background jobs; loop until stopped, or once with --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")

    def handle(self, *args: object, once: bool, interval: float, **options: object) -> None:
        while True:
            ran = run_pending()
            if ran:
                self.stdout.write(f"ran {ran} job(s)")
            if once:
                return
            time.sleep(interval)
