"""Putting single meetings into the grid outside a full solve: instant placement of
late-accepted requests, cancellation, and the standby list for freed slots.

The database constraints on (slot, table) and (slot, participant) decide races:
each attempt runs in a savepoint and an IntegrityError means "taken, try the next".
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from duijie.accounts.models import User
from duijie.tradeweek.conf import WEIGHTS
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingSlot,
    MeetingStatus,
    RequestStatus,
    StandbyOffer,
    StandbyStatus,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services.availability import (
    Window,
    clashes,
    event_windows,
    slot_window,
    travel_table,
)

LIVE_MEETING = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


def request_weight(request: MeetingRequest) -> float:
    """The scheduler weight of a request (see :data:`duijie.tradeweek.conf.WEIGHTS`)."""
    return WEIGHTS["mandatory"] if request.mandatory else WEIGHTS.get(request.preference, 1.0)


def seat_meeting(*, request: MeetingRequest, slot: MeetingSlot, table: int) -> Meeting:
    """Book ``request`` at ``slot``/``table`` with a seat for each side.

    Raises IntegrityError (inside its own savepoint) when the table or a person is
    taken. Side effects: creates or revives the Meeting (sequence + 1) and its seats.
    """
    with transaction.atomic():
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


def _busy(request: MeetingRequest) -> list[Window]:
    users = [request.requester.user_id, request.recipient.user_id]
    windows = [w for found in event_windows(request.edition_id, users).values() for w in found]
    seats = MeetingSeat.objects.filter(
        participant_id__in=[request.requester_id, request.recipient_id]
    ).select_related("slot")
    return windows + [slot_window(seat.slot) for seat in seats]


def place_request(*, request: MeetingRequest) -> Meeting | None:
    """Place an accepted request in the earliest slot and table free for both sides.

    Side effects: a Meeting and seats, or nothing (the next solve will try again).
    """
    request = MeetingRequest.objects.select_related("requester", "recipient").get(pk=request.pk)
    travel, busy = travel_table(request.edition_id), _busy(request)
    slots = MeetingSlot.objects.filter(edition_id=request.edition_id).select_related("venue")
    for slot in slots.order_by("starts_at", "id"):
        if any(clashes(slot_window(slot), window, travel) for window in busy):
            continue
        taken = set(slot.meetings.filter(status__in=LIVE_MEETING).values_list("table", flat=True))
        for table in range(1, slot.venue.tables + 1):
            if table in taken:
                continue
            try:
                return seat_meeting(request=request, slot=slot, table=table)
            except IntegrityError:
                continue
    return None


def cancel_meeting(*, meeting: Meeting, by: User) -> StandbyOffer | None:
    """Cancel a live meeting (a participant or staff); the freed slot is offered to the
    best waiting request of either person whose counterpart is free then.

    Side effects: meeting cancelled (sequence + 1), seats released, request cancelled,
    maybe a standby offer.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("request").get(pk=meeting.pk)
        if meeting.status not in LIVE_MEETING:
            raise TradeWeekError("not_live")
        people = [seat.participant_id for seat in meeting.seats.all()]
        meeting.seats.all().delete()
        Meeting.objects.filter(pk=meeting.pk).update(
            status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1
        )
        MeetingRequest.objects.filter(pk=meeting.request_id).update(status=RequestStatus.CANCELLED)
        return offer_freed_slot(slot=meeting.slot, table=meeting.table or 1, freed=people)


def _standby_candidates(slot: MeetingSlot, freed: list[int]) -> list[MeetingRequest]:
    waiting = (
        MeetingRequest.objects.filter(edition_id=slot.edition_id, status=RequestStatus.ACCEPTED)
        .filter(Q(requester_id__in=freed) | Q(recipient_id__in=freed))
        .exclude(meeting__status__in=LIVE_MEETING)
        .select_related("requester", "recipient")
    )
    return sorted(waiting, key=lambda r: (-request_weight(r), r.created_at, r.pk))


def offer_freed_slot(*, slot: MeetingSlot, table: int, freed: list[int]) -> StandbyOffer | None:
    """Offer ``slot``/``table`` to the highest-weight accepted, unscheduled request of a
    freed person whose counterpart (and themself) is free then.

    Side effects: creates one open StandbyOffer, or nothing.
    """
    travel = travel_table(slot.edition_id)
    for request in _standby_candidates(slot, freed):
        if not any(clashes(slot_window(slot), w, travel) for w in _busy(request)):
            return StandbyOffer.objects.create(request=request, slot=slot, table=table)
    return None


def take_offer(*, offer: StandbyOffer, by_participant_id: int) -> Meeting:
    """One side of the request takes an open offer (first come; atomic).

    Side effects: the meeting and seats; the offer marked taken.
    """
    request = offer.request
    if by_participant_id not in (request.requester_id, request.recipient_id):
        raise TradeWeekError("not_yours")
    with transaction.atomic():
        if not StandbyOffer.objects.filter(pk=offer.pk, status=StandbyStatus.OPEN).update(
            status=StandbyStatus.TAKEN
        ):
            raise TradeWeekError("offer_gone")
        try:
            return seat_meeting(request=request, slot=offer.slot, table=offer.table)
        except IntegrityError:
            pass
    StandbyOffer.objects.filter(pk=offer.pk).update(status=StandbyStatus.LAPSED)
    raise TradeWeekError("offer_gone")
