"""Supply–demand matchmaking (供需對接): suppliers for each buyer's need.

Files (``;`` separates list items; columns after the first six are optional):

- BUYERS: ``id,buyer,city,needs,volume,required_certifications``
  [``,unit,months,max_delivery_hours,cold_chain,market,price,price_kind``]
- SUPPLIERS: ``name,city,products,capacity,certifications,regions``
  [``,unit,months,cold_chain,delivery_hours,price``]

``volume`` (the buyer's) and ``capacity`` (the supplier's) are volumes **a month**
in ``unit`` (default ``t``; tonnes and kilograms convert, boxes never add up with
tonnes); ``months`` are month numbers (``11;12;1;2``, empty = all year);
``delivery_hours`` is ``market:hours`` items (``香港:18;深圳:10``); ``cold_chain``
is yes/no. ``price`` is per ``unit`` with its currency (``CNY 6,500``, ``HKD 9.5``, a
supplier's may be a range ``CNY 6,000-7,000``; no currency = CNY); the buyer's
``price_kind`` says whether it is a ``max`` (default) or a ``target``. In a file
each word of ``products`` is a product offered with the supplier's ``capacity``
and ``price``; the web app gives each product its own names, months, volume and
price (:class:`~duijie_core.matching.supply_fit.Offer`). Prices in two currencies
compare only through a rate (``duijie match suppliers --rate HKD:CNY=0.92``).

Scoring and filters: :mod:`duijie_core.matching.supply_fit`. The final score is
the harmonic mean of the buyer side (weighted mean of its signals) and the
supplier side, as for investors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from duijie_core.matching.csvio import InputError, Loaded, read_table, split_list
from duijie_core.matching.model import Exclusion, Reason, Recommendation, Recommendations, Signal
from duijie_core.matching.produce import ProductName, UnitPrice, unit_code
from duijie_core.matching.supply_fit import (
    Offer,
    certification_check,
    cold_chain_check,
    delivery_check,
    product_match,
    product_signal,
    season_signal,
    serves_signal,
    volume_signal,
)
from duijie_core.matching.supply_price import (
    NO_RATES,
    PRICE_KINDS,
    PriceWanted,
    Rates,
    price_signal,
)
from duijie_core.matching.weights import SUPPLY_WEIGHTS
from duijie_core.money import AmountError, Money, UnknownAmount, parse_amount
from duijie_core.problems import Problem

BUYER_COLUMNS = ("id", "buyer", "city", "needs", "volume", "required_certifications")
SUPPLIER_COLUMNS = ("name", "city", "products", "capacity", "certifications", "regions")
YES = frozenset({"yes", "y", "true", "1", "是", "有", "需要"})
NO = frozenset({"", "no", "n", "false", "0", "否", "無", "无", "不需要"})
NO_PRODUCT = "no_product"


@dataclass(frozen=True)
class Buyer:
    """A buyer's need: products wanted (``;`` separates alternatives), volume a month."""

    id: str
    name: str
    city: str
    needs: str
    volume: float | None
    required_certifications: tuple[str, ...] = ()
    unit: str = "t"
    months: tuple[int, ...] = ()
    max_delivery_hours: float | None = None
    cold_chain: bool = False
    market: str = ""
    market_label: ProductName | None = None  # the market's name in three languages
    price: PriceWanted | None = None  # target or maximum price per unit

    @property
    def destination(self) -> str:
        return self.market or self.city

    @property
    def wanted(self) -> tuple[str, ...]:
        return split_list(self.needs.replace(" ", ";"))


@dataclass(frozen=True)
class Supplier:
    """A supplier's offer: its products (``offers``, else the words of ``products``)."""

    name: str
    city: str
    products: str
    capacity: float | None
    certifications: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    offers: tuple[Offer, ...] = ()
    cold_chain: bool = False
    delivery_hours: tuple[tuple[str, float], ...] = ()
    unit: str = "t"
    months: tuple[int, ...] = ()
    price: UnitPrice | None = None  # per ``unit``, for each word of ``products``

    def all_offers(self) -> tuple[Offer, ...]:
        """The offers, or one per word of ``products`` with the supplier's capacity and price."""
        if self.offers:
            return self.offers
        words = split_list(self.products.replace(" ", ";"))
        return tuple(
            Offer(ProductName(w, w, w), self.months, self.capacity, self.unit, self.price)
            for w in words
        )


