"""Dates, times, numbers and money in the reader's language: the one locale layer.

Every date, time, number or amount a person reads — pages, PDFs, exports, e-mails,
the matching engine's reasons — is written by a function here. The words and
patterns come from the Unicode CLDR through Babel (month and weekday names,
date patterns, time-zone names, relative times, currency names and symbols,
compact units 萬/億, 万/亿, k/m/bn); nothing here spells a month.

`language` is one of ``zh-Hant`` (Hong Kong usage), ``zh-Hans`` or ``en``; the
spellings ``zh-hant``, ``zh_Hant`` are accepted too. Anything else is a
`LocaleError`.

Which CLDR locale serves which language:

- zh-Hant: ``zh_Hant_HK`` for dates, times and currency names (港元, 新加坡元);
  ``zh_Hant`` for compact numbers, because CLDR's zh_Hant_HK writes 1.1億 as
  "110M" (its units are 萬, 億, 兆).
- zh-Hans: ``zh_Hans_CN`` (万, 亿, 万亿).
- en: ``en_GB`` (``Wed 14 May 2025``, ``HK$110m``, ``24-hour clock``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as cldr_dates
from babel import numbers as cldr_numbers
from babel import units as cldr_units

from duijie_core.money import Amount, Money, MoneyRange, UnknownAmount

__all__ = [
    "LANGUAGES",
    "LocaleError",
    "format_date",
    "format_date_range",
    "format_datetime",
    "format_deadline",
    "format_duration",
    "format_hours",
    "format_measure",
    "format_money",
    "format_months",
    "format_number",
    "format_time",
    "format_unit_price",
    "language_of",
    "time_zone_name",
]

LANGUAGES = ("zh-Hant", "zh-Hans", "en")


class LocaleError(ValueError):
    """A language this layer does not write, or a value it cannot format."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class _Conventions:
    """How one language writes: CLDR locales plus the few joining patterns CLDR lacks."""

    dates: Locale
    numbers: Locale
    weekday_width: str  # CLDR weekday pattern: EEEE 星期三, EEE Wed
    with_weekday: str  # joins {date} and {weekday}
    with_zone: str  # joins a time and {zone}
    unknown: str
    floor: str
    range: str


_ZH_HANT = _Conventions(
    dates=Locale.parse("zh_Hant_HK"),
    numbers=Locale.parse("zh_Hant"),
    weekday_width="EEEE",
    with_weekday="{date}（{weekday}）",
    with_zone="{time}（{zone}）",
    unknown="未披露",
    floor="超過",
    range="至",
)
_CONVENTIONS = {
    "zh-Hant": _ZH_HANT,
    "zh-Hans": replace(
        _ZH_HANT, dates=Locale.parse("zh_Hans_CN"), numbers=Locale.parse("zh_Hans_CN"), floor="超过"
    ),
    "en": _Conventions(  # dates, numbers, weekday width, with_weekday, with_zone
        Locale.parse("en_GB"),
        Locale.parse("en_GB"),
        "EEE",
        "{weekday} {date}",
        "{time} ({zone})",
        unknown="undisclosed",
        floor="over ",
        range="–",
    ),
}


def language_of(language: str) -> str:
    """The canonical spelling (zh-Hant, zh-Hans, en) of `language`; `LocaleError` otherwise."""
    wanted = language.replace("_", "-").casefold()
    for known in LANGUAGES:
        if wanted == known.casefold():
            return known
    raise LocaleError("unknown_language", language=language)


def _conventions(language: str) -> _Conventions:
    return _CONVENTIONS[language_of(language)]


def _zone(time_zone: str) -> tzinfo:
    try:
        return ZoneInfo(time_zone)
    except (ValueError, KeyError) as error:  # ZoneInfoNotFoundError is a KeyError
        raise LocaleError("unknown_time_zone", time_zone=time_zone) from error


# ---------------------------------------------------------------- dates and times


