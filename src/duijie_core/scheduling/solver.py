"""The estimator-like entry point: ``Scheduler(...).solve(instance, previous=None)``.

Steps: candidate placements and the shared rule ledger; greedy placement (on
top of the still-valid meetings of ``previous`` when re-solving); CP-SAT
improvement on one model, or day by day when the model would be too big; the
LP upper bound; tables by colouring; reasons for every unscheduled request;
stats.
"""

from __future__ import annotations

from collections.abc import Iterable
from time import perf_counter

from duijie_core.scheduling.bound import day_of, relax
from duijie_core.scheduling.constraints import Ledger, candidate_placements
from duijie_core.scheduling.cpsat import Neighbourhood, improve, scaled_weight
from duijie_core.scheduling.greedy import greedy
from duijie_core.scheduling.model import Instance, Placement, Schedule
from duijie_core.scheduling.reasons import unscheduled_reasons
from duijie_core.scheduling.stats import schedule_stats
from duijie_core.scheduling.tables import assign_tables

METHODS = ("cpsat", "greedy")


class Scheduler:
    """Places accepted meeting requests into slots and tables.

    Parameters
    ----------
    time_limit:
        Seconds for the whole solve (the greedy step always runs to the end).
    seed:
        Random seed passed to CP-SAT.
    workers:
        CP-SAT search workers.
    method:
        ``"cpsat"`` (greedy, then CP-SAT) or ``"greedy"`` (the baseline only).
    max_model_size:
        Above this many (request, slot) booleans the CP-SAT step works day by day.

    Attributes set by :meth:`solve`: ``schedule_``, ``greedy_weight_``,
    ``upper_bound_``, ``status_``.
    """

    def __init__(
        self,
        time_limit: float = 60.0,
        seed: int = 0,
        workers: int = 2,
        method: str = "cpsat",
        max_model_size: int = 60_000,
    ) -> None:
        self.time_limit = time_limit
        self.seed = seed
        self.workers = workers
        self.method = method
        self.max_model_size = max_model_size

    def solve(self, instance: Instance, previous: Schedule | None = None) -> Schedule:
        """A schedule for ``instance``, moving as few ``previous`` meetings as possible."""
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, not {self.method!r}")
        started = perf_counter()
        candidates = candidate_placements(instance)
        ledger = Ledger(instance, candidates)
        kept = _still_valid(instance, ledger, previous)
        relaxation = relax(instance, candidates)
        guide = relaxation if self.method == "cpsat" else None
        greedy(instance, ledger, fixed=kept, guide=guide)
        current = frozenset(ledger.chosen)
        self.greedy_weight_ = _weight(instance, current)
        self.status_ = "GREEDY" if guide is None else "LP_GUIDED_GREEDY"
        if self.method == "cpsat":
            free = frozenset(r.id for r in instance.requests if r.lock is None) - {
                p[0] for p in kept
            }
            deadline = started + self.time_limit
            current = self._optimise(instance, ledger, current, free, deadline)
        self.upper_bound_ = relaxation.bound
        self.schedule_ = self._finish(instance, ledger, current, previous, started)
        return self.schedule_

    def _optimise(
        self,
        instance: Instance,
        ledger: Ledger,
        current: frozenset[Placement],
        free: frozenset[str],
        deadline: float,
    ) -> frozenset[Placement]:
        size = sum(1 for p in ledger.of_placement if p[0] in free)
        regions = [frozenset(s.id for s in instance.slots)]
        if size > self.max_model_size:
            regions = _days(instance)
        for _round in range(3):
            before = _key(instance, current)
            for index, region in enumerate(regions):
                remaining = deadline - perf_counter()
                if remaining < 0.5:
                    return current
                share = remaining / (len(regions) - index)
                area = _neighbourhood(current, free, region)
                current = self._step(instance, ledger, current, area, share)
            if len(regions) == 1 or _key(instance, current) <= before:
                return current
        return current

    def _step(
        self,
        instance: Instance,
        ledger: Ledger,
        current: frozenset[Placement],
        area: Neighbourhood,
        seconds: float,
    ) -> frozenset[Placement]:
        outcome = improve(
            instance,
            ledger,
            current,
            area,
            time_limit=seconds,
            seed=self.seed,
            workers=self.workers,
        )
        better = _key(instance, outcome.placements) > _key(instance, current)
        if better or outcome.status == "OPTIMAL":
            self.status_ = outcome.status
            return outcome.placements
        return current

    def _finish(
        self,
        instance: Instance,
        ledger: Ledger,
        current: frozenset[Placement],
        previous: Schedule | None,
        started: float,
    ) -> Schedule:
        meetings = assign_tables(instance, current, previous)
        unscheduled = unscheduled_reasons(instance, ledger, current)
        draft = Schedule(meetings, unscheduled)
        stats = schedule_stats(
            instance,
            draft,
            upper_bound=self.upper_bound_,
            previous=previous,
            status=self.status_,
            seconds=perf_counter() - started,
        )
        return Schedule(meetings, unscheduled, stats)


def _still_valid(instance: Instance, ledger: Ledger, previous: Schedule | None) -> list[Placement]:
    """Previous meetings that can stay where they are (locked requests come first)."""
    if previous is None:
        return []
    kept = []
    earlier = {m.request: m.placement for m in previous.meetings}
    for request in sorted(instance.requests, key=lambda r: (r.lock is None, r.id)):
        placement = earlier.get(request.id)
        if placement is not None and ledger.allows(placement):
            ledger.add(placement)
            kept.append(placement)
    for placement in kept:
        ledger.remove(placement)
    return kept


def _days(instance: Instance) -> list[frozenset[str]]:
    """The slots of each day, day by day."""
    day = {slot.id: day_of(slot) for slot in instance.slots}
    return [
        frozenset(slot for slot, when in day.items() if when == this_day)
        for this_day in sorted(set(day.values()))
    ]


def _neighbourhood(
    current: frozenset[Placement], free: frozenset[str], region: frozenset[str]
) -> Neighbourhood:
    """The free requests placed in ``region`` or not placed at all may move within it."""
    elsewhere = {p[0] for p in current if p[1] not in region}
    return Neighbourhood(free - elsewhere, region)


def _weight(instance: Instance, placements: Iterable[Placement]) -> float:
    return sum(instance.request_by_id[p[0]].weight for p in placements)


def _key(instance: Instance, placements: frozenset[Placement]) -> tuple[int, int]:
    weight = sum(scaled_weight(instance.request_by_id[p[0]].weight) for p in placements)
    counts = dict.fromkeys((p for p, rs in instance.requests_of.items() if rs), 0)
    for placement in placements:
        for person in instance.request_by_id[placement[0]].people:
            counts[person] += 1
    return (weight, min(counts.values(), default=0))
