"""No Simplified-only character in zh_Hant catalogues or zh_Hant reference data (issue #11)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from duijie.reference.models import AdminDivision, Industry, KeyIndustry, PromotionMethod
from duijie_core import hk_glossary
from duijie_core.text import simplified_only

APPS_DIR = Path(__file__).resolve().parents[2] / "src" / "duijie"
CATALOGUES = sorted(APPS_DIR.glob("*/locale/zh_Hant/LC_MESSAGES/django.po"))


def _texts(path: Path) -> list[str]:
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    return [text for e in entries for text in (e.msgstr, *e.msgstr_plural.values()) if text]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_zh_hant_catalogue_has_no_simplified_only_characters(path):
    assert {text: simplified_only(text) for text in _texts(path) if simplified_only(text)} == {}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_zh_hant_catalogue_follows_the_glossary(path):
    assert [text for text in _texts(path) if hk_glossary.apply(text) != text] == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AdminDivision, Industry, KeyIndustry, PromotionMethod])
def test_zh_hant_reference_names_have_no_simplified_only_characters(model):
    names = model.objects.values_list("name_hant", flat=True)
    assert {name: simplified_only(name) for name in names if simplified_only(name)} == {}
