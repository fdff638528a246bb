"""What an import would do, row by row: the preview a confirmation must still match.

Importers build a :class:`Preview` from the same plan they write; the flow stores it
with the pending upload and its :attr:`Preview.fingerprint`. At confirmation the plan
is made again; if its preview differs in anything (an outcome, a matched record, a
changed value), the data changed meanwhile and the confirmation is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

NEW = "new"  # a record will be created
SAME_AS = "same_as"  # the same new record as an earlier row of the file
UNCHANGED = "unchanged"  # matched an existing record; nothing to change
UPDATED = "updated"  # matched an existing record; ``changes`` will be written
REVIEW = "review"  # created and flagged: staff decide whether it is a duplicate
OUTCOMES = (NEW, SAME_AS, UPDATED, UNCHANGED, REVIEW)
SHOWN_ROWS = 200


@dataclass(frozen=True)
class Change:
    """One field of a matched record: its label, value now, value after the import."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class RowPreview:
    """One row: its sheet number, a label (name or code), what happens, and why.

    ``record`` is the matched existing record (or the earlier row for ``same_as``);
    ``evidence`` the sentences that made the match; ``changes`` the field-by-field diff.
    """

    number: int
    label: str
    outcome: str
    record: str = ""
    evidence: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Preview:
    """Every row's outcome, or the problems that stop the import."""

    rows: tuple[RowPreview, ...] = ()
    problems: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: list[RowPreview], problems: list[str] | None = None) -> Preview:
        counted = Counter(row.outcome for row in rows)
        counts = {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}
        return cls(tuple(rows), tuple(problems or ()), counts | {"rows": len(rows)})

    @property
    def fingerprint(self) -> str:
        """A hash of everything the preview says (all rows, not only the shown ones)."""
        text = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def shown(self) -> dict[str, Any]:
        """What the preview page shows (the first rows and the counts), as JSON data."""
        shown = {"counts": self.counts, "rows": [asdict(r) for r in self.rows[:SHOWN_ROWS]]}
        return dict(json.loads(json.dumps(shown, ensure_ascii=False)))
