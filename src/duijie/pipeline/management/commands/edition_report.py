"""``manage.py edition_report --edition SLUG --language zh-hant --out FILE.pdf``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duijie.pipeline.report import LANGUAGES, edition_report_pdf
from duijie.reference.models import Edition


class Command(BaseCommand):
    help = "Write the results report of one edition of the trade week as a PDF."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--edition", required=True, help="edition slug, e.g. hunan-gba-2025")
        parser.add_argument("--language", default="zh-hant", choices=LANGUAGES)
        parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"No edition with slug {options['edition']!r}.")
        content = edition_report_pdf(
            edition=edition, language=options["language"], today=timezone.localdate()
        )
        options["out"].write_bytes(content)
        self.stdout.write(f"{options['out']}: {len(content)} bytes")
