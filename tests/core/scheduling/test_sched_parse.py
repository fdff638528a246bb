"""Reading instances: every problem is listed, contradictions are caught."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.scheduling import InstanceError, Lock, read_instance
from duijie_core.scheduling.jsonio import instance_to_json, read_schedule
from duijie_core.scheduling.phrases import describe


def problems_of(data: Any) -> list[tuple[str, dict[str, object]]]:
    with pytest.raises(InstanceError) as caught:
        read_instance(data)
    return [(p.code, dict(p.params)) for p in caught.value.problems]


def test_example_reads_with_numbered_and_named_tables(example_data: dict[str, Any]) -> None:
    instance = read_instance(example_data)
    assert [v.tables for v in instance.venues] == [("1", "2"), ("A", "B")]
    assert [v.numbered for v in instance.venues] == [True, False]
    assert instance.request_by_id["r1"].lock == Lock("s1", "1")
    assert instance.participant_by_id["investor-2"].available == frozenset({"s1", "s2", "s3"})


def test_round_trip_through_json(example_data: dict[str, Any]) -> None:
    instance = read_instance(example_data)
    assert read_instance(instance_to_json(instance)) == instance


def test_every_structure_problem_is_listed_first(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["slots"][3]["venue"] = "nowhere"  # a meaning problem: not reported in this pass
    data["participants"][1]["max_meetings"] = -1
    data["requests"][0]["weight"] = -2
    data["travel_minutes"][0]["minutes"] = -5
    data["venues"][0]["tables"] = -1
    assert problems_of(data) == [
        ("negative_tables", {"path": "venues[0].tables", "tables": -1}),
        ("negative_travel", {"path": "travel_minutes[0].minutes", "minutes": -5}),
        ("negative_max_meetings", {"path": "participants[1].max_meetings", "max_meetings": -1}),
        ("negative_weight", {"path": "requests[0].weight", "weight": -2}),
    ]


def test_every_meaning_problem_is_listed(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["slots"][0]["end"] = "2026-05-14T08:00:00+08:00"
    data["slots"][1]["start"] = "2026-05-14T09:40:00"
    data["slots"][2]["id"] = "s1"
    data["slots"][3]["venue"] = "nowhere"
    data["participants"][2]["available"] = ["s9"]
    data["requests"][1]["b"] = "zed"
    data["requests"][2]["b"] = "b"
    data["venues"][1]["tables"] = ["T1", "T2", "T1"]
    assert problems_of(data) == [
        ("duplicate_id", {"path": "venues[1].tables[2]", "id": "T1"}),
        ("slot_ends_before_start", {"path": "slots[0]", "slot": "s1"}),
        ("time_without_offset", {"path": "slots[1].start", "value": "2026-05-14T09:40:00"}),
        ("unknown_venue", {"path": "slots[3].venue", "id": "nowhere"}),
        ("duplicate_id", {"path": "slots[2].id", "id": "s1"}),
        ("unknown_slot", {"path": "participants[2].available[0]", "id": "s9"}),
        ("unknown_participant", {"path": "requests[1].b", "id": "zed"}),
        ("self_meeting", {"path": "requests[2]", "person": "b"}),
    ]


def test_missing_and_mistyped_fields() -> None:
    data = {
        "slots": [{"id": "s1", "start": "yesterday", "end": 5}],
        "venues": [{"id": "", "tables": "many"}, "v2"],
        "participants": {},
        "requests": [{"id": "r1", "a": "x", "b": "y", "locked": {"slot": "s1", "table": 1.5}}],
    }
    assert problems_of(data) == [
        ("missing_field", {"path": "slots[0].venue"}),
        ("wrong_type", {"path": "slots[0].end", "expected": "string"}),
        ("wrong_type", {"path": "venues[0].id", "expected": "non-empty string"}),
        ("wrong_type", {"path": "venues[0].tables", "expected": "integer or array"}),
        ("wrong_type", {"path": "venues[1]", "expected": "object"}),
        ("wrong_type", {"path": "participants", "expected": "array"}),
        (
            "wrong_type",
            {"path": "requests[0].locked.table", "expected": "string or integer or null"},
        ),
    ]
    assert problems_of([]) == [("wrong_type", {"path": "", "expected": "object"})]
    assert problems_of({"slots": [], "venues": []}) == [
        ("missing_field", {"path": "participants"}),
        ("missing_field", {"path": "requests"}),
    ]


def test_a_value_the_schema_cannot_place_keeps_the_schema_message() -> None:
    data = {"slots": [], "venues": [], "participants": [], "requests": [], "travel_minutes": 3}
    data["venues"] = [{"id": "v1", "tables": 1}]
    data["travel_minutes"] = [{"from": "v1", "to": "v1", "minutes": 1.5}]
    assert problems_of(data) == [
        ("wrong_type", {"path": "travel_minutes[0].minutes", "expected": "integer"})
    ]
    with pytest.raises(InstanceError) as caught:
        read_schedule(
            {"meetings": [], "unscheduled": [{"request": "r1", "reason": "x", "code": "?"}]}
        )
    (problem,) = caught.value.problems
    assert problem.code == "schema_mismatch"
    assert problem.params["path"] == "unscheduled[0].code"
    assert describe(problem.code, problem.params, "en").startswith(
        "unscheduled[0].code: does not match the file format ('?' is not one of"
    )


def test_locks_in_unavailable_slots_and_contradicting_locks(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["requests"][1]["locked"] = {"slot": "s3"}
    data["requests"][0]["locked"] = {"slot": "s1"}
    data["requests"][2]["locked"] = {"slot": "s2", "table": "T9"}
    assert problems_of(data) == [
        ("unknown_table", {"path": "requests[2].locked.table", "table": "T9", "venue": "v2"})
    ]
    data["requests"][2]["locked"] = {"slot": "s2", "table": "T1"}
    assert problems_of(data) == [
        (
            "locked_slot_unavailable",
            {"request": "r2", "slot": "s3", "person": "c", "count": 1, "limit": 0},
        ),
        (
            "contradictory_locks",
            {
                "rule": "slots_overlap",
                "person": "a",
                "slot": "s1",
                "other_slot": "s3",
                "count": 2,
                "limit": 1,
            },
        ),
        (
            "contradictory_locks",
            {
                "rule": "travel_too_short",
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
            "contradictory_locks",
            {
                "rule": "slots_overlap",
                "person": "c",
                "slot": "s3",
                "other_slot": "s2",
                "count": 2,
                "limit": 1,
            },
        ),
    ]


def test_two_locks_on_one_table(two_venue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(two_venue_data)
    data["venues"][0]["tables"] = 2
    data["requests"][0]["locked"] = {"slot": "s4", "table": 1}
    data["requests"][2]["locked"] = {"slot": "s4", "table": "1"}
    data["participants"][1]["id"] = "b"
    data["requests"][2]["a"] = "c"
    data["requests"][2]["b"] = "c"
    problems = problems_of(data)
    assert problems == [("self_meeting", {"path": "requests[2]", "person": "c"})]
    data["requests"][2]["a"] = "c"
    data["requests"][2]["b"] = "b"
    data["requests"][1]["a"] = "b"
    data["requests"][0]["a"] = "a"
    assert problems_of(data) == [
        (
            "contradictory_locks",
            {"rule": "person_double_booked", "person": "b", "slot": "s4", "count": 2, "limit": 1},
        ),
        (
            "contradictory_locks",
            {"rule": "table_double_booked", "slot": "s4", "table": "1", "request": "r3"},
        ),
    ]


def test_zulu_times_and_default_weight() -> None:
    data = {
        "slots": [
            {
                "id": "s1",
                "start": "2026-05-14T01:00:00Z",
                "end": "2026-05-14T01:30:00Z",
                "venue": "v",
            }
        ],
        "venues": [{"id": "v", "tables": 1}],
        "participants": [{"id": "a"}, {"id": "b", "available": ["s1"], "max_meetings": None}],
        "requests": [{"id": "r", "a": "a", "b": "b"}],
    }
    instance = read_instance(data)
    assert instance.requests[0].weight == 1.0
    assert instance.slots[0].start.utcoffset() is not None


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "slots",
                    "venues",
                    "participants",
                    "requests",
                    "tables",
                    "start",
                    "end",
                    "venue",
                    "a",
                    "b",
                    "weight",
                    "locked",
                    "available",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_is_read_or_rejected_with_problems(data: Any) -> None:
    try:
        read_instance(data)
    except InstanceError as error:
        assert error.problems
