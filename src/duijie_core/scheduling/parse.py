"""Read an instance from its JSON form, listing every problem, not just the first.

The JSON shape is documented in docs/schedule-instance.schema.json. Problems
are :class:`~duijie_core.scheduling.model.Problem` codes with a ``path`` such as
``"slots[3].end"``; :func:`read_instance` raises :class:`InstanceError` carrying
all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from duijie_core.scheduling.constraints import placement_violations
from duijie_core.scheduling.model import (
    Instance,
    Lock,
    Participant,
    Problem,
    Request,
    Slot,
    Travel,
    Venue,
)


class InstanceError(ValueError):
    """The instance is malformed or contradictory; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the instance")
        self.problems = problems


class _Reader:
    """Collects problems while reading JSON values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, code: str, path: str, **params: str | int | float) -> None:
        self.problems.append(Problem(code, {"path": path, **params}))

    def field(
        self,
        item: dict[str, Any],
        path: str,
        name: str,
        check: Callable[[Any], bool],
        expected: str,
    ) -> Any:
        if name not in item:
            self.report("missing_field", f"{path}.{name}")
            return None
        value = item[name]
        if not check(value):
            self.report("wrong_type", f"{path}.{name}", expected=expected)
            return None
        return value

    def text(self, item: dict[str, Any], path: str, name: str) -> str | None:
        value: str | None = self.field(item, path, name, _is_text, "string")
        return value

    def time(self, item: dict[str, Any], path: str, name: str) -> datetime | None:
        value = self.text(item, path, name)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.report("bad_time", f"{path}.{name}", value=value)
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.report("time_without_offset", f"{path}.{name}", value=value)
            return None
        return moment

    def items(
        self, data: dict[str, Any], name: str, required: bool = True
    ) -> list[tuple[str, dict[str, Any]]]:
        if name not in data:
            if required:
                self.report("missing_field", name)
            return []
        values = data[name]
        if not isinstance(values, list):
            self.report("wrong_type", name, expected="array")
            return []
        found = []
        for index, value in enumerate(values):
            if isinstance(value, dict):
                found.append((f"{name}[{index}]", value))
            else:
                self.report("wrong_type", f"{name}[{index}]", expected="object")
        return found

    def unique(self, ids: list[tuple[str, str | None]]) -> set[str]:
        seen: set[str] = set()
        for path, value in ids:
            if value is None:
                continue
            if value in seen:
                self.report("duplicate_id", path, id=value)
            seen.add(value)
        return seen


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table_id(value: Any) -> str | None:
    if _is_count(value) or _is_text(value):
        return str(value)
    return None


def read_instance(data: Any) -> Instance:
    """An :class:`Instance` from parsed JSON, or :class:`InstanceError` with every problem."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise InstanceError([Problem("wrong_type", {"path": "", "expected": "object"})])
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
    venues: list[Venue] = []
    ids: list[tuple[str, str | None]] = []
    for path, item in reader.items(data, "venues"):
        venue_id = reader.text(item, path, "id")
        ids.append((f"{path}.id", venue_id))
        tables = _read_tables(reader, item, path)
        if venue_id is not None and tables is not None:
            venues.append(Venue(venue_id, tables, numbered=_is_count(item["tables"])))
    reader.unique(ids)
    return venues


def _read_tables(reader: _Reader, item: dict[str, Any], path: str) -> tuple[str, ...] | None:
    value = reader.field(
        item, path, "tables", lambda v: _is_count(v) or isinstance(v, list), "integer or array"
    )
    if value is None:
        return None
    if _is_count(value):
        if value < 0:
            reader.report("negative_tables", f"{path}.tables", tables=value)
            return None
        return tuple(str(number) for number in range(1, value + 1))
    tables = [_table_id(table) for table in value]
    if any(table is None for table in tables):
        reader.report("wrong_type", f"{path}.tables", expected="table ids")
        return None
    reader.unique([(f"{path}.tables[{i}]", table) for i, table in enumerate(tables)])
    return tuple(table for table in tables if table is not None)


def _read_slots(reader: _Reader, data: dict[str, Any], venue_ids: set[str]) -> list[Slot]:
    slots: list[Slot] = []
    ids: list[tuple[str, str | None]] = []
    for path, item in reader.items(data, "slots"):
        slot_id, venue = reader.text(item, path, "id"), reader.text(item, path, "venue")
        start, end = reader.time(item, path, "start"), reader.time(item, path, "end")
        ids.append((f"{path}.id", slot_id))
        if venue is not None and venue not in venue_ids:
            reader.report("unknown_venue", f"{path}.venue", id=venue)
        if start is not None and end is not None and end <= start:
            reader.report("slot_ends_before_start", path, slot=slot_id or "")
        if slot_id and venue and start and end:
            slots.append(Slot(slot_id, start, end, venue))
    reader.unique(ids)
    return slots