def format_date(value: date, language: str, *, weekday: bool = False, year: bool = True) -> str:
    """A calendar day: ``2025年5月14日`` / ``14 May 2025``; with `weekday`
    ``2025年5月14日（星期三）`` / ``Wed 14 May 2025``; `year=False` leaves the year out."""
    if isinstance(value, datetime):
        value = value.date()
    style = _conventions(language)
    text = cldr_dates.format_skeleton("yMMMd" if year else "MMMd", value, locale=style.dates)
    if not weekday:
        return text
    name = cldr_dates.format_date(value, style.weekday_width, locale=style.dates)
    return style.with_weekday.format(date=text, weekday=name)


def format_period(value: str, language: str) -> str:
    """A date written at the precision a source gave it (ISO ``2024``, ``2024-10`` or
    ``2024-10-15``): ``2024年`` / ``2024``, ``2024年10月`` / ``Oct 2024``, or a day.
    Anything else is a `LocaleError`."""
    try:
        parts = [int(part) for part in value.split("-")]
        first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        raise LocaleError("bad_period", value=value) from None
    if len(parts) == 3:
        return format_date(first, language)
    style = _conventions(language)
    return cldr_dates.format_skeleton("yMMM" if len(parts) == 2 else "y", first, locale=style.dates)


def format_date_range(start: date, end: date, language: str) -> str:
    """Two days as CLDR joins them: ``2025年5月13日至16日`` / ``13 – 16 May 2025``.

    The same day twice is one date; an end before the start is a `LocaleError`.
    """
    if end < start:
        raise LocaleError("range_inverted", start=start.isoformat(), end=end.isoformat())
    style = _conventions(language)
    if start == end:
        return format_date(start, language)
    return cldr_dates.format_interval(start, end, "yMMMd", locale=style.dates)


def format_time(value: time | datetime, language: str) -> str:
    """A wall-clock time on the 24-hour clock: ``10:27`` (the value's own zone, not converted)."""
    clock = value.time() if isinstance(value, datetime) else value
    return cldr_dates.format_skeleton("Hm", clock, locale=_conventions(language).dates)


def format_duration(seconds: float, language: str) -> str:
    """How long something took, in its largest whole unit: ``45 秒``, ``2分钟``, ``2 mins``.

    Negative durations are written as their size; CLDR rounds to the nearest unit.
    """
    span = timedelta(seconds=abs(seconds))
    return cldr_dates.format_timedelta(
        span, threshold=1, format="short", locale=_conventions(language).dates
    )


def format_hours(hours: float, language: str) -> str:
    """A number of hours, never rounded up to days: ``30 小時``, ``30小时``, ``30 hrs``."""
    return format_measure(hours, "duration-hour", language)


def format_measure(value: float, unit: str, language: str) -> str:
    """A quantity with a CLDR unit (``mass-tonne``, ``mass-kilogram``, ``duration-hour`` …):
    ``1,300.5 公噸``, ``1,300.5公吨``, ``1,300.5 t``. An unknown unit is a `LocaleError`."""
    length: Literal["short", "long"] = "short" if language_of(language) == "en" else "long"
    try:
        return str(
            cldr_units.format_unit(value, unit, length=length, locale=_conventions(language).dates)
        )
    except cldr_units.UnknownUnitError:
        raise LocaleError("unknown_unit", unit=unit) from None


def format_months(months: tuple[int, ...] | list[int], language: str) -> str:
    """Months of the year as runs of CLDR month names, a run may wrap the new year:
    (11, 12, 1, 2, 6) → ``11月至2月、6月`` / ``Nov–Feb, Jun``; all twelve → the whole year."""
    chosen = sorted({m for m in months if 1 <= m <= 12})
    if len(months) and len(chosen) != len(set(months)):
        raise LocaleError("bad_month", value=repr(months))
    style, canonical = _conventions(language), language_of(language)
    if len(chosen) == 12:
        return _WHOLE_YEAR[canonical]
    names = cldr_dates.get_month_names("abbreviated", "stand-alone", locale=style.dates)
    parts = [
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}{style.range}{names[run[-1]]}"
        for run in _month_runs(chosen)
    ]
    return ("、" if canonical != "en" else ", ").join(parts)


