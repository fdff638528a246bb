"""Check-in codes, no-shows, the standby list and outcomes."""

from __future__ import annotations

import pytest

from duijie.tradeweek.models import MeetingStatus, NextStep, Preference, StandbyStatus
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import onsite, placement, programme, standby
from tests.web.tradeweek.factories import (
    at,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db
BEFORE = at(13, 9)
"""The day before the factories' slots (14 May 2025, 10:00 Hong Kong)."""


def _meeting(edition, tables: int = 1):  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition, tables=tables), n=1)[0]
    a, b = make_participant(edition), make_participant(edition)
    return placement.seat_meeting(request=make_request(a, b), slot=slot, table=1), a, b


def test_both_check_ins_make_the_meeting_held(edition) -> None:  # type: ignore[no-untyped-def]
    meeting, a, b = _meeting(edition)
    seats = {s.participant_id: s for s in meeting.seats.all()}
    first = onsite.read_token(onsite.seat_token(seats[a.pk]))
    assert onsite.check_in(target=first) is True
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert onsite.check_in(target=first) is False
    onsite.check_in(target=onsite.read_token(onsite.seat_token(seats[b.pk])))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_registration_codes_check_in(edition) -> None:  # type: ignore[no-untyped-def]
    registration = programme.register(
        event=make_event(edition, make_venue(edition)), user=make_user()
    )
    target = onsite.read_token(onsite.registration_token(registration))
    assert target.registration == registration
    assert onsite.check_in(target=target) is True


def test_a_forged_code_is_refused() -> None:
    with pytest.raises(TradeWeekError) as error:
        onsite.read_token("not-a-token")
    assert error.value.code == "bad_token"


def test_no_show(edition) -> None:  # type: ignore[no-untyped-def]
    meeting, _a, b = _meeting(edition)
    onsite.mark_no_show(meeting=meeting, participant_id=b.pk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NO_SHOW
    assert meeting.seats.get(participant=b).no_show is True


def test_a_freed_slot_goes_to_the_best_waiting_request(edition) -> None:  # type: ignore[no-untyped-def]
    meeting, a, b = _meeting(edition)
    c, d = make_participant(edition), make_participant(edition)
    make_request(a, c, preference=Preference.WOULD_LIKE)
    best = make_request(d, b, preference=Preference.MUST)
    offer = standby.cancel_meeting(meeting=meeting, by=None, now=BEFORE)
    assert offer is not None
    assert (offer.request, offer.slot, offer.table) == (best, meeting.slot, 1)
    with pytest.raises(TradeWeekError):
        standby.take_offer(offer=offer, by_participant_id=a.pk, now=BEFORE)
    taken = standby.take_offer(offer=offer, by_participant_id=d.pk, now=BEFORE)
    offer.refresh_from_db()
    assert (taken.request, taken.slot, offer.status) == (best, meeting.slot, StandbyStatus.TAKEN)
    with pytest.raises(TradeWeekError) as again:
        standby.take_offer(offer=offer, by_participant_id=d.pk, now=BEFORE)
    assert again.value.code == "offer_gone"


def test_a_busy_counterpart_gets_no_offer(edition) -> None:  # type: ignore[no-untyped-def]
    meeting, a, _b = _meeting(edition)
    c = make_participant(edition)
    make_request(a, c)
    programme.register(
        event=make_event(edition, meeting.slot.venue, start=meeting.slot.starts_at), user=c.user
    )
    assert standby.cancel_meeting(meeting=meeting, by=None, now=BEFORE) is None


def test_outcomes_from_each_side_and_only_them(edition) -> None:  # type: ignore[no-untyped-def]
    meeting, a, _b = _meeting(edition)
    onsite.record_outcome(meeting=meeting, participant=a, rating=3, next_step=NextStep.CALL)
    outcome = onsite.record_outcome(
        meeting=meeting, participant=a, rating=5, next_step=NextStep.NDA
    )
    assert (meeting.outcomes.count(), outcome.rating, outcome.next_step) == (1, 5, NextStep.NDA)
    with pytest.raises(TradeWeekError):
        onsite.record_outcome(
            meeting=meeting, participant=make_participant(edition), rating=1, next_step="none"
        )


def test_a_check_in_code_is_drawn_once_per_target_site_and_day() -> None:
    from datetime import date

    onsite.check_in_qr.cache_clear()
    may_1, may_2 = date(2025, 5, 1), date(2025, 5, 2)
    first = onsite.check_in_qr("m", 1, "https://a.test/", pdf=False, day=may_1)
    assert first.startswith("data:image/svg+xml")
    assert onsite.check_in_qr("m", 1, "https://a.test/", pdf=False, day=may_1) is first
    onsite.check_in_qr("m", 1, "https://a.test/", pdf=False, day=may_2)  # renewed daily
    onsite.check_in_qr("m", 1, "https://b.test/", pdf=False, day=may_1)  # another site
    onsite.check_in_qr("r", 1, "https://a.test/", pdf=False, day=may_1)  # a registration
    assert onsite.check_in_qr("m", 1, "https://a.test/", pdf=True, day=may_1).startswith(
        "data:image/png"
    )
    info = onsite.check_in_qr.cache_info()
    assert (info.hits, info.misses) == (1, 5)
