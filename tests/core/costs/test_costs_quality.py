"""Weighted quality scores and the cost × quality matrix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duijie_core.costs import CostError, compare, cost_quality_matrix, price_book, quality_scores
from duijie_core.costs.quality import Quadrant
from tests.core.costs.factories import TODAY, profile, value

WEIGHTS = {"education": Decimal(2), "talent": Decimal(1), "medical_care": Decimal(0)}
ROWS = [
    value("4301", "land", "10"),
    value("4201", "land", "20"),
    value("4101", "land", "30"),
    value("4301", "quality.education", "80", "score"),
    value("4301", "quality.talent", "50", "score"),
    value("4201", "quality.education", "60", "score"),
    value("4201", "quality.talent", "90", "score"),
    value("4101", "quality.education", "70", "score"),  # no talent score
]
BOOK = price_book(ROWS, [], TODAY)


def test_weighted_mean_and_missing_factor() -> None:
    changsha, wuhan, zhengzhou = quality_scores(["4301", "4201", "4101"], BOOK, WEIGHTS)
    assert changsha.score == Decimal(70)  # (2 × 80 + 1 × 50) / 3
    assert wuhan.score == Decimal(70)  # (2 × 60 + 90) / 3
    assert zhengzhou.score is None
    assert zhengzhou.missing == ("talent",)
    assert zhengzhou.factors == {"education": Decimal(70)}


def test_matrix_points_and_quadrants() -> None:
    comparison = compare(profile(("land", "1", "m2")), ["4301", "4201", "4101"], BOOK)
    weights = {"education": Decimal(1)}
    points = cost_quality_matrix(comparison, BOOK, weights)
    # cost mean 20 → 50, 100, 150; education mean 70 → 114.28…, 85.71…, 100
    assert [(p.place, p.cost_index) for p in points] == [
        ("4301", Decimal(50)),
        ("4201", Decimal(100)),
        ("4101", Decimal(150)),
    ]
    assert [p.quality_index for p in points] == [
        Decimal(100) * 80 / 70,
        Decimal(100) * 60 / 70,
        Decimal(100),
    ]
    assert [p.quadrant for p in points] == [
        Quadrant.LOW_COST_HIGH_QUALITY,
        Quadrant.LOW_COST_LOW_QUALITY,
        Quadrant.HIGH_COST_HIGH_QUALITY,
    ]


def test_matrix_without_quality_data() -> None:
    comparison = compare(profile(("land", "1", "m2")), ["4101"], BOOK)
    (point,) = cost_quality_matrix(comparison, BOOK, {"talent": Decimal(1)})
    assert (point.cost_index, point.quality_index, point.quadrant) == (Decimal(100), None, None)


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ({"living_cost": Decimal(1)}, "unknown_factor"),
        ({"talent": Decimal(-1)}, "bad_weight"),
        ({"talent": Decimal(0)}, "no_weight"),
    ],
)
def test_bad_weights(weights: dict[str, Decimal], code: str) -> None:
    with pytest.raises(CostError) as caught:
        quality_scores(["4301"], BOOK, weights)
    assert caught.value.code == code


def test_scores_must_be_scores_within_0_to_100() -> None:
    for row, code in (
        (value("4301", "quality.talent", "101", "score"), "score_out_of_range"),
        (value("4301", "quality.talent", "5", "CNY/m2"), "not_a_score"),
    ):
        with pytest.raises(CostError) as caught:
            quality_scores(["4301"], price_book([row], [], TODAY), {"talent": Decimal(1)})
        assert caught.value.code == code
