"""The investment-environment report: SVG charts drawn on the server, the PDF, its job.

WeasyPrint runs no script, so the report's three charts (cost breakdown, index
ranking, cost × quality matrix) are SVG computed here and written by one template
(``environment/_charts.html``); the web report shows the same SVG. The PDF is made by a
background job (``environment.report``) from the comparison's query string, in one of
the three languages, and downloaded through the jobs app's protected download.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from duijie.environment.matrix import PALETTE, text_width
from duijie.environment.pages import PlaceColumn
from duijie.environment.study import study_page
from duijie.jobs.registry import JobResult, ProgressReporter, job
from duijie.pdf import render_template_pdf

JOB_KIND = "environment.report"
WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP = 640, 150, 18, 8
LEGEND_FONT, LEGEND_KEY, LEGEND_LINE = 10, 14, 18  # font size, key box + gap, line height
PDF_PLACES_PER_TABLE = 6  # the PDF's items table: places per table (an A4 page's width)


def charts(context: dict[str, Any]) -> dict[str, Any]:
    """The geometry of the three charts for `context` (a study page's rows)."""
    columns: list[PlaceColumn] = context["columns"]
    return {
        "breakdown": breakdown_chart(columns, [row["label"] for row in context["rows"]]),
        "ranking": ranking_chart(context["ranking"]),
        "matrix": context["matrix"],
    }


def item_tables(context: dict[str, Any], per_table: int | None = None) -> list[dict[str, Any]]:
    """The items-per-place table, split into tables of `per_table` places (one when None)."""
    columns: list[PlaceColumn] = context["columns"]
    count = max(len(columns), 1)
    tables = -(-count // per_table) if per_table else 1
    size = -(-count // tables)  # as even as can be: 20 places at 6 a table → 4 tables of 5
    return [
        {
            "columns": columns[start : start + size],
            "rows": [
                row | {"cells": row["cells"][start : start + size]} for row in context["rows"]
            ],
        }
        for start in range(0, count, size)
    ]


def breakdown_chart(columns: Sequence[PlaceColumn], labels: Sequence[str]) -> dict[str, Any]:
    """One stacked bar per place (its items' yearly costs), scaled to the largest total."""
    totals = [sum((c.annual or Decimal(0) for c in column.cells), Decimal(0)) for column in columns]
    largest = max(totals, default=Decimal(0)) or Decimal(1)
    span = WIDTH - LABEL_WIDTH - 10
    bars = []
    for row, column in enumerate(columns):
        x, segments = float(LABEL_WIDTH), []
        for position, cell in enumerate(column.cells):
            width = float((cell.annual or Decimal(0)) / largest) * span
            segments.append({"x": x, "width": width, "colour": PALETTE[position % len(PALETTE)]})
            x += width
        y = 10 + row * (BAR_HEIGHT + GAP)
        bars.append({"name": column.name, "y": y, "text_y": y + 13, "segments": segments,
                     "incomplete": bool(column.missing)})  # fmt: skip
    legend_y = 20 + len(columns) * (BAR_HEIGHT + GAP)
    per_row = legend_columns(labels)
    step = (WIDTH - 20) / per_row
    legend = []
    for i, label in enumerate(labels):
        x = 10 + (i % per_row) * step
        y = legend_y + (i // per_row) * LEGEND_LINE
        colour = PALETTE[i % len(PALETTE)]
        legend.append({"label": label, "colour": colour, "x": x, "text_x": x + LEGEND_KEY, "y": y})
    height = legend_y + -(-len(labels) // per_row) * LEGEND_LINE + 10
    incomplete = any(column.missing for column in columns)
    return {
        "width": WIDTH, "height": height, "bars": bars, "legend": legend, "incomplete": incomplete,
    }  # fmt: skip


def legend_columns(labels: Sequence[str]) -> int:
    """Legend keys per row (at most 3): as many as the longest label leaves room for, so
    that no label runs into the next one or past the picture's edge."""
    widest = max((text_width(label, LEGEND_FONT) for label in labels), default=0.0)
    return max(1, min(3, int((WIDTH - 20) // (widest + LEGEND_KEY + 12))))


def ranking_chart(ranked: Sequence[PlaceColumn]) -> dict[str, Any]:
    """Bars of the cost index (peer average = 100, marked), lowest first; incomplete left out."""
    shown = [column for column in ranked if column.index is not None]
    largest = max([float(c.index or 0) for c in shown] + [100.0]) * 1.1
    span = WIDTH - LABEL_WIDTH - 60
    bars = [
        {"name": c.name, "index": c.index, "y": 10 + i * (BAR_HEIGHT + GAP),
         "text_y": 23 + i * (BAR_HEIGHT + GAP), "width": float(c.index or 0) / largest * span,
         "value_x": LABEL_WIDTH + float(c.index or 0) / largest * span + 4}
        for i, c in enumerate(shown)
    ]  # fmt: skip
    height = 20 + len(shown) * (BAR_HEIGHT + GAP)
    return {"width": WIDTH, "height": height, "bars": bars,
            "hundred_x": LABEL_WIDTH + 100 / largest * span, "x0": LABEL_WIDTH}  # fmt: skip


def render_report(*, query: str, language: str, progress: ProgressReporter | None = None) -> bytes:
    """The report for the comparison `query` (a query string) in `language`, as PDF bytes."""
    report = progress or (lambda percent, message: None)
    with translation.override(language):
        page = study_page(QueryDict(query), today=timezone.localdate())
        report(40, "")
        context: dict[str, Any] = {"page": page, "form": page.form, **page.context}
        if page.study is not None:
            context["charts"] = charts(page.context)
            context["item_tables"] = item_tables(page.context, PDF_PLACES_PER_TABLE)
            context["profile"] = page.form.cleaned_data["profile"]
        context["pdf"] = True
        context["today"] = timezone.localdate()
        pdf = render_template_pdf("environment/pdf/report.html", context, language=language)
    report(100, "")
    return pdf


# Safe to run twice: it only reads, and each attempt writes its own file.
@job(JOB_KIND, label=_("Investment-environment report (PDF)"), retries=1, time_limit=300)
def build_report(job_row: object, report_progress: ProgressReporter) -> JobResult:
    """Background job: params ``{"query": comparison query string, "language": code}``."""
    params = getattr(job_row, "params", {})
    language = params.get("language", "zh-hant")
    pdf = render_report(query=params.get("query", ""), language=language, progress=report_progress)
    return JobResult(f"investment-environment-{language}.pdf", pdf)
