"""Registrations: capacity, waiting list and its promotion, approval, invitations."""

from __future__ import annotations

import pytest

from duijie.tradeweek.models import RegistrationRule, RegistrationStatus
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import programme
from tests.web.tradeweek.factories import make_event, make_user, make_venue

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def test_open_event_confirms_until_full_then_waitlists(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=2)
    statuses = [programme.register(event=event, user=make_user()).status for _ in range(3)]
    event.refresh_from_db()
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    assert event.confirmed_count == 2


def test_cancelling_promotes_the_longest_waiting(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=1)
    first, second, third = (programme.register(event=event, user=make_user()) for _ in range(3))
    promoted = programme.cancel(registration=first)
    event.refresh_from_db()
    third.refresh_from_db()
    assert promoted is not None and promoted.pk == second.pk
    assert (promoted.status, third.status, event.confirmed_count) == (S.CONFIRMED, S.WAITLISTED, 1)


def test_cancelling_a_waitlisted_registration_promotes_no_one(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=1)
    programme.register(event=event, user=make_user())
    waiting = programme.register(event=event, user=make_user())
    assert programme.cancel(registration=waiting) is None


def test_registering_twice_is_refused(edition) -> None:  # type: ignore[no-untyped-def]
    event, user = make_event(edition, make_venue(edition)), make_user()
    programme.register(event=event, user=user)
    with pytest.raises(TradeWeekError) as error:
        programme.register(event=event, user=user)
    assert error.value.code == "already_registered"


def test_approval_event_waits_for_staff(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=1, rule=RegistrationRule.APPROVAL)
    first = programme.register(event=event, user=make_user())
    second = programme.register(event=event, user=make_user())
    assert first.status == S.PENDING
    assert programme.approve(registration=first).status == S.CONFIRMED
    assert programme.approve(registration=second).status == S.WAITLISTED
    assert programme.decline(registration=second).status == S.DECLINED


def test_invitation_only_needs_an_invitation(edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), rule=RegistrationRule.INVITATION)
    guest, stranger = make_user(), make_user()
    programme.invite(event=event, user=guest)
    with pytest.raises(TradeWeekError) as error:
        programme.register(event=event, user=stranger)
    assert error.value.code == "invitation_only"
    assert programme.register(event=event, user=guest).status == S.CONFIRMED


def test_registration_check_in_happens_once(edition) -> None:  # type: ignore[no-untyped-def]
    registration = programme.register(
        event=make_event(edition, make_venue(edition)), user=make_user()
    )
    assert programme.check_in_registration(registration=registration) is True
    assert programme.check_in_registration(registration=registration) is False
