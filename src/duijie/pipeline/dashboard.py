"""The leadership dashboard: headline figures and charts, as plain data.

Each chart is a :class:`ChartData` that the JSON endpoints, the xlsx export and the
PDF (SVG) all render, so the three always show the same numbers. Every bar carries
the drill-down link to the deal list with the same filters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from duijie.localised import reader_language
from duijie.pipeline import activity
from duijie.pipeline.figures import SPEED_PAIRS, by_dimension, by_stage, speed, totals
from duijie.pipeline.filters import FigureFilter, counted_deals, drill_url, stalled_q
from duijie.pipeline.models import REPORTING_CURRENCY, Deal, DuplicateStatus, ExchangeRate, Stage
from duijie.pipeline.services import stall_days
from duijie.reference.models import Edition
from duijie_core.locale import format_money
from duijie_core.money import Money
from duijie_core.pipeline.charts import BarChart, Series, bar_chart_svg
from duijie_core.pipeline.figures import stall_cutoff

MILLION = Decimal(1_000_000)
RATE_MILESTONES = {
    "fulfilment": "registered",
    "landing": "land_acquired",
    "start": "construction_started",
    "operation": "operating",
    "capital": "signed",
}
DIMENSION_PARAMS = {
    "edition": "edition",
    "city": "city",
    "industry": "industry",
    "method": "method",
}


def rate_labels() -> dict[str, str]:
    return {
        "fulfilment": _("Fulfilment rate (履約率)"),
        "landing": _("Landing rate (落地率)"),
        "start": _("Construction-start rate (開工率)"),
        "operation": _("Operation rate (投產率)"),
        "capital": _("Capital-arrival rate (資金到位率)"),
    }


def dimension_labels() -> dict[str, str]:
    return {
        "edition": _("edition"),
        "city": _("city"),
        "industry": _("key industry"),
        "method": _("promotion method"),
    }


@dataclass(frozen=True)
class FigureContext:
    """What every chart needs: the filter, the counted deals and the drill-down base."""

    form: FigureFilter
    by: str
    today: object
    user: object = None

    @property
    def deals(self) -> QuerySet[Deal]:
        return counted_deals(self.form.q())

    def drill(self, **extra: object) -> str:
        params = self.form.params()
        return drill_url(
            reverse("pipeline:deal_list"), params, **{k: str(v) for k, v in extra.items()}
        )


@dataclass(frozen=True)
class ChartData:
    """One chart: categories, named series of values, a link per bar, a unit and a note."""

    key: str
    title: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | None]]]
    links: list[list[str | None]]
    unit: str = ""
    note: str = ""
    currency: str = ""  # values are millions of this currency: bars in print say so as money

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "note": self.note,
            "categories": self.categories,
            "series": [
                {"name": name, "data": [None if v is None else float(v) for v in values]}
                for name, values in self.series
            ],
            "links": self.links,
        }

    def as_svg(self) -> str:
        chart = BarChart(
            title=self.title,
            categories=tuple(self.categories),
            series=tuple(Series(n, tuple(v)) for n, v in self.series),
            unit=self.unit if self.unit == "%" else "",
            language=reader_language(),
            currency=self.currency,
            scale=MILLION if self.currency else Decimal(1),
        )
        return bar_chart_svg(chart)


def stages_chart(ctx: FigureContext) -> ChartData:
    """Counted deals by current stage."""
    counts = by_stage(ctx.deals)
    stages = list(Stage)
    return ChartData(
        key="stages",
        title=_("Deals by stage"),
        categories=[str(s.label) for s in stages],
        series=[(_("Number of deals"), [Decimal(counts.get(s.value, 0)) for s in stages])],
        links=[[ctx.drill(stage=s.value) for s in stages]],
    )


def _group_link(ctx: FigureContext, key: int | None, reached: str) -> str | None:
    if key is None:
        return None
    return ctx.drill(**{DIMENSION_PARAMS[ctx.by]: key, "reached": reached})


def rates_chart(ctx: FigureContext) -> ChartData:
    """The five rates per edition, city, industry or method."""
    groups = by_dimension(ctx.deals, ctx.by, empty_label=_("Not set"), need="rates")
    labels = rate_labels()
    series = [(labels[name], [getattr(g.rates, name) for g in groups]) for name in labels]
    links = [[_group_link(ctx, g.key, RATE_MILESTONES[name]) for g in groups] for name in labels]
    title = _("Rates by %(dimension)s") % {"dimension": dimension_labels()[ctx.by]}
    return ChartData("rates", title, [g.label for g in groups], series, links, unit="%")


def amounts_chart(ctx: FigureContext) -> ChartData:
    """Amounts signed and arrived (CNY million) per edition, city, industry or method."""
    groups = by_dimension(ctx.deals, ctx.by, empty_label=_("Not set"), need="amounts")
    series = [
        (
            pgettext("deal stage", "Signed"),
            [(g.counts.amount_signed / MILLION).quantize(Decimal("0.01")) for g in groups],
        ),
        (
            _("Arrived"),
            [(g.counts.amount_arrived / MILLION).quantize(Decimal("0.01")) for g in groups],
        ),
    ]
    links = [[_group_link(ctx, g.key, "signed") for g in groups]] * 2
    unconverted = sum(g.unconverted for g in groups)
    note = _("%(n)s signed amounts lack an exchange rate and are not included.") % {
        "n": unconverted
    }
    title = _("Amounts signed and arrived by %(dimension)s") % {
        "dimension": dimension_labels()[ctx.by]
    }
    return ChartData(
        "amounts", title, [g.label for g in groups], series, links,
        unit=_("CNY million"), note=note if unconverted else "", currency=REPORTING_CURRENCY,
    )  # fmt: skip


def speed_chart(ctx: FigureContext) -> ChartData:
    """Median days between milestones."""
    speeds = speed(ctx.deals)
    names = {s.value: str(s.label) for s in Stage}
    milestone = {name: Stage[name.upper()].value for pair in SPEED_PAIRS for name in pair}
    categories = [f"{names[milestone[s.start]]} → {names[milestone[s.end]]}" for s in speeds]
    series = [(_("Median days"), [s.median_days for s in speeds])]
    links = [[ctx.drill(reached=s.end) for s in speeds]]
    return ChartData("speed", _("Speed: median days between stages"), categories, series, links)


def trend_chart(ctx: FigureContext) -> ChartData:
    """Signed and operating deals across editions (ignores the edition filter)."""
    groups = by_dimension(
        counted_deals(ctx.form.q(without=("edition",))),
        "edition",
        empty_label=_("Not set"),
        need="trend",
    )
    params = {k: v for k, v in ctx.form.params().items() if k != "edition"}
    base = reverse("pipeline:deal_list")

    def link(key: int | None, reached: str) -> str | None:
        return None if key is None else drill_url(base, params, edition=str(key), reached=reached)

    series = [
        (pgettext("deal stage", "Signed"), [Decimal(g.counts.signed) for g in groups]),
        (pgettext("deal stage", "Operating"), [Decimal(g.counts.operating) for g in groups]),
    ]
    links = [[link(g.key, "signed") for g in groups], [link(g.key, "operating") for g in groups]]
    return ChartData("trend", _("Trend across editions"), [g.label for g in groups], series, links)


CHARTS: dict[str, Callable[[FigureContext], ChartData]] = {
    "stages": stages_chart,
    "rates": rates_chart,
    "amounts": amounts_chart,
    "speed": speed_chart,
    "trend": trend_chart,
}


def amount_text(amount: Decimal) -> str:
    """A CNY total for people: 億/亿 or million with at most two decimals (18.03億人民幣)."""
    step = Decimal(1_000_000) if amount >= 100_000_000 else Decimal(10_000)
    rounded = (amount / step).quantize(Decimal(1)) * step
    return format_money(Money(rounded, REPORTING_CURRENCY), reader_language())


def _meeting_figures(edition: Edition | None, user: object) -> dict[str, object]:
    """The trade week's meeting figures (each None when the app is not installed)."""
    found = activity.meeting_figures(edition, user)
    names = ("meetings_scheduled", "meetings_held", "meeting_no_shows")
    return {name: found[name] if found else None for name in names}


