"""Names kept in three scripts/languages, picked by the active language."""

from __future__ import annotations

from django.utils import translation

# Which field to read for each interface language, in fallback order.
FIELD_ORDER = {
    "zh-hant": ("name_hant", "name", "name_en"),
    "zh-hans": ("name", "name_hant", "name_en"),
    "en": ("name_en", "name_hant", "name"),
}


class TranslatedNameMixin:
    """For models with ``name`` (Simplified), ``name_hant`` and ``name_en`` fields."""

    def display_name(self, language: str | None = None) -> str:
        """The name in ``language`` (default: active), falling back to another script."""
        order = FIELD_ORDER.get(
            language or translation.get_language() or "zh-hant", FIELD_ORDER["zh-hant"]
        )
        for field in order:
            value = getattr(self, field, "")
            if value:
                return str(value)
        return ""
