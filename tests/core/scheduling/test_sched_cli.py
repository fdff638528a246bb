"""The command line: solve, check, and clear errors with exit code 2 for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from duijie_core.scheduling.cli import main
from duijie_core.scheduling.schema import schema

EXAMPLE = Path(__file__).parents[3] / "examples" / "schedule" / "instance.json"


def test_solve_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schedule.json"
    assert main(["solve", str(EXAMPLE), "--out", str(out), "--time-limit", "5"]) == 0
    assert capsys.readouterr().out.startswith(
        "scheduled 4/6 requests, weight 7 of bound 7 (100.00%)"
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(result, schema("schedule-result.schema.json"))
    assert result["meetings"][0] == {
        "request": "r1",
        "slot": "s1",
        "venue": "hk-centre",
        "table": 1,
    }
    assert (
        result["unscheduled"][1]["reason"] == "project-3 has 2 accepted requests but 1 free slots"
    )
    assert main(["check", str(EXAMPLE), str(out)]) == 0
    assert capsys.readouterr().out == "0 violation(s)\n"
    again = tmp_path / "again.json"
    assert (
        main(
            [
                "solve",
                str(EXAMPLE),
                "--out",
                str(again),
                "--previous",
                str(out),
                "--method",
                "greedy",
            ]
        )
        == 0
    )
    assert json.loads(again.read_text(encoding="utf-8"))["stats"]["moved"] == 0


def test_example_matches_the_instance_schema() -> None:
    jsonschema.validate(
        json.loads(EXAMPLE.read_text(encoding="utf-8")), schema("schedule-instance.schema.json")
    )


def test_check_prints_every_violation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    meetings = [
        {"request": "r3", "slot": "s1", "venue": "hk-centre", "table": 1},
        {"request": "r4", "slot": "s1", "venue": "hk-centre", "table": 1},
    ]
    bad.write_text(json.dumps({"meetings": meetings, "unscheduled": []}), encoding="utf-8")
    assert main(["check", str(EXAMPLE), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "locked_meeting_moved: locked request r1 is not in its slot s1",
        "person_double_booked: investor-2 has 2 meetings in slot s1",
        "table_double_booked: table 1 in slot s1 has 2 meetings",
        "request_missing: request r1 is neither scheduled nor listed as unscheduled",
        "request_missing: request r2 is neither scheduled nor listed as unscheduled",
        "request_missing: request r5 is neither scheduled nor listed as unscheduled",
        "request_missing: request r6 is neither scheduled nor listed as unscheduled",
        "7 violation(s)",
    ]


def test_bad_input_exits_2_with_clear_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "s.json")
    assert main(["solve", str(tmp_path / "missing.json"), "--out", out]) == 2
    assert "missing.json: cannot read file (No such file or directory)" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["solve", str(broken), "--out", out]) == 2
    assert "broken.json: invalid JSON at line 1, column 2" in capsys.readouterr().err
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe")
    assert main(["check", str(binary), str(binary)]) == 2
    assert "not UTF-8 text" in capsys.readouterr().err
    wrong = tmp_path / "wrong.json"
    wrong.write_text(
        json.dumps({"slots": [], "venues": [], "participants": [], "requests": [{"id": "r"}]}),
        encoding="utf-8",
    )
    assert main(["solve", str(wrong), "--out", out]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{wrong}: missing_field: requests[0].a: missing field",
        f"{wrong}: missing_field: requests[0].b: missing field",
        f"error: {wrong}: 2 problem(s); instance rejected",
    ]


def test_bad_schedule_and_unwritable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"meetings": [{"request": 1}], "unscheduled": [{"code": "x"}]}), encoding="utf-8"
    )
    assert main(["check", str(EXAMPLE), str(bad)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}: missing_field: meetings[0].slot: missing field",
        f"{bad}: missing_field: meetings[0].venue: missing field",
        f"{bad}: missing_field: meetings[0].table: missing field",
        f"{bad}: wrong_type: meetings[0].request: expected string",
        f"{bad}: missing_field: unscheduled[0].request: missing field",
        f"{bad}: missing_field: unscheduled[0].reason: missing field",
        f"{bad}: schema_mismatch: unscheduled[0].code: does not match the file format"
        " ('x' is not one of ['no_session', 'no_common_slot', 'slot_free', 'max_meetings_reached',"
        " 'person_overbooked', 'tables_full', 'common_slots_taken'])",
        f"error: {bad}: 7 problem(s); schedule rejected",
    ]
    bad.write_text("[]", encoding="utf-8")
    assert main(["check", str(EXAMPLE), str(bad)]) == 2
    bad.write_text("{}", encoding="utf-8")
    assert main(["check", str(EXAMPLE), str(bad)]) == 2
    assert main(["solve", str(EXAMPLE), "--out", str(tmp_path / "no" / "dir.json")]) == 2
    assert "cannot write file" in capsys.readouterr().err