_WHOLE_YEAR = {"zh-Hant": "全年", "zh-Hans": "全年", "en": "all year"}


def _month_runs(months: list[int]) -> list[list[int]]:
    """Consecutive months grouped; December–January joins the last run to the first."""
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][-1] == 12:
        runs[0] = runs.pop() + runs[0]
    return runs


def time_zone_name(time_zone: str, language: str) -> str:
    """The human name of an IANA zone: ``香港時間`` / ``香港时间`` / ``Hong Kong Time``."""
    return cldr_dates.get_timezone_name(_zone(time_zone), locale=_conventions(language).dates)


def format_datetime(
    value: datetime,
    language: str,
    *,
    time_zone: str,
    year: bool = True,
    weekday: bool = False,
    named: bool = True,
) -> str:
    """A moment in `time_zone`, named: ``2025年5月14日 10:27（香港時間）`` /
    ``14 May 2025, 10:27 (Hong Kong Time)``; `named=False` leaves the zone's name out where
    the page already says it. A naive value is read as already in `time_zone`."""
    zone = _zone(time_zone)
    local = value.astimezone(zone) if value.tzinfo is not None else value.replace(tzinfo=zone)
    style = _conventions(language)
    day = format_date(local, language, weekday=weekday, year=year)
    joined = _join_date_time(style, day, format_time(local, language))
    if not named:
        return joined
    return style.with_zone.format(time=joined, zone=time_zone_name(time_zone, language))


def _join_date_time(style: _Conventions, day: str, clock: str) -> str:
    pattern = str(style.dates.datetime_formats["medium"])
    return pattern.replace("{1}", day).replace("{0}", clock)


def format_deadline(value: datetime, now: datetime, language: str, *, time_zone: str) -> str:
    """A deadline seen from `now`: the moment, then how far away it is in words:
    ``12月10日 10:27（香港時間），3 日後`` / ``10 Dec, 10:27 (Hong Kong Time), in 3 days``.

    Both datetimes must be aware (or both naive, read in `time_zone`); the year is shown
    only when the deadline falls in another year than `now`.
    """
    zone = _zone(time_zone)
    when, seen = (t if t.tzinfo else t.replace(tzinfo=zone) for t in (value, now))
    same_year = when.astimezone(zone).year == seen.astimezone(zone).year
    moment = format_datetime(when, language, time_zone=time_zone, year=not same_year)
    style = _conventions(language)
    distance = cldr_dates.format_timedelta(when - seen, add_direction=True, locale=style.dates)
    separator = "，" if language_of(language) != "en" else ", "
    return moment + separator + distance


# ---------------------------------------------------------------- numbers and money


def format_number(value: Decimal | int | float, language: str, *, digits: int | None = None) -> str:
    """A grouped number: ``22,176,500,000``, ``22,096.5``; `digits` fixes the decimals (rounded
    half-even). Without `digits` a Decimal or int keeps its own digits, a float at most three."""
    style = _conventions(language)
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise LocaleError("not_a_number", value=repr(value))
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise LocaleError("not_finite", value=str(value))
    if digits is None and isinstance(value, float):
        return cldr_numbers.format_decimal(number, locale=style.numbers)
    if digits is None:
        digits = max(0, -int(number.as_tuple().exponent))
    number = number.quantize(Decimal(1).scaleb(-digits))
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return cldr_numbers.format_decimal(number, pattern, locale=style.numbers)


def list_separator(language: str) -> str:
    """What separates the items of a short list: ``、`` in Chinese, ``, `` in English."""
    return ", " if language == "en" else "、"


