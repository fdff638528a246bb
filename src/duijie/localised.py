"""The Django side of the locale layer: the reader's language, time zone and absolute links.

Formatting itself is `duijie_core.locale` (CLDR through Babel); templates reach it through
the ``localised`` template filters (``accounts/templatetags/localised.py``), Python code
(PDFs, exports, e-mails) through the functions here, which read the active language and
time zone the way templates do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import timezone, translation

from duijie_core import locale
from duijie_core.money import Amount, AmountError, Money, MoneyRange, parse_amount

CORE_LANGUAGES = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}


def reader_language(language: str | None = None) -> str:
    """`language` (Django code, default the active one) as the core names it; else zh-Hant."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    return CORE_LANGUAGES.get(code, "zh-Hant")


def reader_time_zone() -> str:
    """The IANA name of the active time zone (a ``{% timezone %}`` block's, else TIME_ZONE)."""
    return str(timezone.get_current_timezone_name())


def local_moment(value: datetime) -> datetime:
    """An aware datetime in the active time zone (naive values are taken as already local)."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def day(value: date | datetime, *, weekday: bool = False, year: bool = True) -> str:
    """A date (or the local date of a moment) in the active language."""
    if isinstance(value, datetime):
        value = local_moment(value)
    return locale.format_date(value, reader_language(), weekday=weekday, year=year)


def period(value: str) -> str:
    """A date at the precision it was written (``2024``, ``2024-10``, ``2024-10-15``)."""
    return locale.format_period(value, reader_language())


def moment(value: datetime, *, year: bool = True, named: bool = True) -> str:
    """A moment with date, time and (when `named`) the human name of the active time zone."""
    zone = reader_time_zone()
    language = reader_language()
    return locale.format_datetime(value, language, time_zone=zone, year=year, named=named)


def number(value: Decimal | int | float, digits: int | None = None) -> str:
    """A grouped number in the active language."""
    return locale.format_number(value, reader_language(), digits=digits)


def listing(values: Iterable[object]) -> str:
    """A short list of texts joined in the active language (甲、乙 / a, b)."""
    return locale.list_separator(reader_language()).join(str(v) for v in values)


def duration(seconds: float) -> str:
    """How long something took, in the active language (``2 分鐘``, ``2 mins``)."""
    return locale.format_duration(seconds, reader_language())


def percent(value: float, digits: int = 0) -> str:
    """A share (0.125) as a percentage in the active language."""
    return locale.format_percent(value, reader_language(), digits=digits)


def money(amount: Amount) -> str:
    """An amount in the active language (1.1億港元, 1.1亿港元, HK$110m)."""
    return locale.format_money(amount, reader_language())


def money_between(low: Decimal | None, high: Decimal | None, currency: str) -> str:
    """Bounds kept as two numbers (a mandate's ticket): a range, ``≥ low``, ``≤ high`` or —."""
    if low is not None and high is not None and low <= high:
        return money(MoneyRange(Money(low, currency), Money(high, currency)))
    if low is not None:
        return "≥ " + money(Money(low, currency))
    if high is not None:
        return "≤ " + money(Money(high, currency))
    return "—"


def written_money(text: str, *, currency: str = "CNY") -> str:
    """An amount stored as text (8000萬元, HK$10億) in the active language; as entered when
    it cannot be read (the entered text stays the source of truth)."""
    if not text.strip():
        return locale.format_money(parse_amount(""), reader_language())
    try:
        return money(parse_amount(text, default_currency=currency))
    except AmountError:
        return text


def absolute_url(path: str, request: HttpRequest | None = None, *, site: str = "") -> str:
    """The absolute URL of `path` on this site: ``DUIJIE_SITE_URL`` when set, else the host
    the request came to, else `site` (a base recorded from a request, e.g. when a background
    job was started). Without any there is no honest answer: an error."""
    base = settings.SITE_URL or site
    if request is not None and not settings.SITE_URL:
        return request.build_absolute_uri(path)
    if base:
        return base.rstrip("/") + path
    raise ImproperlyConfigured("DUIJIE_SITE_URL must be set to write links outside a request.")
