"""Gap compaction: move single meetings to close idle gaps in people's days.

A meeting moves to another allowed slot when that lowers the idle gaps of its
two people together. Moves never change who meets whom, so weight and
meetings per person (fairness) stay exactly the same; only ``movable``
requests move (in a re-solve, the kept meetings of the previous schedule never
do).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from time import perf_counter

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import bits


def compact(board: Board, movable: Sequence[int], deadline: float) -> int:
    """Close gaps on ``board`` (in place) until no move helps or ``deadline``; the moves.

    A work list holds the meetings to look at: first every movable one, then
    after each move the meetings of the two people whose days changed.
    """
    allowed = frozenset(movable)
    waiting = deque(r for r in movable if board.slot_of[r] >= 0)
    queued = set(waiting)
    moves = looked = 0
    while waiting and (looked % 128 or perf_counter() < deadline):
        looked += 1
        r = waiting.popleft()
        queued.discard(r)
        if board.slot_of[r] < 0 or not _move(board, r):
            continue
        moves += 1
        for person in (board.c.a[r], board.c.b[r]):
            for other in board.c.requests_of[person]:
                if other in allowed and other not in queued and board.slot_of[other] >= 0:
                    waiting.append(other)
                    queued.add(other)
    return moves


def _move(board: Board, r: int) -> bool:
    """Move ``r`` to the slot that closes the most gaps; whether it moved."""
    c = board.c
    a, b = c.a[r], c.b[r]
    before = c.idle_gaps(board.busy[a]) + c.idle_gaps(board.busy[b])
    if before == 0:
        return False
    current = board.slot_of[r]
    board.remove(r)
    best, best_gaps = current, before
    for k in bits(board.allowed(r) & _promising(board, a, b) & ~(1 << current)):
        gaps = c.idle_gaps(board.busy[a] | 1 << k) + c.idle_gaps(board.busy[b] | 1 << k)
        if gaps < best_gaps:
            best, best_gaps = k, gaps
    board.add(r, best)
    return best != current


def _promising(board: Board, a: int, b: int) -> int:
    """Slots where a meeting may close a gap: next to a meeting of either person,
    or on a day when neither meets."""
    c = board.c
    busy = board.busy[a] | board.busy[b]
    near = 0
    for k in bits(busy):
        near |= c.next_to[k]
    for day in c.day_mask:
        if not busy & day:
            near |= day
    return near
