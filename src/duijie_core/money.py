"""Money as investment-promotion sources write it: 3.5億人民幣, 數千萬美元, US$5M, 未披露.

Amounts are `Decimal`, never float. A written amount is one of:

- `Money`: one figure. ``approximate=True`` when the source gave a floor or a
  rough figure (超過/超/逾/過/上 X, X 以上, X 多/餘); X is the best single number.
  約/大約/about X is read as X, not flagged.
- `MoneyRange`: two figures. Vague amounts become ranges, by convention:
  數 X → X to 10·X (數千萬 = 10M–100M, 數億 = 100M–1bn, 數百萬 = 1M–10M);
  近 X → 0.8·X to X (近億 = 80M–100M).
- `UnknownAmount`: the source did not say (未披露, 不詳, N/A, --, empty).
  Unknown is never zero: it compares equal to every other unknown and has no midpoint.

Amounts are written for readers by `duijie_core.locale.format_money`.

Bare 元 or a bare number means `default_currency` (CNY unless told otherwise);
¥ is read as CNY and $ as USD. Errors are `AmountError` with a code and parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from duijie_core.text import normalise

__all__ = [
    "CURRENCIES",
    "Amount",
    "AmountError",
    "ExchangeRate",
    "Money",
    "MoneyRange",
    "UnknownAmount",
    "amount_midpoint",
    "convert",
    "parse_amount",
]

CURRENCIES = frozenset({"CNY", "HKD", "USD", "MOP", "EUR", "JPY", "GBP", "TWD", "SGD", "AUD"})
MAX_AMOUNT = Decimal("1e18")
NEAR_FACTOR = Decimal("0.8")
VAGUE_FACTOR = Decimal(10)


class AmountError(ValueError):
    """An amount that cannot be read or built; `code` and `params` become text at the edge."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


