"""The unit grammar and the one rule that turns quantity × price into a yearly cost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.costs import CostError, annual_pairing, parse_quantity_unit, parse_unit
from duijie_core.costs.units import PERIODS, QuantityUnit, Unit
from duijie_core.money import CURRENCIES


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("CNY/m2/year", Unit("CNY", "m2", "year")),
        ("CNY/kWh", Unit("CNY", "kWh", None)),
        ("HKD/person/month", Unit("HKD", "person", "month")),
        ("CNY/CNY/year", Unit("CNY", "CNY", "year")),
        ("score", Unit(None, "score", None)),
    ],
)
def test_indicator_units(text: str, unit: Unit) -> None:
    assert parse_unit(text) == unit
    assert str(unit) == text


@pytest.mark.parametrize(
    "text",
    ["", "CNY", "RMB/m2", "CNY/", "CNY/m2/week", "CNY/m2/year/x", "cny/m2", "CNY/2m", "m2/year",
     "CNY/m 2", "CNY//year"],
)  # fmt: skip
def test_bad_indicator_units(text: str) -> None:
    with pytest.raises(CostError) as caught:
        parse_unit(text)
    assert (caught.value.code, caught.value.params) == ("bad_unit", {"unit": text})


def test_quantity_units() -> None:
    assert parse_quantity_unit("m2") == QuantityUnit("m2")
    assert parse_quantity_unit("person-month") == QuantityUnit("person", "month")
    for bad in ("", "person-week", "-month", "m2-", "kW h", "person-month-year"):
        with pytest.raises(CostError) as caught:
            parse_quantity_unit(bad)
        assert caught.value.code == "bad_quantity_unit"


@pytest.mark.parametrize(
    ("quantity", "price"),
    [
        ("m2", "CNY/m2/year"),  # held through the year
        ("m2-year", "CNY/m2/year"),
        ("kWh", "CNY/kWh"),  # used in a year
        ("person-month", "CNY/person/month"),  # explicit person-months per year
        ("kW-day", "HKD/kW/day"),
    ],
)
def test_pairs_that_make_a_yearly_cost(quantity: str, price: str) -> None:
    assert annual_pairing(quantity, price) is None


def test_a_monthly_price_is_never_multiplied_by_twelve_implicitly() -> None:
    with pytest.raises(CostError) as caught:
        annual_pairing("person", "CNY/person/month")
    assert caught.value.code == "period_not_annual"
    assert caught.value.params == {
        "item_unit": "person",
        "indicator_unit": "CNY/person/month",
        "expected": "person-month",
    }


@pytest.mark.parametrize(
    ("quantity", "price", "code"),
    [
        ("m2", "CNY/kWh", "unit_mismatch"),
        ("kWh-month", "CNY/kWh", "unit_mismatch"),
        ("person-month", "CNY/person/year", "unit_mismatch"),
        ("m2", "score", "not_a_price"),
    ],
)
def test_refused_pairs(quantity: str, price: str, code: str) -> None:
    with pytest.raises(CostError) as caught:
        annual_pairing(quantity, price)
    assert caught.value.code == code


tokens = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,6}", fullmatch=True)


@given(st.sampled_from(sorted(CURRENCIES)), tokens, st.sampled_from((None, *PERIODS)))
def test_every_price_unit_reads_back(currency: str, per: str, period: str | None) -> None:
    unit = Unit(currency, per, period)
    assert parse_unit(str(unit)) == unit


@given(st.text(max_size=30))
def test_any_text_is_a_unit_or_a_bad_unit(text: str) -> None:
    for parse in (parse_unit, parse_quantity_unit):
        try:
            parse(text)
        except CostError as error:
            assert error.code in {"bad_unit", "bad_quantity_unit"}
