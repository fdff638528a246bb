"""Form lookups: the counties of a city (HTMX); industries are a picker (reference.pickers)."""

from __future__ import annotations

from django.db.models import QuerySet

from duijie.reference.models import AdminDivision, DivisionLevel


def counties_of(city_id: str) -> QuerySet[AdminDivision]:
    """The counties of the city with primary key ``city_id`` (none for anything else)."""
    if not city_id.isdigit():
        return AdminDivision.objects.none()
    return AdminDivision.objects.filter(level=DivisionLevel.COUNTY, parent_id=int(city_id))
