"""CP-SAT re-optimisation of one neighbourhood of a board.

:func:`improve` frees the requests of ``area.free`` (taking the placed ones out
of the board), keeps every other placement fixed, and lets CP-SAT choose at
most one slot of ``area.open`` for each free request (its current slot is always
allowed, so the current solution is a feasible hint). The rules are those of
the board, on the residual capacities: at most ``capacity - load`` meetings per
slot, at most ``maximum - count`` per person, and per person at most one meeting
per slot and per pair of clashing slots, none in a slot the fixed meetings
already block.

Objective, lexicographic through integer weights: first the scheduled weight,
then fairness: with ``m`` the current minimum number of meetings among askers,
each person of the neighbourhood earns ``A`` for reaching ``m`` meetings (so no
one falls below the minimum) and 1 for reaching ``m + 1`` (so the number of
people at the minimum shrinks and the minimum eventually rises).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import gcd

from ortools.sat.python import cp_model

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import bits

Var = cp_model.IntVar
Choice = dict[tuple[int, int], Var]
Hints = list[tuple[Var, bool]]


@dataclass(frozen=True)
class Neighbourhood:
    """Which requests may move (request indexes) and into which slots (a mask)."""

    free: frozenset[int]
    open: int


@dataclass(frozen=True)
class Outcome:
    """The board after a step (a new board) and CP-SAT's status name."""

    board: Board
    status: str


def improve(
    board: Board, area: Neighbourhood, *, time_limit: float, seed: int, workers: int
) -> Outcome:
    """Re-optimise ``area`` of ``board``; the given board is not changed."""
    rest = board.copy()
    for r in area.free:
        if rest.slot_of[r] >= 0:
            rest.remove(r)
    model = cp_model.CpModel()
    x = _choices(model, board, rest, area)
    if not x:
        return Outcome(board, "EMPTY")
    _add_rules(model, rest, x)
    hints = _set_objective(model, board, rest, x)
    for (r, k), var in x.items():
        model.add_hint(var, board.slot_of[r] == k)
    for var, value in hints:
        model.add_hint(var, value)
    solver = _solver(time_limit, seed, workers)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(board, solver.status_name(status))
    for (r, k), var in x.items():
        if solver.boolean_value(var):
            rest.add(r, k)
    return Outcome(rest, solver.status_name(status))


def model_size(board: Board, free: frozenset[int], open_slots: int) -> int:
    """How many booleans :func:`improve` would create, at most."""
    return sum((board.c.candidates[r] & open_slots).bit_count() for r in free)


def _choices(model: cp_model.CpModel, board: Board, rest: Board, area: Neighbourhood) -> Choice:
    x: Choice = {}
    for r in sorted(area.free):
        current = board.slot_of[r]
        mask = area.open | (1 << current if current >= 0 else 0)
        for k in bits(rest.allowed(r) & mask):
            x[(r, k)] = model.new_bool_var(f"x{r}_{k}")
    return x


def _solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


def _add_rules(model: cp_model.CpModel, rest: Board, x: Choice) -> None:
    c = rest.c
    of_request: dict[int, list[Var]] = defaultdict(list)
    of_slot: dict[int, list[Var]] = defaultdict(list)
    of_person: dict[int, dict[int, list[Var]]] = defaultdict(lambda: defaultdict(list))
    for (r, k), var in x.items():
        of_request[r].append(var)
        of_slot[k].append(var)
        for p in (c.a[r], c.b[r]):
            of_person[p][k].append(var)
    for variables in of_request.values():
        _at_most(model, variables, 1)
    for k, variables in of_slot.items():
        _at_most(model, variables, c.capacity[k] - rest.load[k])
    for p, by_slot in of_person.items():
        every = [var for variables in by_slot.values() for var in variables]
        _at_most(model, every, c.maximum[p] - rest.count[p])
        _one_at_a_time(model, rest, by_slot)


def _one_at_a_time(model: cp_model.CpModel, rest: Board, by_slot: dict[int, list[Var]]) -> None:
    for k, variables in by_slot.items():
        _at_most(model, variables, 1)
        for other in bits(rest.c.clash[k] & ~((2 << k) - 1)):
            if other in by_slot:
                model.add_at_most_one([*variables, *by_slot[other]])


def _at_most(model: cp_model.CpModel, variables: list[Var], limit: int) -> None:
    if len(variables) <= limit:
        return
    if limit == 1:
        model.add_at_most_one(variables)
    else:
        model.add(sum(variables) <= limit)


def _set_objective(model: cp_model.CpModel, board: Board, rest: Board, x: Choice) -> Hints:
    """Weight, then fairness, as one integer objective; the hints of the helper
    booleans (their values in ``board``)."""
    c = rest.c
    unit = 0
    for r, _ in x:
        unit = gcd(unit, c.points[r])
    weight = cp_model.LinearExpr.weighted_sum(
        list(x.values()), [c.points[r] // (unit or 1) for r, _ in x]
    )
    by_person = _by_person(rest, x)
    fairness, fair_top, hints = _fairness(model, board, rest, by_person)
    model.maximize(fair_top * weight + fairness)
    return hints


def _by_person(rest: Board, x: Choice) -> dict[int, dict[int, list[Var]]]:
    c = rest.c
    found: dict[int, dict[int, list[Var]]] = defaultdict(lambda: defaultdict(list))
    for (r, k), var in x.items():
        found[c.a[r]][k].append(var)
        found[c.b[r]][k].append(var)
    return found


def _fairness(
    model: cp_model.CpModel, board: Board, rest: Board, by_person: dict[int, dict[int, list[Var]]]
) -> tuple[cp_model.LinearExpr, int, Hints]:
    """``A * (people reaching m) + (people reaching m + 1)`` and one more than its maximum."""
    fewest = board.fewest()
    reach: list[Var] = []
    beyond: list[Var] = []
    hints: Hints = []
    for p, by_slot in by_person.items():
        count = rest.count[p] + sum(var for variables in by_slot.values() for var in variables)
        for level, flags in ((fewest, reach), (fewest + 1, beyond)):
            if rest.count[p] < level:
                flag = _reaches(model, count, level)
                flags.append(flag)
                hints.append((flag, board.count[p] >= level))
    step = len(beyond) + 1
    fairness = cp_model.LinearExpr.weighted_sum(
        [*reach, *beyond], [step] * len(reach) + [1] * len(beyond)
    )
    return fairness, step * len(reach) + len(beyond) + 1, hints


def _reaches(model: cp_model.CpModel, count: cp_model.LinearExprT, level: int) -> Var:
    """A boolean that can be true only when ``count >= level``."""
    flag = model.new_bool_var("")
    model.add(count >= level).only_enforce_if(flag)
    return flag
