"""Cancelling a meeting and offering its freed seat (slot and table) to a waiting request.

Rules (issue 13): at most one open offer per freed seat and per request (partial
unique constraints); an offer goes only to an accepted request with no live meeting
whose two people are free then and whose session (if any) hosts them; it is
withdrawn when taken, when the request gets a meeting another way, when the seat is
used by another meeting, and when the slot starts. Taking an offer never moves a
meeting that is already booked: if the request has one by then, the offer lapses.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.query import QuerySet
from django.utils import timezone

from duijie.accounts.models import User
from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    RequestStatus,
    StandbyOffer,
    StandbyStatus,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services.placement import busy_windows, may_sit, seat_meeting
from duijie.tradeweek.services.reasons import refresh_reasons
from duijie.tradeweek.services.weights import LIVE_MEETING, request_weight


def cancel_meeting(
    *, meeting: Meeting, by: User | None, now: datetime | None = None
) -> StandbyOffer | None:
    """Cancel a live meeting (a participant or staff); its seat is offered to the best
    waiting request of either person (see :func:`offer_freed_seat`).

    A meeting already held cannot be cancelled (``already_held``).
    Side effects: meeting cancelled (sequence + 1), seats released, request cancelled,
    maybe one standby offer, the "not scheduled" reasons recomputed.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("request").get(pk=meeting.pk)
        if meeting.status == MeetingStatus.HELD:
            raise TradeWeekError("already_held")
        if meeting.status not in LIVE_MEETING:
            raise TradeWeekError("not_live")
        people = [seat.participant_id for seat in meeting.seats.all()]
        meeting.seats.all().delete()
        Meeting.objects.filter(pk=meeting.pk).update(
            status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1
        )
        MeetingRequest.objects.filter(pk=meeting.request_id).update(status=RequestStatus.CANCELLED)
        offer = offer_freed_seat(slot=meeting.slot, table=meeting.table or 1, freed=people, now=now)
        refresh_reasons(edition=meeting.request.edition)
    return offer


def _waiting(slot: MeetingSlot, freed: list[int]) -> list[MeetingRequest]:
    """Accepted requests of the freed people with no live meeting and no open offer."""
    open_offer = StandbyOffer.objects.filter(request=OuterRef("pk"), status=StandbyStatus.OPEN)
    waiting = (
        MeetingRequest.objects.filter(edition_id=slot.edition_id, status=RequestStatus.ACCEPTED)
        .filter(Q(requester_id__in=freed) | Q(recipient_id__in=freed))
        .exclude(meeting__status__in=LIVE_MEETING)
        .exclude(Exists(open_offer))
        .select_related("requester", "recipient")
    )
    return sorted(waiting, key=lambda r: (-request_weight(r), r.created_at, r.pk))


def offer_freed_seat(
    *, slot: MeetingSlot, table: int, freed: list[int], now: datetime | None = None
) -> StandbyOffer | None:
    """Offer ``slot``/``table`` to the highest-weight waiting request of a freed person
    whose two people are free then; nothing when the seat already has an open offer or
    the slot has started.

    Side effects: creates at most one open StandbyOffer.
    """
    if slot.starts_at <= (now or timezone.now()):
        return None
    if StandbyOffer.objects.filter(slot=slot, table=table, status=StandbyStatus.OPEN).exists():
        return None
    for request in _waiting(slot, freed):
        if may_sit(request, slot, busy_windows(request)):
            try:
                with transaction.atomic():
                    return StandbyOffer.objects.create(request=request, slot=slot, table=table)
            except IntegrityError:
                return None
    return None


def take_offer(
    *, offer: StandbyOffer, by_participant_id: int, now: datetime | None = None
) -> Meeting:
    """One side of the request takes an open offer (first come; atomic).

    Refused (and the offer withdrawn) when the slot has started, the request is no
    longer accepted, it has a meeting already (taking would move it without the other
    side's say), or one of the two is no longer free then.
    Side effects: the meeting and seats; the offer taken; reasons recomputed.
    """
    request = offer.request
    if by_participant_id not in (request.requester_id, request.recipient_id):
        raise TradeWeekError("not_yours")
    with transaction.atomic():
        offer = StandbyOffer.objects.select_for_update().select_related("slot").get(pk=offer.pk)
        meeting = (
            _take(offer, now or timezone.now()) if offer.status == StandbyStatus.OPEN else None
        )
        if meeting is not None:
            refresh_reasons(edition=offer.request.edition)
    if meeting is None:
        raise TradeWeekError("offer_gone")
    return meeting


def _take(offer: StandbyOffer, now: datetime) -> Meeting | None:
    """Seat the offer's request, or withdraw the offer when that is no longer possible."""
    if _still_possible(offer, now):
        try:
            meeting = seat_meeting(request=offer.request, slot=offer.slot, table=offer.table)
        except IntegrityError:
            meeting = None
        else:
            StandbyOffer.objects.filter(pk=offer.pk).update(
                status=StandbyStatus.TAKEN, closed_at=timezone.now()
            )
            return meeting
    _lapse(StandbyOffer.objects.filter(pk=offer.pk))
    return None


