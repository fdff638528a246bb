"""Matching and search keys of directory records (never displayed).

``search_key`` joins every name and identifier of an organisation, normalised
(Traditional → Simplified, width, case), and the Pinyin of its Chinese names, with
`` | `` between them, so a substring query (two characters are enough) finds a name
written in either script or romanised.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from duijie_core.resolution.names import name_key
from duijie_core.text import normalise, pinyin

if TYPE_CHECKING:
    from duijie.directory.models import Organisation

SEPARATOR = " | "


def organisation_match_key(name: str) -> str:
    """The exact-name key: normalised, without spaces or punctuation."""
    return name_key(name)[:300]


def organisation_search_key(
    *,
    name: str,
    short_name: str = "",
    name_en: str = "",
    aliases: Iterable[str] = (),
    identifiers: Iterable[str] = (),
) -> str:
    """All names and identifiers, normalised, in one searchable string.

    The Hanyu Pinyin of the Chinese names is included (``changsha xiangjiang``), so
    that a reader without a Chinese keyboard finds them.
    """
    parts = [name, short_name, name_en, *aliases, *identifiers]
    parts += [pinyin(p) for p in (name, short_name) if p]
    return SEPARATOR.join(dict.fromkeys(normalise(p) for p in parts if p and p.strip()))


def query_terms(query: str) -> list[str]:
    """The normalised terms of a search query (every one must match)."""
    return [term for term in normalise(query).split(" ") if term]


def school_key(school: str) -> str:
    """The key a school is compared and filtered by."""
    return name_key(school)[:200]


def fill_organisation_keys(org: Organisation) -> None:
    """Set ``match_key`` and ``search_key`` of ``org`` from its names and identifiers."""
    org.match_key = organisation_match_key(org.name)
    org.search_key = organisation_search_key(
        name=org.name,
        short_name=org.short_name,
        name_en=org.name_en,
        aliases=org.aliases or [],
        identifiers=[org.credit_code, org.stock_code, org.hk_cr_no],
    )
