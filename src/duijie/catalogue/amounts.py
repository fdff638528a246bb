"""Between the core's written amounts (``duijie_core.money``) and the project's amount columns.

Each amount is stored as ``<prefix>_low``, ``_high``, ``_currency``, ``_text`` (as the
source wrote it), ``_kind`` and ``_cny`` (the midpoint in CNY at the indicative
rates below, only for filtering and sorting across currencies).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from duijie.catalogue.models import AmountKind
from duijie_core.locale import format_money
from duijie_core.money import (
    Amount,
    ExchangeRate,
    Money,
    MoneyRange,
    UnknownAmount,
    amount_midpoint,
    convert,
)

AMOUNT_PREFIXES = ("investment", "financing")

# Indicative CNY per unit, for filtering and sorting only; never shown as money.
RATES_ON = dt.date(2025, 5, 1)
CNY_PER_UNIT = {
    "CNY": Decimal(1),
    "HKD": Decimal("0.93"),
    "USD": Decimal("7.2"),
    "MOP": Decimal("0.90"),
    "EUR": Decimal("8.1"),
    "JPY": Decimal("0.049"),
    "GBP": Decimal("9.6"),
    "TWD": Decimal("0.22"),
    "SGD": Decimal("5.5"),
    "AUD": Decimal("4.7"),
}


def amount_columns(prefix: str, amount: Amount) -> dict[str, object]:
    """The column values that store ``amount`` under ``prefix``."""
    low, high, currency, kind = _bounds(amount)
    text = amount.text if isinstance(amount, UnknownAmount) else ""
    return {
        f"{prefix}_low": low,
        f"{prefix}_high": high,
        f"{prefix}_currency": currency,
        f"{prefix}_kind": kind,
        f"{prefix}_cny": in_cny(amount),
        f"{prefix}_text": text,
    }


def _bounds(amount: Amount) -> tuple[Decimal | None, Decimal | None, str, str]:
    if isinstance(amount, UnknownAmount):
        return None, None, "", AmountKind.UNKNOWN
    if isinstance(amount, MoneyRange):
        return amount.low.amount, amount.high.amount, amount.currency, AmountKind.RANGE
    kind = AmountKind.APPROXIMATE if amount.approximate else AmountKind.EXACT
    return amount.amount, amount.amount, amount.currency, kind


def amount_of(project: object, prefix: str) -> Amount:
    """Rebuild the core ``Amount`` stored under ``prefix`` on ``project``."""
    kind = getattr(project, f"{prefix}_kind")
    low, high = getattr(project, f"{prefix}_low"), getattr(project, f"{prefix}_high")
    currency = getattr(project, f"{prefix}_currency")
    if kind == AmountKind.UNKNOWN or low is None:
        return UnknownAmount(getattr(project, f"{prefix}_text"))
    if kind == AmountKind.RANGE:
        return MoneyRange(Money(low, currency), Money(high, currency))
    return Money(low, currency, approximate=kind == AmountKind.APPROXIMATE)


def in_cny(amount: Amount) -> Decimal | None:
    """The midpoint of ``amount`` in CNY at the indicative rate; ``None`` when unknown."""
    middle = amount_midpoint(amount)
    if middle is None:
        return None
    rate = ExchangeRate(middle.currency, "CNY", CNY_PER_UNIT[middle.currency], RATES_ON)
    value = middle.amount if middle.currency == "CNY" else convert(middle, rate).amount
    return value.quantize(Decimal("0.0001"))


def written_amount(project: object, prefix: str, language: str = "en") -> str:
    """Text that ``parse_amount`` reads back: as written if unknown, else as a reader of
    ``language`` writes it (``3億人民幣``, ``3亿人民币``, ``CNY 300M``)."""
    amount = amount_of(project, prefix)
    if isinstance(amount, UnknownAmount):
        return amount.text
    return format_money(amount, language)
