"""The public catalogue's query: published projects, filtered, searched and sorted."""

from __future__ import annotations

from django.db.models import F, QuerySet

from duijie.catalogue.forms import HUNDRED_MILLION
from duijie.catalogue.models import Project, Status
from duijie.catalogue.search import search
from duijie.reference.models import AdminDivision

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ORDERINGS = {
    "code": ["code"],
    "newest": ["-published_at", "-id"],
    "financing_desc": [F("financing_cny").desc(nulls_last=True), "code"],
    "financing_asc": [F("financing_cny").asc(nulls_last=True), "code"],
}


def published() -> QuerySet[Project]:
    """Published projects with what a list row shows (one query, joins only)."""
    return Project.objects.filter(status=Status.PUBLISHED).select_related(
        "edition", "key_industry", "city", "county", "owner_organisation"
    )


def catalogue_cities() -> QuerySet[AdminDivision]:
    """The cities that have published projects (for the city filter)."""
    return AdminDivision.objects.filter(
        pk__in=Project.objects.filter(status=Status.PUBLISHED).values("city")
    ).order_by("code")


def filter_projects(projects: QuerySet[Project], data: dict[str, object]) -> QuerySet[Project]:
    """Apply cleaned filter ``data`` (see ``CatalogueFilterForm``): filters, search, sort."""
    exact = {
        "industry": "key_industry",
        "city": "city",
        "edition": "edition",
        "instrument": "instrument",
        "stage": "stage",
    }
    for key, field in exact.items():
        if data.get(key):
            projects = projects.filter(**{field: data[key]})
    if data.get("amount_min") is not None:
        projects = projects.filter(financing_cny__gte=data["amount_min"] * HUNDRED_MILLION)  # type: ignore[operator]
    if data.get("amount_max") is not None:
        projects = projects.filter(financing_cny__lte=data["amount_max"] * HUNDRED_MILLION)  # type: ignore[operator]
    query = str(data.get("q") or "").strip()
    sort = data.get("sort") or ("relevance" if query else "code")
    if query:
        projects = search(projects, query)
    if sort in ORDERINGS:
        projects = projects.order_by(*ORDERINGS[sort])  # type: ignore[index]
    return projects
