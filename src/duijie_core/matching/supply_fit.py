"""How well one supplier fits one buyer's need: soft signals and hard filters.

Buyer side (weights in :data:`~duijie_core.matching.weights.SUPPLY_WEIGHTS`):

- ``product``: the need against the supplier's product names in any script or
  language (Traditional and Simplified fold together; never the company name):
  the same name 1, one name inside the other 0.8, shared words up to 0.6;
- ``volume``: per needed month, the capacity of the matching products (converted
  to the buyer's unit; other dimensions never added) against the monthly volume;
- ``season``: the share of the needed months in which the product is offered;
- ``price``: the buyer's target or maximum price against the products' prices, in the
  buyer's unit and currency (:mod:`~duijie_core.matching.supply_price`);
- ``delivery``: the hours to the buyer's market within the limit, faster scoring higher
  (``1 − 0.5 × hours / limit``); unknown is neutral.

Supplier side: ``serves`` (does the supplier deliver to the buyer's market, or name
its city among the regions it serves).

Hard filters, each with a stated reason: a required certification not held
(certifications compared by code, :func:`~duijie_core.matching.produce.certification_key`),
cold chain needed but absent, delivery time over the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from duijie_core.matching.model import Reason, Signal
from duijie_core.matching.produce import (
    CertificationsParam,
    HoursParam,
    MonthsParam,
    ProductName,
    QuantityParam,
    UnitParam,
    UnitPrice,
    certification_key,
    convert,
    unit_code,
)
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.signals import NEUTRAL, region_matches
from duijie_core.text import normalise, search_tokens

ALL_YEAR = tuple(range(1, 13))
CONTAINED, SHARED_WORDS = 0.8, 0.6


@dataclass(frozen=True)
class Offer:
    """One product a supplier offers: its names, months (empty = all year), volume a month,
    price per unit (if stated)."""

    product: ProductName
    months: tuple[int, ...] = ()
    monthly: float | None = None
    unit: str = "t"
    price: UnitPrice | None = None

    def offered_in(self, month: int) -> bool:
        return not self.months or month in self.months


def product_score(need: str, name: str) -> float:
    """How close a product name is to the need (1 same, 0.8 contained, ≤ 0.6 shared words)."""
    a, b = normalise(need), normalise(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return CONTAINED
    ta, tb = _words(a), _words(b)
    shared = ta & tb
    return SHARED_WORDS * len(shared) / len(ta | tb) if shared else 0.0


def _words(text: str) -> set[str]:
    """Search tokens of two characters or more (one Han character, 茶 or 菜, says too little)."""
    return {t for t in search_tokens(text) if len(t) >= 2}


@dataclass(frozen=True)
class ProductMatch:
    """The best product fit: its score, the need and the offers that meet it."""

    score: float
    need: str
    offers: tuple[Offer, ...]


def product_match(needs: Sequence[str], offers: Sequence[Offer]) -> ProductMatch:
    """The best (need, offer) pair; every offer scoring as well is kept (seasons add up)."""
    best = ProductMatch(0.0, "", ())
    for need in needs:
        scored = [(_best_name_score(need, o.product), o) for o in offers]
        top = max((s for s, _ in scored), default=0.0)
        if top > best.score:
            best = ProductMatch(top, need, tuple(o for s, o in scored if s == top))
    return best


def _best_name_score(need: str, product: ProductName) -> float:
    return max((product_score(need, name) for name in product.names), default=0.0)


def product_signal(match: ProductMatch) -> Signal:
    """The product fit as a signal, citing the product in the reader's language, and the
    need as the buyer wrote it unless it is the same product (in any script or language)."""
    product = match.offers[0].product
    if match.score == 1.0:
        reason = make_reason("supply_product_same", product=product)
    else:
        reason = make_reason("supply_product", product=product, need=match.need)
    return Signal("product", match.score, "investor", reason)


def monthly_capacity(offers: Sequence[Offer], month: int, unit: str) -> float | None:
    """What the offers can deliver in ``month`` in ``unit`` (``None``: nothing comparable)."""
    values = [
        convert(o.monthly, o.unit, unit)
        for o in offers
        if o.monthly is not None and o.offered_in(month)
    ]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def volume_signal(
    volume: float | None, unit: str, months: tuple[int, ...], offers: Sequence[Offer]
) -> Signal:
    """Capacity in each needed month against the monthly volume (mean of min(1, ratio))."""
    stated = [o for o in offers if o.monthly is not None]
    if volume is None or volume <= 0 or not stated:
        return Signal("volume", NEUTRAL, "investor", make_reason("capacity_unknown"), known=False)
    comparable = [o for o in stated if convert(1.0, o.unit, unit) is not None]
    if not comparable:
        reason = make_reason(
            "supply_unit_mismatch",
            unit=UnitParam(stated[0].unit),
            need_unit=UnitParam(unit),
        )
        return Signal("volume", NEUTRAL, "investor", reason, known=False)
    needed = months or ALL_YEAR
    capacity = {m: monthly_capacity(comparable, m, unit) or 0.0 for m in needed}
    score = sum(min(1.0, c / volume) for c in capacity.values()) / len(needed)
    return Signal("volume", score, "investor", _volume_reason(capacity, volume, unit))


def _volume_reason(capacity: dict[int, float], volume: float, unit: str) -> Reason | None:
    """Months in season but short of the volume (the lowest cited), else the months covered;
    months out of season are the season signal's to say."""
    short = {m: c for m, c in capacity.items() if 0 < c < volume}
    covered = {m: c for m, c in capacity.items() if c >= volume}
    chosen, code = (short, "supply_capacity_short") if short else (covered, "supply_capacity")
    if not chosen:
        return None
    return make_reason(
        code,
        months=MonthsParam(tuple(chosen)),
        capacity=QuantityParam(min(chosen.values()), unit_code(unit)),
        volume=QuantityParam(volume, unit_code(unit)),
    )


