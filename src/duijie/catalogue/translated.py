"""Project text in three versions (zh-Hant, zh-Hans, en): pick one, fall back, say which."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

SUFFIX = {"zh-hant": "hant", "zh-hans": "hans", "en": "en"}
FALLBACK = {
    "zh-hant": ("zh-hant", "zh-hans", "en"),
    "zh-hans": ("zh-hans", "zh-hant", "en"),
    "en": ("en", "zh-hant", "zh-hans"),
}
TEXT_STEMS = ("name", "technology", "market", "financing_needs", "cooperation")


@dataclass(frozen=True)
class ShownText:
    """A text as shown: its content, the language it is in, and whether that is a fallback."""

    text: str
    language: str
    is_fallback: bool


def current_language() -> str:
    """The active interface language, one of zh-hant, zh-hans, en."""
    language = (translation.get_language() or "zh-hant").lower()
    return language if language in FALLBACK else "zh-hant"


def pick(project: object, stem: str, language: str | None = None) -> ShownText:
    """The ``stem`` text of ``project`` in ``language``, else the first non-empty fallback."""
    wanted = language or current_language()
    for candidate in FALLBACK.get(wanted, FALLBACK["zh-hant"]):
        value = getattr(project, f"{stem}_{SUFFIX[candidate]}", "") or ""
        if value.strip():
            return ShownText(value, candidate, candidate != wanted)
    return ShownText("", wanted, False)


def all_texts(project: object) -> list[str]:
    """Every non-empty text version of every text field (for the search index)."""
    values = (
        getattr(project, f"{stem}_{suffix}", "")
        for stem in TEXT_STEMS
        for suffix in SUFFIX.values()
    )
    return [value for value in values if value]
