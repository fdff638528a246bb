"""Mandatory meetings first, also in a re-solve.

A re-solve keeps the earlier meetings where they are. A mandatory request that
then finds no allowed slot may take the place of optional meetings: for each of
its candidate slots we list the earlier meetings in the way (meetings of either
person in a clashing slot, the lowest-weight meetings over a person's maximum or
over the slot's tables) and choose the slot with the fewest, lightest ones.
Locked and mandatory meetings are never in the way. The displaced meetings become
movable again (the greedy and the search may place them elsewhere) and the
schedule reports each of them as :class:`~duijie_core.scheduling.model.Displaced`.
"""

from __future__ import annotations

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import bits
from duijie_core.scheduling.greedy import best_slot


def place_mandatory(board: Board, requests: list[int]) -> dict[int, int]:
    """Place the unplaced mandatory ``requests`` on ``board`` (in place), moving optional
    meetings out of the way when there is no free slot.

    Returns ``{displaced request: mandatory request}``; the displaced ones are unplaced.
    """
    displaced: dict[int, int] = {}
    for r in requests:
        k = best_slot(board, r)
        if k < 0:
            k, blocking = _cheapest_room(board, r)
            for q in blocking:
                board.remove(q)
                displaced[q] = r
        if k >= 0:
            board.add(r, k)
    return displaced


def _cheapest_room(board: Board, r: int) -> tuple[int, list[int]]:
    """The candidate slot of ``r`` freed by moving the fewest, lightest optional meetings."""
    c = board.c
    best: tuple[int, int, int] | None = None
    chosen: list[int] = []
    for k in bits(c.candidates[r]):
        blocking = blockers(board, r, k)
        if blocking is None:
            continue
        key = (len(blocking), sum(c.points[q] for q in blocking), k)
        if best is None or key < best:
            best, chosen = key, blocking
    return (best[2], chosen) if best is not None else (-1, [])


def blockers(board: Board, r: int, k: int) -> list[int] | None:
    """The placed meetings that must leave for ``r`` to take slot ``k``; None when a locked
    or mandatory meeting is in the way or the slot has no tables."""
    c = board.c
    if c.capacity[k] <= 0:
        return None
    placed = [q for q in board.placed() if q != r]
    out = {
        q
        for q in placed
        for p in (c.a[r], c.b[r])
        if p in (c.a[q], c.b[q]) and (c.clash[k] >> board.slot_of[q]) & 1
    }
    for p in (c.a[r], c.b[r]):
        theirs = [q for q in placed if p in (c.a[q], c.b[q]) and q not in out]
        out.update(_lightest(board, theirs, len(theirs) - c.maximum[p] + 1))
    here = [q for q in placed if board.slot_of[q] == k and q not in out]
    out.update(_lightest(board, here, len(here) - c.capacity[k] + 1))
    if any(c.locked[q] or c.mandatory[q] for q in out):
        return None
    return sorted(out)


def _lightest(board: Board, requests: list[int], count: int) -> list[int]:
    """The ``count`` lowest-weight requests, optional ones before protected ones."""
    if count <= 0:
        return []
    c = board.c
    ranked = sorted(requests, key=lambda q: (c.locked[q] or c.mandatory[q], c.points[q], q))
    return ranked[:count]
