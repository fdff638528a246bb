"""Write a solved schedule over the current one without ever breaking the
double-booking constraints, even while meetings swap tables or slots.

Two phases inside the caller's transaction: first every meeting that moves or
goes loses its seats and its table (NULL tables never clash), then moved and new
meetings get their place and seats. Each changed meeting's ``sequence`` grows, so
calendar entries update instead of multiplying.
"""

from __future__ import annotations

from django.db.models import F

from duijie.tradeweek.models import Meeting, MeetingRequest, MeetingSeat, MeetingSlot, MeetingStatus
from duijie.tradeweek.services.weights import LIVE_MEETING

Place = tuple[MeetingSlot, int]


def _current(requests: list[MeetingRequest]) -> dict[int, Meeting]:
    return {m.request_id: m for m in Meeting.objects.filter(request__in=requests)}


def save_placements(
    *,
    requests: list[MeetingRequest],
    placements: dict[int, Place],
    reasons: dict[int, tuple[str, dict[str, object]]],
) -> int:
    """Make the meetings of ``requests`` match ``placements``; returns how many live
    meetings moved. Side effects: Meeting, MeetingSeat and request reason columns."""
    current = _current(requests)
    live = {pk: m for pk, m in current.items() if m.status in LIVE_MEETING}
    changing = [m for pk, m in live.items() if _place_of(m) != _target(placements.get(pk))]
    MeetingSeat.objects.filter(meeting__in=changing).delete()
    Meeting.objects.filter(pk__in=[m.pk for m in changing]).update(table=None)
    gone = [m.pk for m in changing if m.request_id not in placements]
    Meeting.objects.filter(pk__in=gone).update(
        status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1
    )
    seated = _place_all(current, live, placements)
    MeetingSeat.objects.bulk_create(
        MeetingSeat(meeting=m, participant_id=pid, slot_id=m.slot_id)
        for m, request in seated
        for pid in (request.requester_id, request.recipient_id)
    )
    store_reasons(requests, reasons)
    return sum(1 for m in changing if m.request_id in placements)


def _place_of(meeting: Meeting) -> tuple[int, int | None]:
    return (meeting.slot_id, meeting.table)


def _target(place: Place | None) -> tuple[int, int] | None:
    return None if place is None else (place[0].pk, place[1])


def _place_all(
    current: dict[int, Meeting], live: dict[int, Meeting], placements: dict[int, Place]
) -> list[tuple[Meeting, MeetingRequest]]:
    by_request = {r.pk: r for r in MeetingRequest.objects.filter(pk__in=list(placements))}
    seated: list[tuple[Meeting, MeetingRequest]] = []
    to_update: list[Meeting] = []
    to_create: list[Meeting] = []
    for request_pk, (slot, table) in placements.items():
        meeting = current.get(request_pk)
        if (
            meeting is not None
            and request_pk in live
            and (meeting.slot_id, meeting.table) == (slot.pk, table)
        ):
            continue
        if meeting is None:
            meeting = Meeting(request_id=request_pk, slot=slot, table=table)
            to_create.append(meeting)
        else:
            meeting.slot, meeting.table = slot, table
            meeting.status, meeting.sequence = MeetingStatus.SCHEDULED, meeting.sequence + 1
            to_update.append(meeting)
        seated.append((meeting, by_request[request_pk]))
    Meeting.objects.bulk_update(to_update, ["slot", "table", "status", "sequence"])
    Meeting.objects.bulk_create(to_create)
    return seated


def store_reasons(
    requests: list[MeetingRequest], reasons: dict[int, tuple[str, dict[str, object]]]
) -> None:
    for request in requests:
        request.unscheduled_code, request.unscheduled_params = reasons.get(request.pk, ("", {}))
    MeetingRequest.objects.bulk_update(requests, ["unscheduled_code", "unscheduled_params"])
