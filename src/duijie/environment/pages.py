"""What the comparison page and the report show: rows built from a `CostStudy`.

Amounts are rounded to whole yuan here, for display only (the model is exact); the
locale layer writes them (``money`` and ``number`` filters). Names come from the
stored divisions, indicators and profiles in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from duijie.environment.adapters import is_sample
from duijie.environment.models import Indicator
from duijie.environment.services import CostStudy
from duijie.localised import reader_language
from duijie.reference.models import AdminDivision
from duijie_core import costs
from duijie_core.costs.phrases import describe
from duijie_core.costs.quality import Quadrant

TENTH = Decimal("0.1")
SHOWN_DIGITS = 4


def yuan(amount: Decimal | None) -> Decimal | None:
    """`amount` to four significant figures for reading (56,968,640 → 56,970,000), whole yuan."""
    if amount is None or not amount:
        return amount
    exponent = max(amount.adjusted() - SHOWN_DIGITS + 1, 0)
    return amount.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP).quantize(Decimal(1))


def tenth(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(TENTH, rounding=ROUND_HALF_UP)


def place_names(codes: Sequence[str]) -> dict[str, str]:
    """Division code → name in the reader's language (codes without a division stay codes)."""
    found = {d.code: d.display_name() for d in AdminDivision.objects.filter(code__in=codes)}
    return {code: found.get(code, code) for code in codes}


def indicator_names(codes: Sequence[str] | None = None) -> dict[str, str]:
    rows = Indicator.objects.all() if codes is None else Indicator.objects.filter(code__in=codes)
    return {i.code: i.display_name() for i in rows}


def error_text(error: costs.CostError) -> str:
    """A model refusal as one sentence in the reader's language, naming no internal row."""
    params = {key: value for key, value in error.params.items() if key != "where"}
    if params.get("indicator"):
        params["indicator"] = indicator_names([params["indicator"]]).get(
            params["indicator"], params["indicator"]
        )
    return describe(error.code, params, reader_language())


@dataclass(frozen=True)
class Cell:
    """One item of one place: the yearly cost and where its value comes from."""

    place: str  # the compared place
    indicator: str
    asked: str  # the what-if value typed for it, as typed
    annual: Decimal | None
    ten_year: Decimal | None
    value: costs.IndicatorValue | None
    price_cny: Decimal | None
    place_name: str  # the value's place: a province when a city falls back to it
    fallback: bool
    sample: bool
    stale: bool
    overridden: bool


@dataclass(frozen=True)
class PlaceColumn:
    code: str
    name: str
    annual: Decimal | None
    ten_year: Decimal | None
    index: Decimal | None
    quality: Decimal | None
    quality_index: Decimal | None
    quadrant: str
    cells: tuple[Cell, ...]
    missing: tuple[str, ...]
    samples: int
    stales: int


def quadrant_label(quadrant: Quadrant | None) -> str:
    if quadrant is None:
        return ""
    labels = {
        Quadrant.LOW_COST_HIGH_QUALITY: _("Lower cost, higher quality"),
        Quadrant.LOW_COST_LOW_QUALITY: _("Lower cost, lower quality"),
        Quadrant.HIGH_COST_HIGH_QUALITY: _("Higher cost, higher quality"),
        Quadrant.HIGH_COST_LOW_QUALITY: _("Higher cost, lower quality"),
    }
    return str(labels[quadrant])


def columns(
    study: CostStudy, names: Mapping[str, str], asked: Mapping[str, str] | None = None
) -> list[PlaceColumn]:
    """One column per compared place, items in the profile's order; `asked`: the what-if fields."""
    asked = asked or {}
    points = {point.place: point for point in study.matrix}
    result = []
    for cost in study.comparison.places:
        by_item = {item.item.indicator: item for item in cost.items}
        cells = tuple(
            _cell(
                study,
                cost.place,
                item.indicator,
                by_item.get(item.indicator),
                names,
                asked.get(f"v-{cost.place}-{item.indicator}", ""),
            )
            for item in study.profile.items
        )
        point = points.get(cost.place)
        quality = study.quality.get(cost.place)
        result.append(
            PlaceColumn(
                cost.place,
                names.get(cost.place, cost.place),
                yuan(cost.annual_cost),
                yuan(study.ten_year(cost.annual_cost)),
                tenth(cost.index),
                tenth(quality.score if quality else None),
                tenth(point.quality_index if point else None),
                quadrant_label(point.quadrant if point else None),
                cells,
                cost.missing,
                sum(c.sample for c in cells),
                sum(c.stale for c in cells),
            )
        )
    return result


