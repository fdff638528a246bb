"""Every UI string is translated in all three catalogues, and the catalogues are current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from duijie.i18n_tools import untranslated

ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = ROOT / "src" / "duijie"
LANGUAGES = ("zh_Hant", "zh_Hans", "en")
APPS = sorted(p.parent.name for p in APPS_DIR.glob("*/apps.py"))


def _catalogue(base: Path, app: str, language: str) -> Path:
    return base / app / "locale" / language / "LC_MESSAGES" / "django.po"


def _msgids(path: Path) -> set[tuple[str | None, str]]:
    if not path.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_is_complete(app, language):
    path = _catalogue(APPS_DIR, app, language)
    if not path.exists():
        assert not _catalogue(APPS_DIR, app, "zh_Hans").exists(), (
            f"{app} lacks a {language} catalogue"
        )
        pytest.skip(f"{app} has no translatable strings")
    assert untranslated(path) == []


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    """Extract the strings of the current source into a copy of the tree."""
    base = tmp_path_factory.mktemp("messages")
    shutil.copytree(
        ROOT / "src", base / "src", ignore=shutil.ignore_patterns("*.mo", "__pycache__", "static")
    )
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_messages.py"), "--base", str(base)],
        check=True,
        cwd=base,
    )
    return base / "src" / "duijie"


@pytest.mark.parametrize("app", APPS)
def test_catalogue_holds_every_string_of_the_source(fresh_extraction, app):
    fresh = _msgids(_catalogue(fresh_extraction, app, "zh_Hans"))
    committed = _msgids(_catalogue(APPS_DIR, app, "zh_Hans"))
    assert sorted(m for _c, m in fresh - committed) == [], "run `make messages` and translate"
