"""Scheduling that respects the programme (issue 13): meetings only in the sessions that
host their kind and for people registered or invited there; mandatory meetings first
in a re-solve; "not scheduled" reasons recomputed after each change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.tradeweek.models import (
    EventKind,
    Meeting,
    MeetingKind,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    ParticipantKind,
    Registration,
    RegistrationStatus,
    ScheduleRun,
)
from duijie.tradeweek.services import standby
from duijie.tradeweek.services.requests import create_mandatory
from duijie.tradeweek.services.scheduling import build_instance, schedule_edition
from tests.web.tradeweek.factories import (
    at,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db
BEFORE = at(13, 9)


def _session(edition, venue, hour: int, kind: str):  # type: ignore[no-untyped-def]
    """A matchmaking session of ``kind`` holding one 20-minute meeting slot at ``hour``."""
    event = make_event(edition, venue, start=at(14, hour), minutes=60)
    event.kind, event.meeting_kind = EventKind.MATCHMAKING, kind
    event.save()
    slot = make_slots(edition, venue, start=at(14, hour), n=1)[0]
    MeetingSlot.objects.filter(pk=slot.pk).update(event=event)
    return event, slot


def _attend(event, *people, status: str = RegistrationStatus.CONFIRMED) -> None:  # type: ignore[no-untyped-def]
    for person in people:
        Registration.objects.create(event=event, user=person.user, status=status)


def _pairs(edition):  # type: ignore[no-untyped-def]
    investor = make_participant(edition, kind=ParticipantKind.INVESTOR)
    owner = make_participant(edition, kind=ParticipantKind.PROJECT_OWNER)
    buyer = make_participant(edition, kind=ParticipantKind.BUYER)
    supplier = make_participant(edition, kind=ParticipantKind.SUPPLIER)
    return investor, owner, buyer, supplier


def _placed(edition) -> dict[int, int]:  # type: ignore[no-untyped-def]
    live = Meeting.objects.filter(request__edition=edition).exclude(status=MeetingStatus.CANCELLED)
    return dict(live.values_list("request_id", "slot_id"))


def test_buyer_supplier_meetings_stay_out_of_the_investment_session(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=2)
    trade, trade_slot = _session(edition, venue, 11, MeetingKind.TRADE)
    invest, invest_slot = _session(edition, venue, 10, MeetingKind.INVESTMENT)
    investor, owner, buyer, supplier = _pairs(edition)
    _attend(trade, investor, owner, buyer, supplier)
    _attend(invest, investor, owner, buyer, supplier)
    investment = make_request(investor, owner)
    buying = make_request(buyer, supplier)
    for method in ("greedy", "cpsat"):
        schedule_edition(edition=edition, method=method, time_limit=2)
        assert _placed(edition) == {investment.pk: invest_slot.pk, buying.pk: trade_slot.pk}


def test_no_meeting_in_a_session_nobody_registered_for(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=2)
    _session(edition, venue, 10, "")
    investor, owner, _buyer, _supplier = _pairs(edition)
    request = make_request(investor, owner)
    run = schedule_edition(edition=edition, method="greedy")
    assert (run.scheduled, run.unscheduled) == (0, 1)
    request.refresh_from_db()
    assert request.unscheduled_code == "no_session"
    assert request.unscheduled_params == {
        "request": request.pk,
        "a": str(investor),
        "b": str(owner),
    }


def test_an_invitation_counts_and_the_own_session_does_not_make_people_busy(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=1)
    event, slot = _session(edition, venue, 10, MeetingKind.INVESTMENT)
    investor, owner, _buyer, _supplier = _pairs(edition)
    _attend(event, investor)
    _attend(event, owner, status=RegistrationStatus.INVITED)
    request = make_request(investor, owner)
    built = build_instance(edition)
    core_request = built.instance.requests[0]
    assert core_request.sessions == frozenset({f"e{event.pk}"})
    assert built.instance.slots[0].session == f"e{event.pk}"
    assert all(p.available == frozenset({f"s{slot.pk}"}) for p in built.instance.participants)
    schedule_edition(edition=edition, method="greedy")
    assert _placed(edition) == {request.pk: slot.pk}


def test_a_mixed_pair_only_meets_in_a_session_open_to_any_kind(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=1)
    invest, _invest_slot = _session(edition, venue, 10, MeetingKind.INVESTMENT)
    anything, any_slot = _session(edition, venue, 11, "")
    investor, _owner, _buyer, supplier = _pairs(edition)
    _attend(invest, investor, supplier)
    _attend(anything, investor, supplier)
    request = make_request(investor, supplier)
    schedule_edition(edition=edition, method="greedy")
    assert _placed(edition) == {request.pk: any_slot.pk}


def test_resolve_moves_an_optional_meeting_for_a_mandatory_one(
    edition, organiser, client_for
) -> None:  # type: ignore[no-untyped-def]
    slots = make_slots(edition, make_venue(edition, tables=1), n=2)
    investor, owner, buyer, supplier = _pairs(edition)
    first = make_request(buyer, supplier)
    schedule_edition(edition=edition, method="greedy")
    assert _placed(edition) == {first.pk: slots[0].pk}
    second = make_request(investor, buyer)
    schedule_edition(edition=edition, method="greedy")
    assert _placed(edition) == {first.pk: slots[0].pk, second.pk: slots[1].pk}
    mandatory = create_mandatory(requester=owner, recipient=buyer, by=organiser)
    run = schedule_edition(edition=edition, method="greedy")
    placed = _placed(edition)
    assert placed[mandatory.pk] in {slots[0].pk, slots[1].pk}
    assert len(placed) == 2
    dropped = first.pk if first.pk not in placed else second.pk
    assert run.displaced == [{"request": dropped, "mandatory": mandatory.pk, "slot": None}]
    assert ScheduleRun.objects.latest("pk").displaced == run.displaced
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("tradeweek:staff_schedule")).content.decode()
    gone = MeetingRequest.objects.get(pk=dropped)
    assert (
        f"{gone.requester} ↔ {gone.recipient}: no longer scheduled, to make room for the"
        f" mandatory meeting {owner} ↔ {buyer}."
    ) in page


def test_reasons_are_recomputed_after_a_cancellation(edition) -> None:  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition, tables=1), n=1)[0]
    investor, owner, buyer, supplier = _pairs(edition)
    booked = make_request(investor, owner)
    waiting = make_request(buyer, supplier)
    schedule_edition(edition=edition, method="greedy")
    waiting.refresh_from_db()
    assert waiting.unscheduled_code == "tables_full"
    standby.cancel_meeting(meeting=Meeting.objects.get(request=booked), by=None, now=BEFORE)
    waiting.refresh_from_db()
    assert waiting.unscheduled_code == "slot_free"
    assert waiting.unscheduled_params["slot"] == f"{slot.venue.name} 05-14 10:00"
    assert MeetingRequest.objects.get(pk=booked.pk).unscheduled_code == ""
