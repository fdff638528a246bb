"""Yearly and ten-year cost of a profile per place, the peer index, and what-if.

- An item's yearly cost is quantity × the CNY price of the place's latest value of its
  indicator, after `units.annual_pairing` accepts the two units.
- A place lacking a value for any item is *incomplete*: its items are listed, the
  missing indicators are named, and its total and index are None. A total over fewer
  items would look cheaper than it is, and an index built on it would mislead.
- The index is 100 × the place's total / the mean total of the peers (peer average =
  100). Only complete peers enter the mean; the others are reported as excluded. With no
  complete peer (or a zero mean) every index is None.
- What-if replaces any indicator value (in its own unit and currency) or any item
  quantity and recomputes from the same `PriceBook`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from duijie_core.costs.book import PriceBook, in_cny, is_stale
from duijie_core.costs.errors import CostError
from duijie_core.costs.model import IndicatorValue, Profile, ProfileItem, check_amount
from duijie_core.costs.units import annual_pairing

__all__ = [
    "Comparison",
    "ItemCost",
    "PlaceCost",
    "WhatIf",
    "compare",
    "place_cost",
    "ten_year_cost",
]

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class WhatIf:
    """Overrides: `values` by (place, indicator) in the value's own unit; `quantities` by item."""

    values: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)
    quantities: Mapping[str, Decimal] = field(default_factory=dict)


NO_CHANGE = WhatIf()


@dataclass(frozen=True)
class ItemCost:
    """One item of one place: the value used, its CNY price, and the yearly cost."""

    item: ProfileItem
    value: IndicatorValue
    price_cny: Decimal
    annual_cost: Decimal
    stale: bool = False
    overridden: bool = False


@dataclass(frozen=True)
class PlaceCost:
    """A profile's cost at one place; `index` is set by `compare`."""

    place: str
    items: tuple[ItemCost, ...]
    missing: tuple[str, ...]
    index: Decimal | None = None

    @property
    def annual_cost(self) -> Decimal | None:
        """The yearly total, or None when an item is missing."""
        return None if self.missing else sum((i.annual_cost for i in self.items), Decimal(0))


@dataclass(frozen=True)
class Comparison:
    """Places compared for one profile against a peer set."""

    profile: str
    places: tuple[PlaceCost, ...]
    peers: tuple[str, ...]
    peer_average: Decimal | None
    excluded_peers: tuple[str, ...]


def place_cost(
    profile: Profile,
    place: str,
    book: PriceBook,
    *,
    max_age: timedelta | None = None,
    what_if: WhatIf = NO_CHANGE,
) -> PlaceCost:
    """Cost each item of `profile` at `place`; raise `CostError` on a unit or currency problem."""
    items: list[ItemCost] = []
    missing: list[str] = []
    for item in profile.items:
        cost = _item_cost(item, place, book, max_age, what_if)
        if cost is None:
            missing.append(item.indicator)
        else:
            items.append(cost)
    return PlaceCost(place, tuple(items), tuple(missing))


def _item_cost(
    item: ProfileItem, place: str, book: PriceBook, max_age: timedelta | None, what_if: WhatIf
) -> ItemCost | None:
    price = book.price(place, item.indicator)
    if price is None:
        return None
    value = price.value
    try:
        annual_pairing(item.unit, value.unit)
    except CostError as error:
        params = {**error.params, "where": value.where, "indicator": item.indicator}
        raise CostError(error.code, **params) from None
    override = what_if.values.get((place, item.indicator))
    if override is not None:
        check_amount(override, "bad_value")
        price = in_cny(value, override, book.rates)
    changed = override is not None or item.indicator in what_if.quantities
    if item.indicator in what_if.quantities:
        item = ProfileItem(item.indicator, what_if.quantities[item.indicator], item.unit)
    stale = is_stale(value, book.today, max_age)
    return ItemCost(item, value, price.cny, item.quantity * price.cny, stale, changed)


def compare(
    profile: Profile,
    places: Sequence[str],
    book: PriceBook,
    *,
    peers: Sequence[str] | None = None,
    max_age: timedelta | None = None,
    what_if: WhatIf = NO_CHANGE,
) -> Comparison:
    """Cost `profile` at `places` and index each against `peers` (default: the places)."""
    _check_codes(places, "places")
    peer_codes = tuple(places if peers is None else peers)
    _check_codes(peer_codes, "peers")
    _check_what_if(profile, what_if, book)
    costs = {
        code: place_cost(profile, code, book, max_age=max_age, what_if=what_if)
        for code in dict.fromkeys((*places, *peer_codes))
    }
    peer_totals = {code: costs[code].annual_cost for code in peer_codes}
    totals = [total for total in peer_totals.values() if total is not None]
    average = sum(totals, Decimal(0)) / len(totals) if totals else None
    excluded = tuple(code for code, total in peer_totals.items() if total is None)
    return Comparison(
        profile.name,
        tuple(_indexed(costs[code], average) for code in places),
        peer_codes,
        average,
        excluded,
    )


def _indexed(cost: PlaceCost, average: Decimal | None) -> PlaceCost:
    total = cost.annual_cost
    if total is None or not average:
        return cost
    return PlaceCost(cost.place, cost.items, cost.missing, HUNDRED * total / average)


def _check_codes(codes: Iterable[str], what: str) -> None:
    listed = list(codes)
    if not listed:
        raise CostError("no_places", option=what)
    for position, code in enumerate(listed):
        if not code:
            raise CostError("empty_place", option=what)
        if code in listed[:position]:
            raise CostError("duplicate_place", option=what, place=code)


def _check_what_if(profile: Profile, what_if: WhatIf, book: PriceBook) -> None:
    names = {item.indicator for item in profile.items}
    for indicator, quantity in what_if.quantities.items():
        if indicator not in names:
            raise CostError("what_if_unknown_item", indicator=indicator)
        check_amount(quantity, "bad_quantity", indicator=indicator)
    for place, indicator in what_if.values:
        if (place, indicator) not in book.latest:
            raise CostError("what_if_without_value", place=place, indicator=indicator)


def ten_year_cost(annual: Decimal, escalation: Decimal = Decimal(0), years: int = 10) -> Decimal:
    """Sum of `years` yearly costs, the first `annual`, each next one × (1 + `escalation`).

    Exact: 1000 at 10 % over 10 years is 1000 × (1.1¹⁰ − 1) / 0.1 = 15937.424601.
    """
    if not isinstance(escalation, Decimal) or not escalation.is_finite() or escalation <= -1:
        raise CostError("bad_escalation", value=str(escalation))
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise CostError("bad_years", value=str(years))
    factor, total, year_cost = Decimal(1) + escalation, Decimal(0), annual
    for _ in range(years):
        total += year_cost
        year_cost *= factor
    return total
