"""A valid upper bound on the scheduled weight: an LP relaxation solved with GLOP.

The relaxation forgets the exact slot and keeps only the day of each meeting.
Variable ``y[r, d]`` in [0, 1] says how much of request ``r`` happens on day
``d`` (only days with a slot both people can attend). Constraints: each request
at most once; each person at most ``max_meetings``; each person on day ``d`` at
most as many meetings as they have pairwise non-overlapping available slots that
day (interval scheduling, ignoring travel, so never too small); each day at most
as many meetings as it has tables summed over its slots. Every schedule gives a
feasible ``y``, so the LP optimum is an upper bound on any schedule's weight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ortools.linear_solver import pywraplp

from duijie_core.scheduling.model import Instance, Placement, Slot


def day_of(slot: Slot) -> date:
    """The local calendar day a slot starts on."""
    return slot.start.date()


@dataclass(frozen=True)
class Relaxation:
    """The LP optimum: the bound, each request's total share and its main day."""

    bound: float
    share: Mapping[str, float]
    day: Mapping[str, date]


def relax(instance: Instance, candidates: list[Placement]) -> Relaxation:
    """Solve the LP described in the module docstring."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    days = {slot.id: day_of(slot) for slot in instance.slots}
    pairs = sorted({(request, days[slot]) for request, slot in candidates})
    variables = {pair: solver.NumVar(0.0, 1.0, "") for pair in pairs}
    _add_limits(solver, instance, variables)
    weight = {request.id: request.weight for request in instance.requests}
    solver.Maximize(sum(weight[r] * var for (r, _), var in variables.items()))
    if not variables or solver.Solve() != pywraplp.Solver.OPTIMAL:
        return Relaxation(0.0, {}, {})
    share: dict[str, float] = defaultdict(float)
    main: dict[str, tuple[float, date]] = {}
    for (request_id, day), var in variables.items():
        value = round(float(var.solution_value()), 3)
        share[request_id] += value
        if value > main.get(request_id, (0.0, day))[0]:
            main[request_id] = (value, day)
    days_of = {request_id: day for request_id, (_, day) in main.items()}
    return Relaxation(float(solver.Objective().Value()), dict(share), days_of)


def weight_upper_bound(instance: Instance, candidates: list[Placement]) -> float:
    """The LP bound described in the module docstring (0.0 when nothing can be placed)."""
    return relax(instance, candidates).bound


def _add_limits(solver: Any, instance: Instance, share: dict[tuple[str, date], Any]) -> None:
    per_request: dict[str, list[Any]] = defaultdict(list)
    per_person: dict[str, list[Any]] = defaultdict(list)
    per_person_day: dict[tuple[str, date], list[Any]] = defaultdict(list)
    per_day: dict[date, list[Any]] = defaultdict(list)
    for (request_id, day), var in share.items():
        per_request[request_id].append(var)
        per_day[day].append(var)
        for person in instance.request_by_id[request_id].people:
            per_person[person].append(var)
            per_person_day[(person, day)].append(var)
    for variables in per_request.values():
        solver.Add(sum(variables) <= 1)
    for person_id, variables in per_person.items():
        maximum = instance.participant_by_id[person_id].max_meetings
        if maximum is not None:
            solver.Add(sum(variables) <= maximum)
    for (person_id, day), variables in per_person_day.items():
        solver.Add(sum(variables) <= _free_slots_on(instance, person_id, day))
    tables = _tables_per_day(instance)
    for day, variables in per_day.items():
        solver.Add(sum(variables) <= tables[day])


def _tables_per_day(instance: Instance) -> dict[date, int]:
    found: dict[date, int] = defaultdict(int)
    for slot in instance.slots:
        found[day_of(slot)] += instance.tables_at(slot.id)
    return found


def _free_slots_on(instance: Instance, person_id: str, day: date) -> int:
    """Most pairwise non-overlapping slots the person is available for on ``day``."""
    slots = [
        slot
        for slot in instance.slots
        if day_of(slot) == day and instance.is_available(person_id, slot.id)
    ]
    count, free_from = 0, None
    for slot in sorted(slots, key=lambda slot: slot.end):
        if free_from is None or slot.start >= free_from:
            count, free_from = count + 1, slot.end
    return count