# --- reading files --------------------------------------------------------------------------


class _Cells:
    """One row's cells with the parsers that record a problem naming file, row and column."""

    def __init__(self, cells: dict[str, str], file: str, row: int, errors: list[Problem]):
        self.cells, self.file, self.row, self.errors = cells, file, row, errors

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def number(self, column: str) -> float | None:
        value = self.text(column)
        try:
            return float(value.replace(",", "")) if value else None
        except ValueError:
            self._problem("bad_number", column, value)
            return None

    def months(self, column: str) -> tuple[int, ...]:
        items = split_list(self.text(column))
        if all(i.isdigit() and 1 <= int(i) <= 12 for i in items):
            return tuple(int(i) for i in items)
        self._problem("bad_months", column, self.text(column))
        return ()

    def flag(self, column: str) -> bool:
        value = self.text(column).casefold()
        if value not in YES | NO:
            self._problem("bad_flag", column, self.text(column))
        return value in YES

    def hours(self, column: str) -> tuple[tuple[str, float], ...]:
        found = []
        for item in split_list(self.text(column)):
            place, _, hours = item.rpartition(":")
            try:
                found.append((place.strip(), float(hours)))
            except ValueError:
                self._problem("bad_hours", column, item)
        return tuple(found)

    def price(self, column: str, unit: str) -> UnitPrice | None:
        """A price per ``unit``: one figure or a range, with its currency (CNY if none)."""
        value = self.text(column)
        if not value:
            return None
        try:
            amount = parse_amount(value, default_currency="CNY")
        except AmountError:
            self._problem("bad_price", column, value)
            return None
        if isinstance(amount, UnknownAmount):  # 未披露, 待定, n/a: no price stated
            return None
        return UnitPrice(amount, unit)

    def wanted_price(self, unit: str) -> PriceWanted | None:
        """The buyer's maximum or target price per ``unit`` (one figure)."""
        price, kind = self.price("price", unit), self.text("price_kind") or "max"
        if kind not in PRICE_KINDS:
            self._problem("bad_price_kind", "price_kind", kind)
        if price is None:
            return None
        if not isinstance(price.amount, Money):
            self._problem("bad_price", "price", self.text("price"))
            return None
        return PriceWanted(price.amount, unit, kind)

    def _problem(self, code: str, column: str, value: str) -> None:
        params: dict[str, str | int | float] = {
            "file": self.file,
            "row": self.row,
            "column": column,
            "value": value,
        }
        self.errors.append(Problem(code, params))


def read_buyers(handle: TextIO, name: str) -> Loaded[Buyer]:
    """BUYERS rows; any unreadable cell refuses the file (row and column named)."""
    errors: list[Problem] = []
    rows = []
    for r, cells in read_table(handle, name, BUYER_COLUMNS):
        c = _Cells(cells, name, r, errors)
        unit = unit_code(c.text("unit") or "t")
        rows.append(
            Buyer(
                c.text("id"),
                c.text("buyer"),
                c.text("city"),
                c.text("needs"),
                c.number("volume"),
                split_list(c.text("required_certifications")),
                unit,
                c.months("months"),
                c.number("max_delivery_hours"),
                c.flag("cold_chain"),
                c.text("market"),
                price=c.wanted_price(unit),
            )
        )
    if errors:
        raise InputError(errors)
    return Loaded(rows, [])


def read_suppliers(handle: TextIO, name: str) -> Loaded[Supplier]:
    """SUPPLIERS rows; any unreadable cell refuses the file (row and column named)."""
    errors: list[Problem] = []
    rows = []
    for r, cells in read_table(handle, name, SUPPLIER_COLUMNS):
        c = _Cells(cells, name, r, errors)
        unit = unit_code(c.text("unit") or "t")
        rows.append(
            Supplier(
                c.text("name"),
                c.text("city"),
                c.text("products"),
                c.number("capacity"),
                split_list(c.text("certifications")),
                split_list(c.text("regions")),
                cold_chain=c.flag("cold_chain"),
                delivery_hours=c.hours("delivery_hours"),
                unit=unit,
                months=c.months("months"),
                price=c.price("price", unit),
            )
        )
    if errors:
        raise InputError(errors)
    return Loaded(rows, [])


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """One supplier for one buyer: its signals, or the reason it is excluded."""

    signals: tuple[Signal, ...] = ()
    excluded: Reason | None = None
    buyer_side: float = 0.0
    supplier_side: float = 0.0

    @property
    def score(self) -> float:
        b, s = self.buyer_side, self.supplier_side
        return 2 * b * s / (b + s) if b + s > 0 else 0.0


