"""Reference names (places, industries) in a reader's language, for texts built from them."""

from __future__ import annotations

import functools

from duijie.reference.models import AdminDivision, Industry, KeyIndustry
from duijie.reference.translated import FIELD_ORDER


@functools.cache
def names_in(language: str) -> dict[str, str]:
    """Reference names in ``language`` (a Django language code), keyed by their Simplified
    names: places, key industries and GB/T industries (these also by code).

    For texts built from reference names, such as match reasons. In English a GB/T group
    or class, which has no published English name, reads as its nearest ancestor that has
    one (its division): true of the class, and English. One query per table, once per
    process and language (``load_all`` clears the cache when it changes the data).
    """
    names: dict[str, str] = {}
    for model in (AdminDivision, KeyIndustry):
        for row in model.objects.only("code", *FIELD_ORDER["en"]):
            names.setdefault(row.name.strip(), row.display_name(language))
    industries = {
        row.pk: row for row in Industry.objects.only("code", "parent", *FIELD_ORDER["en"])
    }
    for row in industries.values():
        shown = row
        if language == "en":
            while not shown.name_en and shown.parent_id in industries:
                shown = industries[shown.parent_id]
        name = (shown if shown.name_en or language != "en" else row).display_name(language)
        names.setdefault(row.name.strip(), name)
        names[row.code] = name
    return names
