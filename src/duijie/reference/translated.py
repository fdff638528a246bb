"""Names kept in three scripts/languages, picked by the active language."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

# Which field to read for each interface language, in fallback order.
_FIELD_ORDER = {
    "zh-hant": ("name_hant", "name", "name_en"),
    "zh-hans": ("name", "name_hant", "name_en"),
    "en": ("name_en", "name_hant", "name"),
}


class TranslatedNameMixin:
    """For models with ``name`` (Simplified), ``name_hant`` and ``name_en`` fields."""

    def display_name(self, language: str | None = None) -> str:
        """The name in ``language`` (default: active), falling back to another script."""
        order = _FIELD_ORDER.get(
            language or translation.get_language() or "zh-hant", _FIELD_ORDER["zh-hant"]
        )
        for field in order:
            value = getattr(self, field, "")
            if value:
                return str(value)
        return ""


def names_in(language: str) -> dict[str, str]:
    """Reference names in ``language`` (a Django language code), keyed by their Simplified
    names: places, key industries and GB/T industries (these also by code).

    For texts built from reference names, such as match reasons. One query per table.
    """
    names: dict[str, str] = {}
    for model in ("AdminDivision", "KeyIndustry", "Industry"):
        rows = apps.get_model("reference", model).objects.only("code", *_FIELD_ORDER["en"])
        for row in rows:
            names.setdefault(row.name.strip(), row.display_name(language))
            if model == "Industry":
                names[row.code] = row.display_name(language)
    return names
