"""Dashboard exports: an xlsx workbook and a PDF with server-side SVG charts.

Both render the same :class:`~duijie.pipeline.dashboard.ChartData` as the
on-screen charts. Spreadsheet cells are formula-injection safe.
"""

from __future__ import annotations

import base64
import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from duijie.localised import number
from duijie.pdf import render_template_pdf
from duijie.pipeline.dashboard import (
    CHARTS,
    ChartData,
    FigureContext,
    amount_text,
    headline,
    rate_labels,
)
from duijie.pipeline.models import REPORTING_CURRENCY
from duijie_core.money import Money

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value for a spreadsheet cell: text that could run as a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, Decimal):
        return float(value)
    return value


def headline_rows(figures: dict[str, object]) -> list[tuple[str, object]]:
    """The headline as (label, value) rows; unavailable figures say so."""
    group = figures["group"]
    counts = group.counts  # type: ignore[attr-defined]

    def available(value: object) -> object:
        return _("not yet available") if value is None else value.value  # type: ignore[attr-defined]

    rows: list[tuple[str, object]] = [
        (_("Projects published"), available(figures["projects_published"])),
        (_("Matches suggested"), available(figures["matches_suggested"])),
        (_("Meetings held"), available(figures["meetings_held"])),
        (_("Deals counted"), group.deals),  # type: ignore[attr-defined]
        (_("Deals signed"), counts.signed),
        (_("Amount signed (CNY)"), Money(counts.amount_signed, REPORTING_CURRENCY)),
        (_("Capital arrived (CNY)"), Money(counts.amount_arrived, REPORTING_CURRENCY)),
    ]
    rates = group.rates  # type: ignore[attr-defined]
    rows += [(label, _rate_text(getattr(rates, name))) for name, label in rate_labels().items()]
    rows += [
        (_("Stalled deals"), figures["stalled"]),
        (_("Re-signing checks waiting"), figures["suspects"]),
    ]
    rows += [(_("Exchange rate used"), text) for text in figures["rates_used"]]  # type: ignore[attr-defined]
    return rows


def display_rows(rows: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Headline rows for people: amounts with their unit (221.77億人民幣), counts grouped."""
    return [(label, _display(value)) for label, value in rows]


def _display(value: object) -> object:
    if isinstance(value, Money):
        return amount_text(value.amount)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number(value)
    return value


def _cell(value: object) -> object:
    """A spreadsheet keeps numbers as numbers: an amount is its figure in the column's currency."""
    return safe_cell(value.amount if isinstance(value, Money) else value)


def _rate_text(rate: Decimal | None) -> str:
    return _("no signed deals") if rate is None else number(rate) + "%"


def all_charts(ctx: FigureContext) -> list[ChartData]:
    return [build(ctx) for build in CHARTS.values()]


def dashboard_xlsx(ctx: FigureContext) -> bytes:
    """One sheet of headline figures, one sheet per chart."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Headline")[:31]
    for label, value in headline_rows(headline(ctx)):
        sheet.append([safe_cell(label), _cell(value)])
    for chart in all_charts(ctx):
        _chart_sheet(book, chart)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chart_sheet(book: Workbook, chart: ChartData) -> None:
    sheet = book.create_sheet(chart.key)
    sheet.append([safe_cell(chart.title)])
    header = [""] + [f"{name} ({chart.unit})" if chart.unit else name for name, _v in chart.series]
    sheet.append([safe_cell(h) for h in header])
    for i, category in enumerate(chart.categories):
        sheet.append([safe_cell(category), *(safe_cell(values[i]) for _n, values in chart.series)])
    if chart.note:
        sheet.append([safe_cell(chart.note)])


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for an <img> (WeasyPrint renders it without JavaScript)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def dashboard_pdf(ctx: FigureContext, *, language: str) -> bytes:
    """The filtered dashboard as a printable PDF in `language`."""
    with translation.override(language):
        charts = [(c, svg_data_uri(c.as_svg())) for c in all_charts(ctx)]
        context = {
            "rows": display_rows(headline_rows(headline(ctx))),
            "charts": charts,
            "title": _("Investment dashboard"),
        }
        return render_template_pdf("pipeline/pdf/dashboard.html", context, language=language)
