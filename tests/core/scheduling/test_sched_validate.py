"""The validator lists every violation, with the codes the solver's rules define."""

from __future__ import annotations

from typing import Any

from duijie_core.scheduling import Meeting, Schedule, Unscheduled, read_instance, validate


def codes(
    data: dict[str, Any], meetings: list[Meeting], unscheduled: tuple[Unscheduled, ...] = ()
) -> list[tuple[str, dict[str, object]]]:
    instance = read_instance(data)
    return [
        (p.code, dict(p.params)) for p in validate(instance, Schedule(tuple(meetings), unscheduled))
    ]


def test_valid_schedule_has_no_violations(two_venue_data: dict[str, Any]) -> None:
    meetings = [Meeting("r1", "s1", "v1", "1"), Meeting("r2", "s4", "v1", "1")]
    assert codes(two_venue_data, meetings, (Unscheduled("r3", "common_slots_taken"),)) == []


def test_every_violation_is_listed(two_venue_data: dict[str, Any]) -> None:
    two_venue_data["participants"][0]["max_meetings"] = 1
    meetings = [
        Meeting("r1", "s1", "v1", "1"),
        Meeting("r2", "s3", "v1", "1"),
        Meeting("r3", "s2", "v2", "T1"),
        Meeting("r3", "s3", "v2", "T2"),
        Meeting("rx", "s9", "v1", "1"),
    ]
    assert codes(two_venue_data, meetings) == [
        (
            "person_unavailable",
            {"request": "r2", "slot": "s3", "person": "c", "count": 1, "limit": 0},
        ),
        (
            "person_unavailable",
            {"request": "r3", "slot": "s3", "person": "c", "count": 1, "limit": 0},
        ),
        ("unknown_request", {"request": "rx", "slot": "s9", "count": 1, "limit": 0}),
        ("request_scheduled_twice", {"request": "r3", "count": 2, "limit": 1}),
        ("table_capacity_exceeded", {"slot": "s3", "venue": "v1", "count": 2, "limit": 1}),
        ("max_meetings_exceeded", {"person": "a", "count": 2, "limit": 1}),
        (
            "slots_overlap",
            {"person": "a", "slot": "s1", "other_slot": "s3", "count": 2, "limit": 1},
        ),
        (
            "travel_too_short",
            {
                "person": "b",
                "slot": "s1",
                "other_slot": "s2",
                "minutes_needed": 30,
                "minutes_available": 10,
                "count": 2,
                "limit": 1,
            },
        ),
        (
            "slots_overlap",
            {"person": "b", "slot": "s1", "other_slot": "s3", "count": 2, "limit": 1},
        ),
        (
            "slots_overlap",
            {"person": "b", "slot": "s3", "other_slot": "s2", "count": 2, "limit": 1},
        ),
        ("person_double_booked", {"person": "c", "slot": "s3", "count": 2, "limit": 1}),
        (
            "slots_overlap",
            {"person": "c", "slot": "s3", "other_slot": "s2", "count": 3, "limit": 1},
        ),
        ("wrong_venue", {"request": "r3", "slot": "s3", "venue": "v2", "expected": "v1"}),
    ]


def test_tables_locks_and_bookkeeping(two_venue_data: dict[str, Any]) -> None:
    two_venue_data["requests"][0]["locked"] = {"slot": "s4", "table": 1}
    two_venue_data["venues"][0]["tables"] = 2
    meetings = [
        Meeting("r1", "s1", "v1", "1"),
        Meeting("r2", "s1", "v1", "1"),
        Meeting("r3", "s2", "v2", "T7"),
    ]
    unscheduled = (Unscheduled("r2", "x"), Unscheduled("ghost", "x"))
    assert codes(two_venue_data, meetings, unscheduled) == [
        ("locked_meeting_moved", {"request": "r1", "slot": "s4", "count": 0, "limit": 1}),
        ("person_double_booked", {"person": "a", "slot": "s1", "count": 2, "limit": 1}),
        (
            "travel_too_short",
            {
                "person": "b",
                "slot": "s1",
                "other_slot": "s2",
                "minutes_needed": 30,
                "minutes_available": 10,
                "count": 2,
                "limit": 1,
            },
        ),
        (
            "travel_too_short",
            {
                "person": "c",
                "slot": "s1",
                "other_slot": "s2",
                "minutes_needed": 30,
                "minutes_available": 10,
                "count": 2,
                "limit": 1,
            },
        ),
        ("unknown_table", {"request": "r3", "slot": "s2", "venue": "v2", "table": "T7"}),
        ("table_double_booked", {"slot": "s1", "table": "1", "count": 2}),
        ("request_scheduled_and_unscheduled", {"request": "r2"}),
        ("unknown_request", {"request": "ghost"}),
    ]


def test_locked_table_changed_and_missing_request(two_venue_data: dict[str, Any]) -> None:
    two_venue_data["venues"][0]["tables"] = 2
    two_venue_data["requests"][0]["locked"] = {"slot": "s4", "table": 2}
    meetings = [Meeting("r1", "s4", "v1", "1")]
    assert codes(two_venue_data, meetings) == [
        (
            "locked_table_changed",
            {"request": "r1", "slot": "s4", "venue": "v1", "table": "1", "locked_table": "2"},
        ),
        ("request_missing", {"request": "r2"}),
        ("request_missing", {"request": "r3"}),
    ]
