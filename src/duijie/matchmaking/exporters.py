"""A match run as a spreadsheet (xlsx): one sheet per side, and the load per investor."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from duijie.matchmaking.labels import hide_ties, reason_texts
from duijie.matchmaking.models import MatchRun, Recommendation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _project_label(rec: Recommendation) -> tuple[str, str]:
    project = rec.project
    if project is None:
        return "", ""
    return project.code, project.name_hant or project.name_hans or project.name_en


def recommendation_rows(
    recs: Iterable[Recommendation], language: str | None, *, ties_detail: bool = False
) -> list[list[object]]:
    """One row per recommendation: side, for whom, rank, whom, score, reasons."""
    rows: list[list[object]] = []
    for rec in recs:
        code, name = _project_label(rec)
        owner = rec.buyer.name if rec.buyer is not None else ""
        rows.append(
            [
                rec.side,
                code,
                name,
                owner,
                rec.rank,
                rec.candidate_name,
                round(rec.score, 4),
                " | ".join(reason_texts(hide_ties(rec.reasons, ties_detail=ties_detail), language)),
            ]
        )
    return rows


def run_workbook(run: MatchRun, language: str | None, *, ties_detail: bool = False) -> bytes:
    """The run's recommendations and loads as an xlsx file (ties hidden unless ``ties_detail``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Recommendations")[:31]
    sheet.append(
        [
            _("Side"),
            _("Project code"),
            _("Project"),
            _("Buyer"),
            _("Rank"),
            _("Suggested"),
            _("Score"),
            _("Reasons"),
        ]
    )
    recs = run.recommendations.select_related("project", "buyer").order_by("side", "pk")
    rows = recommendation_rows(recs.iterator(chunk_size=2000), language, ties_detail=ties_detail)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    loads = book.create_sheet(_("Load per investor")[:31])
    loads.append([_("Investor"), _("Before spreading"), _("After spreading")])
    for load in run.loads:
        loads.append([safe_cell(load["name"]), load["before"], load["after"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
