"""A city without a value of an indicator uses its province's; the web import's row reader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from duijie_core.costs import CostError, place_cost, price_book
from duijie_core.costs.book import with_parents
from duijie_core.costs.files import indicator_row
from tests.core.costs.factories import TODAY, profile, value

PLANT = profile(("land", "100", "m2"), ("diesel", "1000", "L"))


def test_a_city_takes_its_provinces_value_only_for_indicators_it_lacks() -> None:
    values = [
        value("43", "land", "5"),
        value("4301", "land", "12"),
        value("43", "diesel", "7.5", unit="CNY/L"),
    ]
    book = with_parents(price_book(values, [], TODAY), {"4301": "43", "4302": "43"})

    changsha = place_cost(PLANT, "4301", book)
    zhuzhou = place_cost(PLANT, "4302", book)

    assert [(i.item.indicator, i.value.place, i.annual_cost) for i in changsha.items] == [
        ("land", "4301", Decimal("1200")),
        ("diesel", "43", Decimal("7500.0")),
    ]
    assert zhuzhou.annual_cost == Decimal("500") + Decimal("7500.0")
    assert place_cost(PLANT, "43", book).annual_cost == Decimal("8000.0")


def test_a_province_never_takes_a_citys_value_and_unknown_parents_add_nothing() -> None:
    book = with_parents(price_book([value("4301", "land", "12")], [], TODAY), {"4301": "43"})
    assert place_cost(PLANT, "43", book).missing == ("land", "diesel")
    assert with_parents(book, {"4399": "99"}).latest == book.latest


def test_a_county_falls_back_to_its_city_before_its_province() -> None:
    values = [
        value("43", "land", "5"),
        value("43", "diesel", "7.5", unit="CNY/L"),
        value("4301", "land", "12"),
        value("430121", "diesel", "7", unit="CNY/L"),
    ]
    parents = {"430121": "4301", "430181": "4301", "4301": "43", "4399": "4399"}
    book = with_parents(price_book(values, [], TODAY), parents)

    county = place_cost(PLANT, "430121", book)  # its own diesel, Changsha's land
    assert [(i.item.indicator, i.value.place) for i in county.items] == [
        ("land", "4301"),
        ("diesel", "430121"),
    ]
    other = place_cost(PLANT, "430181", book)  # Changsha's land, Hunan's diesel
    assert [i.value.place for i in other.items] == ["4301", "43"]
    assert place_cost(PLANT, "4301", book).missing == ()  # the city: its land, Hunan's diesel
    assert place_cost(PLANT, "4399", book).missing == ("land", "diesel")  # a loop adds nothing


def test_a_city_value_dated_after_today_does_not_hide_the_province_value() -> None:
    values = [value("43", "land", "5"), value("4301", "land", "12", on=date(2026, 1, 1))]
    book = with_parents(price_book(values, [], TODAY), {"4301": "43"})
    assert book.latest[("4301", "land")].place == "43"


def test_an_unconvertible_province_value_stays_an_error_for_the_city() -> None:
    book = with_parents(
        price_book([value("43", "land", "5", unit="HKD/m2/year")], [], TODAY), {"4301": "43"}
    )
    with pytest.raises(CostError) as error:
        place_cost(PLANT, "4301", book)
    assert error.value.code == "no_rate"


def test_indicator_row_reads_one_row_and_names_the_column() -> None:
    row = {
        "place": "4301", "indicator": "land", "date": "2025-01-01", "value": "12.5",
        "unit": "CNY/m2/year", "currency": "CNY", "source": "sample", "status": "sample",
    }  # fmt: skip
    read = indicator_row(row)
    assert (read.place, read.value, read.where) == ("4301", Decimal("12.5"), "4301 land 2025-01-01")
    with pytest.raises(CostError) as error:
        indicator_row(row | {"date": "2025-13-01"})
    assert (error.value.code, error.value.params["column"], error.value.params["where"]) == (
        "bad_date",
        "date",
        "",
    )
    with pytest.raises(CostError) as error:
        indicator_row(row | {"currency": "HKD"})
    assert error.value.code == "currency_mismatch"
    with pytest.raises(CostError) as error:
        indicator_row({k: v for k, v in row.items() if k != "source"})
    assert (error.value.code, error.value.params["column"]) == ("missing_field", "source")
