"""Putting single meetings into the grid outside a full solve: seating a request and
instant placement of late-accepted requests (cancellation and the standby offers for
freed seats are in :mod:`.standby`).

The database constraints on (slot, table) and (slot, participant) decide races:
each attempt runs in a savepoint and an IntegrityError means "taken, try the next".
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingStatus,
    StandbyOffer,
    StandbyStatus,
)
from duijie.tradeweek.services.availability import (
    Window,
    event_windows,
    slot_is_free,
    slot_window,
    travel_table,
)
from duijie.tradeweek.services.sessions import usable_sessions
from duijie.tradeweek.services.weights import LIVE_MEETING, request_weight

__all__ = ["LIVE_MEETING", "busy_windows", "may_sit", "place_request", "request_weight"]


def seat_meeting(*, request: MeetingRequest, slot: MeetingSlot, table: int) -> Meeting:
    """Book ``request`` at ``slot``/``table`` with a seat for each side.

    Raises IntegrityError (inside its own savepoint) when the table or a person is
    taken. Side effects: creates or revives the Meeting (sequence + 1) and its seats;
    the request's open standby offers are withdrawn (it has its meeting now).
    """
    with transaction.atomic():
        StandbyOffer.objects.filter(request=request, status=StandbyStatus.OPEN).update(
            status=StandbyStatus.LAPSED, closed_at=timezone.now()
        )
        meeting, created = Meeting.objects.get_or_create(
            request=request, defaults={"slot": slot, "table": table}
        )
        if not created:
            meeting.seats.all().delete()
            meeting.slot, meeting.table, meeting.status = slot, table, MeetingStatus.SCHEDULED
            meeting.sequence += 1
            meeting.save()
        MeetingSeat.objects.bulk_create(
            [
                MeetingSeat(meeting=meeting, participant_id=pid, slot=slot)
                for pid in (request.requester_id, request.recipient_id)
            ]
        )
    return meeting


def busy_windows(request: MeetingRequest, *, leaving: Meeting | None = None) -> list[Window]:
    """Where the two people of ``request`` are already: events and other meetings
    (``leaving``: a meeting about to move, whose seats do not count)."""
    users = [request.requester.user_id, request.recipient.user_id]
    windows = [w for found in event_windows(request.edition_id, users).values() for w in found]
    seats = MeetingSeat.objects.filter(
        participant_id__in=[request.requester_id, request.recipient_id]
    ).select_related("slot")
    if leaving is not None:
        seats = seats.exclude(meeting=leaving)
    return windows + [slot_window(seat.slot) for seat in seats]


def place_request(*, request: MeetingRequest) -> Meeting | None:
    """Place an accepted request in the earliest slot and table free for both sides.

    Only slots outside any session or in a session that hosts the meeting
    (:mod:`.sessions`). Side effects: a Meeting and seats (and the request's own "not
    scheduled" reason cleared), or nothing. Either way every other request's reason
    may have changed: a refresh of the edition's reasons is queued once the
    transaction commits (:func:`.reasons.queue_refresh`; accepting is the busiest
    action of the week, so it does not rebuild them itself, see docs/benchmarks.md).
    """
    from duijie.tradeweek.services.reasons import queue_refresh

    meeting = _first_free_seat(request)
    if meeting is not None:
        MeetingRequest.objects.filter(pk=request.pk).update(
            unscheduled_code="", unscheduled_params={}
        )
    transaction.on_commit(lambda: queue_refresh(edition_id=request.edition_id))
    return meeting


def may_sit(request: MeetingRequest, slot: MeetingSlot, busy: list[Window]) -> bool:
    """Whether both people are free in ``slot`` and its session (if any) hosts them."""
    travel = travel_table(request.edition_id)
    sessions = usable_sessions(request)
    return slot_is_free(slot, busy, travel) and (slot.event_id is None or slot.event_id in sessions)


def _first_free_seat(request: MeetingRequest) -> Meeting | None:
    """Two queries for the grid (slots, tables taken), four for the two people (events,
    seats, travel, sessions when the week has any), then one savepoint per attempt."""
    request = MeetingRequest.objects.select_related("requester", "recipient").get(pk=request.pk)
    travel, busy = travel_table(request.edition_id), busy_windows(request)
    slots = list(
        MeetingSlot.objects.filter(edition_id=request.edition_id)
        .select_related("venue")
        .order_by("starts_at", "id")
    )
    sessions = usable_sessions(
        request, session_ids={s.event_id for s in slots if s.event_id is not None}
    )
    free = [
        slot
        for slot in slots
        if slot.event_id in (None, *sessions) and slot_is_free(slot, busy, travel)
    ]
    return _seat_in_first(request, free)


def _seat_in_first(request: MeetingRequest, slots: list[MeetingSlot]) -> Meeting | None:
    taken = set(
        Meeting.objects.filter(slot__in=slots, status__in=LIVE_MEETING).values_list(
            "slot_id", "table"
        )
    )
    for slot in slots:
        for table in range(1, slot.venue.tables + 1):
            if (slot.pk, table) in taken:
                continue
            try:
                return seat_meeting(request=request, slot=slot, table=table)
            except IntegrityError:
                continue
    return None
