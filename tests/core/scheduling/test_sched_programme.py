"""Sessions that host a kind of meeting, and mandatory meetings first (issue 13)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core.scheduling.test_sched_board import with_sessions

from duijie_core.scheduling import generate_instance
from duijie_core.scheduling.jsonio import instance_to_json, schedule_to_json
from duijie_core.scheduling.model import (
    Displaced,
    Instance,
    Lock,
    Meeting,
    Participant,
    Request,
    Schedule,
    Slot,
    Venue,
)
from duijie_core.scheduling.parse import read_instance
from duijie_core.scheduling.phrases import describe
from duijie_core.scheduling.reasons import explain
from duijie_core.scheduling.solver import Scheduler
from duijie_core.scheduling.validate import validate

HK = timezone(timedelta(hours=8))


def _slot(slot_id: str, hour: int, session: str | None = None) -> Slot:
    start = datetime(2026, 5, 14, hour, tzinfo=HK)
    return Slot(slot_id, start, start + timedelta(minutes=30), "v1", session)


def _people(*ids: str, available: frozenset[str] | None = None) -> tuple[Participant, ...]:
    return tuple(Participant(pid, available) for pid in ids)


def _sessions_instance() -> Instance:
    return Instance(
        slots=(_slot("s1", 9, "invest"), _slot("s2", 10, "trade")),
        venues=(Venue("v1", ("1",)),),
        participants=_people("investor", "owner", "buyer", "supplier"),
        requests=(
            Request("r1", "buyer", "supplier", sessions=frozenset({"trade"})),
            Request("r2", "investor", "owner", sessions=frozenset({"invest"})),
        ),
    )


def test_meetings_go_only_to_sessions_that_host_them() -> None:
    instance = _sessions_instance()
    for method in ("greedy", "cpsat"):
        schedule = Scheduler(time_limit=5, method=method).solve(instance)
        placed = {m.request: m.slot for m in schedule.meetings}
        assert placed == {"r1": "s2", "r2": "s1"}
        assert validate(instance, schedule) == []


def test_validator_reports_a_meeting_in_a_session_that_does_not_host_it() -> None:
    instance = _sessions_instance()
    wrong = Schedule(
        (Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s2", "v1", "1")),
    )
    codes = sorted((v.code, v.params["request"]) for v in validate(instance, wrong))
    assert codes == [("session_not_allowed", "r1"), ("session_not_allowed", "r2")]


def test_no_shared_session_is_the_reason_and_free_slots_stay_open() -> None:
    instance = Instance(
        slots=(_slot("s1", 9, "invest"), _slot("s2", 10)),
        venues=(Venue("v1", ("1",)),),
        participants=_people("a", "b", "c", "d", available=frozenset({"s1"})),
        requests=(
            Request("r1", "a", "b", sessions=frozenset()),
            Request("r2", "c", "d", sessions=frozenset({"invest"})),
        ),
    )
    schedule = Scheduler(time_limit=5).solve(instance)
    assert [(m.request, m.slot) for m in schedule.meetings] == [("r2", "s1")]
    assert [(u.request, u.code) for u in schedule.unscheduled] == [("r1", "no_session")]
    assert describe("no_session", {"a": "A", "b": "B"}, "en") == (
        "A and B share no session that hosts this kind of meeting"
    )


def test_slot_outside_a_session_is_open_to_every_request() -> None:
    instance = Instance(
        slots=(_slot("s1", 9),),
        venues=(Venue("v1", ("1",)),),
        participants=_people("a", "b"),
        requests=(Request("r1", "a", "b", sessions=frozenset({"elsewhere"})),),
    )
    assert [m.slot for m in Scheduler(time_limit=5).solve(instance).meetings] == ["s1"]


def test_sessions_and_mandatory_survive_the_json_form() -> None:
    instance = Instance(
        slots=(_slot("s1", 9, "invest"), _slot("s2", 10)),
        venues=(Venue("v1", ("1",)),),
        participants=_people("a", "b"),
        requests=(
            Request("r1", "a", "b", 2.0, mandatory=True, sessions=frozenset({"invest"})),
            Request("r2", "b", "a"),
        ),
    )
    data = instance_to_json(instance)
    assert data["slots"][0]["session"] == "invest"
    assert "session" not in data["slots"][1]
    assert data["requests"][0]["mandatory"] is True
    assert data["requests"][0]["sessions"] == ["invest"]
    assert "sessions" not in data["requests"][1] and "mandatory" not in data["requests"][1]
    assert read_instance(data) == instance


def test_mandatory_outranks_heavier_optional_requests_in_a_fresh_solve() -> None:
    instance = Instance(
        slots=(_slot("s1", 9),),
        venues=(Venue("v1", ("1",)),),
        participants=_people("a", "b", "c"),
        requests=(
            Request("r1", "a", "b", 3.0),
            Request("r2", "a", "c", 3.0),
            Request("rm", "b", "c", 1.0, mandatory=True),
        ),
    )
    for method in ("greedy", "cpsat"):
        schedule = Scheduler(time_limit=5, method=method).solve(instance)
        assert [m.request for m in schedule.meetings] == ["rm"]
        assert schedule.displaced == ()


def _crowded() -> Instance:
    """Three one-table slots; a and c can only come at 9 and 10, where r1 and r2 sit."""
    only_early = frozenset({"s1", "s2"})
    return Instance(
        slots=(_slot("s1", 9), _slot("s2", 10), _slot("s3", 11)),
        venues=(Venue("v1", ("1",)),),
        participants=(
            Participant("a", only_early),
            Participant("c", only_early),
            Participant("d", only_early),
            *_people("b", "e"),
        ),
        requests=(
            Request("r1", "b", "e", 3.0),
            Request("r2", "c", "d", 3.0),
            Request("rm", "a", "c", 5.0, mandatory=True),
        ),
    )


def test_resolve_moves_an_optional_meeting_to_place_a_mandatory_one_and_says_so() -> None:
    instance = _crowded()
    previous = Schedule((Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s2", "v1", "1")))
    for method in ("greedy", "cpsat"):
        schedule = Scheduler(time_limit=5, method=method).solve(instance, previous)
        placed = {m.request: m.slot for m in schedule.meetings}
        assert placed == {"rm": "s1", "r1": "s3", "r2": "s2"}
        assert schedule.displaced == (Displaced("r1", "rm", "s3"),)
        assert validate(instance, schedule) == []
        assert schedule_to_json(instance, schedule)["displaced"] == [
            {"request": "r1", "mandatory": "rm", "slot": "s3"}
        ]


def test_resolve_drops_an_optional_meeting_when_it_has_nowhere_else_to_go() -> None:
    instance = _crowded()
    instance = Instance(
        instance.slots[:2], instance.venues, instance.participants, instance.requests
    )
    previous = Schedule((Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s2", "v1", "1")))
    schedule = Scheduler(time_limit=5).solve(instance, previous)
    assert {m.request: m.slot for m in schedule.meetings} == {"rm": "s1", "r2": "s2"}
    assert schedule.displaced == (Displaced("r1", "rm", None),)
    assert [(u.request, u.code) for u in schedule.unscheduled] == [("r1", "tables_full")]


def test_resolve_never_moves_locked_or_mandatory_meetings() -> None:
    crowded = _crowded()
    requests = (
        Request("r1", "b", "e", 3.0, lock=Lock("s1")),
        Request("r2", "c", "d", 3.0, mandatory=True),
        crowded.requests[2],
    )
    instance = Instance(crowded.slots, crowded.venues, crowded.participants, requests)
    previous = Schedule((Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s2", "v1", "1")))
    schedule = Scheduler(time_limit=5).solve(instance, previous)
    assert {m.request: m.slot for m in schedule.meetings} == {"r1": "s1", "r2": "s2"}
    assert schedule.displaced == ()
    assert [u.request for u in schedule.unscheduled] == ["rm"]


def test_reasons_are_recomputed_for_the_schedule_as_it_stands() -> None:
    instance = _crowded()
    full = Schedule((Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s2", "v1", "1")))
    assert [(u.request, u.code) for u in explain(instance, full)] == [("rm", "tables_full")]
    cancelled = Instance(
        instance.slots, instance.venues, instance.participants, instance.requests[1:]
    )
    after_cancel = Schedule((Meeting("r2", "s2", "v1", "1"),))
    reasons = explain(cancelled, after_cancel)
    assert [(u.request, u.code, u.params["slot"]) for u in reasons] == [("rm", "slot_free", "s1")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.builds(
        generate_instance,
        participants=st.integers(2, 8),
        requests=st.integers(1, 16),
        days=st.integers(1, 2),
        slots_per_day=st.integers(2, 4),
        tables=st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 2)),
        locked=st.integers(0, 1),
        seed=st.integers(0, 10_000),
    ),
    st.integers(0, 1000),
)
def test_sessions_and_mandatory_requests_never_break_the_rules(
    instance: Instance, seed: int
) -> None:
    """Random sessions and mandatory requests: every solve and re-solve validates, and a
    re-solve reports each displaced meeting for a mandatory request it placed."""
    rng = random.Random(seed)
    instance = with_sessions(instance, seed)
    requests = tuple(
        replace(r, sessions=None) if r.lock is not None else r for r in instance.requests
    )
    instance = replace(instance, requests=requests)
    first = Scheduler(time_limit=1, workers=1).solve(instance)
    assert validate(instance, first) == []
    flagged = tuple(
        replace(r, mandatory=r.lock is None and rng.random() < 0.3) for r in instance.requests
    )
    later = replace(instance, requests=flagged)
    again = Scheduler(time_limit=1, workers=1).solve(later, previous=first)
    assert validate(later, again) == []
    placed = {m.request for m in again.meetings}
    before = {m.request for m in first.meetings}
    for moved in again.displaced:
        assert moved.request in before and moved.mandatory in placed
        assert later.request_by_id[moved.mandatory].mandatory
