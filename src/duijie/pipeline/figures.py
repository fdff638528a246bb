"""Dashboard figures aggregated in the database: a fixed number of queries per figure,
whatever the number of deals (conditional aggregation over the denormalised Deal).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum

from duijie.pipeline.filters import MILESTONE_FIELDS
from duijie.pipeline.models import Deal
from duijie.reference.models import AdminDivision, Edition, KeyIndustry, PromotionMethod
from duijie_core.pipeline.figures import Rates, StageCounts, median_from_histogram, rates

SIGNED = Q(signed_on__isnull=False)
CONVERTED = SIGNED & Q(amount_cny__isnull=False)
DIMENSIONS = {
    "edition": ("edition", Edition),
    "city": ("city", AdminDivision),
    "industry": ("key_industry", KeyIndustry),
    "method": ("methods", PromotionMethod),
}
SPEED_PAIRS = (
    ("signed", "registered"),
    ("registered", "land_acquired"),
    ("land_acquired", "construction_started"),
    ("construction_started", "topped_out"),
    ("topped_out", "operating"),
    ("signed", "operating"),
)


def _aggregates() -> dict[str, object]:
    """Conditional aggregates giving a StageCounts plus the number of deals."""
    counts = {
        name: Count("pk", filter=Q(**{f"{field}__isnull": False}))
        for name, field in MILESTONE_FIELDS.items()
        if name != "topped_out"
    }
    return {
        "deals": Count("pk"),
        **counts,
        "amount_signed": Sum("amount_cny", filter=CONVERTED),
        "amount_arrived": Sum("arrived_cny", filter=CONVERTED),
        "unconverted": Count(
            "pk", filter=SIGNED & Q(amount__isnull=False, amount_cny__isnull=True)
        ),
    }


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
    counts = StageCounts(
        signed=int(row["signed"]),
        registered=int(row["registered"]),
        land_acquired=int(row["land_acquired"]),
        construction_started=int(row["construction_started"]),
        operating=int(row["operating"]),
        amount_signed=Decimal(row["amount_signed"] or 0),
        amount_arrived=Decimal(row["amount_arrived"] or 0),
    )
    deals, unconverted = int(row["deals"]), int(row["unconverted"])
    return Group(key, label, deals, counts, rates(counts), unconverted)


def totals(deals: QuerySet[Deal], label: str = "") -> Group:
    """The figures of all `deals` (one query)."""
    return _group(None, label, deals.aggregate(**_aggregates()))


def by_dimension(deals: QuerySet[Deal], dimension: str, *, empty_label: str) -> list[Group]:
    """The figures per edition, city, industry or method (two queries).

    A deal with two promotion methods counts once under each method.
    """
    field, model = DIMENSIONS[dimension]
    grouped = deals.values(field).annotate(**_aggregates())
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
    """Median days between milestones (one grouped query per pair, histogram in Python)."""
    return [_speed(deals, start, end) for start, end in SPEED_PAIRS]


class DaysBetween(Func):
    """Whole days from the date field `earlier` to the date field `later`, in the database.

    SQLite (julianday) and PostgreSQL (date − date is an integer) spell it
    differently; both branches run in the test suite. Other backends are not supported.
    """

    output_field = IntegerField()

    def __init__(self, later: str, earlier: str) -> None:
        super().__init__(F(later), F(earlier))

    def as_sqlite(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        template = "CAST(julianday(%(expressions)s) AS INTEGER)"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )


def _speed(deals: QuerySet[Deal], start: str, end: str) -> Speed:
    first, second = MILESTONE_FIELDS[start], MILESTONE_FIELDS[end]
    reached = deals.filter(**{f"{first}__isnull": False, f"{second}__isnull": False})
    rows = reached.annotate(gap=DaysBetween(second, first)).values("gap").annotate(n=Count("pk"))
    histogram: dict[int, int] = {}
    for row in rows.order_by():
        histogram[int(row["gap"])] = histogram.get(int(row["gap"]), 0) + row["n"]
    return Speed(start, end, sum(histogram.values()), median_from_histogram(histogram))
