"""Solving, re-solving, reasons and the property that solvers pass their own validator."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duijie_core.scheduling import (
    Instance,
    Participant,
    Scheduler,
    describe,
    generate_instance,
    read_instance,
    validate,
)
from duijie_core.scheduling.phrases import _PHRASES, LANGUAGES


def test_example_is_solved_to_the_bound(example_data: dict[str, Any]) -> None:
    instance = read_instance(example_data)
    scheduler = Scheduler(time_limit=5, seed=0)
    schedule = scheduler.solve(instance)
    assert validate(instance, schedule) == []
    assert schedule.meetings[0] == schedule.meetings[0].__class__("r1", "s1", "hk-centre", "1")
    assert sorted(m.request for m in schedule.meetings) == ["r1", "r2", "r3", "r4"]
    assert [(u.request, u.code, dict(u.params)) for u in schedule.unscheduled] == [
        ("r5", "no_common_slot", {"request": "r5", "a": "investor-2", "b": "project-2"}),
        ("r6", "person_overbooked", {"person": "project-3", "requests": 2, "free_slots": 1}),
    ]
    stats = schedule.stats
    assert stats is not None
    assert (stats.scheduled_weight, stats.upper_bound, stats.ratio) == (7.0, 7.0, 1.0)
    assert (stats.meetings_min, stats.meetings_mean, stats.zero_meeting_participants) == (1, 1.6, 0)
    assert (stats.status, stats.moved, stats.scheduled, stats.requests) == ("OPTIMAL", 0, 4, 6)
    assert scheduler.greedy_weight_ == 7.0
    assert scheduler.upper_bound_ == 7.0


def test_greedy_method(example_data: dict[str, Any]) -> None:
    instance = read_instance(example_data)
    schedule = Scheduler(method="greedy").solve(instance)
    assert validate(instance, schedule) == []
    assert schedule.stats is not None and schedule.stats.status == "GREEDY"
    with pytest.raises(ValueError, match="method must be one of"):
        Scheduler(method="magic").solve(instance)


def test_reasons_for_maximum_and_full_tables(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["participants"][0]["max_meetings"] = 1
    data["participants"][2]["available"] = ["s1"]
    data["requests"][0]["weight"] = 5
    instance = read_instance(data)
    schedule = Scheduler(time_limit=5).solve(instance)
    assert [m.request for m in schedule.meetings] == ["r3", "r1"]
    assert [(u.request, u.code, dict(u.params)) for u in schedule.unscheduled] == [
        ("r2", "max_meetings_reached", {"person": "a", "max_meetings": 1}),
    ]
    data["slots"] = data["slots"][:1]
    data["participants"] = [{"id": person} for person in "abcd"]
    data["requests"] = [
        {"id": "r1", "a": "a", "b": "b", "weight": 1},
        {"id": "r2", "a": "c", "b": "d", "weight": 2},
    ]
    unscheduled = Scheduler(time_limit=5).solve(read_instance(data)).unscheduled
    assert [(u.request, u.code, dict(u.params)) for u in unscheduled] == [
        ("r1", "tables_full", {"request": "r1", "a": "a", "b": "b", "common_slots": 1}),
    ]


def test_common_slots_taken(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["venues"][0]["tables"] = 3
    for person in data["participants"]:
        person["available"] = ["s1", "s4"]
    unscheduled = Scheduler(time_limit=5).solve(read_instance(data)).unscheduled
    assert [(u.code, u.params["common_slots"]) for u in unscheduled] == [("common_slots_taken", 2)]


def test_late_arrival_moves_only_the_touched_meetings() -> None:
    instance = generate_instance(
        participants=30, requests=80, days=2, slots_per_day=6, tables=(6, 5, 5), locked=2, seed=3
    )
    first = Scheduler(time_limit=5).solve(instance)
    late = first.meetings[0]
    person = instance.request_by_id[late.request].a
    others = frozenset(s.id for s in instance.slots if s.id != late.slot)
    people = tuple(
        replace(p, available=others & (p.available or others)) if p.id == person else p
        for p in instance.participants
    )
    changed = replace(instance, participants=people)
    touched = {
        m.request
        for m in first.meetings
        if person in instance.request_by_id[m.request].people and m.slot == late.slot
    }
    again = Scheduler(time_limit=5).solve(changed, previous=first)
    assert validate(changed, again) == []
    assert again.stats is not None and again.stats.moved == len(touched)


def test_describe_every_code_in_every_language() -> None:
    params = {"person": "P", "request": "R", "slot": "S", "count": 2, "limit": 1, "path": "x"}
    for code in _PHRASES:
        for language in LANGUAGES:
            sentence = describe(code, params, language)
            assert "{" not in sentence and sentence
    assert describe(
        "person_overbooked", {"person": "X", "requests": 31, "free_slots": 12}, "en"
    ) == ("X has 31 accepted requests but 12 free slots")
    assert describe("person_overbooked", {"person": "X", "requests": 31, "free_slots": 12}) == (
        "X 有 31 個已接受的會面請求，但只有 12 個空檔"
    )
    assert describe("new_code", {"a": 1}, "en") == "new_code: a=1"
    assert (
        describe("unknown_table", {"path": "p", "venue": "v", "table": "9"}, "en")
        == "p: v has no table 9"
    )
    with pytest.raises(ValueError, match="language must be one of"):
        describe("request_missing", {}, "fr")


def test_generator_is_seeded() -> None:
    assert generate_instance(participants=20, requests=40, seed=1) == generate_instance(
        participants=20, requests=40, seed=1
    )
    assert generate_instance(participants=20, requests=40, seed=1) != generate_instance(
        participants=20, requests=40, seed=2
    )
    small = generate_instance(participants=20, requests=40, days=4, slots_per_day=4, seed=1)
    assert (len(small.slots), len(small.requests), len(small.participants)) == (16, 40, 20)
    assert sum(r.lock is not None for r in small.requests) > 0


def test_day_by_day_decomposition_stays_valid() -> None:
    instance = generate_instance(
        participants=40, requests=120, days=4, slots_per_day=4, tables=(4, 4, 4), seed=5
    )
    scheduler = Scheduler(time_limit=4, max_model_size=10)
    schedule = scheduler.solve(instance)
    assert validate(instance, schedule) == []
    assert schedule.stats is not None
    assert schedule.stats.scheduled_weight >= scheduler.greedy_weight_


small_instances = st.builds(
    generate_instance,
    participants=st.integers(2, 10),
    requests=st.integers(1, 20),
    days=st.integers(1, 4),
    slots_per_day=st.integers(2, 4),
    tables=st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 2)),
    locked=st.integers(0, 2),
    seed=st.integers(0, 10_000),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances, st.integers(0, 3))
def test_solvers_never_break_their_own_rules(instance: Instance, cancelled: int) -> None:
    greedy = Scheduler(method="greedy").solve(instance)
    assert validate(instance, greedy) == []
    optimised = Scheduler(time_limit=2, workers=1).solve(instance)
    assert validate(instance, optimised) == []
    assert optimised.stats is not None and greedy.stats is not None
    assert optimised.stats.scheduled_weight >= greedy.stats.scheduled_weight - 1e-9
    assert optimised.stats.scheduled_weight <= optimised.stats.upper_bound + 1e-9
    gone = {m.request for m in optimised.meetings[:cancelled]}
    smaller = replace(instance, requests=tuple(r for r in instance.requests if r.id not in gone))
    again = Scheduler(time_limit=2, workers=1).solve(smaller, previous=optimised)
    assert validate(smaller, again) == []
    assert again.stats is not None and again.stats.moved == 0


def test_participant_without_requests_is_ignored_in_fairness(example_data: dict[str, Any]) -> None:
    instance = read_instance(example_data)
    extra = replace(instance, participants=(*instance.participants, Participant("idle")))
    stats = Scheduler(time_limit=5).solve(extra).stats
    assert stats is not None and stats.zero_meeting_participants == 0
