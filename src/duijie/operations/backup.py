"""Backups of the database and the uploaded files, as one archive with a manifest.

``make_backup`` writes ``duijie-<time>.tar.gz`` holding:

- ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom`` of one snapshot) or
  ``database.sqlite3`` (SQLite: a copy through its online backup API);
- ``media/…``: every uploaded file;
- ``manifest.json``: what, when, which version and migrations, the row count and a
  content checksum of every table (taken from the same snapshot as the dump), and the
  SHA-256 of every file in the archive.

``restore_backup`` checks every checksum before it touches anything, refuses a target
that holds data unless forced, restores, then recomputes the tables' checksums and
fails loudly if one differs from the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

FORMAT = 1
MANIFEST = "manifest.json"
# Rows that `migrate` itself writes; a database holding only these counts as empty.
MIGRATE_WRITES = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plain(value: object) -> object:
    return value.tobytes() if isinstance(value, memoryview) else value


def fingerprint_tables(cursor: Any, tables: Iterable[str], quote: Any) -> dict[str, dict[str, Any]]:
    """Row count and an order-independent SHA-256 of every row of each table."""
    found = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")
        rows = sorted(
            hashlib.sha256(repr(tuple(map(_plain, row))).encode()).digest()
            for row in cursor.fetchall()
        )
        found[table] = {"rows": len(rows), "sha256": hashlib.sha256(b"".join(rows)).hexdigest()}
    return found


def sqlite_fingerprints(path: Path) -> dict[str, dict[str, Any]]:
    """:func:`fingerprint_tables` of a SQLite file, read with the plain sqlite3 module."""
    with sqlite3.connect(path) as database:
        cursor = database.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        return fingerprint_tables(cursor, tables, lambda name: f'"{name}"')


def django_fingerprints(connection: BaseDatabaseWrapper) -> dict[str, dict[str, Any]]:
    """:func:`fingerprint_tables` through a Django connection (PostgreSQL)."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        return fingerprint_tables(cursor, tables, connection.ops.quote_name)


def media_files(root: Path) -> Iterator[Path]:
    """Every uploaded file under ``root``, in a stable order."""
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    config = connection.settings_dict
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    env = {**os.environ, "PGDATABASE": config["NAME"]}
    env |= {name: str(config[key]) for key, name in names.items() if config.get(key)}
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> dict[str, dict[str, Any]]:
    """``pg_dump`` of one exported snapshot, and the tables' fingerprints in that snapshot."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        _run([*command, f"--snapshot={snapshot}", f"--file={target}"], _pg_environment(connection))
        return django_fingerprints(connection)


def dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> dict[str, dict[str, Any]]:
    """A copy through SQLite's online backup API, and the copy's fingerprints."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return sqlite_fingerprints(target)


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The last applied migration of each app."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = max(latest.get(app, name), name)
    return latest


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def make_backup(
    *, output_dir: Path, media_root: Path | None = None, alias: str = DEFAULT_DB_ALIAS
) -> Path:
    """Write one archive of the database and the uploaded files into ``output_dir``."""
    connection = connections[alias]
    engine = _engine(connection)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    created = datetime.now(UTC)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"duijie-{created:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="duijie-backup-") as work:
        database = Path(work) / (
            "database.pgdump" if engine == "postgresql" else "database.sqlite3"
        )
        dump = dump_postgresql if engine == "postgresql" else dump_sqlite
        tables = dump(connection, database)
        media = {str(path.relative_to(media_root)): path for path in media_files(media_root)}
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(timespec="seconds"),
            "duijie_version": version("duijie"),
            "django_version": django.get_version(),
            "engine": engine,
            "database": {"file": database.name, "sha256": sha256_of(database)},
            "migrations": applied_migrations(connection),
            "tables": tables,
            "media": {name: sha256_of(path) for name, path in media.items()},
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(Path(work) / MANIFEST, MANIFEST)
            tar.add(database, database.name)
            for name, path in media.items():
                tar.add(path, f"media/{name}")
    return archive


def read_manifest(archive: Path) -> dict[str, Any]:
    """The archive's manifest (a BackupError if there is none or it is of another format)."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read()) if member else {}
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"{archive} is not a Duijie backup: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has backup format {manifest.get('format')!r}, not {FORMAT}")
    return manifest


@contextmanager
def unpacked(archive: Path, manifest: dict[str, Any]) -> Iterator[Path]:
    """The archive extracted to a temporary folder, every file checked against the manifest."""
    with tempfile.TemporaryDirectory(prefix="duijie-restore-") as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        root = Path(work)
        expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
        expected |= {f"media/{name}": digest for name, digest in manifest["media"].items()}
        for name, digest in expected.items():
            path = root / name
            if not path.is_file() or sha256_of(path) != digest:
                raise BackupError(f"{name} in {archive} is missing or damaged (checksum differs)")
        yield root


def rows_present(connection: BaseDatabaseWrapper) -> int:
    """Rows in the target's tables, leaving out those ``migrate`` writes by itself."""
    tables = set(connection.introspection.table_names()) - MIGRATE_WRITES
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        total = 0
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            total += cursor.fetchone()[0]
    return total


def refuse_non_empty(connection: BaseDatabaseWrapper, media_root: Path) -> None:
    rows = rows_present(connection)
    files = sum(1 for _ in media_files(media_root))
    if rows or files:
        raise BackupError(
            f"the target holds data ({rows} rows, {files} uploaded files); restore into an "
            "empty database, or add --force to replace everything in it"
        )


def restore_postgresql(connection: BaseDatabaseWrapper, dump: Path) -> dict[str, dict[str, Any]]:
    connection.close()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += [
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
    ]
    _run([*command, str(dump)], _pg_environment(connection))
    return django_fingerprints(connection)


def restore_sqlite(connection: BaseDatabaseWrapper, copy: Path) -> dict[str, dict[str, Any]]:
    connection.ensure_connection()
    with sqlite3.connect(copy) as source:
        source.backup(connection.connection)
    source.close()
    name = connection.settings_dict["NAME"]
    connection.close()
    if connection.is_in_memory_db():
        raise BackupError("restored into an in-memory database: nothing to check against")
    return sqlite_fingerprints(Path(name))


def replace_media(source: Path, media_root: Path) -> None:
    if media_root.exists():
        shutil.rmtree(media_root)
    if source.is_dir():
        shutil.copytree(source, media_root)
    else:
        media_root.mkdir(parents=True)


def restore_backup(
    *,
    archive: Path,
    force: bool = False,
    media_root: Path | None = None,
    alias: str = DEFAULT_DB_ALIAS,
) -> dict[str, Any]:
    """Replace the database and the uploaded files by the archive's; returns the manifest.

    Side effects: the whole database and MEDIA_ROOT are replaced. Refuses (nothing
    changed) when a checksum differs, the engine differs or the target holds data
    and ``force`` is false.
    """
    connection = connections[alias]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(archive)
    if manifest["engine"] != _engine(connection):
        raise BackupError(
            f"the backup is of a {manifest['engine']} database; this site uses {connection.vendor}"
        )
    with unpacked(archive, manifest) as root:
        if not force:
            refuse_non_empty(connection, media_root)
        restore = restore_postgresql if manifest["engine"] == "postgresql" else restore_sqlite
        tables = restore(connection, root / manifest["database"]["file"])
        replace_media(root / "media", media_root)
    differing = sorted(
        name for name, mark in manifest["tables"].items() if tables.get(name) != mark
    )
    if differing:
        raise BackupError(f"restored, but these tables differ from the backup: {differing}")
    return manifest
