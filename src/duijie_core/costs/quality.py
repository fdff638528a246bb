"""The quality axis: weighted quality factors → score, and the cost × quality matrix.

The factors are the six "good" and the one "excellent" of 一低六好一優 (the "one low",
living cost, is on the cost axis). A place's score for a factor is the latest value of
the indicator ``quality.<factor>`` in the unit ``score`` (0–100, higher is better),
from the same `PriceBook` as the costs, so it obeys the same source, date and
latest-value rules. The quality score is the weighted mean of the factor scores; a
place without a score for a factor of positive weight has no quality score (the same
rule as an incomplete cost total). The quality index puts the mean score of the
complete peers at 100, like the cost index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from duijie_core.costs.book import PriceBook
from duijie_core.costs.compare import HUNDRED, Comparison
from duijie_core.costs.errors import CostError

__all__ = [
    "QUALITY_FACTORS",
    "MatrixPoint",
    "Quadrant",
    "QualityScore",
    "cost_quality_matrix",
    "quality_scores",
]

QUALITY_FACTORS = (
    "education",
    "medical_care",
    "industrial_base",
    "open_platforms",
    "research_platforms",
    "talent",
    "business_environment",
)
SCORE_UNIT = "score"
MAX_SCORE = Decimal(100)


def factor_indicator(factor: str) -> str:
    """The indicator name holding `factor`'s score: ``quality.education``."""
    return f"quality.{factor}"


@dataclass(frozen=True)
class QualityScore:
    """A place's weighted quality score (None when a weighted factor is missing)."""

    place: str
    score: Decimal | None
    factors: Mapping[str, Decimal]
    missing: tuple[str, ...]


def _check_weights(weights: Mapping[str, Decimal]) -> None:
    for factor, weight in weights.items():
        if factor not in QUALITY_FACTORS:
            raise CostError("unknown_factor", factor=factor)
        if not isinstance(weight, Decimal) or not weight.is_finite() or weight < 0:
            raise CostError("bad_weight", factor=factor, value=str(weight))
    if not sum(weights.values(), Decimal(0)):
        raise CostError("no_weight")


def _factor_score(book: PriceBook, place: str, factor: str) -> Decimal | None:
    value = book.latest.get((place, factor_indicator(factor)))
    if value is None:
        return None
    if value.unit != SCORE_UNIT:
        raise CostError("not_a_score", unit=value.unit, where=value.where)
    if value.value > MAX_SCORE:
        raise CostError("score_out_of_range", value=str(value.value), where=value.where)
    return value.value


def quality_scores(
    places: Sequence[str], book: PriceBook, weights: Mapping[str, Decimal]
) -> tuple[QualityScore, ...]:
    """Weighted quality score of each place (factors of weight 0 are ignored)."""
    _check_weights(weights)
    used = [factor for factor in QUALITY_FACTORS if weights.get(factor, Decimal(0)) > 0]
    total_weight = sum((weights[factor] for factor in used), Decimal(0))
    results = []
    for place in places:
        found = {f: s for f in used if (s := _factor_score(book, place, f)) is not None}
        missing = tuple(f for f in used if f not in found)
        weighted = sum((weights[f] * found[f] for f in found), Decimal(0))
        score = None if missing else weighted / total_weight
        results.append(QualityScore(place, score, found, missing))
    return tuple(results)


class Quadrant(StrEnum):
    """Where a place falls against the peer averages (cost index 100, quality index 100)."""

    LOW_COST_HIGH_QUALITY = "low_cost_high_quality"
    LOW_COST_LOW_QUALITY = "low_cost_low_quality"
    HIGH_COST_HIGH_QUALITY = "high_cost_high_quality"
    HIGH_COST_LOW_QUALITY = "high_cost_low_quality"


@dataclass(frozen=True)
class MatrixPoint:
    """One place on the cost × quality matrix; None axes when the data is incomplete."""

    place: str
    cost_index: Decimal | None
    quality_index: Decimal | None
    quadrant: Quadrant | None


def cost_quality_matrix(
    comparison: Comparison, book: PriceBook, weights: Mapping[str, Decimal]
) -> tuple[MatrixPoint, ...]:
    """The places of `comparison` with their cost index and quality index (peers = 100).

    At exactly 100 a place counts as low cost and high quality (at least as good as peers).
    """
    places = [cost.place for cost in comparison.places]
    scores = {q.place: q.score for q in quality_scores(places, book, weights)}
    peer_scores = [q.score for q in quality_scores(comparison.peers, book, weights)]
    known = [score for score in peer_scores if score is not None]
    average = sum(known, Decimal(0)) / len(known) if known else None
    points = []
    for cost in comparison.places:
        score = scores[cost.place]
        quality = HUNDRED * score / average if score is not None and average else None
        points.append(MatrixPoint(cost.place, cost.index, quality, _quadrant(cost.index, quality)))
    return tuple(points)


def _quadrant(cost: Decimal | None, quality: Decimal | None) -> Quadrant | None:
    if cost is None or quality is None:
        return None
    if cost <= HUNDRED:
        return (
            Quadrant.LOW_COST_HIGH_QUALITY if quality >= HUNDRED else Quadrant.LOW_COST_LOW_QUALITY
        )
    return Quadrant.HIGH_COST_HIGH_QUALITY if quality >= HUNDRED else Quadrant.HIGH_COST_LOW_QUALITY