def headline(ctx: FigureContext) -> dict[str, object]:
    """Key figures of the filtered deals plus other apps' counts (None = not available)."""
    deals = ctx.deals
    cutoff = stall_cutoff(today=ctx.today, stall_days=stall_days())  # type: ignore[arg-type]
    group, extra = totals(deals, stalled=Count("pk", filter=stalled_q(cutoff)))
    waiting = Deal.objects.filter(ctx.form.q(), duplicate_status=DuplicateStatus.SUSPECT).count()
    # Few rates, many deals: one EXISTS probe per rate (index on amount_rate) stops at
    # the first matching deal, where `IN (SELECT amount_rate …)` read every deal.
    used = ExchangeRate.objects.filter(Exists(deals.filter(amount_rate=OuterRef("pk")))).order_by(
        "base", "-on"
    )
    edition = ctx.form.valid_data().get("edition")
    return {
        "group": group,
        "stalled": extra["stalled"],
        "stalled_url": ctx.drill(stalled="on"),
        "suspects": waiting,
        "rates_used": [str(r) for r in used],
        "amount_signed_text": amount_text(group.counts.amount_signed),
        "amount_arrived_text": amount_text(group.counts.amount_arrived),
        "projects_published": activity.projects_published(edition, ctx.user),
        "matches_suggested": activity.matches_suggested(edition, ctx.user),
        **_meeting_figures(edition, ctx.user),
        "stall_days": stall_days(),
    }


def headline_json(data: dict[str, object]) -> dict[str, object]:
    """`headline` as JSON-ready values (amounts as strings, rates as numbers or null)."""
    group = data["group"]
    rates = {k: None if v is None else float(v) for k, v in vars(group.rates).items()}  # type: ignore[attr-defined]
    counts = group.counts  # type: ignore[attr-defined]
    others = (
        "projects_published",
        "matches_suggested",
        "meetings_scheduled",
        "meetings_held",
        "meeting_no_shows",
    )
    return {
        **{k: v for k, v in data.items() if k not in ("group", *others)},
        **{k: None if data[k] is None else vars(data[k]) for k in others},
        "deals": group.deals,  # type: ignore[attr-defined]
        "signed": counts.signed,
        "amount_signed": str(counts.amount_signed),
        "amount_arrived": str(counts.amount_arrived),
        "rates": rates,
    }
