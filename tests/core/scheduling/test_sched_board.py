"""The compiled board applies exactly the shared rule groups; gaps, compaction and search."""

from __future__ import annotations

import random
from dataclasses import replace
from time import perf_counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core.scheduling.conftest import slot

from duijie_core.scheduling import Instance, Meeting, generate_instance, read_instance
from duijie_core.scheduling.board import Board
from duijie_core.scheduling.bound import relax
from duijie_core.scheduling.compact import compact
from duijie_core.scheduling.compiled import compile_instance
from duijie_core.scheduling.constraints import Ledger, candidate_placements
from duijie_core.scheduling.cpsat import Neighbourhood, improve
from duijie_core.scheduling.search import Search
from duijie_core.scheduling.stats import idle_gaps

small_instances = st.builds(
    generate_instance,
    participants=st.integers(2, 8),
    requests=st.integers(1, 16),
    days=st.integers(1, 3),
    slots_per_day=st.integers(2, 4),
    tables=st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 2)),
    locked=st.just(0),
    seed=st.integers(0, 10_000),
)


def with_sessions(instance: Instance, seed: int) -> Instance:
    """``instance`` with slots spread over two sessions (or none) and each request limited
    to a random subset of the sessions (or to none of them, or free of sessions)."""
    rng = random.Random(seed)
    choices: tuple[str | None, ...] = ("s1", "s2", None)
    slots = tuple(replace(slot, session=rng.choice(choices)) for slot in instance.slots)
    limits: tuple[frozenset[str] | None, ...] = (
        None,
        frozenset(),
        frozenset({"s1"}),
        frozenset({"s2"}),
        frozenset({"s1", "s2"}),
    )
    requests = tuple(replace(r, sessions=rng.choice(limits)) for r in instance.requests)
    return replace(instance, slots=slots, requests=requests)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances, st.integers(0, 1000), st.booleans())
def test_board_allows_what_the_rule_groups_allow(
    instance: Instance, seed: int, sessions: bool
) -> None:
    if sessions:
        instance = with_sessions(instance, seed)
    rng = random.Random(seed)
    c = compile_instance(instance)
    board, ledger = Board(c), Ledger(instance, candidate_placements(instance))
    for _step in range(40):
        r = rng.randrange(len(c.request_ids))
        if board.slot_of[r] >= 0 and rng.random() < 0.3:
            ledger.remove((c.request_ids[r], c.slot_ids[board.slot_of[r]]))
            board.remove(r)
            continue
        for k, slot_id in enumerate(c.slot_ids):
            placement = (c.request_ids[r], slot_id)
            by_ledger = ledger.allows(placement) and board.slot_of[r] < 0
            assert bool((board.allowed(r) >> k) & 1) == by_ledger
        if board.allowed(r):
            k = rng.choice([k for k in range(len(c.slot_ids)) if (board.allowed(r) >> k) & 1])
            board.add(r, k)
            ledger.add((c.request_ids[r], c.slot_ids[k]))
    meetings = tuple(
        Meeting(rid, sid, instance.slot_by_id[sid].venue, "1") for rid, sid in board.placements()
    )
    assert board.gaps() == idle_gaps(instance, meetings)


def same_start_data() -> dict[str, Any]:
    """Two venues with meetings at the same times, so one start time has two slots."""
    slots = [
        slot("a1", "09:00", "09:30", "v1"),
        slot("b1", "09:00", "09:30", "v2"),
        slot("a2", "09:30", "10:00", "v1"),
        slot("a3", "10:00", "10:30", "v1"),
        slot("b3", "10:00", "10:30", "v2"),
    ]
    return {
        "slots": slots,
        "venues": [{"id": "v1", "tables": 1}, {"id": "v2", "tables": 1}],
        "participants": [{"id": person} for person in "pqrs"],
        "requests": [
            {"id": "r1", "a": "p", "b": "q"},
            {"id": "r2", "a": "p", "b": "r"},
            {"id": "r3", "a": "s", "b": "r", "weight": 2},
        ],
    }


def test_gaps_with_two_slots_per_start_time() -> None:
    instance = read_instance(same_start_data())
    c = compile_instance(instance)
    assert (c.one_slot_per_start, c.slot_ids) == (False, ("a1", "b1", "a2", "a3", "b3"))
    assert c.idle_gaps(0b01001) == 1
    assert c.idle_gaps(0b00110) == 0
    assert c.free_slots(0b11111) == 3
    board = Board(c)
    board.add(0, 1)
    board.add(1, 3)
    assert board.gaps() == 1
    assert compact(board, [0, 1, 2], perf_counter() + 5) == 1
    assert (board.slot_of, board.gaps(), board.points) == ([2, 3, -1], 0, 200)


def test_compaction_keeps_who_meets_whom() -> None:
    instance = generate_instance(
        participants=40, requests=150, days=2, slots_per_day=8, tables=(8, 8, 8), seed=7
    )
    c = compile_instance(instance)
    board = Board(c)
    rng = random.Random(1)
    for r in range(len(c.request_ids)):
        allowed = [k for k in range(len(c.slot_ids)) if (board.allowed(r) >> k) & 1]
        if allowed:
            board.add(r, rng.choice(allowed))
    before = (board.points, list(board.count), board.gaps())
    moves = compact(board, range(len(c.request_ids)), perf_counter() + 30)
    assert moves > 0
    assert (board.points, board.count) == (before[0], before[1])
    assert board.gaps() < before[2]


def test_neighbourhood_step_never_breaks_rules() -> None:
    instance = generate_instance(
        participants=30, requests=90, days=2, slots_per_day=6, tables=(5, 5, 5), seed=11
    )
    c = compile_instance(instance)
    board = Board(c)
    movable = [r for r in range(len(c.request_ids)) if not c.locked[r]]
    for r in sorted(range(len(c.request_ids)), key=lambda r: not c.locked[r]):
        if board.allowed(r):
            board.add(r, (board.allowed(r) & -board.allowed(r)).bit_length() - 1)
    search = Search(movable, seed=3, workers=1, step_time=0.5, max_size=60, whole_size=0)
    for make in (search.window, search.people, search.fairness, search.fairness):
        area = make(board)
        outcome = improve(board, area, time_limit=0.5, seed=0, workers=1)
        assert outcome.board.key()[:2] >= board.key()[:2]
        ledger = Ledger(instance, candidate_placements(instance))
        for placement in outcome.board.placements():
            assert ledger.allows(placement)
            ledger.add(placement)
        board = outcome.board
    empty = improve(board, Neighbourhood(frozenset(), 0), time_limit=0.5, seed=0, workers=1)
    assert (empty.board, empty.status) == (board, "EMPTY")


def test_bound_is_at_most_the_total_weight() -> None:
    instance = generate_instance(participants=30, requests=60, days=2, slots_per_day=4, seed=2)
    c = compile_instance(instance)
    exact = relax(c)
    assert exact.optimal and exact.bound <= sum(instance_weights(instance))
    empty = relax(compile_instance(read_instance({**same_start_data(), "requests": []})))
    assert (empty.bound, empty.optimal) == (0.0, True)


def instance_weights(instance: Instance) -> list[float]:
    return [request.weight for request in instance.requests]
