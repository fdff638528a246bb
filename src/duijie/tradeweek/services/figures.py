"""The trade week's figures, defined once (docs/tradeweek.md, "Figures") and used by the
staff analytics funnel and the leadership dashboard alike.

- scheduled: live meetings (scheduled, held or no-show; not cancelled);
- held: live meetings where both sides checked in, or that either side rated;
- no-shows: meetings marked no-show that nobody rated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

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
    """Scheduled, held and no-show meetings of one edition (all editions for None), in one
    query."""
    rated = Q(rated=True)
    counts = (
        meetings_of(edition_id)
        .annotate(rated=_rated())
        .aggregate(
            scheduled=Count("pk", filter=Q(status__in=LIVE_MEETING)),
            held=Count(
                "pk", filter=Q(status__in=LIVE_MEETING) & (Q(status=MeetingStatus.HELD) | rated)
            ),
            no_shows=Count("pk", filter=Q(status=MeetingStatus.NO_SHOW) & ~rated),
        )
    )
    return WeekFigures(**counts)
