"""The instance compiled once into integer indexes and slot bitmasks.

Every solver phase (LP bound, greedy, CP-SAT neighbourhoods, repair passes,
reasons) reads this one structure instead of rebuilding lookups. Slots are
numbered in time order (start, venue, id); a set of slots is a Python ``int``
whose bit ``k`` stands for slot ``k``. The placement rules of
:mod:`duijie_core.scheduling.constraints` become masks here:

- ``candidates[r]``: the slots both people of request ``r`` can attend, outside any
  session or in one of the request's sessions (only the locked slot for a locked
  request);
- ``clash[k]``: slot ``k`` itself plus every slot that clashes with it (the
  times overlap or the gap is shorter than the travel time), so a person with a
  meeting in ``k`` cannot take any slot of ``clash[k]``;
- ``capacity[k]`` tables per slot, ``maximum[p]`` meetings per person;
- ``points[r]``: the weight in hundredths, plus (for a mandatory request) more than
  the points of all optional requests together: mandatory meetings outrank the rest
  lexicographically in the greedy, the CP-SAT objective and the acceptance key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from duijie_core.scheduling.model import Instance, Request, Slot

NO_MAXIMUM = 1 << 30


def bits(mask: int) -> Iterator[int]:
    """The indexes of the set bits of ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def day_of(slot: Slot) -> date:
    """The local calendar day a slot starts on."""
    return slot.start.date()


@dataclass(frozen=True)
class Compiled:
    """Integer view of an :class:`Instance`; build it with :func:`compile_instance`."""

    slot_ids: tuple[str, ...]
    slot_index: dict[str, int]
    day: tuple[int, ...]
    day_mask: tuple[int, ...]
    position: tuple[int, ...]
    positions: tuple[tuple[int, ...], ...]
    one_slot_per_start: bool
    first_starts: int
    day_starts: tuple[int, ...]
    next_to: tuple[int, ...]
    clash: tuple[int, ...]
    overlap: tuple[int, ...]
    by_end: tuple[int, ...]
    capacity: tuple[int, ...]
    person_ids: tuple[str, ...]
    available: tuple[int, ...]
    maximum: tuple[int, ...]
    request_ids: tuple[str, ...]
    a: tuple[int, ...]
    b: tuple[int, ...]
    weight: tuple[float, ...]
    points: tuple[int, ...]
    mandatory: tuple[bool, ...]
    locked: tuple[bool, ...]
    candidates: tuple[int, ...]
    requests_of: tuple[tuple[int, ...], ...]
    askers: tuple[int, ...]

    @property
    def all_slots(self) -> int:
        """The mask of every slot."""
        return (1 << len(self.slot_ids)) - 1

    def free_slots(self, mask: int) -> int:
        """Most pairwise non-overlapping slots of ``mask``: interval scheduling by end time
        (travel ignored, so never too small)."""
        chosen, last = 0, -1
        for k in self.by_end:
            if (mask >> k) & 1 and (last < 0 or not (self.overlap[last] >> k) & 1):
                chosen, last = chosen + 1, k
        return chosen

    def idle_gaps(self, busy: int) -> int:
        """Times a person's next meeting on the same day skips at least one start time:
        per day with meetings, the runs of consecutive busy start times minus one."""
        if self.one_slot_per_start:
            starts = busy
        else:
            starts = 0
            for k in bits(busy):
                starts |= 1 << self.position[k]
        runs = (starts & ~(starts << 1)) | (starts & self.first_starts)
        days = sum(1 for mask in self.day_starts if starts & mask)
        return runs.bit_count() - days