def _canonical(amount: Decimal | int) -> Decimal:
    """Return `amount` with a canonical exponent (350000000, 3.5, 0.01) so reprs are stable."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise AmountError("not_decimal", value=repr(amount))
    value = Decimal(amount)
    if not value.is_finite():
        raise AmountError("not_finite", value=str(value))
    if value < 0:
        raise AmountError("negative_amount", value=str(value))
    if value > MAX_AMOUNT:
        raise AmountError("too_large", value=str(value))
    value = value.normalize()
    if value == 0:
        return Decimal(0)
    return value.quantize(Decimal(1)) if int(value.as_tuple().exponent) > 0 else value


def _check_currency(currency: str) -> None:
    if currency not in CURRENCIES:
        raise AmountError("unknown_currency", currency=currency)


@dataclass(frozen=True)
class Money:
    """An amount of one currency; `approximate` marks a floor or rough figure (超過 X)."""

    amount: Decimal
    currency: str
    approximate: bool = False

    def __post_init__(self) -> None:
        _check_currency(self.currency)
        object.__setattr__(self, "amount", _canonical(self.amount))

    def in_currency(self, currency: str, rate: Decimal) -> Money:
        """Return this amount in `currency`, where `rate` is units of `currency` per unit of ours.

        The product is exact (not rounded to cents); round at display time if needed.
        """
        if not isinstance(rate, Decimal) or not rate.is_finite() or rate <= 0:
            raise AmountError("bad_rate", rate=str(rate))
        return Money(self.amount * rate, currency, self.approximate)


@dataclass(frozen=True)
class MoneyRange:
    """From `low` to `high`, same currency, low ≤ high; bounds are exact (not approximate)."""

    low: Money
    high: Money

    def __post_init__(self) -> None:
        if self.low.currency != self.high.currency:
            raise AmountError(
                "range_currency_mismatch", low=self.low.currency, high=self.high.currency
            )
        if self.low.amount > self.high.amount:
            raise AmountError(
                "range_inverted", low=str(self.low.amount), high=str(self.high.amount)
            )
        if self.low.approximate or self.high.approximate:
            raise AmountError("range_bound_approximate")

    @property
    def currency(self) -> str:
        """The currency of both bounds."""
        return self.low.currency


@dataclass(frozen=True)
class UnknownAmount:
    """The source did not say how much; `text` is what it wrote (ignored by equality)."""

    text: str = field(default="", compare=False)


Amount = Money | MoneyRange | UnknownAmount


@dataclass(frozen=True)
class ExchangeRate:
    """On `on`, one unit of `base` buys `rate` units of `quote`."""

    base: str
    quote: str
    rate: Decimal
    on: date

    def __post_init__(self) -> None:
        _check_currency(self.base)
        _check_currency(self.quote)
        if not isinstance(self.rate, Decimal) or not self.rate.is_finite() or self.rate <= 0:
            raise AmountError("bad_rate", rate=str(self.rate))


def convert(money: Money, rate: ExchangeRate) -> Money:
    """Convert `money` (which must be in `rate.base`) to `rate.quote`."""
    if money.currency != rate.base:
        raise AmountError("currency_mismatch", expected=rate.base, got=money.currency)
    return money.in_currency(rate.quote, rate.rate)


def amount_midpoint(amount: Amount) -> Money | None:
    """One figure for sorting and totals: the money itself, a range's midpoint, None if unknown.

    A midpoint of a range with distinct bounds is marked approximate.
    """
    if isinstance(amount, UnknownAmount):
        return None
    if isinstance(amount, Money):
        return amount
    middle = (amount.low.amount + amount.high.amount) / 2
    return Money(middle, amount.currency, approximate=amount.low != amount.high)


# ---------------------------------------------------------------- parsing

# Words are in normalised form (Simplified, casefolded), so 人民幣 → 人民币 and HK$ → hk$.
_CURRENCY_WORDS = {
    "人民币": "CNY", "元人民币": "CNY", "cn¥": "CNY", "rmb": "CNY", "cny": "CNY", "¥": "CNY",
    "港元": "HKD", "港币": "HKD", "元港币": "HKD", "hk$": "HKD", "hkd": "HKD",
    "美元": "USD", "美金": "USD", "us$": "USD", "usd": "USD", "$": "USD",
    "澳门元": "MOP", "澳门币": "MOP", "澳币": "MOP", "mop$": "MOP", "mop": "MOP",
    "欧元": "EUR", "€": "EUR", "eur": "EUR",
    "日元": "JPY", "日圆": "JPY", "jp¥": "JPY", "jpy": "JPY",
    "英镑": "GBP", "£": "GBP", "gbp": "GBP",
    "新台币": "TWD", "台币": "TWD", "nt$": "TWD", "twd": "TWD",
    "新加坡元": "SGD", "新币": "SGD", "s$": "SGD", "sgd": "SGD",
    "澳元": "AUD", "澳大利亚元": "AUD", "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "元": "",  # yuan without a currency word: the default currency
}  # fmt: skip
_UNKNOWN_WORDS = frozenset(
    {"", "未披露", "未透露", "不详", "未知", "不公开", "保密", "暂无", "待定", "空", "无"}
    | {"undisclosed", "unknown", "n/a", "na", "none", "-", "--", "---", "—", "/", "tbd"}
)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_SCALES |= {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6}
_SCALES |= {"b": 10**9, "bn": 10**9, "billion": 10**9, "tn": 10**12, "trillion": 10**12}
_SCALES |= {"兆": 10**12}  # CLDR's zh_Hant unit above 億 (Taiwan usage; Hong Kong writes 萬億)
_FLOOR_WORDS = ("超过", "超", "逾", "过", "上", "over", "morethan", ">", "≥")
_ABOUT_WORDS = ("约", "大约", "about", "approx.", "approx", "approximately", "~")
_SUFFIX_FLOOR = ("以上", "多", "余", "+")
_RANGE_SEPARATORS = ("-", "–", "—", "−", "~", "至", "到", "to")


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of `words`, longest first so 港元 wins over 元."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _side_pattern(tag: str) -> str:
    currency = _alternation(_CURRENCY_WORDS)
    return (
        rf"(?P<floor_{tag}>{_alternation(_FLOOR_WORDS)})?"
        rf"(?P<about_{tag}>{_alternation(_ABOUT_WORDS)})?"
        rf"(?P<near_{tag}>近)?"
        rf"(?P<cur1_{tag}>{currency})?"
        rf"(?P<num_{tag}>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+|数)?"
        rf"(?P<more_{tag}>多|余)?"
        rf"(?P<unit_{tag}>[十百千]?[万亿兆]*|{_alternation(w for w in _SCALES if w.isascii())})"
        rf"(?P<cur2_{tag}>{currency})?"
        rf"(?P<post_{tag}>{_alternation(_SUFFIX_FLOOR)})?"
    )


_SINGLE = re.compile(_side_pattern("a"))
_RANGE = re.compile(
    rf"{_side_pattern('a')}(?:{_alternation(_RANGE_SEPARATORS)}){_side_pattern('b')}"
)


@dataclass(frozen=True)
class _Side:
    """One side of a written amount, before currency and scale are settled."""

    number: Decimal | None
    vague: bool
    scale: Decimal | None
    currency: str | None
    floor: bool
    near: bool


def parse_amount(text: str, *, default_currency: str = "CNY") -> Amount:
    """Read a written amount; raise `AmountError` (code ``unreadable``) for anything else."""
    _check_currency(default_currency)
    key = re.sub(r"[\s,]", "", normalise(text))
    if key in _UNKNOWN_WORDS:
        return UnknownAmount(text)
    if (match := _SINGLE.fullmatch(key)) is not None:
        return _single_amount(_side(match, "a", text), default_currency, text)
    if (match := _RANGE.fullmatch(key)) is not None:
        return _range_amount(
            _side(match, "a", text), _side(match, "b", text), default_currency, text
        )
    raise AmountError("unreadable", text=text)


def _side(match: re.Match[str], tag: str, text: str) -> _Side:
    group = match.groupdict()
    unit = group[f"unit_{tag}"]
    first, second = group[f"cur1_{tag}"], group[f"cur2_{tag}"]
    named = {_CURRENCY_WORDS[word] for word in (first, second) if word} - {""}
    if len(named) > 1:
        raise AmountError("conflicting_currency", text=text)
    words = (group[f"floor_{tag}"], group[f"more_{tag}"], group[f"post_{tag}"])
    return _Side(
        number=_number(group[f"num_{tag}"], text),
        vague=group[f"num_{tag}"] == "数",
        scale=_scale(unit) if unit else None,
        currency=named.pop() if named else None,
        floor=any(words),
        near=group[f"near_{tag}"] is not None,
    )


def _number(written: str | None, text: str) -> Decimal | None:
    if written is None or written == "数":
        return None
    if written[0] in "0123456789":
        return Decimal(written)
    return Decimal(_chinese_number(written, text))


def _chinese_number(written: str, text: str) -> int:
    """Value of a Chinese numeral below 10,000: 三千五百 → 3500, 十五 → 15, 千 → 1000."""
    total, digit = 0, None
    for char in written:
        if char in _CN_SMALL_UNITS:
            total += (1 if digit is None else digit) * _CN_SMALL_UNITS[char]
            digit = None
        elif char not in "零〇":
            if digit is not None:
                raise AmountError("unreadable", text=text)
            digit = _CN_DIGITS[char]
    return total + (digit or 0)


def _scale(unit: str) -> Decimal:
    """Multiplier of a unit word or a chain of Chinese units (千万 = 1e7, 万亿 = 1e12)."""
    if unit in _SCALES:
        return Decimal(_SCALES[unit])
    scale = Decimal(1)
    for char in unit:
        scale *= _SCALES[char]
    return scale


def _value(side: _Side, text: str) -> Decimal:
    if side.number is None and not (side.scale and (side.floor or side.near or side.vague)):
        raise AmountError("unreadable", text=text)
    value = (Decimal(1) if side.number is None else side.number) * (side.scale or 1)
    if value > MAX_AMOUNT:
        raise AmountError("too_large", value=str(value))
    return value


def _single_amount(side: _Side, default_currency: str, text: str) -> Amount:
    currency = side.currency or default_currency
    value = _value(side, text)
    if side.vague:
        return MoneyRange(Money(value, currency), Money(value * VAGUE_FACTOR, currency))
    if side.near:
        return MoneyRange(Money(value * NEAR_FACTOR, currency), Money(value, currency))
    return Money(value, currency, approximate=side.floor)


def _range_amount(low: _Side, high: _Side, default_currency: str, text: str) -> MoneyRange:
    if any(s.vague or s.near for s in (low, high)):
        raise AmountError("unreadable", text=text)
    if low.currency and high.currency and low.currency != high.currency:
        raise AmountError("conflicting_currency", text=text)
    currency = low.currency or high.currency or default_currency
    if low.scale is None:
        low = _Side(low.number, False, high.scale, None, low.floor, False)
    low_value, high_value = _value(low, text), _value(high, text)
    if low_value > high_value:
        raise AmountError("range_inverted", low=str(low_value), high=str(high_value))
    return MoneyRange(Money(low_value, currency), Money(high_value, currency))