def _read_travel(reader: _Reader, data: dict[str, Any], venue_ids: set[str]) -> list[Travel]:
    legs: list[Travel] = []
    for path, item in reader.items(data, "travel_minutes", required=False):
        origin, destination = reader.text(item, path, "from"), reader.text(item, path, "to")
        minutes = reader.field(item, path, "minutes", _is_count, "integer")
        for name, venue in (("from", origin), ("to", destination)):
            if venue is not None and venue not in venue_ids:
                reader.report("unknown_venue", f"{path}.{name}", id=venue)
        if minutes is not None and minutes < 0:
            reader.report("negative_travel", f"{path}.minutes", minutes=minutes)
        if origin and destination and minutes is not None:
            legs.append(Travel(origin, destination, minutes))
    return legs


def _read_participants(
    reader: _Reader, data: dict[str, Any], slot_ids: set[str]
) -> list[Participant]:
    people: list[Participant] = []
    ids: list[tuple[str, str | None]] = []
    for path, item in reader.items(data, "participants"):
        person_id = reader.text(item, path, "id")
        ids.append((f"{path}.id", person_id))
        available = _read_available(reader, item, path, slot_ids)
        maximum = _read_maximum(reader, item, path)
        if person_id is not None:
            people.append(Participant(person_id, available, maximum))
    reader.unique(ids)
    return people


def _read_available(
    reader: _Reader, item: dict[str, Any], path: str, slot_ids: set[str]
) -> frozenset[str] | None:
    value = item.get("available")
    if value is None:
        return None
    if not isinstance(value, list) or not all(_is_text(slot) for slot in value):
        reader.report("wrong_type", f"{path}.available", expected="array of slot ids or null")
        return frozenset()
    for index, slot in enumerate(value):
        if slot not in slot_ids:
            reader.report("unknown_slot", f"{path}.available[{index}]", id=slot)
    return frozenset(value)


def _read_maximum(reader: _Reader, item: dict[str, Any], path: str) -> int | None:
    if item.get("max_meetings") is None:
        return None
    value: int | None = reader.field(item, path, "max_meetings", _is_count, "integer")
    if value is not None and value < 0:
        reader.report("negative_max_meetings", f"{path}.max_meetings", max_meetings=value)
    return value


def _read_requests(
    reader: _Reader, data: dict[str, Any], people: set[str], slots: list[Slot], venues: list[Venue]
) -> list[Request]:
    requests: list[Request] = []
    ids: list[tuple[str, str | None]] = []
    for path, item in reader.items(data, "requests"):
        request_id, a, b = (reader.text(item, path, name) for name in ("id", "a", "b"))
        ids.append((f"{path}.id", request_id))
        for name, person in (("a", a), ("b", b)):
            if person is not None and person not in people:
                reader.report("unknown_participant", f"{path}.{name}", id=person)
        if a is not None and a == b:
            reader.report("self_meeting", path, person=a)
        weight = _read_weight(reader, item, path)
        lock = _read_lock(reader, item, path, slots, venues)
        if request_id and a and b and weight is not None:
            requests.append(Request(request_id, a, b, float(weight), lock))
    reader.unique(ids)
    return requests


def _read_weight(reader: _Reader, item: dict[str, Any], path: str) -> float | None:
    if "weight" not in item:
        return 1.0
    value: float | None = reader.field(item, path, "weight", _is_number, "number")
    if value is not None and value < 0:
        reader.report("negative_weight", f"{path}.weight", weight=value)
    return value


def _read_lock(
    reader: _Reader, item: dict[str, Any], path: str, slots: list[Slot], venues: list[Venue]
) -> Lock | None:
    value = item.get("locked")
    if value is None:
        return None
    if not isinstance(value, dict):
        reader.report("wrong_type", f"{path}.locked", expected="object")
        return None
    slot_id = reader.text(value, f"{path}.locked", "slot")
    slot = next((slot for slot in slots if slot.id == slot_id), None)
    if slot_id is not None and slot is None:
        reader.report("unknown_slot", f"{path}.locked.slot", id=slot_id)
    table = _table_id(value["table"]) if value.get("table") is not None else None
    if value.get("table") is not None and table is None:
        reader.report("wrong_type", f"{path}.locked.table", expected="table id")
    venue = next((venue for venue in venues if slot and venue.id == slot.venue), None)
    if table is not None and venue is not None and table not in venue.tables:
        reader.report("unknown_table", f"{path}.locked.table", table=table, venue=venue.id)
    return Lock(slot_id, table) if slot_id is not None else None


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