def season_signal(months: tuple[int, ...], offers: Sequence[Offer]) -> Signal:
    """Share of the needed months in which one of the offers is in season."""
    needed = months or ALL_YEAR
    offered = tuple(m for m in ALL_YEAR if any(o.offered_in(m) for o in offers))
    covered = sum(m in offered for m in needed)
    score = covered / len(needed)
    if not months and len(offered) == 12:
        return Signal("season", score, "investor", None)
    reason = make_reason(
        "supply_season", season=MonthsParam(offered), covered=covered, needed=len(needed)
    )
    return Signal("season", score, "investor", reason)


def delivery_hours_to(market: str, hours: Sequence[tuple[str, float]]) -> float | None:
    """The supplier's delivery time to ``market`` (same place, or the place lies in it)."""
    key = normalise(market)
    return next(
        (h for place, h in hours if normalise(place) == key or region_matches(market, place)),
        None,
    )


def delivery_check(
    market: str,
    limit: float | None,
    hours: Sequence[tuple[str, float]],
    label: ProductName | None = None,
) -> Signal | Reason:
    """A signal, or the exclusion reason when the delivery time is over the limit.

    ``label`` names the market in the three languages (else ``market`` as written).
    """
    took = delivery_hours_to(market, hours) if market else None
    named = label or ProductName(market, market, market)
    if took is not None and limit is not None:
        code = "excluded_delivery" if took > limit else "supply_delivery"
        reason = make_reason(code, market=named, hours=HoursParam(took), limit=HoursParam(limit))
        if took > limit:
            return reason
        return Signal("delivery", 1.0 - 0.5 * took / limit if limit else 1.0, "investor", reason)
    if limit is not None and market:
        reason = make_reason("supply_delivery_unknown", market=named)
        return Signal("delivery", NEUTRAL, "investor", reason, known=False)
    return Signal("delivery", 1.0 if took is not None else NEUTRAL, "investor", None, known=False)


def certification_check(required: Sequence[str], held: Sequence[str]) -> Signal | Reason | None:
    """``None`` when nothing is required; the exclusion when one is missing; else a signal."""
    if not required:
        return None
    have = {certification_key(c) for c in held}
    missing = next((c for c in required if certification_key(c) not in have), None)
    if missing is not None:
        return make_reason("excluded_certification", certification=missing)
    codes = CertificationsParam(tuple(certification_key(c) for c in required))
    return Signal(
        "certification", 1.0, "investor", make_reason("supply_certified", certifications=codes)
    )


def cold_chain_check(needed: bool, held: bool) -> Signal | Reason | None:
    """``None`` when not needed; the exclusion when needed and absent; else a signal."""
    if not needed:
        return None
    if not held:
        return make_reason("excluded_cold_chain")
    return Signal("cold_chain", 1.0, "investor", make_reason("supply_cold_chain"))


def serves_signal(
    city: str, regions: tuple[str, ...], market: str = "", hours: Sequence[tuple[str, float]] = ()
) -> Signal:
    """Supplier side: does the supplier deliver to the buyer's market or serve its city?"""
    if market and delivery_hours_to(market, hours) is not None:
        return Signal("serves", 1.0, "project", None)
    if not regions or not city:
        return Signal("serves", NEUTRAL, "project", None, known=False)
    region = next((r for r in regions if region_matches(city, r)), "")
    if region:
        return Signal("serves", 1.0, "project", make_reason("supply_serves", region=region))
    return Signal("serves", 0.2, "project", None)
