"""Price for buyers: a buyer's target or maximum price against a supplier's price.

Both are prices per unit in a currency (:class:`~duijie_core.matching.produce.UnitPrice`).
The supplier's price is brought to the buyer's unit (a price per kg is 1,000 times
smaller than per t; per box never compares with per kg) and to the buyer's currency
with the project's exchange rates (the rate in force on the day of the run, or the
inverse of the opposite rate, :func:`~duijie_core.pipeline.currency.rate_either_way`).
Amounts in two currencies are never compared without a rate: the signal then says
"price not comparable: no HKD–CNY rate" and counts as neutral.

Score of the converted price ``p`` (the middle of a range) against the buyer's ``w``:

- maximum: ``max(0, 1 − 0.5 × p / w)`` — within the maximum 0.5 to 1 (cheaper is
  better), above it under 0.5, 0 at twice the maximum;
- target: ``max(0, 1 − |p − w| / w)`` — 1 at the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from duijie_core.matching.model import Reason, Signal
from duijie_core.matching.produce import UNITS, PriceParam, UnitParam, UnitPrice, unit_code
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.signals import NEUTRAL
from duijie_core.money import ExchangeRate, Money, MoneyRange
from duijie_core.pipeline.currency import rate_either_way

PRICE_KINDS = ("max", "target")


@dataclass(frozen=True)
class PriceWanted:
    """What a buyer will pay per ``unit``: a maximum (``max``) or a ``target``."""

    price: Money
    unit: str
    kind: str = "max"


@dataclass(frozen=True)
class Rates:
    """The exchange rates a run may use, and the day whose rates are in force."""

    rates: tuple[ExchangeRate, ...] = ()
    on: date = date.max


NO_RATES = Rates()  # prices compare only in the buyer's own currency


def unit_price(
    low: Decimal | None, high: Decimal | None, currency: str, unit: str
) -> UnitPrice | None:
    """The price stored as two bounds (``high`` empty or equal: one figure); ``None`` when
    no price is stated."""
    if low is None or not currency:
        return None
    if high is None or high == low:
        return UnitPrice(Money(low, currency), unit_code(unit))
    return UnitPrice(MoneyRange(Money(low, currency), Money(high, currency)), unit_code(unit))


def per_unit(price: UnitPrice, unit: str) -> UnitPrice | None:
    """``price`` per ``unit`` instead of its own (``None``: the units measure different things)."""
    a, b = UNITS.get(unit_code(price.unit)), UNITS.get(unit_code(unit))
    if unit_code(price.unit) == unit_code(unit):
        return price
    if a is None or b is None or a.dimension != b.dimension:
        return None
    factor = Decimal(str(b.factor)) / Decimal(str(a.factor))
    return UnitPrice(_scaled(price.amount, price.currency, factor), unit_code(unit))


def _scaled(amount: Money | MoneyRange, currency: str, factor: Decimal) -> Money | MoneyRange:
    if isinstance(amount, Money):
        return Money(amount.amount * factor, currency)
    low, high = amount.low.amount * factor, amount.high.amount * factor
    return MoneyRange(Money(low, currency), Money(high, currency))


def comparable(price: UnitPrice, wanted: PriceWanted, rates: Rates) -> UnitPrice | Reason:
    """``price`` in the buyer's unit and currency, or why it cannot be (a reason)."""
    in_unit = per_unit(price, wanted.unit)
    if in_unit is None:
        return make_reason(
            "supply_price_unit_mismatch",
            unit=UnitParam(price.unit),
            need_unit=UnitParam(wanted.unit),
        )
    currency = wanted.price.currency
    if in_unit.currency == currency:
        return in_unit
    rate = rate_either_way(rates.rates, base=in_unit.currency, quote=currency, on=rates.on)
    if rate is None:
        return make_reason("supply_price_no_rate", need=currency, offer=in_unit.currency)
    return UnitPrice(_scaled(in_unit.amount, currency, rate.rate), in_unit.unit)


def price_score(price: Decimal, wanted: PriceWanted) -> float:
    """The score of a price already in the buyer's unit and currency (see the module)."""
    ratio = float(price / wanted.price.amount)
    if wanted.kind == "target":
        return max(0.0, 1.0 - abs(ratio - 1.0))
    return max(0.0, 1.0 - 0.5 * ratio)


def price_signal(
    wanted: PriceWanted | None, prices: Sequence[UnitPrice], rates: Rates
) -> Signal | None:
    """The best (lowest) comparable price of the matching products against the buyer's;
    ``None`` when the buyer states no price; neutral and said when none compares."""
    if wanted is None or wanted.price.amount <= 0:
        return None
    if not prices:
        return Signal(
            "price", NEUTRAL, "investor", make_reason("supply_price_unknown"), known=False
        )
    found = [(p, comparable(p, wanted, rates)) for p in prices]
    usable = [(p, c) for p, c in found if isinstance(c, UnitPrice)]
    if not usable:
        refusal = next(c for _, c in found if isinstance(c, Reason))
        return Signal("price", NEUTRAL, "investor", refusal, known=False)
    price, converted = min(usable, key=lambda pair: pair[1].middle)
    score = price_score(converted.middle, wanted)
    shown = PriceParam(price, None if converted == price else converted)
    limit = UnitPrice(wanted.price, unit_code(wanted.unit))
    code = _reason_code(converted.middle, wanted)
    return Signal("price", score, "investor", make_reason(code, price=shown, limit=limit))


def _reason_code(price: Decimal, wanted: PriceWanted) -> str:
    if wanted.kind == "target":
        return "supply_price_target"
    # an inverse rate leaves digits far below a cent (8.000…003): they do not make it "over"
    within = price.quantize(Decimal("0.0001")) <= wanted.price.amount
    return "supply_price_within" if within else "supply_price_over"