def clause_separator(language: str) -> str:
    """What separates clauses said of one thing: ``；`` in Chinese, ``; `` in English."""
    return "; " if language == "en" else "；"


def format_percent(value: float, language: str, *, digits: int = 0) -> str:
    """A share (0.125) as a percentage in `language`'s style: ``13%``, `digits` decimals."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise LocaleError("not_a_number", value=repr(value))
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return cldr_numbers.format_percent(value, pattern, locale=_conventions(language).numbers)


def format_money(amount: Amount, language: str) -> str:
    """Write `amount` for readers of `language`, exact, never rounded.

    One figure ``1.1億港元`` / ``1.1亿港元`` / ``HK$110m``; a range ``1億至2億人民幣`` /
    ``CN¥100m–200m``; a floor ``超過3.5億人民幣`` / ``over CN¥350m``; unknown ``未披露`` /
    ``undisclosed``. `duijie_core.money.parse_amount` reads every output back to an equal amount.
    Writings are remembered per amount and language (amounts are frozen and canonical, so
    equal amounts are written alike; lists of suggestions repeat the same tickets).
    """
    return _format_money(amount, language)


@lru_cache(maxsize=16384)
def _format_money(amount: Amount, language: str) -> str:
    style = _conventions(language)
    if isinstance(amount, UnknownAmount):
        return style.unknown
    if isinstance(amount, Money):
        figure = _compact(amount.amount, style)
        floor = style.floor if amount.approximate else ""
        return floor + _with_currency(figure, amount.currency, language)
    low, high = amount.low.amount, amount.high.amount
    if low >= _smallest_unit(style):
        figures = _compact(low, style) + style.range + _compact(high, style)
    else:  # a bare low bound would borrow the high bound's unit when read back
        figures = _grouped(low, style) + style.range + _grouped(high, style)
    return _with_currency(figures, amount.currency, language)


def format_unit_price(amount: Money | MoneyRange, per: str, language: str) -> str:
    """A price per unit, ``per`` being the unit's name already written for `language`:
    ``每公斤8.50港元`` / ``每公斤5.80至6.40人民币`` / ``HK$8.50/kg``. Prices under 1,000 keep
    two decimals (rounded half-even), larger ones whole units: ``CN¥7,800/t``."""
    style = _conventions(language)
    bounds = (
        (amount.amount,) if isinstance(amount, Money) else (amount.low.amount, amount.high.amount)
    )
    digits = 2 if max(bounds) < 1000 else 0
    figures = style.range.join(format_number(b, language, digits=digits) for b in bounds)
    if language_of(language) == "en":
        return f"{_with_currency(figures, amount.currency, language)}/{per}"
    return f"每{per}{_with_currency(figures, amount.currency, language)}"


@cache
def _smallest_unit(style: _Conventions) -> Decimal:
    patterns = style.numbers.compact_decimal_formats["short"]["other"]
    return min(Decimal(m) for m, p in patterns.items() if str(p.pattern) != "0")


def _compact(value: Decimal, style: _Conventions) -> str:
    """The number with CLDR's largest unit it reaches (3.5億, 350m), keeping every digit."""
    if value < _smallest_unit(style):
        return _grouped(value, style)
    return cldr_numbers.format_compact_decimal(value, locale=style.numbers, fraction_digits=18)


def _grouped(value: Decimal, style: _Conventions) -> str:
    return cldr_numbers.format_decimal(value, locale=style.numbers, decimal_quantization=False)


def _with_currency(figure: str, currency: str, language: str) -> str:
    style = _conventions(language)
    if language_of(language) == "en":
        symbol = cldr_numbers.get_currency_symbol(currency, locale=style.numbers)
        return symbol + (" " if symbol[-1].isalpha() else "") + figure
    return figure + cldr_numbers.get_currency_name(currency, locale=style.dates)
