"""The hometown-network segment builder: filters over people.

Filters (all optional, combined with AND): ``hometown`` and ``location`` are division codes
and include everything below them (常德市 4307 covers its counties); ``school`` and
``affiliation`` match a part of the name in either script; ``industry`` is a key-industry
code; ``consent`` keeps only people who gave consent.
Example: "Changde-born entrepreneurs in Hong Kong in new energy" is
``{"hometown": "4307", "location": "81", "industry": "new-energy"}``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from duijie.directory.keys import query_terms, school_key
from duijie.directory.models import Consent, Person
from duijie_core.resolution.names import name_key

FILTER_KEYS = ("hometown", "location", "school", "affiliation", "industry", "consent")


def _affiliation_query(text: str) -> Q:
    """People with an affiliation whose name contains ``text`` (either script)."""
    query = Q()
    for term in query_terms(text):
        query &= Q(affiliations__organisation__search_key__contains=term) | Q(
            affiliations__organisation_name__icontains=term
        )
    return query


def segment_people(filters: dict[str, Any]) -> QuerySet[Person]:
    """The people matching ``filters`` (see the module docstring), each once."""
    people = Person.objects.all()
    if filters.get("hometown"):
        people = people.filter(hometown__code__startswith=filters["hometown"])
    if filters.get("location"):
        people = people.filter(location__code__startswith=filters["location"])
    if filters.get("school"):
        people = people.filter(schools__school_key__contains=school_key(filters["school"]))
    if filters.get("industry"):
        people = people.filter(key_industries__code=filters["industry"])
    if filters.get("affiliation") and name_key(filters["affiliation"]):
        people = people.filter(_affiliation_query(filters["affiliation"]))
    if filters.get("consent"):
        people = people.filter(consent=Consent.GIVEN)
    return people.distinct().order_by("name", "pk")
