"""JSON forms of instances and schedules (``schemas/schedule-*.schema.json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from duijie_core.scheduling.model import (
    Instance,
    Meeting,
    Request,
    Schedule,
    Slot,
    Unscheduled,
)
from duijie_core.scheduling.parse import InstanceError
from duijie_core.scheduling.phrases import describe
from duijie_core.scheduling.schema import RESULT_SCHEMA, structure_problems


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The JSON form of an instance (the inverse of ``read_instance``)."""
    return {
        "slots": [_slot_json(s) for s in instance.slots],
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


def _slot_json(slot: Slot) -> dict[str, Any]:
    found = {
        "id": slot.id,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
        "venue": slot.venue,
    }
    if slot.session is not None:
        found["session"] = slot.session
    return found


def _request_json(request: Request) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": request.id,
        "a": request.a,
        "b": request.b,
        "weight": request.weight,
    }
    if request.mandatory:
        found["mandatory"] = True
    if request.sessions is not None:
        found["sessions"] = sorted(request.sessions)
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
        "displaced": [asdict(d) for d in schedule.displaced],
    }


def read_schedule(data: Any) -> Schedule:
    """A schedule from its JSON form, or :class:`InstanceError` listing every place where
    it does not have the shape of ``schemas/schedule-result.schema.json``."""
    problems = structure_problems(data, RESULT_SCHEMA)
    if problems:
        raise InstanceError(problems)
    meetings = tuple(
        Meeting(m["request"], m["slot"], m["venue"], str(m["table"])) for m in data["meetings"]
    )
    unscheduled = tuple(
        Unscheduled(u["request"], u.get("code", "unknown")) for u in data.get("unscheduled", [])
    )
    return Schedule(meetings, unscheduled)
