"""The latest value at or before a day, per place and indicator, with its price in CNY.

Rules:

- rows dated after `today` are ignored (they are not known yet on that day);
- two rows for the same place, indicator and date are an error naming both rows,
  even when their values agree — one of them is a mistake and we cannot tell which;
- a value in another currency is converted to CNY with the latest `ExchangeRate`
  (base that currency, quote CNY) dated at or before the value's own date, through
  `duijie_core.money.convert`; without such a rate the value cannot be priced and
  using it is an error naming its row (`no_rate`). A value that is never used does
  not need a rate.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from duijie_core.costs.errors import CostError
from duijie_core.costs.model import IndicatorValue
from duijie_core.money import AmountError, ExchangeRate, Money, convert

__all__ = [
    "Price",
    "PriceBook",
    "RateTable",
    "is_stale",
    "latest_values",
    "price_book",
    "with_parents",
]

BASE_CURRENCY = "CNY"
Key = tuple[str, str]


@dataclass(frozen=True)
class RateTable:
    """Exchange rates into CNY, by currency, sorted by date."""

    by_currency: Mapping[str, tuple[ExchangeRate, ...]]

    def rate_on(self, currency: str, on: date) -> ExchangeRate | None:
        """The latest rate for `currency` dated at or before `on`, or None."""
        rates = self.by_currency.get(currency, ())
        position = bisect_right([rate.on for rate in rates], on)
        return rates[position - 1] if position else None


def rate_table(rates: Iterable[ExchangeRate]) -> RateTable:
    """Index `rates` (each base → CNY, one per currency and date) for lookups by date."""
    by_currency: dict[str, dict[date, ExchangeRate]] = {}
    for rate in rates:
        if rate.quote != BASE_CURRENCY or rate.base == BASE_CURRENCY:
            raise CostError("bad_rate_pair", base=rate.base, quote=rate.quote)
        dated = by_currency.setdefault(rate.base, {})
        if rate.on in dated:
            raise CostError("duplicate_rate", currency=rate.base, date=rate.on.isoformat())
        dated[rate.on] = rate
    return RateTable(
        {
            currency: tuple(dated[on] for on in sorted(dated))
            for currency, dated in by_currency.items()
        }
    )


def latest_values(values: Iterable[IndicatorValue], today: date) -> dict[Key, IndicatorValue]:
    """The latest value at or before `today` per (place, indicator); duplicates are an error."""
    seen: dict[tuple[str, str, date], IndicatorValue] = {}
    latest: dict[Key, IndicatorValue] = {}
    for value in values:
        dated = (value.place, value.indicator, value.on)
        if (first := seen.get(dated)) is not None:
            raise CostError(
                "duplicate_row",
                first=first.where,
                second=value.where,
                place=value.place,
                indicator=value.indicator,
                date=value.on.isoformat(),
            )
        seen[dated] = value
        key = (value.place, value.indicator)
        if value.on <= today and (key not in latest or latest[key].on < value.on):
            latest[key] = value
    return latest


@dataclass(frozen=True)
class Price:
    """A value with its amount in CNY per unit of the indicator (exact)."""

    value: IndicatorValue
    cny: Decimal
    rate: ExchangeRate | None


def in_cny(value: IndicatorValue, amount: Decimal, rates: RateTable) -> Price:
    """`amount` (in `value`'s currency and unit) as a CNY `Price`; ``no_rate`` if impossible."""
    if value.currency == BASE_CURRENCY:
        return Price(value, amount, None)
    rate = rates.rate_on(value.currency, value.on)
    if rate is None:
        raise CostError(
            "no_rate", currency=value.currency, date=value.on.isoformat(), where=value.where
        )
    try:
        return Price(value, convert(Money(amount, value.currency), rate).amount, rate)
    except AmountError as error:
        raise CostError(
            "bad_value", value=error.params.get("value", ""), where=value.where
        ) from None


@dataclass(frozen=True)
class PriceBook:
    """What is known on `today`: the latest value per (place, indicator) and its CNY price.

    `prices` holds the `CostError` of a value that cannot be converted; it is raised
    only when that value is used.
    """

    today: date
    latest: Mapping[Key, IndicatorValue]
    prices: Mapping[Key, Price | CostError]
    rates: RateTable

    def price(self, place: str, indicator: str) -> Price | None:
        """The CNY price of the latest value, None when there is none; raises if unconvertible."""
        price = self.prices.get((place, indicator))
        if isinstance(price, CostError):
            raise price
        return price


def price_book(
    values: Iterable[IndicatorValue], rates: Iterable[ExchangeRate], today: date
) -> PriceBook:
    """Resolve the latest values on `today` and price the money ones in CNY once."""
    table = rate_table(rates)
    latest = latest_values(values, today)
    prices: dict[Key, Price | CostError] = {}
    for key, value in latest.items():
        if value.currency:
            try:
                prices[key] = in_cny(value, value.value, table)
            except CostError as error:
                prices[key] = error
    return PriceBook(today, latest, prices, table)


def with_parents(book: PriceBook, parents: Mapping[str, str]) -> PriceBook:
    """`book` where a place of `parents` lacking an indicator uses its nearest ancestor's.

    `parents` maps a place to its parent (county → city, city → province). The rule: a
    place with no value of an indicator on or before ``book.today`` takes the latest value
    of its parent, else of its parent's parent, and so on (county → city → province); the
    value keeps the ancestor as its place, so a reader sees where it comes from. A place
    with a value of its own never mixes in an ancestor's, and a parent never takes a
    child's.
    """
    by_place: dict[str, list[Key]] = {}
    for key in book.latest:
        by_place.setdefault(key[0], []).append(key)
    latest, prices = dict(book.latest), dict(book.prices)
    for child in parents:
        for ancestor in _ancestors(child, parents):
            for key in by_place.get(ancestor, ()):
                own = (child, key[1])
                if own not in latest:
                    latest[own] = book.latest[key]
                    if key in book.prices:
                        prices[own] = book.prices[key]
    return PriceBook(book.today, latest, prices, book.rates)


def _ancestors(place: str, parents: Mapping[str, str]) -> list[str]:
    """`place`'s parent, its parent's parent … (nearest first; a cycle ends the walk)."""
    found: list[str] = []
    current = parents.get(place)
    while current is not None and current != place and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def is_stale(value: IndicatorValue, today: date, max_age: timedelta | None) -> bool:
    """True when `value` is older than `max_age` on `today` (never, without a maximum age)."""
    return max_age is not None and today - value.on > max_age
