"""Tests for duijie_core.money: reading, writing and converting amounts."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.locale import LANGUAGES, format_money
from duijie_core.money import (
    CURRENCIES,
    Amount,
    AmountError,
    ExchangeRate,
    Money,
    MoneyRange,
    UnknownAmount,
    amount_midpoint,
    convert,
    parse_amount,
)


def cny(amount: str, *, approximate: bool = False) -> Money:
    return Money(Decimal(amount), "CNY", approximate)


def cny_range(low: str, high: str) -> MoneyRange:
    return MoneyRange(cny(low), cny(high))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.5億人民幣", cny("350000000")),
        ("10億元", cny("1000000000")),
        ("241億美元", Money(Decimal("24100000000"), "USD")),
        ("1,200万元", cny("12000000")),
        ("US$5M", Money(Decimal("5000000"), "USD")),
        ("HK$300萬", Money(Decimal("3000000"), "HKD")),
        ("7.35亿港币", Money(Decimal("735000000"), "HKD")),
        ("澳門元100萬", Money(Decimal("1000000"), "MOP")),
        ("100萬澳元", Money(Decimal("1000000"), "AUD")),
        ("€3m", Money(Decimal("3000000"), "EUR")),
        ("400万英镑", Money(Decimal("4000000"), "GBP")),
        ("5億日元", Money(Decimal("500000000"), "JPY")),
        ("NT$2bn", Money(Decimal("2000000000"), "TWD")),
        ("S$ 1.5 million", Money(Decimal("1500000"), "SGD")),
        ("USD 24.1bn", Money(Decimal("24100000000"), "USD")),
        ("$12K", Money(Decimal("12000"), "USD")),
        ("￥500万", cny("5000000")),
        ("ＲＭＢ　５００万", cny("5000000")),
        ("人民币10亿元", cny("1000000000")),
        ("1000万元人民币", cny("10000000")),
        ("300万", cny("3000000")),
        ("5000", cny("5000")),
        ("三千万元", cny("30000000")),
        ("一百五十万美元", Money(Decimal("1500000"), "USD")),
        ("一百零五万", cny("1050000")),
        ("十亿元", cny("1000000000")),
        ("1.56万亿元", cny("1560000000000")),
        ("约10亿元", cny("1000000000")),
    ],
)
def test_parse_one_figure(text: str, expected: Money) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("超過10億元", cny("1000000000", approximate=True)),
        ("超10亿", cny("1000000000", approximate=True)),
        ("逾5000萬", cny("50000000", approximate=True)),
        ("过千万人民币", cny("10000000", approximate=True)),
        ("上亿元", cny("100000000", approximate=True)),
        ("5億元以上", cny("500000000", approximate=True)),
        ("1000多万元", cny("10000000", approximate=True)),
        ("10餘億元", cny("1000000000", approximate=True)),
        ("over CNY 350M", cny("350000000", approximate=True)),
    ],
)
def test_parse_floor_is_approximate(text: str, expected: Money) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-2億元", cny_range("100000000", "200000000")),
        ("1億至2億元", cny_range("100000000", "200000000")),
        ("1000万-2亿元", cny_range("10000000", "200000000")),
        ("1～2億", cny_range("100000000", "200000000")),
        ("數千萬人民幣", cny_range("10000000", "100000000")),
        ("数亿元", cny_range("100000000", "1000000000")),
        ("数百万", cny_range("1000000", "10000000")),
        ("数十亿", cny_range("1000000000", "10000000000")),
        ("近億元", cny_range("80000000", "100000000")),
        ("近千万人民币", cny_range("8000000", "10000000")),
        ("近10亿", cny_range("800000000", "1000000000")),
        ("CNY 10M to 100M", cny_range("10000000", "100000000")),
    ],
)
def test_parse_range(text: str, expected: MoneyRange) -> None:
    assert parse_amount(text) == expected


def test_parse_range_takes_currency_from_either_side() -> None:
    usd = MoneyRange(Money(Decimal(1000000), "USD"), Money(Decimal(2000000), "USD"))
    assert parse_amount("US$1-2M") == usd
    assert parse_amount("1-2百万美元") == usd


@pytest.mark.parametrize(
    "text",
    ["未披露", "未透露", "不詳", "不详", "undisclosed", "N/A", "--", "空", "", "   "],
)
def test_parse_unknown_keeps_the_text_and_is_not_zero(text: str) -> None:
    amount = parse_amount(text)
    assert amount == UnknownAmount()
    assert isinstance(amount, UnknownAmount)
    assert amount.text == text
    assert amount != cny("0")


def test_bare_yuan_and_bare_number_use_the_default_currency() -> None:
    assert parse_amount("300万元", default_currency="HKD") == Money(Decimal(3000000), "HKD")
    assert parse_amount("300万人民币", default_currency="HKD") == cny("3000000")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "unreadable"),
        ("亿元", "unreadable"),
        ("数", "unreadable"),
        ("三三万", "unreadable"),
        ("1e5", "unreadable"),
        ("数千万-2亿", "unreadable"),
        ("US$100人民币", "conflicting_currency"),
        ("100美元-200港元", "conflicting_currency"),
        ("2-1亿", "range_inverted"),
        ("9999999999999亿", "too_large"),
    ],
)
def test_parse_errors_are_codes(text: str, code: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert caught.value.code == code


def test_unreadable_error_carries_the_text() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("很多钱")
    assert caught.value.params == {"text": "很多钱"}


def test_parse_refuses_an_unknown_default_currency() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("1", default_currency="XYZ")
    assert (caught.value.code, caught.value.params) == ("unknown_currency", {"currency": "XYZ"})


def test_money_has_a_canonical_amount() -> None:
    assert repr(Money(Decimal("3.50E+8"), "CNY").amount) == "Decimal('350000000')"
    assert repr(Money(Decimal("1.2300"), "CNY").amount) == "Decimal('1.23')"
    assert repr(Money(Decimal("-0.00"), "CNY").amount) == "Decimal('0')"
    assert Money(12, "CNY").amount == Decimal(12)


@pytest.mark.parametrize(
    ("amount", "currency", "code"),
    [
        (Decimal("-1"), "CNY", "negative_amount"),
        (Decimal("NaN"), "CNY", "not_finite"),
        (1.5, "CNY", "not_decimal"),
        (True, "CNY", "not_decimal"),
        (Decimal("1e19"), "CNY", "too_large"),
        (Decimal("1"), "XYZ", "unknown_currency"),
    ],
)
def test_money_refuses_bad_values(amount: Decimal, currency: str, code: str) -> None:
    with pytest.raises(AmountError) as caught:
        Money(amount, currency)
    assert caught.value.code == code


def test_range_rules() -> None:
    with pytest.raises(AmountError, match="range_currency_mismatch"):
        MoneyRange(cny("1"), Money(Decimal(2), "USD"))
    with pytest.raises(AmountError, match="range_inverted"):
        cny_range("2", "1")
    with pytest.raises(AmountError, match="range_bound_approximate"):
        MoneyRange(cny("1", approximate=True), cny("2"))
    assert cny_range("1", "2").currency == "CNY"


def test_midpoint() -> None:
    assert amount_midpoint(cny("7")) == cny("7")
    assert amount_midpoint(cny_range("10000000", "100000000")) == cny("55000000", approximate=True)
    assert amount_midpoint(cny_range("5", "5")) == cny("5")
    assert amount_midpoint(UnknownAmount("未披露")) is None


def test_in_currency_and_convert() -> None:
    rate = ExchangeRate("USD", "CNY", Decimal("7.1"), date(2026, 11, 27))
    five_million = Money(Decimal(5000000), "USD", approximate=True)
    assert five_million.in_currency("CNY", Decimal("7.1")) == cny("35500000", approximate=True)
    assert convert(five_million, rate) == cny("35500000", approximate=True)


def test_convert_refuses_mismatched_currency() -> None:
    rate = ExchangeRate("USD", "CNY", Decimal("7.1"), date(2026, 11, 27))
    with pytest.raises(AmountError) as caught:
        convert(Money(Decimal(1), "HKD"), rate)
    assert (caught.value.code, caught.value.params) == (
        "currency_mismatch",
        {"expected": "USD", "got": "HKD"},
    )


@pytest.mark.parametrize("rate", [Decimal(0), Decimal(-1), Decimal("Infinity")])
def test_rates_must_be_positive(rate: Decimal) -> None:
    with pytest.raises(AmountError, match="bad_rate"):
        ExchangeRate("USD", "CNY", rate, date(2026, 11, 27))
    with pytest.raises(AmountError, match="bad_rate"):
        cny("1").in_currency("USD", rate)


# ---------------------------------------------------------------- properties

amounts = st.decimals(
    min_value=0, max_value=Decimal("1e15"), places=4, allow_nan=False, allow_infinity=False
)
currencies = st.sampled_from(sorted(CURRENCIES))
monies = st.builds(Money, amounts, currencies, st.booleans())


@st.composite
def money_ranges(draw: st.DrawFn) -> MoneyRange:
    low, high = sorted((draw(amounts), draw(amounts)))
    currency = draw(currencies)
    return MoneyRange(Money(low, currency), Money(high, currency))


any_amount = st.one_of(monies, money_ranges(), st.builds(UnknownAmount, st.text(max_size=10)))


@given(any_amount, st.sampled_from(LANGUAGES))
def test_parse_reads_back_what_format_writes(amount: Amount, language: str) -> None:
    assert parse_amount(format_money(amount, language)) == amount


@given(st.text(max_size=30))
def test_parse_arbitrary_text_returns_an_amount_or_raises_amount_error(text: str) -> None:
    try:
        result = parse_amount(text)
    except AmountError:
        return
    assert isinstance(result, Money | MoneyRange | UnknownAmount)


amount_alphabet = st.sampled_from(
    list("0123456789.,-~ 至到數数近超過逾多余以上萬万億亿千百十元$¥kmb")
)


@given(st.text(amount_alphabet, max_size=20), st.sampled_from(["", "人民幣", "美元", "HK$"]))
def test_parse_amount_like_text_returns_an_amount_or_raises_amount_error(
    body: str, currency: str
) -> None:
    try:
        result = parse_amount(body + currency)
    except AmountError:
        return
    assert isinstance(result, Money | MoneyRange | UnknownAmount)
