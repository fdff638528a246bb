"""Directory search: organisations by any of their names or identifiers, in any script.

The query is normalised like the records (Traditional → Simplified, width, case) and every
term must occur in the organisation's ``search_key``; a two-character term is enough.
"""

from __future__ import annotations

from django.db.models import QuerySet

from duijie.directory.keys import query_terms
from duijie.directory.models import INVESTOR_KINDS, Organisation

INVESTORS = "investors"


def search_organisations(
    query: str = "",
    *,
    kind: str = "",
    division: str = "",
    key_industry: str = "",
    queryset: QuerySet[Organisation] | None = None,
) -> QuerySet[Organisation]:
    """Organisations matching ``query`` and the filters, by name.

    ``kind`` is an :class:`OrganisationKind` value or ``"investors"`` (all investor kinds);
    ``division`` a division code (headquarters in or below it); ``key_industry`` a code.
    """
    found = Organisation.objects.all() if queryset is None else queryset
    for term in query_terms(query):
        found = found.filter(search_key__contains=term)
    if kind == INVESTORS:
        found = found.filter(kind__in=INVESTOR_KINDS)
    elif kind:
        found = found.filter(kind=kind)
    if division:
        found = found.filter(hq_division__code__startswith=division)
    if key_industry:
        found = found.filter(key_industries__code=key_industry).distinct()
    return found.order_by("name", "pk")
