"""Who reads investor → project suggestions: the runner stores them only for these.

Every investor-kind organisation gets a profile, but most of them (imported
from deal histories) have nobody who would read "projects for you". Storing
their suggestions cost most of a whole-edition run, so a run keeps investor →
project rows only for :func:`readable_investors` (see docs/matching.md).
"""

from __future__ import annotations

from duijie.directory.models import Mandate, Membership
from duijie.reference.models import Edition


def readable_investors(edition: Edition | None) -> set[int]:
    """Organisations someone can read investor → project suggestions for.

    Those with a user membership, the edition's trade-week participants and
    organisations with an active mandate (the agency works those).
    """
    found = set(Membership.objects.values_list("organisation_id", flat=True))
    found |= set(Mandate.objects.filter(is_active=True).values_list("organisation_id", flat=True))
    return found | participant_organisations(edition)


def participant_organisations(edition: Edition | None) -> set[int]:
    """The organisations taking part in ``edition``'s trade week (none without an edition)."""
    try:
        from duijie.tradeweek.models import Participant
    except ImportError:  # pragma: no cover - the trade week app is optional here
        return set()
    if edition is None:
        return set()
    taking_part = Participant.objects.filter(edition=edition, organisation__isnull=False)
    return set(taking_part.values_list("organisation_id", flat=True))
