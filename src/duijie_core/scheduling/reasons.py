"""Why a request stayed unscheduled, as a code with parameters.

Checked in order: the two people share free slots but none in a session that
hosts their meeting; the two people share no slot; a slot is free for both now
(after a cancellation or a move: the request can be placed there); one of them reached their
maximum; one of them has more accepted requests than free slots; every slot
both could attend is full; else every common slot is taken by their other
meetings (higher weight or placed first).
"""

from __future__ import annotations

from duijie_core.scheduling.board import Board
from duijie_core.scheduling.compiled import compile_instance
from duijie_core.scheduling.model import Instance, Schedule, Unscheduled


def explain(instance: Instance, schedule: Schedule) -> tuple[Unscheduled, ...]:
    """Reasons for every request ``schedule`` does not place, recomputed for the schedule
    as it stands now (after cancellations and moves, not as the last solve left it)."""
    c = compile_instance(instance)
    board = Board(c)
    index = {rid: r for r, rid in enumerate(c.request_ids)}
    for meeting in schedule.meetings:
        r, k = index.get(meeting.request, -1), c.slot_index.get(meeting.slot, -1)
        if r >= 0 and k >= 0:
            board.add(r, k)
    return unscheduled_reasons(instance, board)


def unscheduled_reasons(instance: Instance, board: Board) -> tuple[Unscheduled, ...]:
    """An :class:`Unscheduled` entry for every request the board did not place."""
    free: dict[int, int] = {}
    return tuple(_reason(instance, board, r, free) for r, k in enumerate(board.slot_of) if k < 0)


def _reason(instance: Instance, board: Board, r: int, free: dict[int, int]) -> Unscheduled:
    c = board.c
    request = instance.requests[r]
    people: dict[str, str | int | float] = {"request": request.id, "a": request.a, "b": request.b}
    common = c.candidates[r]
    if not common and request.lock is None and c.available[c.a[r]] & c.available[c.b[r]]:
        return Unscheduled(request.id, "no_session", people)
    if not common:
        return Unscheduled(request.id, "no_common_slot", people)
    allowed = board.allowed(r)
    if allowed:
        first = c.slot_ids[(allowed & -allowed).bit_length() - 1]
        return Unscheduled(request.id, "slot_free", {**people, "slot": first})
    for p in (c.a[r], c.b[r]):
        maximum = instance.participants[p].max_meetings
        if maximum is not None and board.count[p] >= maximum:
            params: dict[str, str | int | float] = {
                "person": c.person_ids[p],
                "max_meetings": maximum,
            }
            return Unscheduled(request.id, "max_meetings_reached", params)
    for p in (c.a[r], c.b[r]):
        asked = len(c.requests_of[p])
        if p not in free:
            free[p] = c.free_slots(c.available[p])
        if asked > free[p]:
            params = {"person": c.person_ids[p], "requests": asked, "free_slots": free[p]}
            return Unscheduled(request.id, "person_overbooked", params)
    count = common.bit_count()
    if common & ~board.full == 0:
        return Unscheduled(request.id, "tables_full", {**people, "common_slots": count})
    return Unscheduled(request.id, "common_slots_taken", {**people, "common_slots": count})
