"""Validate any schedule against an instance and list every violation.

The placement rules come from :mod:`duijie_core.scheduling.constraints` (the
same code the solvers build their models from); this module adds the table
rules and the bookkeeping rule that every request is either scheduled or listed
as unscheduled, never silently dropped.
"""

from __future__ import annotations

from collections import Counter

from duijie_core.problems import Problem
from duijie_core.scheduling.constraints import placement_violations
from duijie_core.scheduling.model import Instance, Meeting, Schedule


def validate(instance: Instance, schedule: Schedule) -> list[Problem]:
    """Every violation of ``schedule``; an empty list means the schedule is valid."""
    placements = [meeting.placement for meeting in schedule.meetings]
    return [
        *placement_violations(instance, placements),
        *table_violations(instance, schedule.meetings),
        *accounting_violations(instance, schedule),
    ]


def table_violations(instance: Instance, meetings: tuple[Meeting, ...]) -> list[Problem]:
    """Meetings at the wrong venue, at unknown tables, sharing a table or off their lock."""
    problems = [
        problem for meeting in meetings for problem in _meeting_table_problems(instance, meeting)
    ]
    seats = Counter((meeting.slot, meeting.table) for meeting in meetings)
    for (slot_id, table), count in seats.items():
        if count > 1:
            problems.append(
                Problem("table_double_booked", {"slot": slot_id, "table": table, "count": count})
            )
    return problems


def _meeting_table_problems(instance: Instance, meeting: Meeting) -> list[Problem]:
    slot = instance.slot_by_id.get(meeting.slot)
    if slot is None:
        return []
    params = {"request": meeting.request, "slot": meeting.slot, "venue": meeting.venue}
    if meeting.venue != slot.venue:
        return [Problem("wrong_venue", {**params, "expected": slot.venue})]
    problems = []
    if meeting.table not in instance.venue_by_id[slot.venue].tables:
        problems.append(Problem("unknown_table", {**params, "table": meeting.table}))
    request = instance.request_by_id.get(meeting.request)
    lock = request.lock if request else None
    if lock is not None and lock.table is not None and lock.table != meeting.table:
        problems.append(
            Problem(
                "locked_table_changed",
                {**params, "table": meeting.table, "locked_table": lock.table},
            )
        )
    return problems


def accounting_violations(instance: Instance, schedule: Schedule) -> list[Problem]:
    """Requests listed both ways, listed nowhere, or unknown in the unscheduled list."""
    scheduled = {meeting.request for meeting in schedule.meetings}
    problems = []
    for item in schedule.unscheduled:
        if item.request not in instance.request_by_id:
            problems.append(Problem("unknown_request", {"request": item.request}))
        elif item.request in scheduled:
            problems.append(Problem("request_scheduled_and_unscheduled", {"request": item.request}))
    listed = scheduled | {item.request for item in schedule.unscheduled}
    for request in instance.requests:
        if request.id not in listed:
            problems.append(Problem("request_missing", {"request": request.id}))
    return problems
