"""Project exports (.xlsx and .csv) in the importer's format, so an export imports back unchanged.

Written by the one formula-safe writer (:mod:`duijie.interchange.writer`), read back by
the one reader.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import translation

from duijie.catalogue.amounts import written_amount
from duijie.catalogue.columns import COLUMNS, header
from duijie.catalogue.models import Project
from duijie.interchange.writer import write_csv, write_xlsx


def export_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects with everything an export row reads, in two queries plus one per M2M."""
    return (
        projects.select_related("owner_organisation", "key_industry", "industry", "city", "county")
        .prefetch_related("promotion_methods")
        .order_by("code")
    )


def project_row(project: Project, language: str = "zh-hant") -> list[str]:
    """One project as cells in :data:`COLUMNS` order, written as a reader of ``language`` reads
    them (amounts like ``3億人民幣``, industries, places and choices by name), so that the
    importer reads every cell back to the same value."""
    with translation.override(language):
        return [_cell(project, column.key, language) for column in COLUMNS]


def _name(item: object) -> str:
    return str(item) if item else ""


def _cell(project: Project, key: str, language: str) -> str:
    special = {
        "owner": lambda p: p.owner_organisation.name if p.owner_organisation else "",
        "key_industry": lambda p: _name(p.key_industry),
        "industry_code": lambda p: p.industry.code if p.industry else "",
        "city": lambda p: _name(p.city),
        "county": lambda p: _name(p.county),
        "investment": lambda p: written_amount(p, "investment", language),
        "financing": lambda p: written_amount(p, "financing", language),
        "payback_years": lambda p: "" if p.payback_years is None else str(p.payback_years),
        "promotion_methods": lambda p: "; ".join(_name(m) for m in p.promotion_methods.all()),
        "policy_tags": lambda p: "; ".join(p.policy_tags or []),
        "instrument": lambda p: p.get_instrument_display() if p.instrument else "",
        "stage": lambda p: p.get_stage_display() if p.stage else "",
        "status": lambda p: p.get_status_display(),
    }
    if key in special:
        return str(special[key](project))
    return str(getattr(project, key) or "")


def headers(language: str) -> list[str]:
    """Export headers in ``language``."""
    return [header(column.key, language) for column in COLUMNS]


def export_csv(projects: Iterable[Project], *, language: str) -> bytes:
    """UTF-8 CSV with BOM, formula-safe (see :mod:`duijie.interchange.writer`)."""
    return write_csv(headers(language), (project_row(p, language) for p in projects))


def export_xlsx(projects: Iterable[Project], *, language: str) -> bytes:
    """An .xlsx workbook whose cells are text, never formulas."""
    rows = (project_row(p, language) for p in projects)
    return write_xlsx(headers(language), rows, title="projects")
