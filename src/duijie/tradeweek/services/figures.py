"""The trade week's figures, defined once (docs/tradeweek.md, "Figures") and used by the
staff analytics funnel and the leadership dashboard alike.

- scheduled: live meetings (scheduled, held or no-show; not cancelled);
- held: live meetings where both sides checked in, or that either side rated;
- no-shows: meetings marked no-show that nobody rated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from duijie.tradeweek.models import Meeting, MeetingStatus, Outcome
from duijie.tradeweek.services.weights import LIVE_MEETING


@dataclass(frozen=True)
class WeekFigures:
    scheduled: int
    held: int
    no_shows: int


def _rated() -> Exists:
    return Exists(Outcome.objects.filter(meeting=OuterRef("pk")))


def held_meetings() -> Q:
    """Filter for held meetings (see the module docstring)."""
    return Q(status__in=LIVE_MEETING) & (Q(status=MeetingStatus.HELD) | _rated())


def is_held(meeting: Meeting) -> bool:
    """The same definition for one meeting whose outcomes are loaded (prefetched)."""
    rated = bool(meeting.outcomes.all())
    return meeting.status in LIVE_MEETING and (meeting.status == MeetingStatus.HELD or rated)


def meetings_of(edition_id: int | None) -> QuerySet[Meeting]:
    rows = Meeting.objects.all()
    return rows.filter(request__edition_id=edition_id) if edition_id else rows


def week_figures(edition_id: int | None) -> WeekFigures:
    """Scheduled, held and no-show meetings of one edition (all editions for None)."""
    rows = meetings_of(edition_id)
    return WeekFigures(
        scheduled=rows.filter(status__in=LIVE_MEETING).count(),
        held=rows.filter(held_meetings()).count(),
        no_shows=rows.filter(status=MeetingStatus.NO_SHOW).exclude(_rated()).count(),
    )
