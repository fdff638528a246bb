"""Form lookups: the counties of a city and a search over the GB/T 4754 industries (HTMX)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from duijie.catalogue.translated import current_language
from duijie.reference.models import AdminDivision, DivisionLevel, Industry
from duijie_core.text import normalise, to_traditional

MAX_INDUSTRIES = 30


def counties_of(city_id: str) -> QuerySet[AdminDivision]:
    """The counties of the city with primary key ``city_id`` (none for anything else)."""
    if not city_id.isdigit():
        return AdminDivision.objects.none()
    return AdminDivision.objects.filter(level=DivisionLevel.COUNTY, parent_id=int(city_id))


def find_industries(query: str, *, limit: int = MAX_INDUSTRIES) -> list[Industry]:
    """Industries whose code starts with ``query`` or whose name contains it, in either
    script or in English.

    Names are stored in Simplified Chinese; the query is normalised (Traditional →
    Simplified, full-width → half-width, casefold), so 電池 finds 电池制造 and
    ``medicines`` (three letters or more) finds 27 医药制造业 (English names: sections
    and divisions).
    """
    key = normalise(query)
    if not key:
        return []
    matches = Q(code__istartswith=key) | Q(name__contains=key)
    if len(key) >= 3 and not key.isdigit():  # "c" is the section letter, not every English name
        matches |= Q(name_en__icontains=key)
    return list(Industry.objects.filter(matches).order_by("code")[:limit])


def industry_choice(industry: Industry, language: str | None = None) -> tuple[str, str]:
    """``(code, "code name")`` with the name in the interface's language (English where
    the industry has one, else Traditional)."""
    name = industry.display_name(language or current_language()) or to_traditional(industry.name)
    return industry.code, f"{industry.code} {name}"
