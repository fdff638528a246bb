"""The estimator-like entry point: ``Scheduler(...).solve(instance, previous=None)``.

Steps, all on one compiled instance (:mod:`duijie_core.scheduling.compiled`):
locked requests in their slots; the still-valid meetings of ``previous`` in
theirs; the LP upper bound (which also guides the greedy; in a re-solve it is
computed last, only for the bound); the greedy for every other request; CP-SAT
on one model, or by neighbourhoods when the model would be too big
(:mod:`duijie_core.scheduling.search`); gap compaction; tables by colouring;
reasons for every unscheduled request; stats. ``time_limit`` is a
deadline for the whole call: the search stops early enough to leave time for
compaction and the write-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.bound import Relaxation, relax
from duijie_core.scheduling.compact import compact
from duijie_core.scheduling.compiled import Compiled, compile_instance
from duijie_core.scheduling.greedy import greedy
from duijie_core.scheduling.model import Displaced, Instance, Schedule
from duijie_core.scheduling.priority import place_mandatory
from duijie_core.scheduling.reasons import unscheduled_reasons
from duijie_core.scheduling.search import Search
from duijie_core.scheduling.stats import schedule_stats
from duijie_core.scheduling.tables import assign_tables

METHODS = ("cpsat", "greedy")
LP_SHARE = 0.4
"""At most this share of the time limit goes to the LP bound."""
STEP_SECONDS = 1.0
"""Time limit of one neighbourhood step."""
NEIGHBOURHOOD_SIZE = 3000
"""Most booleans in one neighbourhood model."""


@dataclass(frozen=True)
class Snapshot:
    """Quality of the board after a phase: weight, minimum meetings, idle gaps."""

    weight: float
    meetings_min: int
    idle_gaps: int
    seconds: float


class Scheduler:
    """Places accepted meeting requests into slots and tables.

    Parameters
    ----------
    time_limit:
        Seconds for the whole solve, write-up included (the greedy step always
        runs to the end, so a tiny limit on a large instance can be exceeded).
    seed:
        Random seed of the neighbourhood choice and of CP-SAT.
    workers:
        CP-SAT search workers.
    method:
        ``"cpsat"`` (LP-guided greedy, CP-SAT, gap compaction) or ``"greedy"``
        (the unguided greedy baseline only).
    max_model_size:
        Above this many (request, slot) booleans CP-SAT works by neighbourhoods.

    Attributes set by :meth:`solve`: ``schedule_``, ``greedy_weight_``,
    ``upper_bound_``, ``status_``, ``phases_`` (a :class:`Snapshot` per phase),
    ``steps_`` and ``kept_steps_`` (CP-SAT models solved and kept), ``displaced_``
    (earlier meetings a re-solve moved out of a mandatory meeting's way).
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
        c = compile_instance(instance)
        board = Board(c)
        movable, self.displaced_ = _place_fixed(instance, board, previous)
        relaxation = relax(c, LP_SHARE * self.time_limit) if previous is None else None
        guide = relaxation if relaxation and self.method == "cpsat" else Relaxation(0, {}, {})
        greedy(board, movable, guide.share, guide.day)
        self.greedy_weight_ = _weight(board)
        self.status_ = "LP_GUIDED_GREEDY" if guide.share else "GREEDY"
        self.phases_ = {"greedy": _snapshot(board, started)}
        self.steps_ = self.kept_steps_ = 0
        if self.method == "cpsat":
            board = self._optimise(board, movable, started, relaxation is None)
        if relaxation is None:
            relaxation = relax(c, self._remaining(started, _reserves(c, self.time_limit)[0]))
        self.upper_bound_ = relaxation.bound
        self.schedule_ = self._finish(instance, board, previous, started)
        return self.schedule_

    def _remaining(self, started: float, reserve: float) -> float:
        return max(0.05, started + self.time_limit - reserve - perf_counter())

    def _optimise(self, board: Board, movable: list[int], started: float, bound: bool) -> Board:
        """CP-SAT then compaction, leaving time for the write-up (and for the LP bound
        when ``bound``: a re-solve computes it last, it does not guide the repair)."""
        finish, polish = _reserves(board.c, self.time_limit)
        finish += LP_SHARE * self.time_limit if bound else 0.0
        deadline = started + self.time_limit
        search = Search(
            movable,
            seed=self.seed,
            workers=self.workers,
            step_time=STEP_SECONDS,
            max_size=min(self.max_model_size, NEIGHBOURHOOD_SIZE),
            whole_size=self.max_model_size,
        )
        board = search.run(board, deadline - finish - polish)
        self.steps_, self.kept_steps_ = search.progress.steps, search.progress.kept
        self.status_ = search.progress.status or self.status_
        self.phases_["cpsat"] = _snapshot(board, started)
        compact(board, movable, deadline - finish)
        self.phases_["compacted"] = _snapshot(board, started)
        return board

    def _finish(
        self, instance: Instance, board: Board, previous: Schedule | None, started: float
    ) -> Schedule:
        meetings = assign_tables(instance, board.placements(), previous)
        unscheduled = unscheduled_reasons(instance, board)
        c = board.c
        displaced = tuple(
            Displaced(
                c.request_ids[q],
                c.request_ids[r],
                c.slot_ids[board.slot_of[q]] if board.slot_of[q] >= 0 else None,
            )
            for q, r in sorted(self.displaced_.items())
        )
        draft = Schedule(meetings, unscheduled)
        stats = schedule_stats(
            instance,
            draft,
            upper_bound=self.upper_bound_,
            previous=previous,
            status=self.status_,
            seconds=perf_counter() - started,
        )
        return Schedule(meetings, unscheduled, stats, displaced)


def _place_fixed(
    instance: Instance, board: Board, previous: Schedule | None
) -> tuple[list[int], dict[int, int]]:
    """Place the locked requests, then the previous meetings that are still allowed
    (by request id), then (in a re-solve) the mandatory requests, moving optional
    meetings out of their way if need be; the other requests (displaced ones included)
    are the movable ones. Returns them and ``{displaced: mandatory}``."""
    c = board.c
    fixed = {r for r, locked in enumerate(c.locked) if locked}
    for r in sorted(fixed):
        allowed = board.allowed(r)
        if allowed:
            board.add(r, (allowed & -allowed).bit_length() - 1)
    earlier = {m.request: m.slot for m in previous.meetings} if previous else {}
    index = {rid: r for r, rid in enumerate(c.request_ids)}
    for request_id in sorted(earlier):
        r, k = index.get(request_id, -1), c.slot_index.get(earlier[request_id], -1)
        if r >= 0 and k >= 0 and not c.locked[r] and (board.allowed(r) >> k) & 1:
            board.add(r, k)
            fixed.add(r)
    displaced: dict[int, int] = {}
    if previous is not None:
        waiting = [r for r in range(len(c.request_ids)) if c.mandatory[r] and r not in fixed]
        displaced = place_mandatory(board, waiting)
        fixed.update(r for r in waiting if board.slot_of[r] >= 0)
        fixed.difference_update(displaced)
    return [r for r in range(len(c.request_ids)) if r not in fixed], displaced


def _reserves(c: Compiled, time_limit: float) -> tuple[float, float]:
    """Seconds kept back for the write-up and for gap compaction."""
    size = len(c.request_ids)
    finish = min(0.2 * time_limit, 0.3 + size / 10_000)
    polish = min(0.1 * time_limit, 0.2 + size / 5_000)
    return finish, polish


def _weight(board: Board) -> float:
    return sum(board.c.weight[r] for r in board.placed())


def _snapshot(board: Board, started: float) -> Snapshot:
    return Snapshot(
        weight=_weight(board),
        meetings_min=board.fewest(),
        idle_gaps=board.gaps(),
        seconds=round(perf_counter() - started, 3),
    )
