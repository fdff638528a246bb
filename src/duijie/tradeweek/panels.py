"""The home-page panel of investors and project owners: the week as they live it.

Before and during the week: today's meetings and the next ones, with counterpart and
table. Once meetings lie behind: what happened (held, missed, not checked in) and the
feedback still to give, each with its link. Pending requests in every phase.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone

from duijie.tradeweek.models import (
    Meeting,
    MeetingStatus,
    Participant,
    RequestSource,
    RequestStatus,
)
from duijie.tradeweek.services.onsite import meetings_of
from duijie.tradeweek.services.participants import current_edition
from duijie.tradeweek.services.requests import participant_for

UPCOMING_SHOWN = 5


@dataclass(frozen=True)
class PanelMeeting:
    """One meeting as the panel shows it: the meeting, the other side, whether I rated it."""

    meeting: Meeting
    counterpart: Participant
    rated: bool


def _meetings(participant: Participant) -> list[PanelMeeting]:
    found = (
        Meeting.objects.filter(meetings_of(participant))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot__venue",
            "request__requester__user",
            "request__requester__organisation",
            "request__recipient__user",
            "request__recipient__organisation",
        )
        .prefetch_related("outcomes")
        .order_by("slot__starts_at", "pk")
    )
    return [
        PanelMeeting(
            meeting=m,
            counterpart=(
                m.request.recipient
                if m.request.requester_id == participant.pk
                else m.request.requester
            ),
            rated=any(o.participant_id == participant.pk for o in m.outcomes.all()),
        )
        for m in found
    ]


def _is_today(meeting: Meeting, now: object) -> bool:
    zone = ZoneInfo(meeting.slot.venue.time_zone)
    return meeting.slot.starts_at.astimezone(zone).date() == now.astimezone(zone).date()  # type: ignore[attr-defined]


def week_phases(participant: Participant, now: object) -> dict[str, object]:
    """Today's meetings, the next ones, and those behind (with feedback still to give)."""
    meetings = _meetings(participant)
    ahead = [m for m in meetings if m.meeting.slot.ends_at >= now]  # type: ignore[operator]
    behind = [m for m in meetings if m.meeting.slot.ends_at < now]  # type: ignore[operator]
    return {
        "week_today": [m for m in meetings if _is_today(m.meeting, now)],
        "week_next": [m for m in ahead if not _is_today(m.meeting, now)][:UPCOMING_SHOWN],
        "week_behind": behind,
        "week_held": sum(m.meeting.status == MeetingStatus.HELD for m in behind),
        "week_to_rate": [
            m for m in behind if m.meeting.status != MeetingStatus.NO_SHOW and not m.rated
        ],
    }


def week_panel_context(request: HttpRequest) -> dict[str, object]:
    edition = current_edition()
    participant = participant_for(request.user, edition) if edition else None
    if participant is None:
        return {"week_participant": None}
    now = timezone.now()
    pending = participant.received_requests.filter(status=RequestStatus.PENDING, expires_at__gt=now)
    invited = participant.sent_requests.filter(
        status=RequestStatus.PENDING, expires_at__gt=now, source=RequestSource.ORGANISER
    )
    return {
        "week_participant": participant,
        "week_pending": pending.count(),
        "week_invited": invited.count(),
        **week_phases(participant, now),
    }
