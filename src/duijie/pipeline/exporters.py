"""Dashboard exports: an xlsx workbook and a PDF with server-side SVG charts.

Both render the same :class:`~duijie.pipeline.dashboard.ChartData` as the
on-screen charts. Spreadsheet cells go through the one formula-safe writer.
"""

from __future__ import annotations

import base64
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from duijie.interchange.writer import Sheet, write_workbook
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


def headline_rows(figures: dict[str, object]) -> list[tuple[str, object]]:
    """The headline as (label, value) rows; unavailable figures say so."""
    group = figures["group"]
    counts = group.counts  # type: ignore[attr-defined]

    def available(value: object) -> object:
        return _("not yet available") if value is None else value.value  # type: ignore[attr-defined]

    rows: list[tuple[str, object]] = [
        (_("Projects published"), available(figures["projects_published"])),
        (_("Matches suggested"), available(figures["matches_suggested"])),
        (_("Meetings scheduled"), available(figures["meetings_scheduled"])),
        (_("Meetings held"), available(figures["meetings_held"])),
        (_("No-shows"), available(figures["meeting_no_shows"])),
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
    return value.amount if isinstance(value, Money) else value


def _rate_text(rate: Decimal | None) -> str:
    return _("no signed deals") if rate is None else number(rate) + "%"


def all_charts(ctx: FigureContext) -> list[ChartData]:
    return [build(ctx) for build in CHARTS.values()]


def dashboard_xlsx(ctx: FigureContext) -> bytes:
    """One sheet of headline figures, one sheet per chart (the one formula-safe writer)."""
    headline_sheet = Sheet(
        _("Headline"), [(label, _cell(value)) for label, value in headline_rows(headline(ctx))]
    )
    return write_workbook([headline_sheet, *(_chart_sheet(c) for c in all_charts(ctx))])


def _chart_sheet(chart: ChartData) -> Sheet:
    header = [""] + [f"{name} ({chart.unit})" if chart.unit else name for name, _v in chart.series]
    rows: list[list[object]] = [[chart.title], header]
    rows += [
        [category, *(values[i] for _n, values in chart.series)]
        for i, category in enumerate(chart.categories)
    ]
    return Sheet(chart.key, rows + ([[chart.note]] if chart.note else []))


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
