"""Converting deal amounts to the reporting currency with a dated rate.

Amounts in different currencies are never summed raw: each is converted with the
latest rate on or before the amount's date, and the rate used is kept so pages can
show it. A missing rate is a problem, not a zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from duijie_core.money import ExchangeRate, Money, convert
from duijie_core.problems import Problem

__all__ = ["Conversion", "convert_on", "pick_rate", "rate_either_way"]


@dataclass(frozen=True)
class Conversion:
    """`money` converted to `converted` with `rate` (None when no conversion was needed)."""

    money: Money
    converted: Money
    rate: ExchangeRate | None


def pick_rate(
    rates: Iterable[ExchangeRate], *, base: str, quote: str, on: date
) -> ExchangeRate | None:
    """The latest `base`→`quote` rate dated on or before `on`, or None."""
    usable = [r for r in rates if r.base == base and r.quote == quote and r.on <= on]
    return max(usable, key=lambda r: r.on, default=None)


def rate_either_way(
    rates: Iterable[ExchangeRate], *, base: str, quote: str, on: date
) -> ExchangeRate | None:
    """The `base`→`quote` rate in force on `on`: the stored one (:func:`pick_rate`), else the
    inverse of the stored `quote`→`base` rate (1 ÷ rate, same date); None when neither is."""
    rates = list(rates)
    direct = pick_rate(rates, base=base, quote=quote, on=on)
    if direct is not None:
        return direct
    inverse = pick_rate(rates, base=quote, quote=base, on=on)
    if inverse is None:
        return None
    return ExchangeRate(base, quote, Decimal(1) / inverse.rate, inverse.on)


def convert_on(
    money: Money, *, quote: str, on: date, rates: Iterable[ExchangeRate]
) -> Conversion | Problem:
    """`money` in `quote` at the rate in force on `on`, or a ``no_rate`` problem."""
    if money.currency == quote:
        return Conversion(money, money, None)
    rate = pick_rate(rates, base=money.currency, quote=quote, on=on)
    if rate is None:
        return Problem("no_rate", {"base": money.currency, "quote": quote, "on": on.isoformat()})
    return Conversion(money, convert(money, rate), rate)
