"""Standby offers (issue 13): one open offer per freed seat and per request, withdrawn
when taken, superseded or expired, and never moving a booked meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from duijie.tradeweek.models import Meeting, MeetingStatus, Preference, StandbyOffer, StandbyStatus
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import placement, standby
from duijie.tradeweek.services.agenda import open_offers
from tests.web.tradeweek.factories import (
    at,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db
BEFORE = at(13, 9)
"""The day before the slots (14 May 2025 from 10:00 Hong Kong)."""


def _week(edition, tables: int = 2, slots: int = 2, start=None):  # type: ignore[no-untyped-def]
    """A venue, its slots, and four people: a meets b and c meets d in the first slot;
    e's request with a is accepted and waiting."""
    grid = make_slots(edition, make_venue(edition, tables=tables), n=slots, start=start)
    a, b, c, d, e = (make_participant(edition) for _ in range(5))
    ab = placement.seat_meeting(request=make_request(a, b), slot=grid[0], table=1)
    cd = placement.seat_meeting(request=make_request(c, d), slot=grid[0], table=2)
    waiting = make_request(e, a, preference=Preference.MUST)
    return grid, (a, b, c, d, e), ab, cd, waiting


def _open(edition) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    rows = StandbyOffer.objects.filter(request__edition=edition, status=StandbyStatus.OPEN)
    return sorted(rows.values_list("request_id", "slot_id", "table"))


def test_one_cancellation_gives_one_offer_and_a_seat_is_never_offered_twice(edition) -> None:  # type: ignore[no-untyped-def]
    grid, _people, ab, _cd, waiting = _week(edition)
    offer = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert offer is not None
    assert _open(edition) == [(waiting.pk, grid[0].pk, 1)]
    again = standby.offer_freed_seat(
        slot=grid[0], table=1, freed=[waiting.recipient_id], now=BEFORE
    )
    assert again is None
    assert _open(edition) == [(waiting.pk, grid[0].pk, 1)]


def test_a_request_never_holds_two_open_offers(edition) -> None:  # type: ignore[no-untyped-def]
    grid, (_a, _b, _c, _d, e), ab, _cd, waiting = _week(edition)
    f = make_participant(edition)
    ef = placement.seat_meeting(request=make_request(e, f), slot=grid[1], table=1)
    first = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert first is not None and first.request_id == waiting.pk
    assert standby.cancel_meeting(meeting=ef, by=None, now=BEFORE) is None
    assert _open(edition) == [(waiting.pk, grid[0].pk, 1)]
    with pytest.raises(IntegrityError), transaction.atomic():
        StandbyOffer.objects.create(request=waiting, slot=grid[1], table=1)


def test_taking_an_offer_withdraws_it_from_both_agendas(edition) -> None:  # type: ignore[no-untyped-def]
    tomorrow = timezone.now().replace(microsecond=0) + timedelta(days=1)
    grid, (a, _b, _c, _d, e), ab, _cd, waiting = _week(edition, start=tomorrow)
    offer = standby.cancel_meeting(meeting=ab, by=None)
    assert offer is not None and [o.pk for o in open_offers(a)] == [offer.pk]
    assert [o.pk for o in open_offers(e)] == [offer.pk]
    meeting = standby.take_offer(offer=offer, by_participant_id=e.pk)
    assert (meeting.request_id, meeting.slot_id, meeting.table) == (waiting.pk, grid[0].pk, 1)
    assert open_offers(a) == [] and open_offers(e) == []
    offer.refresh_from_db()
    assert offer.status == StandbyStatus.TAKEN and offer.closed_at is not None


def test_an_offer_never_moves_a_meeting_booked_since(edition) -> None:  # type: ignore[no-untyped-def]
    grid, (_a, _b, _c, _d, e), ab, _cd, waiting = _week(edition, slots=3)
    offer = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert offer is not None
    StandbyOffer.objects.filter(pk=offer.pk).update(status=StandbyStatus.OPEN)
    booked = Meeting.objects.create(request=waiting, slot=grid[2], table=1)
    with pytest.raises(TradeWeekError) as error:
        standby.take_offer(offer=offer, by_participant_id=e.pk, now=BEFORE)
    assert error.value.code == "offer_gone"
    booked.refresh_from_db()
    assert (booked.slot_id, booked.table, booked.status) == (grid[2].pk, 1, MeetingStatus.SCHEDULED)
    offer.refresh_from_db()
    assert offer.status == StandbyStatus.LAPSED


def test_booking_the_request_another_way_withdraws_its_offer(edition) -> None:  # type: ignore[no-untyped-def]
    grid, _people, ab, _cd, waiting = _week(edition, slots=3)
    offer = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert offer is not None
    placement.seat_meeting(request=waiting, slot=grid[2], table=1)
    offer.refresh_from_db()
    assert offer.status == StandbyStatus.LAPSED


def test_offers_expire_when_the_slot_starts(edition) -> None:  # type: ignore[no-untyped-def]
    grid, (_a, _b, _c, _d, e), ab, _cd, _waiting = _week(edition)
    offer = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert offer is not None
    assert standby.withdraw_stale_offers(edition=edition, now=BEFORE) == 0
    assert open_offers(e) == []  # the slot (May 2025) has started by the real clock
    assert standby.withdraw_stale_offers(edition=edition, now=grid[0].starts_at) == 1
    with pytest.raises(TradeWeekError):
        standby.take_offer(offer=offer, by_participant_id=e.pk, now=BEFORE)
    assert (
        standby.cancel_meeting(
            meeting=Meeting.objects.get(pk=_cd.pk), by=None, now=grid[0].starts_at
        )
        is None
    )


def test_staff_see_every_offer_with_its_seat_and_state(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    _grid, (_a, _b, _c, _d, e), ab, _cd, waiting = _week(edition)
    offer = standby.cancel_meeting(meeting=ab, by=None, now=BEFORE)
    assert offer is not None
    standby.take_offer(offer=offer, by_participant_id=e.pk, now=BEFORE)
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("tradeweek:staff_offers"))
    text = page.content.decode()
    assert page.status_code == 200
    assert f"{waiting.requester} ↔ {waiting.recipient}" in text
    assert "Table 1" in text and "Taken" in text
    assert "10:00" in text and "02:00" not in text
