"""Pipeline figures from counts the database already aggregated.

Definitions (also in docs/pipeline.md). The *base* of every rate is the number of
counted deals that reached **signed** with evidence; counted deals exclude marked
duplicates and unresolved re-signing suspects.

- fulfilment rate (履約率) = deals that reached *registered* / signed deals;
- landing rate (落地率) = deals that reached *land acquired* / signed deals;
- construction-start rate (開工率) = deals that reached *construction started* / signed;
- operation rate (投產率) = deals that reached *operating* / signed deals;
- capital-arrival rate (資金到位率) = capital arrived / amount signed, both converted
  to the reporting currency, over the signed deals whose amounts could be converted.

A rate with a zero base is ``None`` ("no signed deals"), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from duijie_core.pipeline.stages import Stage

__all__ = [
    "RATE_NAMES",
    "SPEED_PAIRS",
    "Rates",
    "StageCounts",
    "is_stalled",
    "median",
    "median_from_histogram",
    "milestone_gaps",
    "rates",
]

RATE_NAMES = ("fulfilment", "landing", "start", "operation", "capital")
# The pairs of milestones whose gap in days the speed figure reports (and Deal stores).
SPEED_PAIRS: tuple[tuple[Stage, Stage], ...] = (
    (Stage.SIGNED, Stage.REGISTERED),
    (Stage.REGISTERED, Stage.LAND_ACQUIRED),
    (Stage.LAND_ACQUIRED, Stage.CONSTRUCTION_STARTED),
    (Stage.CONSTRUCTION_STARTED, Stage.TOPPED_OUT),
    (Stage.TOPPED_OUT, Stage.OPERATING),
    (Stage.SIGNED, Stage.OPERATING),
)
_PERCENT = Decimal("0.1")


@dataclass(frozen=True)
class StageCounts:
    """How many counted deals reached each milestone, with signed and arrived amounts."""

    signed: int
    registered: int
    land_acquired: int
    construction_started: int
    operating: int
    amount_signed: Decimal
    amount_arrived: Decimal


@dataclass(frozen=True)
class Rates:
    """The five rates as percentages with one decimal, or None when there is no base."""

    fulfilment: Decimal | None
    landing: Decimal | None
    start: Decimal | None
    operation: Decimal | None
    capital: Decimal | None


def percentage(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part / whole`` as a percentage rounded to one decimal; None if `whole` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_PERCENT)


def rates(counts: StageCounts) -> Rates:
    """The five rates of `counts`."""
    base = counts.signed
    return Rates(
        fulfilment=percentage(counts.registered, base),
        landing=percentage(counts.land_acquired, base),
        start=percentage(counts.construction_started, base),
        operation=percentage(counts.operating, base),
        capital=percentage(counts.amount_arrived, counts.amount_signed),
    )


def median_from_histogram(histogram: Mapping[int, int]) -> Decimal | None:
    """The median of values given as ``{value: how many}``; None for no values.

    With an even count the median is the mean of the two middle values.
    """
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted((value, count) for value, count in histogram.items() if count > 0)
    lower = _nth(ordered, (total - 1) // 2)
    upper = _nth(ordered, total // 2)
    return (Decimal(lower) + Decimal(upper)) / 2


def median(values: Iterable[int]) -> Decimal | None:
    """The median of `values` (None for none); even counts average the two middle ones."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return (Decimal(ordered[middle - 1]) + Decimal(ordered[middle])) / 2


def milestone_gaps(reached: Mapping[int, date]) -> tuple[int | None, ...]:
    """Whole days between the milestones of each of :data:`SPEED_PAIRS` (None if unreached).

    `reached` maps a stage to the first date it was reached (skips included).
    """
    return tuple(
        (reached[end] - reached[start]).days if start in reached and end in reached else None
        for start, end in SPEED_PAIRS
    )


def _nth(ordered: list[tuple[int, int]], index: int) -> int:
    """The value at position `index` (0-based) of the expanded sorted histogram."""
    seen = 0
    for value, count in ordered:
        seen += count
        if index < seen:
            return value
    raise IndexError(index)


def is_stalled(*, stage: Stage, last_progress_on: date, today: date, stall_days: int) -> bool:
    """Whether a deal made no progress for `stall_days` days (operating deals never stall)."""
    if stage == Stage.OPERATING:
        return False
    return today - last_progress_on >= timedelta(days=stall_days)


def stall_cutoff(*, today: date, stall_days: int) -> date:
    """Deals whose last progress is on or before this date are stalled."""
    return today - timedelta(days=stall_days)
