from datetime import date

from duijie_core.pipeline.stages import Move, Stage, check_evidence, check_move, stage_label
from duijie_core.problems import Problem

TODAY = date(2025, 6, 1)


def test_forward_move_with_evidence_is_allowed():
    move = Move(Stage.SIGNED, Stage.REGISTERED, date(2025, 5, 20), has_evidence=True)
    assert check_move(move, today=TODAY) == []
    assert move.skipped == ()
    assert move.is_back_step is False


def test_skipping_forward_needs_evidence_for_the_target():
    move = Move(Stage.SIGNED, Stage.CONSTRUCTION_STARTED, date(2025, 5, 20), has_evidence=False)
    assert check_move(move, today=TODAY) == [
        Problem("evidence_required", {"stage": "construction_started"})
    ]
    assert move.skipped == (Stage.REGISTERED, Stage.LAND_ACQUIRED)


def test_back_step_needs_a_reason():
    move = Move(Stage.LAND_ACQUIRED, Stage.SIGNED, date(2025, 5, 20), has_evidence=True)
    assert move.is_back_step is True
    assert check_move(move, today=TODAY) == [Problem("reason_required", {"stage": "signed"})]
    with_reason = Move(
        Stage.LAND_ACQUIRED,
        Stage.SIGNED,
        date(2025, 5, 20),
        has_evidence=True,
        reason="land deal fell through",
    )
    assert check_move(with_reason, today=TODAY) == []


def test_same_stage_and_future_date_are_refused():
    move = Move(Stage.SIGNED, Stage.SIGNED, date(2025, 7, 1), has_evidence=True)
    assert check_move(move, today=TODAY) == [
        Problem("same_stage", {"stage": "signed"}),
        Problem("date_in_future", {"date": "2025-07-01"}),
    ]


def test_stage_labels_in_three_languages():
    assert stage_label(Stage.TOPPED_OUT, "zh-hant") == "已封頂"
    assert stage_label(Stage.TOPPED_OUT, "zh-Hans") == "已封顶"
    assert stage_label(Stage.TOPPED_OUT, "en") == "Topped out"
    assert stage_label(Stage.TOPPED_OUT, "fr") == "已封頂"


def test_evidence_kind_must_come_with_what_it_names():
    def check(kind, **given):  # type: ignore[no-untyped-def]
        supplied = {"has_file": False, "has_link": False, "has_note": False, **given}
        return check_evidence(kind, **supplied)

    assert check("photo", has_file=True) == []
    assert check("document", has_note=True) == [
        Problem("evidence_missing_file", {"kind": "document"})
    ]
    assert check("link", has_note=True) == [Problem("evidence_missing_link", {"kind": "link"})]
    assert check("note", has_link=True) == [Problem("evidence_missing_note", {"kind": "note"})]
    assert check("link", has_link=True, has_note=True) == []
    assert check("video", has_file=True) == [Problem("evidence_kind_unknown", {"kind": "video"})]
