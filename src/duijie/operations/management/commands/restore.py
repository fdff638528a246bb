"""``duijie restore ARCHIVE [--force]``: put back a backup made by ``duijie backup``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duijie.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup archive. Refuses a "
        "target that holds data unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database and files that hold data"
        )

    def handle(self, *args: object, archive: Path, force: bool, **options: object) -> None:
        try:
            manifest = restore_backup(archive=archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"restored {archive} of {manifest['created_at']}: {len(manifest['tables'])} tables, "
            f"{rows} rows and {len(manifest['media'])} uploaded files, checksums equal"
        )
