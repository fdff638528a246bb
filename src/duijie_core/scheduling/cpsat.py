"""The optimising solver: CP-SAT over one boolean per (request, slot).

:func:`improve` re-optimises a neighbourhood of a current solution: the
``free`` requests may take any candidate placement in the ``open`` slots, and
every other current placement stays fixed. Each rule group of the shared
:class:`~duijie_core.scheduling.constraints.Ledger` becomes
``low - fixed <= sum(x) <= high - fixed``. Table capacity is therefore a count
per slot; tables are assigned afterwards by colouring.

Objective, lexicographic through weights: ``(S + 1) * weight + m`` where weight
is the scheduled weight in hundredths and ``m`` the minimum number of meetings
among participants who have at least one request (``S`` = number of slots, an
upper bound on ``m``). So fairness never costs weight. The current solution is
given as a hint (warm start); the caller keeps a step only when it is better
(or proven optimal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from duijie_core.scheduling.constraints import Ledger
from duijie_core.scheduling.model import Instance, Placement


@dataclass(frozen=True)
class Neighbourhood:
    """Which requests may move and into which slots."""

    free: frozenset[str]
    open: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """The placements after an improvement step and CP-SAT's status name."""

    placements: frozenset[Placement]
    status: str


def scaled_weight(weight: float) -> int:
    """Request weights in hundredths, as CP-SAT needs integers."""
    return round(weight * 100)


def improve(
    instance: Instance,
    ledger: Ledger,
    current: Iterable[Placement],
    area: Neighbourhood,
    *,
    time_limit: float,
    seed: int,
    workers: int,
) -> Outcome:
    """Re-optimise the placements of ``area.free`` requests within ``area.open`` slots."""
    chosen = frozenset(current)
    fixed = {p for p in chosen if p[0] not in area.free}
    model = cp_model.CpModel()
    x = {
        p: model.new_bool_var(f"x{i}")
        for i, p in enumerate(ledger.of_placement)
        if p[0] in area.free and p[1] in area.open
    }
    if not _add_groups(model, ledger, x, fixed):
        return Outcome(chosen, "INFEASIBLE")
    fewest = _set_objective(model, instance, x, fixed)
    for placement, var in x.items():
        model.add_hint(var, placement in chosen)
    model.add_hint(fewest, _fewest_meetings(instance, chosen))
    solver = _solver(time_limit, seed, workers)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(chosen, solver.status_name(status))
    found = fixed | {p for p, var in x.items() if solver.boolean_value(var)}
    return Outcome(frozenset(found), solver.status_name(status))


def _solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


def _add_groups(
    model: cp_model.CpModel,
    ledger: Ledger,
    x: dict[Placement, cp_model.IntVar],
    fixed: set[Placement],
) -> bool:
    touched = sorted({i for p in x for i in ledger.of_placement[p]})
    for index in touched:
        group = ledger.groups[index]
        variables = [x[m] for m in group.members if m in x]
        already = sum(1 for m in group.members if m in fixed)
        if already > group.high:
            return False
        if group.high - already < len(variables):
            model.add(sum(variables) <= group.high - already)
        if group.low - already > 0:
            model.add(sum(variables) >= group.low - already)
    return True


def _set_objective(
    model: cp_model.CpModel,
    instance: Instance,
    x: dict[Placement, cp_model.IntVar],
    fixed: set[Placement],
) -> cp_model.IntVar:
    weight = {request.id: scaled_weight(request.weight) for request in instance.requests}
    scheduled = sum(weight[p[0]] * var for p, var in x.items())
    fewest = model.new_int_var(0, len(instance.slots), "fewest")
    for count in _meetings_per_person(instance, x, fixed).values():
        model.add(fewest <= count)
    model.maximize((len(instance.slots) + 1) * scheduled + fewest)
    return fewest


def _fewest_meetings(instance: Instance, placements: Iterable[Placement]) -> int:
    counts = dict.fromkeys((p for p, rs in instance.requests_of.items() if rs), 0)
    for placement in placements:
        for person in instance.request_by_id[placement[0]].people:
            counts[person] += 1
    return min(counts.values(), default=0)


def _meetings_per_person(
    instance: Instance, x: dict[Placement, cp_model.IntVar], fixed: set[Placement]
) -> dict[str, cp_model.LinearExprT]:
    counts: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for person in instance.requests_of:
        if instance.requests_of[person]:
            counts[person] = []
    for placement in fixed:
        for person in instance.request_by_id[placement[0]].people:
            counts[person].append(1)
    for placement, var in x.items():
        for person in instance.request_by_id[placement[0]].people:
            counts[person].append(var)
    return {person: sum(terms) for person, terms in counts.items()}
