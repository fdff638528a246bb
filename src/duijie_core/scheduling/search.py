"""Large-neighbourhood search: CP-SAT re-optimises one small part of the board at a time.

Three kinds of neighbourhood, taken in turn:

- ``window``: a few consecutive slots of one day; the meetings placed there and
  a sample of the unplaced requests that could go there may move within them;
- ``people``: an unplaced request, its two people and some of their partners;
  every movable request of these people may move to any slot;
- ``fairness``: a person at the minimum number of meetings and all their
  partners (the fairness repair: CP-SAT may move the partners' meetings to give
  that person one more meeting without losing weight).

Every other placement stays fixed. A step is kept when the board's
lexicographic key (weight, minimum meetings, fewer people at the minimum, fewer
idle gaps) does not get worse. Small instances skip the neighbourhoods: one
model with every movable request.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import bits
from duijie_core.scheduling.cpsat import Neighbourhood, Outcome, improve, model_size

WINDOW = 4
"""Slots in a window neighbourhood."""
GROUP = 8
"""People in a people neighbourhood."""


@dataclass
class Progress:
    """What the search did: steps tried and kept, and the status of the last kept step."""

    steps: int = 0
    kept: int = 0
    status: str = ""


class Search:
    """Improves a board until a deadline; ``movable`` requests are the only ones that move."""

    def __init__(
        self,
        movable: Sequence[int],
        *,
        seed: int,
        workers: int,
        step_time: float,
        max_size: int,
        whole_size: int,
    ) -> None:
        self.movable = sorted(movable)
        self.movable_set = frozenset(movable)
        self.rng = random.Random(seed)
        self.seed = seed
        self.workers = workers
        self.step_time = step_time
        self.max_size = max_size
        self.whole_size = whole_size
        self.progress = Progress()
        self.tried: set[int] = set()

    def run(self, board: Board, deadline: float) -> Board:
        """The best board found before ``deadline`` (perf_counter seconds)."""
        if model_size(board, self.movable_set, board.c.all_slots) <= self.whole_size:
            return self._whole(board, deadline)
        kinds: tuple[Callable[[Board], Neighbourhood], ...] = (
            self.window,
            self.people,
            self.fairness,
        )
        while deadline - perf_counter() > 0.2:
            area = kinds[self.progress.steps % len(kinds)](board)
            board = self._step(board, area, deadline)
        return board

    def _whole(self, board: Board, deadline: float) -> Board:
        area = Neighbourhood(self.movable_set, board.c.all_slots)
        for _round in range(len(board.c.slot_ids) + 1):
            remaining = deadline - perf_counter()
            if remaining <= 0.05:
                break
            outcome = self._solve(board, area, remaining)
            better = outcome.board.key() > board.key()
            if better or outcome.status == "OPTIMAL":
                board, self.progress.status = outcome.board, outcome.status
                self.progress.kept += better
            if not better:
                break
        return board

    def _step(self, board: Board, area: Neighbourhood, deadline: float) -> Board:
        seconds = min(self.step_time, deadline - perf_counter() - 0.1)
        outcome = self._solve(board, area, seconds)
        if outcome.board is board or outcome.board.key() < board.key():
            return board
        if outcome.board.key() > board.key():
            self.progress.kept += 1
            self.progress.status = "FEASIBLE"
            self.tried.clear()
        return outcome.board

    def _solve(self, board: Board, area: Neighbourhood, seconds: float) -> Outcome:
        self.progress.steps += 1
        seed = self.seed + self.progress.steps
        return improve(board, area, time_limit=seconds, seed=seed, workers=self.workers)

    def window(self, board: Board) -> Neighbourhood:
        """A few consecutive slots of one day."""
        c = board.c
        day = list(bits(c.day_mask[self.rng.randrange(len(c.day_mask))]))
        start = self.rng.randrange(max(1, len(day) - WINDOW + 1))
        window = sum(1 << k for k in day[start : start + WINDOW])
        inside = [
            r for r in self.movable if board.slot_of[r] >= 0 and (1 << board.slot_of[r]) & window
        ]
        waiting = [r for r in self._unplaced(board) if c.candidates[r] & window]
        return self._trimmed(board, inside, waiting, window)

    def people(self, board: Board) -> Neighbourhood:
        """An unplaced request's people and some of their partners, all slots open."""
        c = board.c
        unplaced = [r for r in self._unplaced(board) if c.candidates[r]]
        if not unplaced:
            return self.window(board)
        r = self.rng.choice(unplaced)
        return self._around(board, [c.a[r], c.b[r]], GROUP)

    def fairness(self, board: Board) -> Neighbourhood:
        """A person at the minimum number of meetings (not tried since the last kept
        step) and all their partners; else a people neighbourhood."""
        c = board.c
        fewest = board.fewest()
        lowest = [
            p
            for p in c.askers
            if board.count[p] == fewest and p not in self.tried and fewest < _most(board, p)
        ]
        if not lowest:
            return self.people(board)
        person = self.rng.choice(lowest)
        self.tried.add(person)
        return self._around(board, [person], len(c.person_ids))

    def _around(self, board: Board, seeds: list[int], size: int) -> Neighbourhood:
        c = board.c
        partners = sorted(
            {c.a[r] + c.b[r] - p for p in seeds for r in c.requests_of[p]} - set(seeds)
        )
        group = set(seeds) | set(self.rng.sample(partners, min(len(partners), size - len(seeds))))
        free = {r for p in group for r in c.requests_of[p] if r in self.movable_set}
        inside = [r for r in sorted(free) if board.slot_of[r] >= 0]
        waiting = [r for r in sorted(free) if board.slot_of[r] < 0]
        return self._trimmed(board, inside, waiting, c.all_slots)

    def _unplaced(self, board: Board) -> list[int]:
        return [r for r in self.movable if board.slot_of[r] < 0]

    def _trimmed(
        self, board: Board, inside: list[int], waiting: list[int], window: int
    ) -> Neighbourhood:
        """``inside`` and as many ``waiting`` requests (random order) as the size allows."""
        budget = self.max_size - model_size(board, frozenset(inside), window) - len(inside)
        self.rng.shuffle(waiting)
        chosen = list(inside)
        for r in waiting:
            size = (board.c.candidates[r] & window).bit_count()
            if size <= budget:
                chosen.append(r)
                budget -= size
        return Neighbourhood(frozenset(chosen), window)


def _most(board: Board, person: int) -> int:
    """The most meetings ``person`` could have: requests with a candidate slot, capped
    by their maximum."""
    c = board.c
    return min(sum(1 for r in c.requests_of[person] if c.candidates[r]), c.maximum[person])
