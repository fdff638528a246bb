"""Give each scheduled placement a table: a colouring per slot.

Locked tables first, then the table the meeting had in the previous schedule
(when it stays in the same slot), then the lowest free table. The solvers never
put more meetings in a slot than its venue has tables, so a table is always free.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from duijie_core.scheduling.model import Instance, Meeting, Placement, Schedule


def assign_tables(
    instance: Instance, placements: Iterable[Placement], previous: Schedule | None = None
) -> tuple[Meeting, ...]:
    """Meetings for ``placements``, sorted by slot order then request id."""
    by_slot: dict[str, list[str]] = defaultdict(list)
    for request_id, slot_id in placements:
        by_slot[slot_id].append(request_id)
    earlier = {m.placement: m.table for m in previous.meetings} if previous else {}
    meetings: list[Meeting] = []
    for slot in instance.slots:
        if slot.id in by_slot:
            meetings.extend(_seat_slot(instance, slot.id, sorted(by_slot[slot.id]), earlier))
    return tuple(meetings)


def _seat_slot(
    instance: Instance, slot_id: str, request_ids: list[str], earlier: dict[Placement, str]
) -> list[Meeting]:
    venue = instance.venue_by_id[instance.slot_by_id[slot_id].venue]
    wishes = {rid: _wished_table(instance, rid, slot_id, earlier) for rid in request_ids}
    taken: dict[str, str] = {}
    for rid in sorted(request_ids, key=lambda rid: _priority(instance, rid)):
        wish = wishes[rid]
        if wish in venue.tables and wish not in taken.values():
            taken[rid] = wish
    free = iter(table for table in venue.tables if table not in taken.values())
    for rid in request_ids:
        if rid not in taken:
            taken[rid] = next(free)
    return [Meeting(rid, slot_id, venue.id, taken[rid]) for rid in request_ids]


def _wished_table(
    instance: Instance, request_id: str, slot_id: str, earlier: dict[Placement, str]
) -> str | None:
    lock = instance.request_by_id[request_id].lock
    if lock is not None and lock.table is not None:
        return lock.table
    return earlier.get((request_id, slot_id))


def _priority(instance: Instance, request_id: str) -> tuple[int, str]:
    lock = instance.request_by_id[request_id].lock
    return (0 if lock is not None and lock.table is not None else 1, request_id)
