"""``manage.py import_financing_events PATH``: deal history from a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.directory.events import import_events, plan_events


class Command(BaseCommand):
    help = "Import past financing events (.csv or .xlsx; SmoothNLP column layout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", default="", help="source label (default: file name)")

    def handle(self, *args: Any, path: Path, source: str, **options: Any) -> None:
        plan = plan_events(path.read_bytes(), path.name)
        if plan.errors:
            raise CommandError("\n".join(str(e) for e in plan.errors[:50]))
        counts = import_events(plan, source=source or path.name[:100])
        self.stdout.write(str(counts))
