"""The fast greedy: place requests one by one, heaviest and scarcest first.

Each request goes to the allowed slot on the day the LP relaxation gives it
(when guided), next to a meeting either person already has (fewer idle gaps),
else the earliest allowed slot. Every decision goes through the
:class:`~duijie_core.scheduling.board.Board`, i.e. the compiled shared rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import bits


def greedy_order(board: Board, share: Mapping[int, float], requests: Iterable[int]) -> list[int]:
    """Locked first, then mandatory, then larger LP share, then heavier, then fewer
    candidate slots, then id."""
    c = board.c
    return sorted(
        requests,
        key=lambda r: (
            not c.locked[r],
            not c.mandatory[r],
            -share.get(r, 0.0),
            -c.weight[r],
            c.candidates[r].bit_count(),
            c.request_ids[r],
        ),
    )


def best_slot(board: Board, r: int, day: int = -1) -> int:
    """The allowed slot of ``r`` on ``day``, next to the people's meetings, else the
    earliest; -1 when no slot is allowed."""
    allowed = board.allowed(r)
    if not allowed:
        return -1
    c = board.c
    if day >= 0 and allowed & c.day_mask[day]:
        allowed &= c.day_mask[day]
    busy = board.busy[c.a[r]] | board.busy[c.b[r]]
    best, best_score = -1, -1
    for k in bits(allowed):
        score = (c.next_to[k] & board.busy[c.a[r]]).bit_count() + (
            c.next_to[k] & board.busy[c.b[r]]
        ).bit_count()
        if score > best_score:
            best, best_score = k, score
            if not busy:
                break
    return best


def greedy(
    board: Board,
    requests: Iterable[int],
    share: Mapping[int, float] | None = None,
    day: Mapping[int, int] | None = None,
) -> Board:
    """Place ``requests`` greedily on ``board`` (in place) and return it.

    With the LP relaxation's ``share`` and ``day``, requests the LP schedules
    come first and prefer the day the LP gives them.
    """
    share = share or {}
    day = day or {}
    for r in greedy_order(board, share, requests):
        guided = day.get(r, -1) if share.get(r, 0.0) > 0.5 else -1
        k = best_slot(board, r, guided)
        if k >= 0:
            board.add(r, k)
    return board
