"""Project exports (.xlsx and .csv) in the importer's format, so an export imports back unchanged.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) are prefixed with a single quote; the importer strips that quote
again from cells that start with ``'`` followed by one of those characters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet

from duijie.catalogue.amounts import written_amount
from duijie.catalogue.columns import COLUMNS, header
from duijie.catalogue.models import Project
from duijie.catalogue.spreadsheet import safe_cell


def export_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects with everything an export row reads, in two queries plus one per M2M."""
    return (
        projects.select_related("owner_organisation", "key_industry", "industry", "city", "county")
        .prefetch_related("promotion_methods")
        .order_by("code")
    )


def project_row(project: Project) -> list[str]:
    """One project as cells in :data:`COLUMNS` order."""
    return [_cell(project, column.key) for column in COLUMNS]


def _cell(project: Project, key: str) -> str:
    special = {
        "owner": lambda p: p.owner_organisation.name if p.owner_organisation else "",
        "key_industry": lambda p: p.key_industry.code if p.key_industry else "",
        "industry_code": lambda p: p.industry.code if p.industry else "",
        "city": lambda p: p.city.code if p.city else "",
        "county": lambda p: p.county.code if p.county else "",
        "investment": lambda p: written_amount(p, "investment"),
        "financing": lambda p: written_amount(p, "financing"),
        "payback_years": lambda p: "" if p.payback_years is None else str(p.payback_years),
        "promotion_methods": lambda p: "; ".join(m.code for m in p.promotion_methods.all()),
        "policy_tags": lambda p: "; ".join(p.policy_tags or []),
    }
    if key in special:
        return str(special[key](project))
    return str(getattr(project, key) or "")


def headers(language: str) -> list[str]:
    """Export headers in ``language``."""
    return [header(column.key, language) for column in COLUMNS]


def export_csv(projects: Iterable[Project], *, language: str) -> bytes:
    """UTF-8 CSV with BOM (so Excel opens Chinese correctly), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers(language)])
    for project in projects:
        writer.writerow([safe_cell(cell) for cell in project_row(project)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(projects: Iterable[Project], *, language: str) -> bytes:
    """An .xlsx workbook (write-only mode); every cell is a string, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("projects")
    sheet.append(headers(language))
    for project in projects:
        cells = []
        for value in project_row(project):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # a leading "=" stays text
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
