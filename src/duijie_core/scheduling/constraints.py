"""The scheduling rules as data, shared by the validator and the solvers.

Every placement rule turns a list of placements ``(request, slot)`` into
:class:`Group` objects: "between ``low`` and ``high`` of these placements".
The validator builds the groups from the placements of a finished schedule and
reports each group whose count is out of range; the instance reader checks the
locks with the same groups and the generator places locks through a
:class:`Ledger`. The solvers work on the same
rules compiled into slot bitmasks (:mod:`duijie_core.scheduling.board`); a
property test checks that the board allows exactly what the ledger allows.
A group with ``high == 0`` forbids its placements outright.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from duijie_core.problems import Problem
from duijie_core.scheduling.model import Instance, Params, Placement


@dataclass(frozen=True)
class Group:
    """Between ``low`` and ``high`` of ``members`` may be chosen."""

    code: str
    params: Params
    members: tuple[Placement, ...]
    high: int
    low: int = 0

    def violation(self, chosen: int) -> Problem | None:
        """The violation when ``chosen`` members are in the schedule, if any."""
        if self.low <= chosen <= self.high:
            return None
        return Problem(self.code, {**self.params, "count": chosen, "limit": self.high})


class Rule(Protocol):
    """A placement rule: yields the groups for a list of placements."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """The groups this rule imposes on ``placements``."""
        ...


def _by_person(
    instance: Instance, placements: Sequence[Placement]
) -> dict[str, dict[str, list[Placement]]]:
    found: dict[str, dict[str, list[Placement]]] = defaultdict(lambda: defaultdict(list))
    for placement in placements:
        request = instance.request_by_id.get(placement[0])
        if request is not None:
            for person in request.people:
                found[person][placement[1]].append(placement)
    return found


class KnownAndAvailable:
    """A placement needs a known request and slot, both people available, and a slot
    outside any session or in one of the request's sessions."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One forbidding group per bad placement."""
        for request_id, slot_id in placements:
            params = {"request": request_id, "slot": slot_id}
            request = instance.request_by_id.get(request_id)
            if request is None:
                yield Group("unknown_request", params, ((request_id, slot_id),), 0)
            elif slot_id not in instance.slot_by_id:
                yield Group("unknown_slot", params, ((request_id, slot_id),), 0)
            else:
                member = ((request_id, slot_id),)
                for person in request.people:
                    if not instance.is_available(person, slot_id):
                        yield Group("person_unavailable", {**params, "person": person}, member, 0)
                if not request.may_use(instance.slot_by_id[slot_id]):
                    yield Group("session_not_allowed", params, member, 0)


class OncePerRequest:
    """A request is scheduled at most once."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One group per request."""
        found: dict[str, list[Placement]] = defaultdict(list)
        for placement in placements:
            found[placement[0]].append(placement)
        for request_id, members in found.items():
            yield Group("request_scheduled_twice", {"request": request_id}, tuple(members), 1)


class LockKept:
    """A locked request is scheduled in its locked slot."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One group per locked request, requiring its locked placement."""
        present = set(placements)
        for request in instance.requests:
            if request.lock is not None:
                locked = (request.id, request.lock.slot)
                members = (locked,) if locked in present else ()
                params = {"request": request.id, "slot": request.lock.slot}
                yield Group("locked_meeting_moved", params, members, 1, low=1)


class TableCapacity:
    """No more meetings in a slot than its venue has tables."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One group per slot."""
        found: dict[str, list[Placement]] = defaultdict(list)
        for placement in placements:
            if placement[1] in instance.slot_by_id:
                found[placement[1]].append(placement)
        for slot_id, members in found.items():
            venue = instance.slot_by_id[slot_id].venue
            params = {"slot": slot_id, "venue": venue}
            yield Group(
                "table_capacity_exceeded", params, tuple(members), instance.tables_at(slot_id)
            )


class MaxMeetings:
    """No participant has more meetings than their maximum."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One group per participant with a maximum."""
        for person_id, by_slot in _by_person(instance, placements).items():
            person = instance.participant_by_id.get(person_id)
            if person is not None and person.max_meetings is not None:
                members = tuple(p for slot_members in by_slot.values() for p in slot_members)
                params = {"person": person_id}
                yield Group("max_meetings_exceeded", params, members, person.max_meetings)


