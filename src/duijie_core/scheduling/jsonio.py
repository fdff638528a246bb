"""JSON forms of instances and schedules (docs/schedule-*.schema.json)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from duijie_core.scheduling.model import Instance, Meeting, Problem, Schedule, Unscheduled
from duijie_core.scheduling.parse import InstanceError
from duijie_core.scheduling.phrases import describe


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The JSON form of an instance (the inverse of ``read_instance``)."""
    return {
        "slots": [
            {"id": s.id, "start": s.start.isoformat(), "end": s.end.isoformat(), "venue": s.venue}
            for s in instance.slots
        ],
        "venues": [
            {"id": v.id, "tables": len(v.tables) if v.numbered else list(v.tables)}
            for v in instance.venues
        ],
        "travel_minutes": [
            {"from": t.origin, "to": t.destination, "minutes": t.minutes} for t in instance.travel
        ],
        "participants": [
            {
                "id": p.id,
                "available": None if p.available is None else sorted(p.available),
                "max_meetings": p.max_meetings,
            }
            for p in instance.participants
        ],
        "requests": [_request_json(r) for r in instance.requests],
    }


def _request_json(request: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": request.id,
        "a": request.a,
        "b": request.b,
        "weight": request.weight,
    }
    if request.lock is not None:
        found["locked"] = {"slot": request.lock.slot}
        if request.lock.table is not None:
            found["locked"]["table"] = request.lock.table
    return found


def schedule_to_json(
    instance: Instance, schedule: Schedule, language: str = "en"
) -> dict[str, Any]:
    """The JSON form of a schedule; reasons carry code, params and a sentence."""
    numbered = {v.id: v.numbered for v in instance.venues}
    return {
        "meetings": [
            {
                "request": m.request,
                "slot": m.slot,
                "venue": m.venue,
                "table": int(m.table) if numbered.get(m.venue) else m.table,
            }
            for m in schedule.meetings
        ],
        "unscheduled": [
            {
                "request": u.request,
                "reason": describe(u.code, u.params, language),
                "code": u.code,
                "params": dict(u.params),
            }
            for u in schedule.unscheduled
        ],
        "stats": asdict(schedule.stats) if schedule.stats else {},
    }


def read_schedule(data: Any) -> Schedule:
    """A schedule from its JSON form, or :class:`InstanceError` listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InstanceError([Problem("wrong_type", {"path": "", "expected": "object"})])
    meetings = [
        _meeting(item, f"meetings[{i}]", problems)
        for i, item in enumerate(_list(data, "meetings", problems))
    ]
    unscheduled = [
        _unscheduled(item, f"unscheduled[{i}]", problems)
        for i, item in enumerate(_list(data, "unscheduled", problems, required=False))
    ]
    if problems:
        raise InstanceError(problems)
    return Schedule(tuple(m for m in meetings if m), tuple(u for u in unscheduled if u))


def _list(
    data: dict[str, Any], name: str, problems: list[Problem], required: bool = True
) -> list[Any]:
    value = data.get(name)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        problems.append(
            Problem(
                "missing_field" if value is None else "wrong_type",
                {"path": name, "expected": "array"},
            )
        )
        return []
    return value


def _text(
    item: Any, path: str, name: str, problems: list[Problem], numbers: bool = False
) -> str | None:
    value = item.get(name) if isinstance(item, dict) else None
    if isinstance(value, str) or (
        numbers and isinstance(value, int) and not isinstance(value, bool)
    ):
        return str(value)
    code = "missing_field" if value is None else "wrong_type"
    problems.append(Problem(code, {"path": f"{path}.{name}", "expected": "string"}))
    return None


def _meeting(item: Any, path: str, problems: list[Problem]) -> Meeting | None:
    request, slot = _text(item, path, "request", problems), _text(item, path, "slot", problems)
    venue, table = (
        _text(item, path, "venue", problems),
        _text(item, path, "table", problems, numbers=True),
    )
    if request and slot and venue and table:
        return Meeting(request, slot, venue, table)
    return None


def _unscheduled(item: Any, path: str, problems: list[Problem]) -> Unscheduled | None:
    request = _text(item, path, "request", problems)
    if request is None:
        return None
    code = item.get("code") if isinstance(item.get("code"), str) else "unknown"
    return Unscheduled(request, code)
