"""The organiser's day (issue 13): slot picker in local time, pending requests made
mandatory, no cancelling of held meetings, the grid, moves and filling from standby."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.tradeweek.forms import MandatoryMeetingForm
from duijie.tradeweek.models import City, Meeting, MeetingRequest, MeetingStatus, RequestStatus
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import grid, onsite, placement, standby
from duijie.tradeweek.services.requests import create_mandatory
from tests.web.tradeweek.factories import (
    at,
    make_participant,
    make_request,
    make_slots,
    make_travel,
    make_venue,
)

pytestmark = pytest.mark.django_db
BEFORE = at(13, 9)


def test_the_mandatory_slot_picker_shows_the_venue_time(edition) -> None:  # type: ignore[no-untyped-def]
    """Regression: 10:00 in Hong Kong was listed as "02:00" (UTC)."""
    venue = make_venue(edition, tables=2)
    slot = make_slots(edition, venue, start=at(14, 10), n=1)[0]
    form = MandatoryMeetingForm(edition=edition)
    with translation.override("en"):
        label = form.fields["slot"].label_from_instance(slot)
    assert label == f"{venue.name} · 14 May, 10:00 (Hong Kong Time)"


def test_staff_turn_a_pending_request_into_a_mandatory_meeting(edition, organiser) -> None:  # type: ignore[no-untyped-def]
    """Regression: refused with "There is already an open request between you two"."""
    slot = make_slots(edition, make_venue(edition, tables=2), n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    pending = make_request(a, b, status=RequestStatus.PENDING)
    made = create_mandatory(requester=b, recipient=a, by=organiser, slot=slot, table=2, note="")
    assert made.pk == pending.pk
    made.refresh_from_db()
    assert (made.status, made.mandatory, made.locked_slot_id, made.locked_table) == (
        RequestStatus.ACCEPTED,
        True,
        slot.pk,
        2,
    )
    assert made.responded_at is not None
    assert MeetingRequest.objects.filter(edition=edition).count() == 1


def test_a_held_meeting_cannot_be_cancelled(edition) -> None:  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition, tables=1), n=1)[0]
    meeting = placement.seat_meeting(
        request=make_request(make_participant(edition), make_participant(edition)),
        slot=slot,
        table=1,
    )
    for seat in meeting.seats.all():
        onsite.check_in(target=onsite.CheckInTarget(seat=seat))
    with pytest.raises(TradeWeekError) as error:
        standby.cancel_meeting(meeting=meeting, by=None, now=BEFORE)
    assert error.value.code == "already_held"
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def _two_by_two(edition):  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=2)
    slots = make_slots(edition, venue, start=at(14, 10), n=2)
    a, b = (
        make_participant(edition, name="Ada Investor"),
        make_participant(edition, name="Bo Owner"),
    )
    meeting = placement.seat_meeting(request=make_request(a, b), slot=slots[0], table=2)
    return venue, slots, a, b, meeting


def test_the_grid_is_time_by_table_with_live_counts(edition) -> None:  # type: ignore[no-untyped-def]
    venue, slots, a, _b, meeting = _two_by_two(edition)
    onsite.check_in(target=onsite.CheckInTarget(seat=meeting.seats.get(participant=a)))
    board = grid.schedule_grid(edition=edition, venue_id=None, day=None, now=at(14, 10, 5))
    assert (board.venue, board.day) == (venue, at(14, 10).date())
    assert [(r.slot, [c.table for c in r.cells]) for r in board.rows] == [
        (slots[0], [1, 2]),
        (slots[1], [1, 2]),
    ]
    assert [c.meeting for r in board.rows for c in r.cells] == [None, meeting, None, None]
    assert (board.checked_in, board.running_late, board.empty_tables) == (1, 1, 3)


def test_the_grid_shows_travel_and_flags_a_clash(edition) -> None:  # type: ignore[no-untyped-def]
    hall = make_venue(edition, tables=1)
    far = make_venue(edition, city=City.SHENZHEN, tables=1)
    make_travel(hall, far, 30)
    first = make_slots(edition, far, start=at(14, 10), n=1)[0]
    second = make_slots(edition, hall, start=at(14, 10, 30), n=1)[0]
    a, b, c = (make_participant(edition) for _ in range(3))
    placement.seat_meeting(request=make_request(a, b), slot=first, table=1)
    placement.seat_meeting(request=make_request(a, c), slot=second, table=1)
    board = grid.schedule_grid(edition=edition, venue_id=hall.pk, day=None, now=BEFORE)
    (arrival,) = board.rows[0].cells[0].arrivals
    assert (arrival.person, arrival.venue, arrival.minutes_needed, arrival.minutes_free) == (
        a,
        far,
        30,
        10,
    )
    assert arrival.clash and board.clashes == 1


def test_the_schedule_page_names_people_and_offers_no_cancel_once_held(
    client_for, organiser, edition
) -> None:  # type: ignore[no-untyped-def]
    _venue, slots, a, b, meeting = _two_by_two(edition)
    held = placement.seat_meeting(
        request=make_request(make_participant(edition), make_participant(edition)),
        slot=slots[1],
        table=1,
    )
    for seat in held.seats.all():
        onsite.check_in(target=onsite.CheckInTarget(seat=seat))
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("tradeweek:staff_schedule")).content.decode()
    assert f"{a} did not come" in page and f"{b} did not come" in page
    assert "side 1" not in page
    assert reverse("tradeweek:staff_cancel", args=[meeting.pk]) in page
    assert reverse("tradeweek:staff_cancel", args=[held.pk]) not in page
    assert reverse("tradeweek:meeting_move", args=[held.pk]) not in page


def test_cancel_asks_first(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    _venue, _slots, _a, _b, meeting = _two_by_two(edition)
    client = client_for(organiser)
    url = reverse("tradeweek:staff_cancel", args=[meeting.pk])
    assert client.get(url).status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SCHEDULED
    client.post(url)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_move_to_a_free_table(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    _venue, slots, _a, _b, meeting = _two_by_two(edition)
    places = [(s.pk, t) for s, t in standby.free_places(meeting)]
    assert places == [(slots[0].pk, 1), (slots[1].pk, 1), (slots[1].pk, 2)]
    url = reverse("tradeweek:meeting_move", args=[meeting.pk])
    client_for(organiser).post(url, {"place": f"{slots[1].pk}-1"})
    moved = Meeting.objects.get(pk=meeting.pk)
    assert (moved.slot_id, moved.table, moved.sequence) == (slots[1].pk, 1, 1)
    assert set(moved.seats.values_list("slot_id", flat=True)) == {slots[1].pk}


def test_fill_a_free_table_from_standby(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    _venue, slots, a, _b, _meeting = _two_by_two(edition)
    busy_elsewhere = make_request(a, make_participant(edition))
    free_pair = make_request(make_participant(edition), make_participant(edition))
    assert standby.waiting_for(slot=slots[0], table=1) == [free_pair]
    assert standby.waiting_for(slot=slots[1], table=1) == [busy_elsewhere, free_pair]
    url = reverse("tradeweek:seat_fill", args=[slots[0].pk, 1])
    client_for(organiser).post(url, {"request": free_pair.pk})
    booked = Meeting.objects.get(request=free_pair)
    assert (booked.slot_id, booked.table) == (slots[0].pk, 1)


def test_participants_cannot_open_the_grid_actions(client_for, investor, edition) -> None:  # type: ignore[no-untyped-def]
    _venue, slots, _a, _b, meeting = _two_by_two(edition)
    make_participant(edition, user=investor)
    client = client_for(investor)
    urls = [
        reverse("tradeweek:meeting_move", args=[meeting.pk]),
        reverse("tradeweek:staff_cancel", args=[meeting.pk]),
        reverse("tradeweek:seat_fill", args=[slots[0].pk, 1]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, {"place": f"{slots[1].pk}-1"}).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SCHEDULED


def test_a_taken_table_is_refused_with_a_sentence(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    _venue, slots, _a, _b, meeting = _two_by_two(edition)
    other = placement.seat_meeting(
        request=make_request(make_participant(edition), make_participant(edition)),
        slot=slots[1],
        table=1,
    )
    with pytest.raises(TradeWeekError) as error:
        standby.move_meeting(meeting=meeting, slot=slots[1], table=1)
    assert error.value.code == "seat_taken"
    organiser.language = "en"
    organiser.save()
    url = reverse("tradeweek:meeting_move", args=[meeting.pk])
    page = client_for(organiser).post(url, {"place": f"{slots[1].pk}-1"}, follow=True)
    assert "This table is no longer free then; choose another one." in page.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).slot_id == slots[0].pk
    assert Meeting.objects.get(pk=other.pk).table == 1