class OneMeetingAtATime:
    """A person attends one meeting at a time and has time to travel between venues."""

    def groups(self, instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
        """One group per (person, slot) and per (person, clashing pair of slots)."""
        clashes = instance.clashes_with
        for person_id, by_slot in _by_person(instance, placements).items():
            for slot_id, members in by_slot.items():
                params = {"person": person_id, "slot": slot_id}
                yield Group("person_double_booked", params, tuple(members), 1)
                for other in sorted(clashes.get(slot_id, frozenset())):
                    if slot_id < other and other in by_slot:
                        yield _clash_group(instance, person_id, slot_id, other, by_slot)


def _clash_group(
    instance: Instance, person: str, slot_id: str, other: str, by_slot: dict[str, list[Placement]]
) -> Group:
    first, second = instance.slot_by_id[slot_id], instance.slot_by_id[other]
    if first.start > second.start:
        first, second = second, first
    kind = instance.clash_kind(first, second)
    code = "slots_overlap" if kind == "overlap" else "travel_too_short"
    params: dict[str, str | int | float] = {
        "person": person,
        "slot": first.id,
        "other_slot": second.id,
    }
    if kind == "travel":
        params["minutes_needed"] = instance.travel_minutes(first.venue, second.venue)
        params["minutes_available"] = int((second.start - first.end).total_seconds() // 60)
    return Group(code, params, (*by_slot[slot_id], *by_slot[other]), 1)


PLACEMENT_RULES: tuple[Rule, ...] = (
    KnownAndAvailable(),
    OncePerRequest(),
    LockKept(),
    TableCapacity(),
    MaxMeetings(),
    OneMeetingAtATime(),
)
"""Every placement rule; the solvers and the validator iterate over this tuple."""


def all_groups(instance: Instance, placements: Sequence[Placement]) -> Iterator[Group]:
    """The groups of every rule for ``placements``."""
    for rule in PLACEMENT_RULES:
        yield from rule.groups(instance, placements)


def placement_violations(instance: Instance, placements: Sequence[Placement]) -> list[Problem]:
    """Every broken placement rule when ``placements`` are all scheduled."""
    problems = []
    for group in all_groups(instance, placements):
        problem = group.violation(len(group.members))
        if problem is not None:
            problems.append(problem)
    return problems


class Ledger:
    """The groups over a set of candidate placements, with running counts.

    Used to place locks one at a time and, in the tests, as the reference the
    compiled board is checked against. Placements that are not candidates are
    never allowed.
    """

    def __init__(self, instance: Instance, candidates: Sequence[Placement]) -> None:
        self.groups = list(all_groups(instance, candidates))
        self.of_placement: dict[Placement, list[int]] = {p: [] for p in candidates}
        for index, group in enumerate(self.groups):
            for member in group.members:
                self.of_placement[member].append(index)
        self.counts = [0] * len(self.groups)
        self.chosen: set[Placement] = set()

    def allows(self, placement: Placement) -> bool:
        """Whether adding ``placement`` keeps every group within its upper limit."""
        indexes = self.of_placement.get(placement)
        if indexes is None or placement in self.chosen:
            return False
        return all(self.counts[i] < self.groups[i].high for i in indexes)

    def add(self, placement: Placement) -> None:
        """Choose ``placement``."""
        self.chosen.add(placement)
        for index in self.of_placement[placement]:
            self.counts[index] += 1

    def remove(self, placement: Placement) -> None:
        """Un-choose ``placement``."""
        self.chosen.discard(placement)
        for index in self.of_placement[placement]:
            self.counts[index] -= 1


def candidate_placements(instance: Instance) -> list[Placement]:
    """Every placement worth considering: a locked request only in its locked slot,
    any other request in every slot of its sessions where both participants are available."""
    found: list[Placement] = []
    for request in instance.requests:
        if request.lock is not None:
            found.append((request.id, request.lock.slot))
            continue
        for slot in instance.slots:
            if (
                instance.is_available(request.a, slot.id)
                and instance.is_available(request.b, slot.id)
                and request.may_use(slot)
            ):
                found.append((request.id, slot.id))
    return found
