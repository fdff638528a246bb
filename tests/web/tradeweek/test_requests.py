"""Meeting requests: quotas both ways, expiry giving quota back, answers, mandatory meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from duijie.tradeweek.models import (
    ParticipantKind,
    Preference,
    RequestQuota,
    RequestStatus,
    WeekRules,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import requests
from tests.web.tradeweek.factories import make_participant, make_slots, make_venue

pytestmark = pytest.mark.django_db
R = RequestStatus
P = ParticipantKind


def _ask(a, b, **kwargs):  # type: ignore[no-untyped-def]
    return requests.send_request(requester=a, recipient=b, preference=Preference.MUST, **kwargs)


def test_a_request_is_pending_until_its_expiry(edition, settings) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    a, b = make_participant(edition), make_participant(edition, kind=P.PROJECT_OWNER)
    request = _ask(a, b, now=now)
    assert (request.status, request.expires_at) == (R.PENDING, now + timedelta(hours=72))


def test_the_edition_sets_the_expiry(edition) -> None:  # type: ignore[no-untyped-def]
    WeekRules.objects.create(edition=edition, request_expiry_hours=5)
    now = timezone.now()
    edition.refresh_from_db()
    request = _ask(make_participant(edition), make_participant(edition), now=now)
    assert request.expires_at == now + timedelta(hours=5)


def test_sender_quota_and_expiry_gives_it_back(edition) -> None:  # type: ignore[no-untyped-def]
    RequestQuota.objects.create(
        edition=edition, kind=P.INVESTOR, max_open_sent=1, max_pending_received=9
    )
    now = timezone.now()
    a = make_participant(edition)
    _ask(a, make_participant(edition, kind=P.PROJECT_OWNER), now=now)
    with pytest.raises(TradeWeekError) as error:
        _ask(a, make_participant(edition, kind=P.PROJECT_OWNER), now=now)
    assert (error.value.code, error.value.params) == ("quota_sent", {"limit": 1})
    later = now + timedelta(hours=73)
    assert requests.expire_requests(edition=edition, now=later) == 1
    assert _ask(a, make_participant(edition, kind=P.PROJECT_OWNER), now=later).status == R.PENDING


def test_popular_recipients_are_not_flooded(edition) -> None:  # type: ignore[no-untyped-def]
    RequestQuota.objects.create(
        edition=edition, kind=P.INVESTOR, max_open_sent=9, max_pending_received=1
    )
    star = make_participant(edition, name="star")
    _ask(make_participant(edition, kind=P.PROJECT_OWNER), star)
    with pytest.raises(TradeWeekError) as error:
        _ask(make_participant(edition, kind=P.PROJECT_OWNER), star)
    with translation.override("en"):
        assert str(error.value) == "star cannot take more requests right now; please try later."


def test_one_open_request_per_pair_and_none_to_self(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition)
    _ask(a, b)
    with pytest.raises(TradeWeekError) as twice:
        _ask(a, b)
    with pytest.raises(TradeWeekError) as own:
        _ask(a, a)
    assert (twice.value.code, own.value.code) == ("already_requested", "self_request")


def test_no_thanks_is_recorded_without_asking(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition)
    request = requests.send_request(requester=a, recipient=b, preference=Preference.NO_THANKS)
    assert (request.status, request.expires_at) == (R.DISMISSED, None)


def test_only_the_recipient_answers_and_only_once(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition)
    request = _ask(a, b)
    with pytest.raises(TradeWeekError) as wrong:
        requests.respond(request=request, by=a, accept=True)
    assert requests.respond(request=request, by=b, accept=False).status == R.DECLINED
    with pytest.raises(TradeWeekError) as again:
        requests.respond(request=request, by=b, accept=True)
    assert (wrong.value.code, again.value.code) == ("not_yours", "not_pending")


def test_an_expired_request_cannot_be_accepted(edition) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    a, b = make_participant(edition), make_participant(edition)
    request = _ask(a, b, now=now)
    with pytest.raises(TradeWeekError):
        requests.respond(request=request, by=b, accept=True, now=now + timedelta(hours=80))


def test_accepting_after_publication_places_the_meeting(edition) -> None:  # type: ignore[no-untyped-def]
    WeekRules.objects.create(edition=edition, schedule_published=True)
    slots = make_slots(edition, make_venue(edition, tables=1), n=2)
    a, b = make_participant(edition), make_participant(edition)
    request = requests.respond(request=_ask(a, b), by=b, accept=True)
    assert (request.meeting.slot, request.meeting.table) == (slots[0], 1)
    assert sorted(request.meeting.seats.values_list("participant_id", flat=True)) == sorted(
        [a.pk, b.pk]
    )


def test_withdrawing_gives_the_quota_back(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition), make_participant(edition)
    request = requests.withdraw(request=_ask(a, b), by=a)
    assert request.status == R.CANCELLED
    assert requests.open_sent(a, timezone.now()).count() == 0


def test_mandatory_meetings_are_accepted_and_may_be_fixed(edition, organiser) -> None:  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition), n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    request = requests.create_mandatory(requester=a, recipient=b, by=organiser, slot=slot, table=2)
    assert (request.status, request.mandatory, request.locked_slot, request.locked_table) == (
        R.ACCEPTED,
        True,
        slot,
        2,
    )
