"""Deal stages and the rule for moving between them.

A deal moves lead → negotiating → signed → registered (company set up) → land
acquired → construction started → topped out → operating. Rules (data, not code):

- every move needs evidence (a document, photo, link or note) and a date;
- a forward move may skip stages, but only with evidence for the target stage
  (the skipped stages are reached implicitly on the same date);
- a backward move ("back-step") needs a written reason;
- a move to the current stage is not a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from duijie_core.problems import Problem

__all__ = [
    "EVIDENCE_NEEDS",
    "STAGE_LABELS",
    "Move",
    "Problem",
    "Stage",
    "check_evidence",
    "check_move",
    "stage_label",
]


class Stage(IntEnum):
    """The stages of a deal, in order."""

    LEAD = 0
    NEGOTIATING = 1
    SIGNED = 2
    REGISTERED = 3
    LAND_ACQUIRED = 4
    CONSTRUCTION_STARTED = 5
    TOPPED_OUT = 6
    OPERATING = 7


STAGE_LABELS: dict[Stage, tuple[str, str, str]] = {
    Stage.LEAD: ("線索", "线索", "Lead"),
    Stage.NEGOTIATING: ("洽談中", "洽谈中", "Negotiating"),
    Stage.SIGNED: ("已簽約", "已签约", "Signed"),
    Stage.REGISTERED: ("已註冊", "已注册", "Company registered"),
    Stage.LAND_ACQUIRED: ("已落地（取得土地）", "已落地（取得土地）", "Land acquired"),
    Stage.CONSTRUCTION_STARTED: ("已開工", "已开工", "Construction started"),
    Stage.TOPPED_OUT: ("已封頂", "已封顶", "Topped out"),
    Stage.OPERATING: ("已投產", "已投产", "Operating"),
}
_LANGUAGE_INDEX = {"zh-hant": 0, "zh-hans": 1, "en": 2}


def stage_label(stage: Stage, language: str) -> str:
    """The name of `stage` in zh-Hant (default), zh-Hans or en."""
    return STAGE_LABELS[stage][_LANGUAGE_INDEX.get(language.casefold(), 0)]


@dataclass(frozen=True)
class Move:
    """A requested stage change of one deal."""

    current: Stage
    target: Stage
    on: date
    has_evidence: bool
    reason: str = ""

    @property
    def is_back_step(self) -> bool:
        """Whether the move goes to an earlier stage."""
        return self.target < self.current

    @property
    def skipped(self) -> tuple[Stage, ...]:
        """Stages passed over by a forward move (reached implicitly)."""
        return tuple(Stage(s) for s in range(self.current + 1, self.target))


def check_move(move: Move, *, today: date) -> list[Problem]:
    """The rules `move` breaks (empty when it is allowed)."""
    problems: list[Problem] = []
    if move.target == move.current:
        problems.append(Problem("same_stage", {"stage": move.target.name.lower()}))
    if not move.has_evidence:
        problems.append(Problem("evidence_required", {"stage": move.target.name.lower()}))
    if move.is_back_step and not move.reason.strip():
        problems.append(Problem("reason_required", {"stage": move.target.name.lower()}))
    if move.on > today:
        problems.append(Problem("date_in_future", {"date": move.on.isoformat()}))
    return problems


# What each kind of evidence must come with: a file, a link or a note.
EVIDENCE_NEEDS: dict[str, str] = {
    "document": "file",
    "photo": "file",
    "link": "link",
    "note": "note",
}


def check_evidence(kind: str, *, has_file: bool, has_link: bool, has_note: bool) -> list[Problem]:
    """Whether the evidence of `kind` came with what that kind means.

    A document or photo needs a file, a link needs a URL and a note needs text;
    anything else supplied besides is kept as extra detail.
    """
    need = EVIDENCE_NEEDS.get(kind)
    if need is None:
        return [Problem("evidence_kind_unknown", {"kind": kind})]
    supplied = {"file": has_file, "link": has_link, "note": has_note}
    return [] if supplied[need] else [Problem(f"evidence_missing_{need}", {"kind": kind})]