def fit(
    buyer: Buyer,
    supplier: Supplier,
    weights: dict[str, float] | None = None,
    rates: Rates = NO_RATES,
) -> Fit | None:
    """How ``supplier`` fits ``buyer``: ``None`` when it offers nothing the buyer wants.
    ``rates`` convert prices between currencies (without one, only prices in the buyer's
    currency compare)."""
    match = product_match(buyer.wanted, supplier.all_offers())
    if match.score <= 0:
        return None
    checks = (
        certification_check(buyer.required_certifications, supplier.certifications),
        cold_chain_check(buyer.cold_chain, supplier.cold_chain),
        delivery_check(
            buyer.destination,
            buyer.max_delivery_hours,
            supplier.delivery_hours,
            buyer.market_label,
        ),
    )
    excluded = next((c for c in checks if isinstance(c, Reason)), None)
    if excluded is not None:
        return Fit(excluded=excluded)
    prices = [o.price for o in match.offers if o.price is not None]
    price = price_signal(buyer.price, prices, rates)
    signals = (
        product_signal(match),
        volume_signal(buyer.volume, buyer.unit, buyer.months, match.offers),
        season_signal(buyer.months, match.offers),
        *(c for c in checks if isinstance(c, Signal)),
        *((price,) if price is not None else ()),
        serves_signal(buyer.city, supplier.regions, buyer.destination, supplier.delivery_hours),
    )
    used = weights or SUPPLY_WEIGHTS
    return Fit(
        signals, None, _weighted(signals, "investor", used), _weighted(signals, "project", used)
    )


def _weighted(signals: Sequence[Signal], side: str, weights: dict[str, float]) -> float:
    pairs = [(weights.get(s.name, 0.0), s.score) for s in signals if s.side == side]
    total = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / total if total else 0.5


def match_suppliers(
    buyers: Sequence[Buyer],
    suppliers: Sequence[Supplier],
    top_k: int,
    weights: dict[str, float] | None = None,
    rates: Rates = NO_RATES,
) -> list[Recommendations]:
    """For each buyer, the best ``top_k`` suppliers with reasons; every supplier that
    offers the product but fails a hard filter is listed with the reason."""
    return [for_buyer(b, suppliers, top_k, weights, rates) for b in buyers]


def for_buyer(
    buyer: Buyer,
    suppliers: Sequence[Supplier],
    top_k: int,
    weights: dict[str, float] | None = None,
    rates: Rates = NO_RATES,
) -> Recommendations:
    """The ranked suppliers of one buyer (ties kept in supplier order)."""
    fits = [(s, fit(buyer, s, weights, rates)) for s in suppliers]
    counts = Counter(_left_out(f) for _, f in fits if f is None or f.excluded is not None)
    exclusions = tuple(Exclusion(s.name, f.excluded) for s, f in fits if f and f.excluded)
    kept = [(s, f) for s, f in fits if f is not None and f.excluded is None]
    ranked = sorted(kept, key=lambda pair: -pair[1].score)[:top_k]
    items = tuple(_recommendation(buyer, s, f, rank) for rank, (s, f) in enumerate(ranked, 1))
    return Recommendations(
        buyer.id, items, exclusions, dict(sorted(counts.items())), len(suppliers)
    )


def _left_out(found: Fit | None) -> str:
    """Why a supplier is not suggested: no product wanted, or the hard filter's code."""
    return NO_PRODUCT if found is None or found.excluded is None else found.excluded.code


def _recommendation(buyer: Buyer, supplier: Supplier, fitted: Fit, rank: int) -> Recommendation:
    reasons = tuple(s.reason for s in fitted.signals if s.reason is not None)
    return Recommendation(
        buyer.id,
        supplier.name,
        rank,
        fitted.score,
        fitted.buyer_side,
        fitted.supplier_side,
        fitted.signals,
        reasons,
    )