def _still_possible(offer: StandbyOffer, now: datetime) -> bool:
    request = MeetingRequest.objects.select_related("requester", "recipient").get(
        pk=offer.request_id
    )
    live = Meeting.objects.filter(status__in=LIVE_MEETING)
    return not (
        offer.slot.starts_at <= now
        or request.status != RequestStatus.ACCEPTED
        or live.filter(request=request).exists()
        or live.filter(slot=offer.slot, table=offer.table).exists()
        or not may_sit(request, offer.slot, busy_windows(request))
    )


def _lapse(offers: QuerySet[StandbyOffer]) -> int:
    return offers.filter(status=StandbyStatus.OPEN).update(
        status=StandbyStatus.LAPSED, closed_at=timezone.now()
    )


def withdraw_stale_offers(*, edition: Edition, now: datetime | None = None) -> int:
    """Withdraw the open offers that can no longer be taken: the slot has started, the
    request is no longer accepted or has a live meeting, or the seat is used.

    Side effects: those offers lapsed. Returns how many.
    """
    live = Meeting.objects.filter(status__in=LIVE_MEETING)
    seat_used = live.filter(slot=OuterRef("slot"), table=OuterRef("table"))
    request_met = live.filter(request=OuterRef("request"))
    stale = StandbyOffer.objects.filter(request__edition=edition).filter(
        Q(slot__starts_at__lte=now or timezone.now())
        | ~Q(request__status=RequestStatus.ACCEPTED)
        | Exists(seat_used)
        | Exists(request_met)
    )
    return _lapse(stale)


def offers_of(edition: Edition) -> QuerySet[StandbyOffer]:
    """Every standby offer of the edition for the staff view, newest first."""
    return StandbyOffer.objects.filter(request__edition=edition).select_related(
        "slot__venue", "request__requester__user", "request__recipient__user"
    )


def free_places(meeting: Meeting) -> list[tuple[MeetingSlot, int]]:
    """Where staff may move ``meeting``: (slot, free table) pairs of the edition where both
    people are free (their other meetings, events and travel) and the session hosts them."""
    request = meeting.request
    busy = busy_windows(request, leaving=meeting)
    slots = MeetingSlot.objects.filter(edition_id=request.edition_id).select_related("venue")
    taken = set(
        Meeting.objects.filter(
            slot__edition_id=request.edition_id, status__in=LIVE_MEETING
        ).values_list("slot_id", "table")
    )
    return [
        (slot, table)
        for slot in slots.order_by("starts_at", "venue__name", "pk")
        if may_sit(request, slot, busy)
        for table in range(1, slot.venue.tables + 1)
        if (slot.pk, table) not in taken
    ]


def move_meeting(*, meeting: Meeting, slot: MeetingSlot, table: int) -> Meeting:
    """Staff move a scheduled meeting to a free table of a slot where both are free.

    Side effects: the meeting's slot and table (sequence + 1) and seats; the freed seat
    offered on standby; reasons recomputed. Refused: held or cancelled meetings, a
    taken table (``seat_taken``), a person not free then (``not_free``).
    """
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update().select_related("slot", "request").get(pk=meeting.pk)
        )
        if meeting.status != MeetingStatus.SCHEDULED:
            raise TradeWeekError(
                "already_held" if meeting.status == MeetingStatus.HELD else "not_live"
            )
        if (slot, table) not in free_places(meeting):
            free = Meeting.objects.filter(slot=slot, table=table, status__in=LIVE_MEETING)
            raise TradeWeekError("seat_taken" if free.exists() else "not_free")
        old_slot, old_table = meeting.slot, meeting.table or 1
        moved = seat_meeting(request=meeting.request, slot=slot, table=table)
        people = [meeting.request.requester_id, meeting.request.recipient_id]
        offer_freed_seat(slot=old_slot, table=old_table, freed=people)
        refresh_reasons(edition=meeting.request.edition)
    return moved


def fill_seat(*, slot: MeetingSlot, table: int, request: MeetingRequest) -> Meeting:
    """Staff seat a waiting accepted request at a free table (fill from standby).

    Side effects: the meeting and seats; open offers for the request or the seat
    withdrawn; reasons recomputed. Refused like :func:`move_meeting`.
    """
    with transaction.atomic():
        request = MeetingRequest.objects.select_related("requester", "recipient", "edition").get(
            pk=request.pk
        )
        if request not in waiting_for(slot=slot, table=table):
            raise TradeWeekError("not_free")
        meeting = seat_meeting(request=request, slot=slot, table=table)
        _lapse(StandbyOffer.objects.filter(slot=slot, table=table))
        refresh_reasons(edition=request.edition)
    return meeting


def waiting_for(*, slot: MeetingSlot, table: int) -> list[MeetingRequest]:
    """Accepted requests without a live meeting that could sit at ``slot``/``table`` now,
    heaviest first (empty when the table is taken)."""
    if Meeting.objects.filter(slot=slot, table=table, status__in=LIVE_MEETING).exists():
        return []
    waiting = (
        MeetingRequest.objects.filter(edition_id=slot.edition_id, status=RequestStatus.ACCEPTED)
        .exclude(meeting__status__in=LIVE_MEETING)
        .select_related("requester__user", "recipient__user")
    )
    found = [r for r in waiting if may_sit(r, slot, busy_windows(r))]
    return sorted(found, key=lambda r: (-request_weight(r), r.created_at, r.pk))
