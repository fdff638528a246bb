"""The unit grammar of indicators and profile quantities, and the one rule that pairs them.

Indicator units::

    <currency>/<unit>[/<period>]     a price: CNY/m2/year, CNY/kWh, CNY/person/month
    <unit>                           a plain measure (no currency): score, percent

Profile quantity units::

    <unit>[-<period>]                m2, kWh, t, person, person-month, kW-month

`<currency>` is one of `duijie_core.money.CURRENCIES`; `<unit>` is a letter followed by
letters and digits (case matters: ``kWh``); `<period>` is ``day``, ``month`` or ``year``.
Profile quantities are yearly. An item's yearly cost is quantity × price when, and only
when, one of these holds (see `annual_pairing`):

- price ``C/U/year``, quantity ``U``: U held through the year (floor space, staff on
  a yearly wage);
- price ``C/U``, quantity ``U``: U used in a year (electricity, water, freight);
- price ``C/U/P``, quantity ``U-P``: U·P per year (``person-month`` for a monthly wage,
  ``kW-month`` for a monthly capacity charge).

Nothing is implied: a monthly wage with a quantity in ``person`` is refused, never
multiplied by 12 behind the reader's back; write ``person-month`` (12 × heads) instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duijie_core.costs.errors import CostError
from duijie_core.money import CURRENCIES

__all__ = ["PERIODS", "QuantityUnit", "Unit", "annual_pairing", "parse_quantity_unit", "parse_unit"]

PERIODS = ("day", "month", "year")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Unit:
    """An indicator unit: a price (`currency` set) or a plain measure (`currency` None)."""

    currency: str | None
    per: str
    period: str | None = None

    def __str__(self) -> str:
        parts = [self.currency, self.per, self.period]
        return "/".join(part for part in parts if part)


@dataclass(frozen=True)
class QuantityUnit:
    """A profile quantity unit: `base` or `base`-`period` (person-month)."""

    base: str
    period: str | None = None

    def __str__(self) -> str:
        return f"{self.base}-{self.period}" if self.period else self.base


@lru_cache(maxsize=1024)
def parse_unit(text: str) -> Unit:
    """Read an indicator unit; raise `CostError` ``bad_unit`` for anything outside the grammar."""
    parts = text.split("/")
    if len(parts) == 1 and _is_token(parts[0]) and parts[0] not in CURRENCIES:
        return Unit(None, parts[0])
    if not 2 <= len(parts) <= 3 or parts[0] not in CURRENCIES or not _is_token(parts[1]):
        raise CostError("bad_unit", unit=text)
    if len(parts) == 3 and parts[2] not in PERIODS:
        raise CostError("bad_unit", unit=text)
    return Unit(parts[0], parts[1], parts[2] if len(parts) == 3 else None)


@lru_cache(maxsize=1024)
def parse_quantity_unit(text: str) -> QuantityUnit:
    """Read a profile quantity unit; raise `CostError` ``bad_quantity_unit`` otherwise."""
    base, dash, period = text.partition("-")
    if not _is_token(base) or (dash and period not in PERIODS):
        raise CostError("bad_quantity_unit", unit=text)
    return QuantityUnit(base, period or None)


def _is_token(text: str) -> bool:
    return _TOKEN.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def annual_pairing(quantity_unit: str, indicator_unit: str) -> None:
    """Check that quantity × price is a yearly cost (the three rules above); raise otherwise.

    Codes: ``not_a_price`` (the indicator has no currency), ``period_not_annual`` (a price
    per month or day against a quantity without that period: the parameter `expected`
    names the quantity unit that would pair), ``unit_mismatch`` (anything else).
    """
    quantity, price = parse_quantity_unit(quantity_unit), parse_unit(indicator_unit)
    params = {"item_unit": quantity_unit, "indicator_unit": indicator_unit}
    if price.currency is None:
        raise CostError("not_a_price", **params)
    if quantity.base != price.per:
        raise CostError("unit_mismatch", **params)
    if quantity.period == price.period or (quantity.period is None and price.period == "year"):
        return
    if quantity.period is None:
        expected = str(QuantityUnit(price.per, price.period))
        raise CostError("period_not_annual", expected=expected, **params)
    raise CostError("unit_mismatch", **params)
