"""Picker sources of the directory: organisations, searched like the directory search.

An organisation is found by any of its names (either script, English, short name, former
names), its identifiers or the Pinyin of its Chinese names (``search_key``, the directory
search); matches are ranked by :func:`duijie.reference.pickers.rank` over those same keys
(a name equal to the query, then one starting with it, then the rest), and labelled with
their kind and headquarters so that namesakes are told apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from duijie.directory.keys import SEPARATOR as KEY_SEPARATOR
from duijie.directory.models import INVESTOR_KINDS, Organisation
from duijie.directory.search import INVESTORS, search_organisations
from duijie.reference.pickers import SEPARATOR, PickerSource, ranked, register_picker

CANDIDATES = 500  # matches ranked per search (the directory's contains filter comes first)


def may_pick_organisations(user: Any) -> bool:
    """Who may search the directory's organisations: its readers (staff, leadership)."""
    return bool(user.has_perm("directory.read"))


def organisations(user: Any, params: Mapping[str, str]) -> QuerySet[Organisation]:
    """Every organisation, or only investors (``kind=investors``)."""
    found = Organisation.objects.select_related("hq_division__parent")
    if params.get("kind") == INVESTORS:
        found = found.filter(kind__in=INVESTOR_KINDS)
    return found


def find_organisations(records: QuerySet[Organisation], text: str) -> list[Organisation]:
    """The directory search over ``records``, best matches first."""
    found = search_organisations(text, queryset=records)[:CANDIDATES]
    return ranked(found, text, lambda org: org.search_key.split(KEY_SEPARATOR))


def recent_first(records: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Before anything is typed: the organisations edited most recently."""
    return records.order_by("-updated_at", "pk")


def organisation_label(org: Organisation) -> str:
    """Name · kind · headquarters (長沙市 · 芙蓉區), so that namesakes differ."""
    parts = [org.name, str(org.get_kind_display())]
    place = org.hq_division
    if place is not None:
        parent = place.parent if place.level > 1 and place.parent is not None else None
        parts.append(place.display_name() if parent is None else
                     f"{parent.display_name()} {place.display_name()}")  # fmt: skip
    return SEPARATOR.join(parts)


def register() -> None:
    register_picker(
        PickerSource(
            name="organisations", allowed=may_pick_organisations, records=organisations,
            find=find_organisations, defaults=recent_first, label=organisation_label,
        )
    )  # fmt: skip
