"""A valid upper bound on the scheduled weight: an LP relaxation solved with GLOP.

The relaxation forgets the exact slot and keeps only the day of each meeting.
Variable ``y[r, d]`` in [0, 1] says how much of request ``r`` happens on day
``d`` (only days with a slot both people can attend). Constraints: each request
at most once; each person at most ``max_meetings``; each person on day ``d`` at
most as many meetings as they have pairwise non-overlapping available slots that
day (interval scheduling, ignoring travel, so never too small); each day at most
as many meetings as it has tables summed over its slots. Every schedule gives a
feasible ``y``, so the LP optimum is an upper bound on any schedule's weight.

When GLOP does not reach the optimum within its time limit, the bound falls back
to the total weight of the requests that have a candidate slot (also valid).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ortools.linear_solver import pywraplp

from duijie_core.scheduling.compiled import Compiled

INFINITY = pywraplp.Solver.infinity()


@dataclass(frozen=True)
class Relaxation:
    """The LP optimum: the bound, each request's total share and its main day
    (by request index), and whether GLOP proved it optimal."""

    bound: float
    share: dict[int, float]
    day: dict[int, int]
    optimal: bool = True


def relax(c: Compiled, time_limit: float = 30.0) -> Relaxation:
    """Solve the LP described in the module docstring within ``time_limit`` seconds."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    variables = _variables(solver, c)
    _add_limits(solver, c, variables)
    objective = solver.Objective()
    for (r, _day), var in variables.items():
        objective.SetCoefficient(var, c.weight[r])
    objective.SetMaximization()
    if not variables or solver.Solve() != pywraplp.Solver.OPTIMAL:
        fallback = sum(w for r, w in enumerate(c.weight) if c.candidates[r])
        return Relaxation(float(fallback), {}, {}, optimal=not variables)
    return _read(variables, float(objective.Value()))


def _variables(solver: Any, c: Compiled) -> dict[tuple[int, int], Any]:
    return {
        (r, d): solver.NumVar(0.0, 1.0, "")
        for r, mask in enumerate(c.candidates)
        for d, day_mask in enumerate(c.day_mask)
        if mask & day_mask
    }


def _read(variables: dict[tuple[int, int], Any], bound: float) -> Relaxation:
    share: dict[int, float] = defaultdict(float)
    main: dict[int, tuple[float, int]] = {}
    for (r, d), var in variables.items():
        value = round(float(var.solution_value()), 3)
        share[r] += value
        if value > main.get(r, (0.0, d))[0]:
            main[r] = (value, d)
    return Relaxation(bound, dict(share), {r: d for r, (_, d) in main.items()})


def _add_limits(solver: Any, c: Compiled, share: dict[tuple[int, int], Any]) -> None:
    per_request: dict[int, list[Any]] = defaultdict(list)
    per_person: dict[int, list[Any]] = defaultdict(list)
    per_person_day: dict[tuple[int, int], list[Any]] = defaultdict(list)
    per_day: dict[int, list[Any]] = defaultdict(list)
    for (r, d), var in share.items():
        per_request[r].append(var)
        per_day[d].append(var)
        for person in (c.a[r], c.b[r]):
            per_person[person].append(var)
            per_person_day[(person, d)].append(var)
    for variables in per_request.values():
        _at_most(solver, variables, 1)
    for person, variables in per_person.items():
        _at_most(solver, variables, c.maximum[person])
    for (person, d), variables in per_person_day.items():
        _at_most(solver, variables, c.free_slots(c.available[person] & c.day_mask[d]))
    for d, variables in per_day.items():
        tables = sum(c.capacity[k] for k in range(len(c.day)) if c.day[k] == d)
        _at_most(solver, variables, tables)


def _at_most(solver: Any, variables: list[Any], limit: int) -> None:
    """``sum(variables) <= limit``, skipped when it cannot bind."""
    if len(variables) <= limit:
        return
    constraint = solver.Constraint(-INFINITY, float(limit))
    for var in variables:
        constraint.SetCoefficient(var, 1.0)
