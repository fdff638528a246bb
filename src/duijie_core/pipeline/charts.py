"""Simple SVG bar charts for PDF reports (WeasyPrint runs no JavaScript).

A chart is categories down the side and one horizontal bar per series and
category, value written at the bar's end. Pure string building: no fonts are
measured, labels are cut to a fixed number of characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from duijie_core.locale import format_money, format_number
from duijie_core.money import Money

__all__ = ["BarChart", "Series", "bar_chart_svg"]

PALETTE = ("#b3261e", "#1f4fa3", "#1b7f3b", "#9a6700", "#6b3fa0", "#00838f")
ROW = 16
LABEL_WIDTH = 150
BAR_AREA = 300
VALUE_WIDTH = 70
LABEL_CHARS = 14


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category (None = no value)."""

    name: str
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class BarChart:
    """Categories with one or more series of values."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    language: str = "en"  # how the numbers at the bars' ends are written (duijie_core.locale)
    currency: str = ""  # when set, values are `scale` units of it and bars read as money
    scale: Decimal = Decimal(1)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _largest(chart: BarChart) -> Decimal:
    values = [v for s in chart.series for v in s.values if v is not None]
    return max([*values, Decimal(0)]) or Decimal(1)


def _value_text(value: Decimal | None, chart: BarChart) -> str:
    if value is None:
        return "—"
    if chart.currency:
        return format_money(Money(value * chart.scale, chart.currency), chart.language)
    return format_number(value.normalize(), chart.language) + chart.unit


def _bars(chart: BarChart, largest: Decimal) -> list[str]:
    parts: list[str] = []
    rows_per_category = len(chart.series) + 1
    for i, category in enumerate(chart.categories):
        top = 24 + i * rows_per_category * ROW
        parts.append(_text(4, top + ROW - 4, _label(category)))
        for j, series in enumerate(chart.series):
            value = series.values[i] if i < len(series.values) else None
            colour, text = PALETTE[j % len(PALETTE)], _value_text(value, chart)
            parts.extend(_bar(top + j * ROW, value, largest, colour, text))
    return parts


def _bar(top: int, value: Decimal | None, largest: Decimal, colour: str, text: str) -> list[str]:
    width = int(BAR_AREA * (value or 0) / largest)
    rect = (
        f'<rect x="{LABEL_WIDTH}" y="{top + 2}" width="{width}" height="{ROW - 4}" '
        f'fill="{colour}"/>'
    )
    return [rect, _text(LABEL_WIDTH + width + 4, top + ROW - 4, text)]


def _text(x: int, y: int, content: str, size: int = 10) -> str:
    return f'<text x="{x}" y="{y}" font-size="{size}">{escape(content)}</text>'


def _legend(series: Sequence[Series], top: int) -> list[str]:
    parts: list[str] = []
    for j, entry in enumerate(series):
        x = 4 + j * 130
        colour = PALETTE[j % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{top}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, top + 9, _label(entry.name)))
    return parts


def bar_chart_svg(chart: BarChart) -> str:
    """The chart as a standalone SVG document (UTF-8 text)."""
    rows_per_category = len(chart.series) + 1
    height = 24 + len(chart.categories) * rows_per_category * ROW + 20
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(chart.title)}>',
        _text(4, 14, chart.title, size=12),
        *_bars(chart, _largest(chart)),
        *_legend(chart.series, height - 14),
        "</svg>",
    ]
    return "".join(parts)
