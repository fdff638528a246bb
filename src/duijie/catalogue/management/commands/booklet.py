"""``manage.py booklet --edition SLUG --language zh-hant --out FILE.pdf`` (synchronous)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.catalogue.booklet import LANGUAGES, render_booklet
from duijie.jobs.phrases import Phrase
from duijie.reference.models import Edition


class Command(BaseCommand):
    help = "Render the project booklet of an edition to a PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="edition slug, e.g. hunan-gba-2025")
        parser.add_argument("--language", default="zh-hant", choices=LANGUAGES)
        parser.add_argument("--out", required=True, type=Path, help="output PDF file")
        parser.add_argument("--limit", type=int, default=None, help="only the first N projects")
        parser.add_argument(
            "--site", default="", help="base URL of the QR links when DUIJIE_SITE_URL is not set"
        )

    def handle(
        self,
        *args: object,
        edition: str,
        language: str,
        out: Path,
        limit: int | None,
        site: str,
        **options: object,
    ) -> None:
        self.verbosity = int(options.get("verbosity", 1))  # type: ignore[call-overload]
        try:
            chosen = Edition.objects.get(slug=edition)
        except Edition.DoesNotExist:
            raise CommandError(f"No edition with slug {edition!r}.") from None
        if not (settings.SITE_URL or site):
            raise CommandError("Give --site or set DUIJIE_SITE_URL: the QR codes link to the site.")
        pdf = render_booklet(
            edition=chosen, language=language, site=site, limit=limit, progress=self._progress
        )
        out.write_bytes(pdf)
        self.stdout.write(f"wrote {out} ({len(pdf)} bytes)")

    def _progress(self, percent: int, message: str | Phrase) -> None:
        if self.verbosity > 1:
            self.stderr.write(f"{percent:3d}% {message}")
