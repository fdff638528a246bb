"""Indicator values, profiles and rates for the cost-model tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from duijie_core.costs import IndicatorValue, Profile, ProfileItem, Source
from duijie_core.money import ExchangeRate

TODAY = date(2025, 6, 1)


def value(
    place: str,
    indicator: str,
    amount: str,
    unit: str = "CNY/m2/year",
    on: date = date(2025, 1, 1),
    line: int = 0,
) -> IndicatorValue:
    """A sourced value; the currency is the unit's (none for a plain unit)."""
    currency = unit.split("/")[0] if "/" in unit else ""
    origin = "IND.csv" if line else ""
    return IndicatorValue(
        place,
        indicator,
        on,
        Decimal(amount),
        unit,
        currency,
        Source("test"),
        origin=origin,
        line=line,
    )


def profile(*items: tuple[str, str, str]) -> Profile:
    """A profile from (indicator, quantity, unit) triples."""
    return Profile("plant", tuple(ProfileItem(i, Decimal(q), u) for i, q, u in items))


def hkd(rate: str, on: date) -> ExchangeRate:
    """One HKD buys `rate` CNY on `on`."""
    return ExchangeRate("HKD", "CNY", Decimal(rate), on)
