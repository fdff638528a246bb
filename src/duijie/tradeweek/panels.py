"""The home-page panel of investors and project owners: next meetings, pending requests."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from duijie.tradeweek.models import Meeting, MeetingStatus, RequestStatus
from duijie.tradeweek.services.onsite import meetings_of
from duijie.tradeweek.services.participants import current_edition
from duijie.tradeweek.services.requests import participant_for


def week_panel_context(request: HttpRequest) -> dict[str, object]:
    edition = current_edition()
    participant = participant_for(request.user, edition) if edition else None
    if participant is None:
        return {"week_participant": None}
    upcoming = Meeting.objects.filter(
        meetings_of(participant), status=MeetingStatus.SCHEDULED, slot__ends_at__gte=timezone.now()
    ).select_related("slot__venue", "request__requester__user", "request__recipient__user")[:5]
    pending = participant.received_requests.filter(
        status=RequestStatus.PENDING, expires_at__gt=timezone.now()
    )
    return {
        "week_participant": participant,
        "week_next": list(upcoming),
        "week_pending": pending.count(),
    }
