"""Template filters of the locale layer: ``{% load localised %}``.

Each filter writes in the active language and, for moments, the active time zone (so a
``{% timezone venue.time_zone %}`` block shows venue time) through ``duijie.localised``::

    {{ deal.signed_on|day }}                 2025年5月14日 · 14 May 2025
    {{ event.starts_at|day:"weekday" }}      2025年5月14日（星期三） · Wed 14 May 2025
    {{ slot.starts_at|day:"weekday short" }} 5月14日（星期三） · Wed 14 May   (no year)
    {{ slot.starts_at|clock }}               14:30
    {{ run.finished_at|moment }}             2025年5月14日 14:30（香港時間）
    {{ run.finished_at|moment:"plain" }}     2025年5月14日 14:30   (zone not named)
    {{ venue.time_zone|zone_name }}          香港時間 · Hong Kong Time
    {{ offer.expires_at|deadline }}          5月14日 14:30（香港時間），3 日後
    {% day_range edition.starts_on edition.ends_on %}
    {{ total|number }} {{ score|number:2 }}  22,176,500,000 · 0.87
    {{ job.duration|duration }}              45 秒 · 2分钟 · 2 mins  (seconds or a timedelta)
    {{ project_amount|money }}               1.1億至11億港元 · HK$110m–1.1bn
    {% money_between m.ticket_min m.ticket_max m.currency %}   the same from two numbers
    {{ deal.amount_text|written_money }}     8000萬元 read and rewritten: 8000萬人民幣
    {{ need.seasons|months }}                11月至2月、6月 · Nov–Feb, Jun · 全年 (empty: all year)
    {{ product.monthly_volume|volume:product.unit }}   300 公噸 · 300公吨 · 300 t · 40 箱
    {{ delivery.hours|hours }}               18 小時 · 18小时 · 18 hrs
    {% unit_price p.price_low p.price_high p.price_currency p.price_unit %}
                                             每公斤5.80至6.40人民幣 · CN¥5.80–6.40/kg

Empty values (None, "") become "" so ``|default:"—"`` still works.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django import template
from django.utils import timezone

from duijie import localised
from duijie_core import locale
from duijie_core.matching.produce import QuantityParam
from duijie_core.matching.supply_price import unit_price as core_unit_price
from duijie_core.money import Amount, Money

register = template.Library()


@register.filter
def day(value: date | datetime | None, options: str = "") -> str:
    """A date; options ``weekday`` adds the weekday, ``short`` leaves the year out."""
    if value in (None, ""):
        return ""
    words = options.split()
    return localised.day(value, weekday="weekday" in words, year="short" not in words)  # type: ignore[arg-type]


@register.filter
def period(value: str | None) -> str:
    """A date at the precision it was written: ``{{ fact.value.date|period }}``."""
    return localised.period(value) if value else ""


@register.filter
def clock(value: datetime | time | None) -> str:
    """A wall-clock time (24-hour) in the active time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = localised.local_moment(value)
    return locale.format_time(value, localised.reader_language())  # type: ignore[arg-type]


@register.filter
def moment(value: datetime | None, options: str = "") -> str:
    """Date, time and the named time zone; ``short`` leaves the year out, ``plain`` the zone."""
    if value in (None, ""):
        return ""
    words = options.split()
    return localised.moment(value, year="short" not in words, named="plain" not in words)  # type: ignore[arg-type]


@register.filter
def zone_name(value: str) -> str:
    """The human name of an IANA time zone: 香港時間, 香港时间, Hong Kong Time."""
    return locale.time_zone_name(value, localised.reader_language()) if value else ""


@register.filter
def deadline(value: datetime | None) -> str:
    """A deadline from now: when, and how far away in words."""
    if value in (None, ""):
        return ""
    language, zone = localised.reader_language(), localised.reader_time_zone()
    return locale.format_deadline(value, timezone.now(), language, time_zone=zone)  # type: ignore[arg-type]


@register.simple_tag
def day_range(start: date, end: date) -> str:
    """Two days joined the way the reader's language joins them."""
    return locale.format_date_range(start, end, localised.reader_language())


@register.filter
def number(value: Decimal | int | float | None, digits: int | str | None = None) -> str:
    """A grouped number; an argument fixes the decimals, or ``"plain"`` drops the trailing
    zeros a stored decimal carries from its column (353.00 → 353, 12.50 → 12.5)."""
    if value in (None, ""):
        return ""
    if digits == "plain":
        if isinstance(value, Decimal) and value.is_finite():
            value = (
                value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
            )
        digits = None
    return localised.number(value, digits)  # type: ignore[arg-type]


@register.simple_tag
def sep() -> str:
    """The separator of a short list in the reader's language (、 or a comma)."""
    return locale.list_separator(localised.reader_language())


@register.filter
def listing(values: object) -> str:
    """A short list of texts joined in the reader's language (甲、乙 / a, b)."""
    return localised.listing(values or ())  # type: ignore[arg-type]


@register.filter
def clauses(values: object) -> str:
    """Clauses said of one thing joined in the reader's language (甲；乙 / a; b)."""
    separator = locale.clause_separator(localised.reader_language())
    return separator.join(str(v) for v in values or ())  # type: ignore[attr-defined]


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """A share (0.125) as a percentage; empty for None."""
    if value is None:
        return ""
    return localised.percent(value, digits)


@register.filter
def money(value: Amount | Decimal | None, currency: str = "") -> str:
    """A Money, MoneyRange or UnknownAmount (1.1億港元, 1.1亿港元, HK$110m), or a number
    in `currency`: ``{{ deal.amount_cny|money:"CNY" }}``."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | int):
        value = Money(Decimal(value), currency)
    return localised.money(value)


@register.simple_tag
def money_between(low: Decimal | None, high: Decimal | None, currency: str) -> str:
    """Two bounds in `currency`: ``{% money_between m.ticket_min m.ticket_max m.currency %}``."""
    return localised.money_between(low, high, currency)


@register.filter
def written_money(value: str | None, currency: str = "CNY") -> str:
    """An amount stored as text, read and written in the reader's language (as entered if
    unreadable); bare numbers are in `currency`."""
    return localised.written_money(value or "", currency=currency)


@register.filter
def duration(value: timedelta | float | None) -> str:
    """How long something took (a timedelta or seconds), in its largest whole unit."""
    if value in (None, ""):
        return ""
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)  # type: ignore[arg-type]
    return localised.duration(seconds)


@register.filter
def months(value: list[int] | tuple[int, ...] | None) -> str:
    """Month numbers as month names in runs; none means all year."""
    chosen = tuple(value or ()) or tuple(range(1, 13))
    return locale.format_months(chosen, localised.reader_language())


@register.filter
def volume(value: Decimal | float | None, unit: str = "t") -> str:
    """A volume in a unit of the core's list (tonnes, kilograms, jin, boxes, head)."""
    if value in (None, ""):
        return ""
    written = QuantityParam(float(value), unit)  # type: ignore[arg-type]
    return written.written(localised.reader_language())


@register.simple_tag
def unit_price(low: Decimal | None, high: Decimal | None, currency: str, unit: str) -> str:
    """A price per unit, one figure or a range (empty when no price is stated)."""
    found = core_unit_price(low, high, currency, unit)
    return found.written(localised.reader_language()) if found is not None else ""


@register.filter
def hours(value: float | None) -> str:
    """A number of hours, never turned into days."""
    if value in (None, ""):
        return ""
    return locale.format_hours(value, localised.reader_language())  # type: ignore[arg-type]
