"""The four requests of the load test issue a fixed number of queries, whatever the data size.

Each is measured in a small and a large world (5 and 50 meetings, pending requests or
checked-in seats) and must issue exactly the same queries: no N+1 as a week grows.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duijie.tradeweek.models import (
    MeetingRequest,
    MeetingSeat,
    Participant,
    RequestStatus,
    WeekRules,
)
from duijie.tradeweek.services import onsite, placement
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db

SIZES = (5, 50)


def queries(client, method: str, url: str, **data: str) -> list[str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302), response.status_code
    return [q["sql"] for q in captured.captured_queries]


def week_of(edition, me: Participant, n: int) -> list[MeetingRequest]:  # type: ignore[no-untyped-def]
    """``n`` meetings of ``me`` placed at a venue, and ``n`` requests waiting for an answer
    (the schedule published: an accepted request is placed at once, as in the load test)."""
    slots = make_slots(edition, make_venue(edition, tables=2), n=2 * n + 1)
    for slot in slots[:n]:
        request = make_request(me, make_participant(edition))
        placement.seat_meeting(request=request, slot=slot, table=1)
    WeekRules.objects.update_or_create(edition=edition, defaults={"schedule_published": True})
    pending = [
        make_request(make_participant(edition), me, status=RequestStatus.PENDING) for _ in range(n)
    ]
    MeetingRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        expires_at=timezone.now() + timedelta(days=3)
    )
    return pending


def count_for(client_for, edition, user, n: int, request) -> int:  # type: ignore[no-untyped-def]
    me = make_participant(edition, user=user)
    pending = week_of(edition, me, n)
    return len(request(client_for(user), me, pending))


@pytest.mark.parametrize("n", SIZES)
def test_the_agenda(client_for, investor, edition, n) -> None:  # type: ignore[no-untyped-def]
    def agenda(client, me, pending):  # type: ignore[no-untyped-def]
        return queries(client, "get", reverse("tradeweek:agenda"))

    assert count_for(client_for, edition, investor, n, agenda) == AGENDA


@pytest.mark.parametrize("n", SIZES)
def test_accepting_a_request(client_for, investor, edition, n) -> None:  # type: ignore[no-untyped-def]
    def accept(client, me, pending):  # type: ignore[no-untyped-def]
        url = reverse("tradeweek:request_respond", args=[pending[-1].pk])
        found = queries(client, "post", url, answer="accept")
        answered = MeetingRequest.objects.get(pk=pending[-1].pk)
        assert answered.status == RequestStatus.ACCEPTED and answered.meeting is not None
        return found

    assert count_for(client_for, edition, investor, n, accept) == ACCEPT


@pytest.mark.parametrize("n", SIZES)
def test_checking_a_seat_in(client_for, organiser, edition, n) -> None:  # type: ignore[no-untyped-def]
    def check_in(client, me, pending):  # type: ignore[no-untyped-def]
        seats = list(MeetingSeat.objects.filter(participant=me).order_by("pk"))
        for seat in seats[:-1]:
            onsite.check_in(target=onsite.read_token(onsite.seat_token(seat)), by=organiser)
        url = reverse("tradeweek:check_in", args=[onsite.seat_token(seats[-1])])
        found = queries(client, "post", url)
        assert MeetingSeat.objects.get(pk=seats[-1].pk).checked_in_at is not None
        return found

    me_user = make_participant(edition).user
    assert count_for_staff(client_for, edition, organiser, me_user, n, check_in) == CHECK_IN


def count_for_staff(client_for, edition, staff, user, n, request) -> int:  # type: ignore[no-untyped-def]
    me = Participant.objects.get(user=user)
    pending = week_of(edition, me, n)
    return len(request(client_for(staff), me, pending))


AGENDA = 8  # session, user, edition, participant, registrations, meetings, seats, offers
ACCEPT = 25  # the answer, then placing the meeting in the first slot free for both
CHECK_IN = 9
