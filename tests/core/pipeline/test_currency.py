from datetime import date
from decimal import Decimal

from duijie_core.money import ExchangeRate, Money
from duijie_core.pipeline.currency import Conversion, convert_on, pick_rate
from duijie_core.problems import Problem

RATES = [
    ExchangeRate("HKD", "CNY", Decimal("0.92"), date(2025, 1, 1)),
    ExchangeRate("HKD", "CNY", Decimal("0.93"), date(2025, 5, 1)),
    ExchangeRate("USD", "CNY", Decimal("7.2"), date(2025, 1, 1)),
]


def test_latest_rate_on_or_before_the_date():
    assert pick_rate(RATES, base="HKD", quote="CNY", on=date(2025, 4, 30)) == RATES[0]
    assert pick_rate(RATES, base="HKD", quote="CNY", on=date(2025, 5, 1)) == RATES[1]
    assert pick_rate(RATES, base="HKD", quote="CNY", on=date(2024, 12, 31)) is None


def test_conversion_keeps_the_rate_used():
    money = Money(Decimal(100), "HKD")
    assert convert_on(money, quote="CNY", on=date(2025, 6, 1), rates=RATES) == Conversion(
        money, Money(Decimal(93), "CNY"), RATES[1]
    )


def test_same_currency_needs_no_rate_and_missing_rate_is_a_problem():
    cny = Money(Decimal(5), "CNY")
    assert convert_on(cny, quote="CNY", on=date(2025, 6, 1), rates=[]) == Conversion(cny, cny, None)
    assert convert_on(
        Money(Decimal(1), "EUR"), quote="CNY", on=date(2025, 6, 1), rates=RATES
    ) == Problem("no_rate", {"base": "EUR", "quote": "CNY", "on": "2025-06-01"})
