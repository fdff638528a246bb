"""The fast greedy baseline: place requests one by one, heaviest and scarcest first.

Each request goes to the allowed slot that sits next to a meeting either person
already has (fewer idle gaps), else the earliest allowed slot. Every decision goes through the
:class:`~duijie_core.scheduling.constraints.Ledger`, i.e. the shared rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from duijie_core.scheduling.bound import Relaxation, day_of
from duijie_core.scheduling.constraints import Ledger
from duijie_core.scheduling.model import Instance, Placement, Request, Slot


class Placer:
    """Builds a set of placements through a ledger, greedily."""

    def __init__(self, instance: Instance, ledger: Ledger, guide: Relaxation | None = None) -> None:
        self.instance = instance
        self.ledger = ledger
        self.guide = guide
        self.day = {slot.id: day_of(slot) for slot in instance.slots}
        self.order = {slot.id: index for index, slot in enumerate(_by_time(instance))}
        self.slots_of: dict[str, list[str]] = defaultdict(list)
        for request_id, slot_id in ledger.of_placement:
            self.slots_of[request_id].append(slot_id)
        for slots in self.slots_of.values():
            slots.sort(key=self.order.__getitem__)
        self.busy: dict[str, set[int]] = defaultdict(set)
        self.placed: dict[str, str] = {}

    def add(self, placement: Placement) -> None:
        """Choose a placement and remember the people's busy slots."""
        self.ledger.add(placement)
        self.placed[placement[0]] = placement[1]
        for person in self.instance.request_by_id[placement[0]].people:
            self.busy[person].add(self.order[placement[1]])

    def place(self, request: Request) -> bool:
        """Put ``request`` into its best allowed slot; False when none is allowed."""
        if request.id in self.placed:
            return True
        best = self.best_slot(request)
        if best is None:
            return False
        self.add((request.id, best))
        return True

    def best_slot(self, request: Request) -> str | None:
        """The allowed slot next to the people's meetings, else the earliest one."""
        allowed = [
            slot for slot in self.slots_of[request.id] if self.ledger.allows((request.id, slot))
        ]
        if not allowed:
            return None
        day = self._guided_day(request)
        return max(
            allowed,
            key=lambda slot: (
                self.day[slot] == day,
                self._adjacency(request, slot),
                -self.order[slot],
            ),
        )

    def _guided_day(self, request: Request) -> date | None:
        if self.guide is None or self.guide.share.get(request.id, 0.0) <= 0.5:
            return None
        return self.guide.day.get(request.id)

    def _adjacency(self, request: Request, slot: str) -> int:
        index = self.order[slot]
        return sum(
            (index - 1 in self.busy[person]) + (index + 1 in self.busy[person])
            for person in request.people
        )


def _by_time(instance: Instance) -> list[Slot]:
    return sorted(instance.slots, key=lambda slot: (slot.start, slot.venue, slot.id))


def greedy_order(instance: Instance, placer: Placer) -> list[Request]:
    """Locked first, then (when guided) larger LP share, then heavier, then those with
    fewer candidate slots, then by id."""
    share = placer.guide.share if placer.guide else {}
    return sorted(
        instance.requests,
        key=lambda r: (
            r.lock is None,
            -share.get(r.id, 0.0),
            -r.weight,
            len(placer.slots_of[r.id]),
            r.id,
        ),
    )


def greedy(
    instance: Instance,
    ledger: Ledger,
    fixed: Iterable[Placement] = (),
    guide: Relaxation | None = None,
) -> Placer:
    """Greedy placements on top of ``fixed`` ones (which are added first).

    With a ``guide`` (the LP relaxation), requests the LP schedules come first
    and prefer the day the LP gives them.
    """
    placer = Placer(instance, ledger, guide)
    for placement in fixed:
        placer.add(placement)
    for request in greedy_order(instance, placer):
        placer.place(request)
    return placer
