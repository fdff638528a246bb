"""Dashboard figures aggregated in the database: a fixed number of queries per figure,
whatever the number of deals (conditional aggregation over the denormalised Deal,
one pass per figure; speed reads the stored day gaps between milestones).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, Count, F, Q, QuerySet, Sum

from duijie.pipeline.filters import MILESTONE_FIELDS
from duijie.pipeline.models import GAP_FIELDS, Deal
from duijie.reference.models import AdminDivision, Edition, KeyIndustry, PromotionMethod
from duijie_core.pipeline.figures import SPEED_PAIRS as CORE_SPEED_PAIRS
from duijie_core.pipeline.figures import Rates, StageCounts, median, rates

SIGNED = Q(signed_on__isnull=False)
DIMENSIONS = {
    "edition": ("edition", Edition),
    "city": ("city", AdminDivision),
    "industry": ("key_industry", KeyIndustry),
    "method": ("methods", PromotionMethod),
}
SPEED_PAIRS = tuple((start.name.lower(), end.name.lower()) for start, end in CORE_SPEED_PAIRS)
MILESTONES = ("signed", "registered", "land_acquired", "construction_started", "operating")
AMOUNTS = ("amount_signed", "amount_arrived")
# Which aggregates each use needs (fewer expressions = a cheaper pass over the rows).
NEEDS = {
    "all": (*MILESTONES, *AMOUNTS, "unconverted"),
    "rates": (*MILESTONES, *AMOUNTS),
    "amounts": (*AMOUNTS, "unconverted"),
    "trend": ("signed", "operating"),
}


def _aggregate(name: str) -> Aggregate:
    """One conditional aggregate; COUNT(column) counts the deals whose milestone is dated."""
    if name in MILESTONE_FIELDS:
        return Count(MILESTONE_FIELDS[name])
    if name == "amount_signed":
        return Sum("amount_cny", filter=SIGNED)
    if name == "amount_arrived":
        return Sum("arrived_cny", filter=SIGNED & Q(amount_cny__isnull=False))
    return Count("pk", filter=SIGNED & Q(amount__isnull=False, amount_cny__isnull=True))


def _aggregates(need: str = "all") -> dict[str, Aggregate]:
    """The aggregates of `need` plus the number of deals, in one pass."""
    return {"deals": Count("pk"), **{name: _aggregate(name) for name in NEEDS[need]}}


@dataclass(frozen=True)
class Group:
    """The figures of one group of deals (one edition, city, industry or method)."""

    key: int | None
    label: str
    deals: int
    counts: StageCounts
    rates: Rates
    unconverted: int


def _group(key: int | None, label: str, row: dict[str, Any]) -> Group:
    """A Group from an aggregate row (aggregates not asked for count as 0)."""
    counts = StageCounts(
        **{name: int(row.get(name) or 0) for name in MILESTONES},
        **{name: Decimal(row.get(name) or 0) for name in AMOUNTS},
    )
    deals, unconverted = int(row["deals"]), int(row.get("unconverted") or 0)
    return Group(key, label, deals, counts, rates(counts), unconverted)


def totals(deals: QuerySet[Deal], label: str = "", **extra: Aggregate) -> tuple[Group, dict]:
    """The figures of all `deals` plus the `extra` aggregates (one query)."""
    row = deals.aggregate(**_aggregates(), **extra)
    return _group(None, label, row), {name: row[name] for name in extra}


def by_dimension(
    deals: QuerySet[Deal], dimension: str, *, empty_label: str, need: str = "all"
) -> list[Group]:
    """The figures per edition, city, industry or method (two queries).

    A deal with two promotion methods counts once under each method. `need` picks
    the aggregates computed (see :data:`NEEDS`); the others read as 0.
    """
    field, model = DIMENSIONS[dimension]
    grouped = deals.values(field).annotate(**_aggregates(need))
    rows = list(grouped.order_by(F(field).asc(nulls_first=True)))
    names = model.objects.in_bulk([r[field] for r in rows if r[field] is not None])
    groups = [
        _group(r[field], names[r[field]].display_name() if r[field] in names else empty_label, r)
        for r in rows
    ]
    if dimension == "edition":
        groups.sort(key=lambda g: names[g.key].starts_on.toordinal() if g.key in names else 0)
    return groups


def by_stage(deals: QuerySet[Deal]) -> dict[int, int]:
    """How many deals are at each current stage (one query)."""
    rows = deals.values("stage").annotate(n=Count("pk")).order_by("stage")
    return {r["stage"]: r["n"] for r in rows}


@dataclass(frozen=True)
class Speed:
    """Median days from one milestone to the next, over deals that reached both."""

    start: str
    end: str
    deals: int
    median_days: Decimal | None


def speed(deals: QuerySet[Deal]) -> list[Speed]:
    """Median days between milestones, from the stored day gaps (one narrow query).

    Every pair ends at *registered* or later, and reaching a later stage dates the
    skipped ones, so only deals that reached *registered* are read. Medians of whole
    days; an even count averages the two middle values.
    """
    rows = deals.filter(registered_on__isnull=False).values_list(*GAP_FIELDS).order_by()
    columns = list(zip(*rows, strict=True)) or [() for _ in GAP_FIELDS]
    columns = [[gap for gap in column if gap is not None] for column in columns]
    return [
        Speed(start, end, len(column), median(column))
        for (start, end), column in zip(SPEED_PAIRS, columns, strict=True)
    ]
