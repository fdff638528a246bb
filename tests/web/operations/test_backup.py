"""Backups: the demo round-trips with equal row counts and checksums; bad archives and
non-empty targets are refused before anything is touched."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from duijie.operations.backup import (
    BackupError,
    read_manifest,
    restore_backup,
    sqlite_fingerprints,
)

ROOT = Path(__file__).resolve().parents[3]


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def site(var_dir: Path, database_url: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "DUIJIE_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "duijie.settings",
    }
    env.pop("DUIJIE_DATABASE_URL", None)
    return env | ({"DUIJIE_DATABASE_URL": database_url} if database_url else {})


def postgres_url() -> str:
    url = os.environ.get("DUIJIE_DATABASE_URL", "")
    return url if urlparse(url).scheme in {"postgres", "postgresql"} else ""


def drop_postgres(url: str, *, create: bool = False) -> None:
    """Drop the database of ``url`` (closing its sessions), and create it empty if asked."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


ENGINES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not postgres_url(), reason="DUIJIE_DATABASE_URL is not postgres"),
    ),
]
UPLOAD = "catalogue/plan 計劃.pdf"


@pytest.fixture(scope="module", params=ENGINES)
def demo_backup(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A demo site (migrate + ``duijie demo``, one uploaded file) and its backup archive.

    On PostgreSQL the two sites' databases are dropped afterwards, even when a step or a
    test failed."""
    engine, root = request.param, tmp_path_factory.mktemp(request.param)
    databases = []
    if engine == "postgresql":
        databases = [postgres_url() + suffix for suffix in ("_bk_from", "_bk_to")]
    try:
        for url in databases:
            drop_postgres(url, create=True)
        yield make_demo_backup(engine, root, *(databases or ["", ""]))
    finally:
        for url in databases:
            drop_postgres(url)


def make_demo_backup(engine: str, root: Path, source_url: str, target_url: str) -> dict[str, Any]:
    source, target = site(root / "from", source_url), site(root / "to", target_url)
    manage(source, "migrate", "-v0")
    manage(source, "demo", "--scale", "1")
    upload = root / "from" / "media" / UPLOAD
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.7 demo attachment")
    said = manage(source, "backup", "--output-dir", str(root / "backups"))
    [archive] = (root / "backups").glob("duijie-*.tar.gz")
    assert str(archive) in said
    return {"engine": engine, "root": root, "source": source, "target": target, "archive": archive}


@pytest.mark.slow
def test_the_demo_round_trips(demo_backup):
    """Backup of the demo → refused on the full site → restored into an empty one, equal."""
    archive, root = demo_backup["archive"], demo_backup["root"]
    manifest = read_manifest(archive)
    assert manifest["engine"] == demo_backup["engine"]
    assert manifest["tables"]["accounts_user"]["rows"] >= 5
    assert manifest["tables"]["catalogue_project"]["rows"] > 0
    assert list(manifest["media"]) == [UPLOAD]

    refused = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "restore", str(archive)],
        env=demo_backup["source"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "the target holds data" in refused.stderr

    said = manage(demo_backup["target"], "restore", str(archive))
    assert "checksums equal" in said
    restored = root / "to" / "media" / UPLOAD
    assert restored.read_bytes() == b"%PDF-1.7 demo attachment"
    if demo_backup["engine"] == "sqlite":
        assert sqlite_fingerprints(root / "to" / "duijie.sqlite3") == manifest["tables"]
    # once more over the restored site: --force replaces it, checksums still equal
    assert "checksums equal" in manage(demo_backup["target"], "restore", str(archive), "--force")


def rewrite(archive: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of ``archive`` with ``change(name, data) -> data`` applied to each member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


@pytest.fixture
def archive(demo_backup, db):  # type: ignore[no-untyped-def]
    from django.db import connection

    if connection.vendor != demo_backup["engine"]:
        pytest.skip("the test database is of the other engine")
    return demo_backup["archive"]


def test_a_non_empty_target_is_refused(archive):
    with pytest.raises(BackupError, match="the target holds data"):
        restore_backup(archive=archive)


def test_a_damaged_file_is_refused_before_anything_changes(archive, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "logo.png").write_bytes(b"\x89PNG logo")

    def damage(name: str, data: bytes) -> bytes:
        return b"%PDF-1.7 changed" if name == f"media/{UPLOAD}" else data

    damaged = rewrite(archive, tmp_path / "damaged.tar.gz", damage)
    with pytest.raises(BackupError, match=f"media/{UPLOAD} in .* is missing or damaged"):
        restore_backup(archive=damaged, force=True)
    assert [p.name for p in (tmp_path / "media").iterdir()] == ["logo.png"]


def test_another_engine_is_refused(archive, tmp_path):
    from django.db import connection

    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def swap(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        return json.dumps(json.loads(data) | {"engine": other}).encode()

    with pytest.raises(BackupError, match=f"the backup is of a {other} database"):
        restore_backup(archive=rewrite(archive, tmp_path / "other.tar.gz", swap), force=True)


def test_something_else_is_not_a_backup(tmp_path):  # no database needed
    (tmp_path / "x.tar.gz").write_bytes(b"not a tar")
    with pytest.raises(BackupError, match="is not a Duijie backup"):
        read_manifest(tmp_path / "x.tar.gz")
    with tarfile.open(tmp_path / "y.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = 13
        tar.addfile(info, io.BytesIO(b'{"format": 9}'))
    with pytest.raises(BackupError, match="backup format 9"):
        read_manifest(tmp_path / "y.tar.gz")


def test_the_manifest_says_what_and_when(demo_backup):
    manifest = read_manifest(demo_backup["archive"])
    assert manifest["format"] == 1
    assert manifest["duijie_version"] == "0.1.0"
    assert manifest["database"]["file"] in {"database.sqlite3", "database.pgdump"}
    assert "tradeweek" in manifest["migrations"]
    assert sum(t["rows"] for n, t in manifest["tables"].items() if n.startswith("reference_")) > 0
    assert manifest["tables"]["django_migrations"]["rows"] > 0
