"""A match run as a spreadsheet (xlsx): one sheet per side, and the load per investor."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from duijie.interchange.writer import Sheet, write_workbook
from duijie.matchmaking.labels import hide_ties, reason_texts
from duijie.matchmaking.models import MatchRun, Recommendation


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
    header = [
        _("Side"), _("Project code"), _("Project"), _("Buyer"), _("Rank"), _("Suggested"),
        _("Score"), _("Reasons"),
    ]  # fmt: skip
    recs = run.recommendations.select_related("project", "buyer").order_by("side", "pk")
    rows = recommendation_rows(recs.iterator(chunk_size=2000), language, ties_detail=ties_detail)
    loads = [[load["name"], load["before"], load["after"]] for load in run.loads]
    load_header = [_("Investor"), _("Before spreading"), _("After spreading")]
    return write_workbook(
        [
            Sheet(_("Recommendations"), [header, *rows]),
            Sheet(_("Load per investor"), [load_header, *loads]),
        ]
    )
