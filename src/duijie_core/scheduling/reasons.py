"""Why a request stayed unscheduled, as a code with parameters.

Checked in order: the two people share no slot; one of them reached their
maximum; one of them has more accepted requests than free slots; every slot
both could attend is full; else every common slot is taken by their other
meetings (higher weight or placed first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from duijie_core.scheduling.bound import day_of
from duijie_core.scheduling.constraints import Ledger
from duijie_core.scheduling.model import Instance, Placement, Request, Unscheduled


def free_slot_count(instance: Instance, person_id: str) -> int:
    """Most slots the person can attend: per day, pairwise non-overlapping available slots."""
    by_day = defaultdict(list)
    for slot in instance.slots:
        if instance.is_available(person_id, slot.id):
            by_day[day_of(slot)].append(slot)
    count = 0
    for slots in by_day.values():
        free_from = None
        for slot in sorted(slots, key=lambda slot: slot.end):
            if free_from is None or slot.start >= free_from:
                count, free_from = count + 1, slot.end
    return count


def unscheduled_reasons(
    instance: Instance, ledger: Ledger, placements: Iterable[Placement]
) -> tuple[Unscheduled, ...]:
    """An :class:`Unscheduled` entry for every request not in ``placements``."""
    chosen = set(placements)
    placed = {p[0] for p in chosen}
    counts: dict[str, int] = defaultdict(int)
    for request_id in placed:
        for person in instance.request_by_id[request_id].people:
            counts[person] += 1
    slots_of: dict[str, list[str]] = defaultdict(list)
    for request_id, slot_id in ledger.of_placement:
        slots_of[request_id].append(slot_id)
    load: dict[str, int] = defaultdict(int)
    for _, slot_id in chosen:
        load[slot_id] += 1
    free: dict[str, int] = {}
    return tuple(
        _reason(instance, request, counts, slots_of[request.id], load, free)
        for request in instance.requests
        if request.id not in placed
    )


def _reason(
    instance: Instance,
    request: Request,
    counts: dict[str, int],
    common: list[str],
    load: dict[str, int],
    free: dict[str, int],
) -> Unscheduled:
    people: dict[str, str | int | float] = {"request": request.id, "a": request.a, "b": request.b}
    if not common:
        return Unscheduled(request.id, "no_common_slot", people)
    for person in request.people:
        maximum = instance.participant_by_id[person].max_meetings
        if maximum is not None and counts[person] >= maximum:
            return Unscheduled(
                request.id, "max_meetings_reached", {"person": person, "max_meetings": maximum}
            )
    for person in request.people:
        asked = len(instance.requests_of[person])
        if person not in free:
            free[person] = free_slot_count(instance, person)
        if asked > free[person]:
            params: dict[str, str | int | float] = {"person": person, "requests": asked}
            params["free_slots"] = free[person]
            return Unscheduled(request.id, "person_overbooked", params)
    if all(load[slot] >= instance.tables_at(slot) for slot in common):
        return Unscheduled(request.id, "tables_full", {**people, "common_slots": len(common)})
    return Unscheduled(request.id, "common_slots_taken", {**people, "common_slots": len(common)})