def _cell(
    study: CostStudy,
    place: str,
    indicator: str,
    item: costs.ItemCost | None,
    names: Mapping[str, str],
    asked: str,
) -> Cell:
    if item is None:
        return Cell(place, indicator, asked, None, None, None, None, "", False, False, False, False)
    value = item.value
    return Cell(
        place, indicator, asked, yuan(item.annual_cost),
        yuan(study.ten_year(item.annual_cost)), value,
        item.price_cny, names.get(value.place, value.place), value.place != place,
        is_sample(value), item.stale, item.overridden,
    )  # fmt: skip


def ranking(cols: Sequence[PlaceColumn]) -> list[PlaceColumn]:
    """Complete places from the lowest cost index up; incomplete ones last."""
    return sorted(cols, key=lambda c: (c.index is None, c.index or Decimal(0), c.code))


def sources(
    study: CostStudy, names: Mapping[str, str], labels: Mapping[str, str]
) -> list[dict[str, object]]:
    """Every value the comparison used, once: place, indicator, value, source, dates, status."""
    seen: dict[tuple[str, str, object], dict[str, object]] = {}
    for cost in study.comparison.places:
        for item in cost.items:
            value = item.value
            key = (value.place, value.indicator, value.on)
            seen.setdefault(
                key,
                {
                    "place": names.get(value.place, value.place),
                    "indicator": labels.get(value.indicator, value.indicator),
                    "value": value.value.normalize(), "unit": value.unit, "on": value.on,
                    "source": value.source.document, "publisher": value.source.publisher,
                    "published": value.source.published, "sample": is_sample(value),
                    "status": value.status.value if value.status else "",
                },
            )  # fmt: skip
    return sorted(seen.values(), key=lambda row: (str(row["place"]), str(row["indicator"])))


def source_groups(
    rows: Sequence[Mapping[str, object]], indicator_order: Sequence[str]
) -> list[dict[str, object]]:
    """The rows of :func:`sources` once per source (document, publisher, publication, status).

    Each group lists the indicators it gives, in `indicator_order` (labels), and for each
    indicator the dates of its values with the places dated so; plus the group's first and
    last date. Every value's source and date stays findable, in a few lines per source
    instead of one row per place and indicator (the report PDF lays it out as plain text).
    """
    position = {label: number for number, label in enumerate(indicator_order)}
    groups: dict[tuple[object, ...], dict[str, object]] = {}
    for row in rows:
        key = (row["source"], row["publisher"], row["published"], row["status"])
        group = groups.setdefault(
            key,
            {"source": row["source"], "publisher": row["publisher"],
             "published": row["published"], "sample": row["sample"],
             "estimated": row["status"] == "estimated", "indicators": {}},
        )  # fmt: skip
        indicators: dict[str, dict[object, list[str]]] = group["indicators"]  # type: ignore[assignment]
        indicators.setdefault(str(row["indicator"]), {}).setdefault(row["on"], []).append(
            str(row["place"])
        )
    result = []
    for group in groups.values():
        found: dict[str, dict[object, list[str]]] = group.pop("indicators")  # type: ignore[assignment]
        days = [day for dates in found.values() for day in dates]
        result.append(
            group
            | {
                "first": min(days),  # type: ignore[type-var]
                "last": max(days),  # type: ignore[type-var]
                "indicators": [
                    {
                        "indicator": label,
                        "dates": [
                            {"on": day, "places": sorted(places)}
                            for day, places in sorted(found[label].items(), reverse=True)  # type: ignore[arg-type]
                        ],
                    }
                    for label in sorted(found, key=lambda text: (position.get(text, 10**6), text))
                ],
            }
        )
    return sorted(result, key=lambda group: (str(group["source"]), str(group["publisher"])))
