"""Check-in that explains itself and registration rules (issue 13).

Bugs: a participant scanning their own code got a bare 403; a second staff scan said
the ambiguous "already checked in or not confirmed"; leadership (read-only) could
register; registration stayed open for an event that ended long ago.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from duijie.tradeweek.models import Registration
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import onsite, placement, programme
from tests.web.tradeweek.factories import (
    HK,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _english(user):  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def _get(client, user, url: str):  # type: ignore[no-untyped-def]
    client.force_login(_english(user))
    with translation.override("en"):
        return client.get(url)


@pytest.fixture
def meeting(edition):  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=3, name="Harbour Hall")
    slot = make_slots(edition, venue, n=1)[0]
    a = make_participant(edition, name="Alice Investor")
    b = make_participant(edition, kind="project_owner", name="Bob Owner")
    found = placement.seat_meeting(request=make_request(a, b), slot=slot, table=3)
    seats = {s.participant_id: s for s in found.seats.all()}
    return found, seats[a.pk], seats[b.pk]


def test_a_participant_opening_their_own_code_sees_their_meeting(client, meeting) -> None:  # type: ignore[no-untyped-def]
    _found, alice, _bob = meeting
    url = reverse("tradeweek:check_in", args=[onsite.seat_token(alice)])
    response = _get(client, alice.participant.user, url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Harbour Hall" in page and "Table 3" in page and "Bob Owner" in page
    assert "Hong Kong" in page  # the venue's time zone is named
    assert "show it at the desk" in page
    assert 'type="submit"' not in page.split('id="content"')[1]
    assert client.post(url).status_code == 403
    alice.refresh_from_db()
    assert alice.checked_in_at is None


def test_someone_else_cannot_open_a_code(client, meeting) -> None:  # type: ignore[no-untyped-def]
    _found, alice, bob = meeting
    url = reverse("tradeweek:check_in", args=[onsite.seat_token(alice)])
    assert _get(client, bob.participant.user, url).status_code == 403


def test_staff_see_the_counterpart_and_a_second_scan_says_when_and_by_whom(
    client, organiser, meeting
) -> None:  # type: ignore[no-untyped-def]
    _found, alice, bob = meeting
    organiser.name = "Desk Staff"
    organiser.save(update_fields=["name"])
    onsite.check_in(target=onsite.CheckInTarget(seat=bob), by=organiser)
    url = reverse("tradeweek:check_in", args=[onsite.seat_token(alice)])
    first = _get(client, organiser, url).content.decode()
    assert "Alice Investor" in first and "Bob Owner" in first
    bob.refresh_from_db()
    assert f"Arrived at {bob.checked_in_at.astimezone(HK):%H:%M}" in first
    with translation.override("en"):
        client.post(url)
    alice.refresh_from_db()
    assert alice.checked_in_by == organiser
    again = _get(client, organiser, url).content.decode()
    when = alice.checked_in_at.astimezone(HK)
    assert f"Already checked in at {when:%H:%M} by Desk Staff." in again
    assert "not confirmed" not in again


def test_a_waitlisted_registration_says_it_is_not_confirmed(client, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    event = make_event(edition, make_venue(edition), capacity=1)
    programme.register(event=event, user=make_participant(edition).user)
    waiting = programme.register(event=event, user=make_participant(edition).user)
    url = reverse("tradeweek:check_in", args=[onsite.registration_token(waiting)])
    page = _get(client, organiser, url).content.decode()
    assert "This registration is not confirmed (On the waiting list)" in page


def test_registration_is_closed_after_the_event(client, investor, edition) -> None:  # type: ignore[no-untyped-def]
    past = make_event(edition, make_venue(edition))  # May 2025
    with pytest.raises(TradeWeekError) as error:
        programme.sign_up(event=past, user=investor)
    assert error.value.code == "event_over"
    page = _get(client, investor, reverse("tradeweek:event", args=[past.pk])).content.decode()
    assert "This event has ended, so registration is closed." in page
    assert reverse("tradeweek:register", args=[past.pk]) not in page
    client.post(reverse("tradeweek:register", args=[past.pk]))
    assert not Registration.objects.exists()


def test_leadership_cannot_register(client, leadership, edition) -> None:  # type: ignore[no-untyped-def]
    soon = timezone.now() + timedelta(days=3)
    event = make_event(edition, make_venue(edition), start=soon)
    with pytest.raises(TradeWeekError) as error:
        programme.sign_up(event=event, user=leadership)
    assert error.value.code == "read_only_role"
    page = _get(client, leadership, reverse("tradeweek:event", args=[event.pk])).content.decode()
    assert "Your account is read-only (leadership)" in page
    client.post(reverse("tradeweek:register", args=[event.pk]))
    assert not Registration.objects.exists()


def test_an_upcoming_event_still_takes_sign_ups_and_a_waiting_list(investor, edition) -> None:  # type: ignore[no-untyped-def]
    soon = timezone.now() + timedelta(days=3)
    event = make_event(edition, make_venue(edition), start=soon, capacity=1)
    assert programme.sign_up(event=event, user=investor).status == "confirmed"
    other = make_participant(edition).user
    assert programme.sign_up(event=event, user=other).status == "waitlisted"
