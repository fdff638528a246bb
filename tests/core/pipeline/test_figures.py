import statistics
from collections import Counter
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from duijie_core.pipeline.figures import (
    SPEED_PAIRS,
    Rates,
    StageCounts,
    is_stalled,
    median,
    median_from_histogram,
    milestone_gaps,
    percentage,
    rates,
    stall_cutoff,
)
from duijie_core.pipeline.stages import Stage


def test_rates_are_shares_of_signed_deals():
    counts = StageCounts(
        signed=8,
        registered=6,
        land_acquired=4,
        construction_started=3,
        operating=1,
        amount_signed=Decimal("1000"),
        amount_arrived=Decimal("333"),
    )
    assert rates(counts) == Rates(
        fulfilment=Decimal("75.0"),
        landing=Decimal("50.0"),
        start=Decimal("37.5"),
        operation=Decimal("12.5"),
        capital=Decimal("33.3"),
    )


def test_no_signed_deals_means_no_rate_not_zero():
    counts = StageCounts(0, 0, 0, 0, 0, Decimal(0), Decimal(0))
    assert rates(counts) == Rates(None, None, None, None, None)
    assert percentage(0, 5) == Decimal("0.0")


def test_median_of_odd_and_even_histograms():
    assert median_from_histogram({10: 1, 20: 1, 300: 1}) == Decimal(20)
    assert median_from_histogram({10: 2, 30: 2}) == Decimal(20)
    assert median_from_histogram({5: 0, 7: 3}) == Decimal(7)
    assert median_from_histogram({}) is None


def test_stall_rule():
    today = date(2025, 6, 1)
    assert is_stalled(
        stage=Stage.SIGNED, last_progress_on=date(2025, 3, 3), today=today, stall_days=90
    )
    assert not is_stalled(
        stage=Stage.SIGNED, last_progress_on=date(2025, 3, 4), today=today, stall_days=90
    )
    assert not is_stalled(
        stage=Stage.OPERATING, last_progress_on=date(2020, 1, 1), today=today, stall_days=90
    )
    assert stall_cutoff(today=today, stall_days=90) == date(2025, 3, 3)


@given(st.lists(st.integers(min_value=-1000, max_value=5000), max_size=60))
def test_median_matches_the_statistics_module(values):
    expected = None if not values else Decimal(str(statistics.median(values)))
    assert median(values) == expected
    histogram = Counter(values)
    assert median_from_histogram(histogram) == median(values)


def test_milestone_gaps_follow_the_speed_pairs():
    reached = {
        Stage.SIGNED: date(2025, 5, 14),
        Stage.REGISTERED: date(2025, 6, 13),
        Stage.LAND_ACQUIRED: date(2025, 6, 13),
    }
    assert milestone_gaps(reached) == (30, 0, None, None, None, None)
    reached[Stage.OPERATING] = date(2026, 5, 14)
    assert milestone_gaps(reached)[-1] == 365
    assert milestone_gaps({}) == (None,) * len(SPEED_PAIRS)
