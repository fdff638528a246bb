"""Who can meet when: busy at confirmed event registrations, plus travel between venues.

Loaded in bulk (one query per kind of row) and used both by the scheduling
adapter and by instant placement of late-accepted requests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from duijie.reference.models import Edition
from duijie.tradeweek.models import MeetingSlot, Registration, RegistrationStatus, TravelTime


@dataclass(frozen=True)
class Window:
    """A stretch of time at a venue (an event someone attends, or a meeting slot);
    ``event`` is the event it belongs to, if any."""

    start: datetime
    end: datetime
    venue: int
    event: int | None = None


TravelTable = dict[tuple[int, int], int]


def travel_table(edition: Edition) -> TravelTable:
    """Minutes between venue ids of the edition; a missing direction mirrors the other."""
    table: TravelTable = {}
    rows = TravelTime.objects.filter(origin__edition=edition).values_list(
        "origin_id", "destination_id", "minutes"
    )
    for origin, destination, minutes in rows:
        table.setdefault((destination, origin), minutes)
    for origin, destination, minutes in rows:
        table[(origin, destination)] = minutes
    return table


def clashes(first: Window, second: Window, travel: TravelTable) -> bool:
    """Whether one person cannot be at both: overlap, or too little time to travel."""
    if first.start < second.end and second.start < first.end:
        return True
    earlier, later = (first, second) if first.start <= second.start else (second, first)
    if earlier.venue == later.venue:
        return False
    gap = (later.start - earlier.end).total_seconds() / 60
    return gap < travel.get((earlier.venue, later.venue), 0)


def event_windows(edition: Edition, user_ids: Iterable[int]) -> dict[int, list[Window]]:
    """Each user's confirmed event registrations of the edition, as windows."""
    found: dict[int, list[Window]] = defaultdict(list)
    rows = Registration.objects.filter(
        event__edition=edition, user_id__in=list(user_ids), status=RegistrationStatus.CONFIRMED
    ).values_list("user_id", "event__starts_at", "event__ends_at", "event__venue_id", "event_id")
    for user_id, start, end, venue, event in rows:
        found[user_id].append(Window(start, end, venue, event))
    return found


def slot_window(slot: MeetingSlot) -> Window:
    """A meeting slot as a window (no event: a meeting there keeps a person busy)."""
    return Window(slot.starts_at, slot.ends_at, slot.venue_id)


def slot_is_free(slot: MeetingSlot, busy: list[Window], travel: TravelTable) -> bool:
    """Whether ``slot`` clashes with none of ``busy``; attending the matchmaking session
    the slot belongs to is what makes a person free for its meetings, not busy."""
    window = slot_window(slot)
    return not any(
        clashes(window, b, travel) for b in busy if b.event is None or b.event != slot.event_id
    )


def free_slots(
    slots: Iterable[MeetingSlot], busy: list[Window], travel: TravelTable
) -> frozenset[int]:
    """Ids of the slots that clash with none of ``busy``."""
    return frozenset(slot.pk for slot in slots if slot_is_free(slot, busy, travel))
