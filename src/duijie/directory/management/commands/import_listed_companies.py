"""``manage.py import_listed_companies PATH``: A-share listed companies from chain_kg."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duijie.directory.listed import import_listed_companies


class Command(BaseCommand):
    help = "Import listed companies from a chain_kg company.json (or its folder)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        source = path / "company.json" if path.is_dir() else path
        report = import_listed_companies(source)
        for line in report.bad_rows:
            self.stderr.write(f"skipped {line}")
        for line in report.conflicting_codes:
            self.stdout.write(f"stock code given to several names in the source, dropped: {line}")
        for line in report.without_place:
            self.stdout.write(f"no location derived from the legal name: {line}")
        self.stdout.write(
            f"{report.counts} — {len(report.without_place)} without a derived location, "
            f"{len(report.conflicting_codes)} with conflicting codes, "
            f"{len(report.without_date)} without a listing date, "
            f"{len(report.bad_rows)} unreadable"
        )
