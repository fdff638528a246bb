"""Who reads investor → project suggestions: the runner stores them only for these.

Every investor-kind organisation gets a profile, but most of them (imported
from deal histories) have nobody who would read "projects for you". Storing
their suggestions cost most of a whole-edition run, so a run keeps investor →
project rows only for :func:`readable_investors` (see docs/matching.md).
"""

from __future__ import annotations

from duijie.directory.models import Mandate, Membership
from duijie.matchmaking.providers import participant_organisations
from duijie.reference.models import Edition


def readable_investors(edition: Edition | None) -> set[int]:
    """Organisations someone can read investor → project suggestions for.

    Those with a user membership, the edition's trade-week participants and
    organisations with an active mandate (the agency works those).
    """
    found = set(Membership.objects.values_list("organisation_id", flat=True))
    found |= set(Mandate.objects.filter(is_active=True).values_list("organisation_id", flat=True))
    return found | participant_organisations(edition)
