"""Read an instance from its JSON form, listing every problem, not just the first.

Two passes, each listing all it finds. First the structure, against the JSON
Schema shipped in ``schemas/schedule-instance.schema.json``
(:mod:`duijie_core.scheduling.schema`): fields, types, minimums. Then, on a
well-formed file, the rules a schema cannot say: unique and known ids, times
with a UTC offset, slots that end after they start, no one meeting themselves,
locks on existing tables that do not contradict each other. Problems are
:class:`~duijie_core.problems.Problem` codes with a ``path`` such as
``"slots[3].end"``; :func:`read_instance` raises :class:`InstanceError`
carrying all of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from duijie_core.problems import Problem
from duijie_core.scheduling.constraints import placement_violations
from duijie_core.scheduling.model import Instance, Lock, Participant, Request, Slot, Travel, Venue
from duijie_core.scheduling.schema import INSTANCE_SCHEMA, structure_problems


class InstanceError(ValueError):
    """The instance is malformed or contradictory; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the instance")
        self.problems = problems


class _Reader:
    """Collects the problems of a well-formed instance while reading it."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, code: str, path: str, **params: str | int | float) -> None:
        self.problems.append(Problem(code, {"path": path, **params}))

    def time(self, value: str, path: str) -> datetime | None:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.report("bad_time", path, value=value)
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.report("time_without_offset", path, value=value)
            return None
        return moment

    def unique(self, ids: list[tuple[str, str]]) -> set[str]:
        seen: set[str] = set()
        for path, value in ids:
            if value in seen:
                self.report("duplicate_id", path, id=value)
            seen.add(value)
        return seen


def _items(data: dict[str, Any], name: str) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{name}[{index}]", item) for index, item in enumerate(data.get(name) or [])]


def read_instance(data: Any) -> Instance:
    """An :class:`Instance` from parsed JSON, or :class:`InstanceError` with every problem."""
    structure = structure_problems(data, INSTANCE_SCHEMA)
    if structure:
        raise InstanceError(structure)
    reader = _Reader()
    venues = _read_venues(reader, data)
    slots = _read_slots(reader, data, {venue.id for venue in venues})
    travel = _read_travel(reader, data, {venue.id for venue in venues})
    participants = _read_participants(reader, data, {slot.id for slot in slots})
    requests = _read_requests(reader, data, {p.id for p in participants}, slots, venues)
    if reader.problems:
        raise InstanceError(reader.problems)
    instance = Instance(
        tuple(slots), tuple(venues), tuple(participants), tuple(requests), tuple(travel)
    )
    contradictions = lock_contradictions(instance)
    if contradictions:
        raise InstanceError(contradictions)
    return instance


def _read_venues(reader: _Reader, data: dict[str, Any]) -> list[Venue]:
    venues = []
    for path, item in _items(data, "venues"):
        tables, numbered = item["tables"], isinstance(item["tables"], int)
        if numbered:
            names = tuple(str(number) for number in range(1, tables + 1))
        else:
            names = tuple(str(table) for table in tables)
            reader.unique([(f"{path}.tables[{i}]", table) for i, table in enumerate(names)])
        venues.append(Venue(item["id"], names, numbered=numbered))
    reader.unique([(f"{path}.id", item["id"]) for path, item in _items(data, "venues")])
    return venues


def _read_slots(reader: _Reader, data: dict[str, Any], venue_ids: set[str]) -> list[Slot]:
    slots: list[Slot] = []
    for path, item in _items(data, "slots"):
        start, end = (
            reader.time(item["start"], f"{path}.start"),
            reader.time(item["end"], f"{path}.end"),
        )
        if item["venue"] not in venue_ids:
            reader.report("unknown_venue", f"{path}.venue", id=item["venue"])
        if start is not None and end is not None and end <= start:
            reader.report("slot_ends_before_start", path, slot=item["id"])
        if start and end:
            slots.append(Slot(item["id"], start, end, item["venue"], item.get("session")))
    reader.unique([(f"{path}.id", item["id"]) for path, item in _items(data, "slots")])
    return slots


def _read_travel(reader: _Reader, data: dict[str, Any], venue_ids: set[str]) -> list[Travel]:
    legs: list[Travel] = []
    for path, item in _items(data, "travel_minutes"):
        for name in ("from", "to"):
            if item[name] not in venue_ids:
                reader.report("unknown_venue", f"{path}.{name}", id=item[name])
        legs.append(Travel(item["from"], item["to"], item["minutes"]))
    return legs


def _read_participants(
    reader: _Reader, data: dict[str, Any], slot_ids: set[str]
) -> list[Participant]:
    people: list[Participant] = []
    for path, item in _items(data, "participants"):
        available = item.get("available")
        for index, slot in enumerate(available or []):
            if slot not in slot_ids:
                reader.report("unknown_slot", f"{path}.available[{index}]", id=slot)
        chosen = None if available is None else frozenset(available)
        people.append(Participant(item["id"], chosen, item.get("max_meetings")))
    reader.unique([(f"{path}.id", item["id"]) for path, item in _items(data, "participants")])
    return people


def _read_requests(
    reader: _Reader, data: dict[str, Any], people: set[str], slots: list[Slot], venues: list[Venue]
) -> list[Request]:
    requests: list[Request] = []
    for path, item in _items(data, "requests"):
        a, b = item["a"], item["b"]
        for name, person in (("a", a), ("b", b)):
            if person not in people:
                reader.report("unknown_participant", f"{path}.{name}", id=person)
        if a == b:
            reader.report("self_meeting", path, person=a)
        lock = _read_lock(reader, item.get("locked"), f"{path}.locked", slots, venues)
        sessions = item.get("sessions")
        requests.append(
            Request(
                item["id"],
                a,
                b,
                float(item.get("weight", 1.0)),
                lock,
                mandatory=bool(item.get("mandatory", False)),
                sessions=None if sessions is None else frozenset(sessions),
            )
        )
    reader.unique([(f"{path}.id", item["id"]) for path, item in _items(data, "requests")])
    return requests


def _read_lock(
    reader: _Reader, value: dict[str, Any] | None, path: str, slots: list[Slot], venues: list[Venue]
) -> Lock | None:
    if value is None:
        return None
    slot = next((slot for slot in slots if slot.id == value["slot"]), None)
    if slot is None:
        reader.report("unknown_slot", f"{path}.slot", id=value["slot"])
    table = None if value.get("table") is None else str(value["table"])
    venue = next((venue for venue in venues if slot and venue.id == slot.venue), None)
    if table is not None and venue is not None and table not in venue.tables:
        reader.report("unknown_table", f"{path}.table", table=table, venue=venue.id)
    return Lock(value["slot"], table)


def lock_contradictions(instance: Instance) -> list[Problem]:
    """Locked meetings that break the placement rules among themselves."""
    locked = [(r.id, r.lock.slot) for r in instance.requests if r.lock is not None]
    problems = []
    for violation in placement_violations(instance, locked):
        if violation.code == "person_unavailable":
            problems.append(Problem("locked_slot_unavailable", dict(violation.params)))
        else:
            problems.append(
                Problem("contradictory_locks", {"rule": violation.code, **violation.params})
            )
    seats: dict[tuple[str, str], str] = {}
    for request in instance.requests:
        lock = request.lock
        if lock is not None and lock.table is not None:
            other = seats.setdefault((lock.slot, lock.table), request.id)
            if other != request.id:
                params = {
                    "rule": "table_double_booked",
                    "slot": lock.slot,
                    "table": lock.table,
                    "request": request.id,
                }
                problems.append(Problem("contradictory_locks", params))
    return problems
