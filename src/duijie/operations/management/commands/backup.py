"""``duijie backup [--output-dir DIR]``: database and uploaded files into one archive."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.operations.backup import BackupError, make_backup, read_manifest


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz with a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="folder for the archive (default: DUIJIE_VAR_DIR/backups)",
        )

    def handle(self, *args: object, output_dir: Path | None, **options: object) -> None:
        try:
            archive = make_backup(output_dir=output_dir or settings.VAR_DIR / "backups")
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = read_manifest(archive)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"{archive}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['media'])} uploaded files"
        )
