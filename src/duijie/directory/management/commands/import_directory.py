"""``manage.py import_directory {organisations,people} PATH``: the import page's command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.directory.importers import apply_plan, plan_import
from duijie.directory.models import ImportKind


class Command(BaseCommand):
    help = "Import organisations or people from .xlsx/.csv (all or nothing, resolved)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate and resolve only")

    def handle(self, *args: Any, kind: str, path: Path, dry_run: bool, **options: Any) -> None:
        plan = plan_import(kind, path.read_bytes(), path.name)
        if plan.errors:
            raise CommandError("\n".join(str(e) for e in plan.errors))
        self.stdout.write(f"preview: {plan.counts}")
        if not dry_run:
            self.stdout.write(f"imported: {apply_plan(plan, source=path.name[:100])}")
