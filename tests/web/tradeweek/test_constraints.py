"""The database itself refuses double booking and overfull events."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from duijie.tradeweek.models import Event, Meeting, MeetingSeat, MeetingStatus
from tests.web.tradeweek.factories import (
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _setup(edition):  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=2)
    slot = make_slots(edition, venue, n=1)[0]
    a, b, c, d = (make_participant(edition) for _ in range(4))
    return slot, (a, b, c, d)


def test_one_live_meeting_per_slot_and_table(edition) -> None:  # type: ignore[no-untyped-def]
    slot, (a, b, c, d) = _setup(edition)
    Meeting.objects.create(request=make_request(a, b), slot=slot, table=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(request=make_request(c, d), slot=slot, table=1)


def test_a_cancelled_meeting_frees_its_table(edition) -> None:  # type: ignore[no-untyped-def]
    slot, (a, b, c, d) = _setup(edition)
    Meeting.objects.create(
        request=make_request(a, b), slot=slot, table=1, status=MeetingStatus.CANCELLED
    )
    Meeting.objects.create(request=make_request(c, d), slot=slot, table=1)
    assert Meeting.objects.filter(slot=slot, table=1).count() == 2


def test_one_seat_per_person_and_slot(edition) -> None:  # type: ignore[no-untyped-def]
    slot, (a, b, c, _d) = _setup(edition)
    first = Meeting.objects.create(request=make_request(a, b), slot=slot, table=1)
    second = Meeting.objects.create(request=make_request(a, c), slot=slot, table=2)
    MeetingSeat.objects.create(meeting=first, participant=a, slot=slot)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=second, participant=a, slot=slot)


def test_confirmed_count_cannot_pass_capacity(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=1)
    Event.objects.filter(pk=event.pk).update(confirmed_count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_count=2)
