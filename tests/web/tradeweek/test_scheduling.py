"""The adapter: availability from registrations and travel, solving, saving, re-solving."""

from __future__ import annotations

import json

import pytest

from duijie.tradeweek.models import City, Meeting, MeetingSeat, MeetingStatus, RequestStatus
from duijie.tradeweek.services import programme, standby
from duijie.tradeweek.services.scheduling import build_instance, instance_json, schedule_edition
from duijie_core.scheduling.parse import read_instance
from tests.web.tradeweek.factories import (
    at,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_travel,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _live(edition):  # type: ignore[no-untyped-def]
    return {
        m.request_id: (m.slot_id, m.table)
        for m in Meeting.objects.filter(request__edition=edition).exclude(
            status=MeetingStatus.CANCELLED
        )
    }


def test_registrations_and_travel_make_people_busy(edition) -> None:  # type: ignore[no-untyped-def]
    hk = make_venue(edition, tables=1)
    sz = make_venue(edition, city=City.SHENZHEN, tables=0)
    make_travel(hk, sz, 120)
    slots = make_slots(edition, hk, start=at(14, 10), n=4, minutes=60)  # 10, 11, 12, 13 o'clock
    a, b = make_participant(edition), make_participant(edition)
    programme.register(
        event=make_event(edition, sz, start=at(14, 8), minutes=60), user=a.user
    )  # ends 9:00
    programme.register(event=make_event(edition, hk, start=at(14, 12), minutes=60), user=a.user)
    make_request(a, b)
    instance = build_instance(edition).instance
    available = {p.id: p.available for p in instance.participants}
    assert available[f"p{a.pk}"] == frozenset({f"s{slots[1].pk}", f"s{slots[3].pk}"})
    assert available[f"p{b.pk}"] == frozenset(f"s{s.pk}" for s in slots)


def test_the_exported_instance_reads_back(edition) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition, tables=2), n=2)
    make_request(make_participant(edition), make_participant(edition))
    data = json.loads(json.dumps(instance_json(edition)))
    assert read_instance(data) == build_instance(edition).instance


def test_schedule_saves_meetings_seats_and_reasons(edition, organiser) -> None:  # type: ignore[no-untyped-def]
    slots = make_slots(edition, make_venue(edition, tables=1), n=1)
    a, b, c = (make_participant(edition, name=n) for n in ("Ann", "Bob", "Cy"))
    first, second = make_request(a, b, preference="must"), make_request(a, c)
    run = schedule_edition(edition=edition, by=organiser, time_limit=2)
    second.refresh_from_db()
    assert (run.ok, run.scheduled, run.unscheduled) == (True, 1, 1)
    assert _live(edition) == {first.pk: (slots[0].pk, 1)}
    assert MeetingSeat.objects.filter(slot=slots[0]).count() == 2
    assert (second.unscheduled_code, second.unscheduled_params) == (
        "person_overbooked",
        {"person": "Ann", "requests": 2, "free_slots": 1},
    )


def test_resolving_after_a_cancellation_keeps_the_other_meetings(edition) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition, tables=2), n=3)
    people = [make_participant(edition) for _ in range(4)]
    requests = [
        make_request(a, b)
        for a, b in [(people[0], people[1]), (people[2], people[3]), (people[0], people[2])]
    ]
    schedule_edition(edition=edition, time_limit=2)
    before = _live(edition)
    standby.cancel_meeting(meeting=Meeting.objects.get(request=requests[0]), by=None)
    run = schedule_edition(edition=edition, time_limit=2)
    after = _live(edition)
    assert run.moved == 0
    assert after == {pk: place for pk, place in before.items() if pk != requests[0].pk}


def test_held_meetings_stay_locked_when_resolving(edition) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition, tables=1), n=2)
    a, b = make_participant(edition), make_participant(edition)
    request = make_request(a, b)
    schedule_edition(edition=edition, time_limit=2)
    Meeting.objects.filter(request=request).update(status=MeetingStatus.HELD)
    built = build_instance(edition)
    assert built.instance.requests[0].lock is not None


def test_problems_stop_the_solve_and_change_nothing(edition) -> None:  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=1, name="Hall")
    slot = make_slots(edition, venue, n=1)[0]
    a, b = make_participant(edition, name="Ann"), make_participant(edition)
    programme.register(
        event=make_event(edition, venue, start=slot.starts_at, minutes=20), user=a.user
    )
    request = make_request(a, b)
    request.locked_slot = slot
    request.save()
    run = schedule_edition(edition=edition, time_limit=2)
    assert run.ok is False
    params = {
        "request": request.pk,
        "slot": "Hall 05-14 10:00",
        "person": "Ann",
        "count": 1,
        "limit": 0,
    }
    assert run.problems == [{"code": "locked_slot_unavailable", "params": params}]
    assert Meeting.objects.count() == 0


def test_declined_requests_are_not_scheduled(edition) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition), n=1)
    make_request(
        make_participant(edition), make_participant(edition), status=RequestStatus.DECLINED
    )
    assert schedule_edition(edition=edition, time_limit=1).scheduled == 0
