"""The latest value on a day, duplicates, conversion to CNY at the value's date, staleness."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from duijie_core.costs import CostError, latest_values, price_book
from duijie_core.costs.book import is_stale, rate_table
from duijie_core.money import ExchangeRate
from tests.core.costs.factories import TODAY, hkd, value


def test_latest_value_at_or_before_today_future_rows_ignored() -> None:
    rows = [
        value("4301", "rent", "10", on=date(2024, 1, 1)),
        value("4301", "rent", "12", on=TODAY),  # today counts
        value("4301", "rent", "99", on=TODAY + timedelta(days=1)),  # not known yet
        value("4301", "rent", "11", on=date(2024, 6, 1)),  # order in the file does not matter
    ]
    latest = latest_values(rows, TODAY)
    assert latest == {("4301", "rent"): rows[1]}


def test_only_future_rows_means_no_value() -> None:
    assert latest_values([value("4301", "rent", "10", on=date(2030, 1, 1))], TODAY) == {}


def test_two_rows_for_one_date_are_an_error_naming_both() -> None:
    rows = [value("4301", "rent", "10", line=3), value("4301", "rent", "10", line=9)]
    with pytest.raises(CostError) as caught:
        latest_values(rows, TODAY)
    assert caught.value.code == "duplicate_row"
    assert caught.value.params == {
        "first": "IND.csv line 3",
        "second": "IND.csv line 9",
        "place": "4301",
        "indicator": "rent",
        "date": "2025-01-01",
    }


def test_conversion_uses_the_latest_rate_at_or_before_the_values_date() -> None:
    rates = [hkd("0.90", date(2024, 1, 1)), hkd("0.92", date(2024, 12, 31)), hkd("0.5", TODAY)]
    book = price_book([value("81", "rent", "95", "HKD/m2/year")], rates, TODAY)
    price = book.price("81", "rent")
    assert price is not None
    assert price.cny == Decimal("87.40")  # 95 × 0.92, not the later 0.5
    assert price.rate == rates[1]


def test_a_value_without_a_rate_fails_only_when_used() -> None:
    rows = [value("81", "rent", "95", "HKD/m2/year", line=4)]
    book = price_book(rows, [hkd("0.92", date(2025, 2, 1))], TODAY)  # rate after the value
    with pytest.raises(CostError) as caught:
        book.price("81", "rent")
    assert caught.value.code == "no_rate"
    assert caught.value.params == {
        "currency": "HKD",
        "date": "2025-01-01",
        "where": "IND.csv line 4",
    }
    assert book.price("4301", "rent") is None


def test_rates_must_be_into_cny_and_unique_per_day() -> None:
    with pytest.raises(CostError) as caught:
        rate_table([ExchangeRate("HKD", "USD", Decimal("0.13"), TODAY)])
    assert caught.value.code == "bad_rate_pair"
    with pytest.raises(CostError) as caught:
        rate_table([hkd("0.9", TODAY), hkd("0.91", TODAY)])
    assert caught.value.params == {"currency": "HKD", "date": "2025-06-01"}


def test_plain_values_have_no_price_but_are_known() -> None:
    book = price_book([value("4301", "quality.talent", "80", "score")], [], TODAY)
    assert book.price("4301", "quality.talent") is None
    assert book.latest[("4301", "quality.talent")].value == Decimal(80)


def test_stale_when_older_than_the_maximum_age() -> None:
    row = value("4301", "rent", "10", on=date(2024, 6, 1))  # 365 days before TODAY
    assert is_stale(row, TODAY, timedelta(days=364))
    assert not is_stale(row, TODAY, timedelta(days=365))
    assert not is_stale(row, TODAY, None)


def test_a_conversion_beyond_moneys_limit_is_refused_naming_the_row() -> None:
    rows = [value("81", "rent", "900000000000000000", "GBP/m2/year", line=5)]
    rate = ExchangeRate("GBP", "CNY", Decimal("9.2"), date(2024, 1, 1))
    with pytest.raises(CostError) as caught:
        price_book(rows, [rate], TODAY).price("81", "rent")
    assert caught.value.code == "bad_value"
    assert caught.value.params["where"] == "IND.csv line 5"
