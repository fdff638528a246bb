"""One live meeting per pair per edition, whichever side asked (issue 13).

The bug: the owner asked to meet an investor who already had an accepted meeting with
the owner; the investor accepted and a second meeting for the same pair appeared.
"""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    ParticipantKind,
    Preference,
    RequestStatus,
    WeekRules,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import requests
from tests.web.tradeweek.factories import (
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

R = RequestStatus


def _ask(a, b):  # type: ignore[no-untyped-def]
    return requests.send_request(requester=a, recipient=b, preference=Preference.MUST)


def _pair_meetings(a, b) -> int:  # type: ignore[no-untyped-def]
    pair = Q(request__requester=a, request__recipient=b) | Q(
        request__requester=b, request__recipient=a
    )
    return Meeting.objects.filter(pair).exclude(status="cancelled").count()


@pytest.fixture
def published_pair(edition):  # type: ignore[no-untyped-def]
    WeekRules.objects.create(edition=edition, schedule_published=True)
    make_slots(edition, make_venue(edition, tables=2), n=3)
    investor = make_participant(edition, name="Investor A")
    owner = make_participant(edition, kind=ParticipantKind.PROJECT_OWNER, name="Owner B")
    return investor, owner


@pytest.mark.django_db
def test_the_owner_cannot_open_a_second_meeting_with_an_investor_already_met(
    published_pair,
) -> None:  # type: ignore[no-untyped-def]
    investor, owner = published_pair
    requests.respond(request=_ask(investor, owner), by=owner, accept=True)
    with pytest.raises(TradeWeekError) as error:
        _ask(owner, investor)
    with translation.override("en"):
        assert str(error.value) == (
            "You already have a meeting with Investor A; see it in your agenda."
        )
    assert error.value.code == "already_meeting"
    assert _pair_meetings(investor, owner) == 1
    assert MeetingRequest.objects.filter(status__in=["pending", "accepted"]).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_reverse_open_request(published_pair) -> None:  # type: ignore[no-untyped-def]
    investor, owner = published_pair
    make_request(investor, owner, status=R.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(owner, investor, status=R.PENDING)
    make_request(owner, investor, status=R.DECLINED)
    assert MeetingRequest.objects.count() == 2


@pytest.mark.django_db
def test_asking_back_points_to_the_request_waiting_for_an_answer(published_pair) -> None:  # type: ignore[no-untyped-def]
    investor, owner = published_pair
    first = _ask(investor, owner)
    with pytest.raises(TradeWeekError) as error:
        _ask(owner, investor)
    assert (error.value.code, error.value.params) == (
        "already_asked_you",
        {"name": "Investor A", "request_id": first.pk},
    )
    with pytest.raises(TradeWeekError) as again:
        _ask(investor, owner)
    assert again.value.code == "already_requested"


@pytest.mark.django_db
def test_an_accepted_request_not_yet_placed_is_named(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition, name="Owner C")
    make_request(a, b, status=R.ACCEPTED)
    with pytest.raises(TradeWeekError) as error:
        _ask(a, b)
    assert (error.value.code, error.value.params["name"]) == ("already_accepted", "Owner C")


@pytest.mark.django_db
def test_an_expired_request_frees_the_pair(edition) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    a, b = make_participant(edition), make_participant(edition)
    old = _ask(a, b)
    MeetingRequest.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    again = _ask(b, a)
    old.refresh_from_db()
    assert (old.status, again.status) == (R.EXPIRED, R.PENDING)


@pytest.mark.django_db
def test_a_cancelled_meeting_frees_the_pair(published_pair, organiser) -> None:  # type: ignore[no-untyped-def]
    from duijie.tradeweek.services.standby import cancel_meeting

    investor, owner = published_pair
    request = requests.respond(request=_ask(investor, owner), by=owner, accept=True)
    cancel_meeting(meeting=request.meeting, by=organiser)
    assert _ask(owner, investor).status == R.PENDING


@pytest.mark.django_db
def test_the_request_page_shows_the_existing_meeting_instead_of_the_form(
    client, published_pair
) -> None:  # type: ignore[no-untyped-def]
    investor, owner = published_pair
    request = requests.respond(request=_ask(investor, owner), by=owner, accept=True)
    owner.user.language = "en"
    owner.user.save(update_fields=["language"])
    client.force_login(owner.user)
    response = client.get(
        reverse("tradeweek:request_new", args=[investor.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert "You already have a meeting with Investor A; see it in your agenda." in page
    assert f'href="/week/agenda/#meeting-{request.meeting.pk}"' in page
    assert 'name="preference"' not in page
    posted = client.post(
        reverse("tradeweek:request_new", args=[investor.pk]),
        {"preference": Preference.MUST, "note": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert posted.status_code == 200
    assert MeetingRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_two_sides_asking_at_once_leave_one_open_request(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition)
    barrier, outcomes = threading.Barrier(2), []

    def ask(x, y) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            outcomes.append(_ask(x, y).status)
        except TradeWeekError as error:
            outcomes.append(error.code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=ask, args=pair) for pair in ((a, b), (b, a))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_asked_you", R.PENDING]
    assert MeetingRequest.objects.filter(status=R.PENDING).count() == 1
