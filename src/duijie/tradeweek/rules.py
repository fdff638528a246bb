"""Who may do what in the trade week (django-rules named predicates)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import can_read_dashboard, is_organiser


@rules.predicate
def is_participant_of(user: object, edition: object) -> bool:
    """The user takes part in ``edition``'s meetings."""
    from duijie.tradeweek.models import Participant

    return (
        bool(getattr(user, "is_authenticated", False))
        and Participant.objects.filter(user=user, edition=edition).exists()
    )


@rules.predicate
def is_meeting_side(user: object, meeting: object) -> bool:
    """The user is one side of ``meeting``."""
    request = getattr(meeting, "request", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (request.requester.user_id, request.recipient.user_id)  # type: ignore[attr-defined]


rules.add_perm("tradeweek.manage_week", is_organiser)
rules.add_perm("tradeweek.check_in", is_organiser)
rules.add_perm("tradeweek.view_analytics", can_read_dashboard)
rules.add_perm("tradeweek.take_part", is_participant_of)
rules.add_perm("tradeweek.change_meeting", is_meeting_side | is_organiser)