def compile_instance(instance: Instance) -> Compiled:
    """The integer view of ``instance`` (unknown people in requests are never available)."""
    ordered = sorted(instance.slots, key=lambda slot: (slot.start, slot.venue, slot.id))
    slot_index = {slot.id: k for k, slot in enumerate(ordered)}
    days = sorted({day_of(slot) for slot in ordered})
    day = tuple(days.index(day_of(slot)) for slot in ordered)
    starts = sorted({slot.start for slot in ordered})
    position = tuple(starts.index(slot.start) for slot in ordered)
    person_ids = tuple(person.id for person in instance.participants)
    person_index = {pid: p for p, pid in enumerate(person_ids)}
    available = tuple(_mask(slot_index, person.available) for person in instance.participants)
    requests = instance.requests
    a = tuple(person_index.get(r.a, -1) for r in requests)
    b = tuple(person_index.get(r.b, -1) for r in requests)
    return Compiled(
        slot_ids=tuple(slot.id for slot in ordered),
        slot_index=slot_index,
        day=day,
        day_mask=tuple(
            _sum_bits(k for k in range(len(day)) if day[k] == d) for d in range(len(days))
        ),
        position=position,
        positions=_positions(day, position, len(days)),
        one_slot_per_start=len(starts) == len(ordered),
        first_starts=_sum_bits(
            iter(min(position[k] for k in range(len(day)) if day[k] == d) for d in range(len(days)))
        ),
        day_starts=tuple(
            _sum_bits(iter(position[k] for k in range(len(day)) if day[k] == d))
            for d in range(len(days))
        ),
        next_to=_next_to(day, position),
        clash=_clashes(instance, ordered, slot_index),
        overlap=tuple(
            _sum_bits(iter(j for j, other in enumerate(ordered) if _overlaps(slot, other)))
            for slot in ordered
        ),
        by_end=tuple(sorted(range(len(ordered)), key=lambda k: (ordered[k].end, k))),
        capacity=tuple(instance.tables_at(slot.id) for slot in ordered),
        person_ids=person_ids,
        available=available,
        maximum=tuple(
            NO_MAXIMUM if p.max_meetings is None else p.max_meetings for p in instance.participants
        ),
        request_ids=tuple(r.id for r in requests),
        a=a,
        b=b,
        weight=tuple(r.weight for r in requests),
        points=_points(requests),
        mandatory=tuple(r.mandatory for r in requests),
        locked=tuple(r.lock is not None for r in requests),
        candidates=_candidates(instance, slot_index, available, a, b),
        requests_of=_requests_of(len(person_ids), a, b),
        askers=tuple(sorted({p for p in a + b if p >= 0})),
    )


def _overlaps(first: Slot, second: Slot) -> bool:
    return first.start < second.end and second.start < first.end


def _sum_bits(indexes: Iterator[int]) -> int:
    mask = 0
    for k in indexes:
        mask |= 1 << k
    return mask


def _mask(slot_index: dict[str, int], slot_ids: frozenset[str] | None) -> int:
    if slot_ids is None:
        return (1 << len(slot_index)) - 1
    return _sum_bits(iter(slot_index[s] for s in slot_ids if s in slot_index))


def _positions(
    day: tuple[int, ...], position: tuple[int, ...], days: int
) -> tuple[tuple[int, ...], ...]:
    """Per day, the mask of slots at each start time of that day, in time order."""
    found = []
    for d in range(days):
        starts = sorted({position[k] for k in range(len(day)) if day[k] == d})
        found.append(
            tuple(
                _sum_bits(iter(k for k in range(len(day)) if day[k] == d and position[k] == i))
                for i in starts
            )
        )
    return tuple(found)


def _next_to(day: tuple[int, ...], position: tuple[int, ...]) -> tuple[int, ...]:
    """Per slot, the slots of the same day one start time earlier or later."""
    return tuple(
        _sum_bits(
            iter(
                j
                for j in range(len(day))
                if day[j] == day[k] and abs(position[j] - position[k]) == 1
            )
        )
        for k in range(len(day))
    )


def _clashes(
    instance: Instance, ordered: list[Slot], slot_index: dict[str, int]
) -> tuple[int, ...]:
    clashes = instance.clashes_with
    return tuple(
        (1 << k) | _sum_bits(iter(slot_index[other] for other in clashes[slot.id]))
        for k, slot in enumerate(ordered)
    )


def _candidates(
    instance: Instance,
    slot_index: dict[str, int],
    available: tuple[int, ...],
    a: tuple[int, ...],
    b: tuple[int, ...],
) -> tuple[int, ...]:
    found = []
    for request, first, second in zip(instance.requests, a, b, strict=True):
        both = available[first] & available[second] if first >= 0 and second >= 0 else 0
        if request.lock is not None:
            both &= 1 << slot_index[request.lock.slot] if request.lock.slot in slot_index else 0
        found.append(both & _session_mask(request, instance.slots, slot_index))
    return tuple(found)


def _session_mask(request: Request, slots: tuple[Slot, ...], slot_index: dict[str, int]) -> int:
    """The slots whose session (if any) may host ``request``."""
    return _sum_bits(iter(slot_index[slot.id] for slot in slots if request.may_use(slot)))


def _points(requests: tuple[Request, ...]) -> tuple[int, ...]:
    """Integer weights (hundredths); a mandatory request also earns more than all optional
    requests together, so every solver phase ranks mandatory meetings first."""
    plain = [round(r.weight * 100) for r in requests]
    bonus = 1 + sum(p for p, r in zip(plain, requests, strict=True) if not r.mandatory)
    return tuple(p + bonus if r.mandatory else p for p, r in zip(plain, requests, strict=True))


def _requests_of(
    people: int, a: tuple[int, ...], b: tuple[int, ...]
) -> tuple[tuple[int, ...], ...]:
    found: list[list[int]] = [[] for _ in range(people)]
    for r, (first, second) in enumerate(zip(a, b, strict=True)):
        for person in (first, second):
            if person >= 0:
                found[person].append(r)
    return tuple(tuple(rs) for rs in found)
