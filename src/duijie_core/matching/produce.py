"""The words of supply–demand matching, defined once: certifications, units, and the
values a reason cites (quantities, months, hours, product names) written per language.

Certifications are a status list (:data:`CERTIFICATIONS`: code → names in zh-Hant,
zh-Hans, en); whatever a file or a form says ("有機", "有机", "Organic", "GAP") is
read to its code by :func:`certification_code`. Units (:data:`UNITS`) have a
dimension and a factor to the dimension's base, so tonnes and kilograms compare
and boxes never add up with tonnes; units CLDR knows are written by the locale
layer, the others by their names here.

The ``*Param`` classes are reason parameters: :mod:`duijie_core.matching.reasons`
writes each with its ``written(language)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from duijie_core.locale import (
    format_hours,
    format_measure,
    format_months,
    format_number,
    format_unit_price,
)
from duijie_core.matching.model import LANGUAGES
from duijie_core.money import Money, MoneyRange
from duijie_core.text import normalise

CERTIFICATIONS: dict[str, tuple[str, str, str]] = {
    "organic": ("有機認證", "有机认证", "organic"),
    "green_food": ("綠色食品", "绿色食品", "green food"),
    "gap": ("GAP 良好農業規範", "GAP 良好农业规范", "GAP"),
    "haccp": ("HACCP", "HACCP", "HACCP"),
    "iso22000": ("ISO 22000", "ISO 22000", "ISO 22000"),
    "brcgs": ("BRCGS", "BRCGS", "BRCGS"),
    "halal": ("清真認證", "清真认证", "halal"),
    "geographical_indication": ("地理標誌產品", "地理标志产品", "geographical indication"),
    "export_registered": (
        "出口食品生產企業備案",
        "出口食品生产企业备案",
        "registered for food export",
    ),
}
CERTIFICATION_ALIASES = {
    "有機": "organic",
    "有机": "organic",
    "綠色": "green_food",
    "绿色": "green_food",
    "良好農業規範": "gap",
    "良好农业规范": "gap",
    "globalgap": "gap",
    "地理標誌": "geographical_indication",
    "地理标志": "geographical_indication",
}


def _certification_keys() -> dict[str, str]:
    keys = {normalise(code): code for code in CERTIFICATIONS}
    for code, names in CERTIFICATIONS.items():
        keys.update({normalise(name): code for name in names})
    keys.update({normalise(alias): code for alias, code in CERTIFICATION_ALIASES.items()})
    return keys


_CERTIFICATION_KEYS = _certification_keys()


def certification_code(text: str) -> str | None:
    """The code of a certification however it is written (``None`` when unknown)."""
    return _CERTIFICATION_KEYS.get(normalise(text))


def certification_key(text: str) -> str:
    """What two spellings of one certification share: its code, else the normalised text."""
    return certification_code(text) or normalise(text)


@dataclass(frozen=True)
class Unit:
    """A unit of volume: its dimension, its size in the dimension's base, how it is written."""

    dimension: str
    factor: float
    cldr: str = ""  # a CLDR unit the locale layer writes; else ``names``
    names: tuple[str, str, str] = ("", "", "")


UNITS: dict[str, Unit] = {
    "t": Unit("mass", 1000.0, "mass-tonne"),
    "kg": Unit("mass", 1.0, "mass-kilogram"),
    "jin": Unit("mass", 0.5, names=("斤", "斤", "jin")),
    "box": Unit("box", 1.0, names=("箱", "箱", "boxes")),
    "head": Unit("head", 1.0, names=("頭", "头", "head")),
}
UNIT_ALIASES = {"噸": "t", "吨": "t", "公噸": "t", "公吨": "t", "tonne": "t", "公斤": "kg"}


def unit_code(text: str) -> str:
    """Our code of a unit as written (``噸`` → ``t``); an unknown unit stays as written."""
    key = text.strip()
    return key if key in UNITS else UNIT_ALIASES.get(key, UNIT_ALIASES.get(key.lower(), key))


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to``; ``None`` when they measure different things."""
    a, b = UNITS.get(unit_code(unit)), UNITS.get(unit_code(to))
    if unit_code(unit) == unit_code(to):
        return value
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return value * a.factor / b.factor


def written_unit(unit: str, language: str) -> str:
    """The name of a unit alone (``公噸``, ``箱``, ``t``)."""
    found = UNITS.get(unit_code(unit))
    if found is None:
        return unit
    if found.cldr:
        return format_measure(1, found.cldr, language).replace("1", "", 1).strip()
    return found.names[LANGUAGES.index(language)]


@dataclass(frozen=True)
class QuantityParam:
    """A volume in a unit: ``300 公噸``, ``300公吨``, ``300 t``, ``40 箱``."""

    value: float
    unit: str

    def written(self, language: str) -> str:
        found = UNITS.get(unit_code(self.unit))
        number = round(self.value, 1)
        if found is not None and found.cldr:
            return format_measure(number, found.cldr, language)
        name = found.names[LANGUAGES.index(language)] if found is not None else self.unit
        return f"{format_number(number, language)} {name}".strip()


@dataclass(frozen=True)
class UnitParam:
    """A unit alone (``公噸``, ``箱``, ``t``)."""

    unit: str

    def written(self, language: str) -> str:
        return written_unit(self.unit, language)


@dataclass(frozen=True)
class MonthsParam:
    """Months of the year (``11月至2月``, ``Nov–Feb``)."""

    months: tuple[int, ...]

    def written(self, language: str) -> str:
        return format_months(self.months, language)


@dataclass(frozen=True)
class HoursParam:
    """A delivery time in hours (``18 小時``, ``18 hrs``)."""

    hours: float

    def written(self, language: str) -> str:
        return format_hours(self.hours, language)


@dataclass(frozen=True)
class CertificationsParam:
    """Certifications by code, in the reader's words (unknown ones as written)."""

    codes: tuple[str, ...]

    def written(self, language: str) -> str:
        i = LANGUAGES.index(language)
        names = [CERTIFICATIONS[c][i] if c in CERTIFICATIONS else c for c in self.codes]
        return ("、" if language != "en" else ", ").join(names)


@dataclass(frozen=True)
class ProductName:
    """A product's (or a market's) names in zh-Hant, zh-Hans and en (any may be empty)."""

    hant: str = ""
    hans: str = ""
    en: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.hant, self.hans, self.en) if n)

    def written(self, language: str) -> str:
        wanted = {"zh-Hant": self.hant, "zh-Hans": self.hans, "en": self.en}[language]
        return wanted or next(iter(self.names), "")


@dataclass(frozen=True)
class UnitPrice:
    """A price per unit, one figure or a range in one currency (``CN¥5.80–6.40/kg``)."""

    amount: Money | MoneyRange
    unit: str

    @property
    def currency(self) -> str:
        return self.amount.currency

    @property
    def middle(self) -> Decimal:
        """The figure, or the middle of the range."""
        if isinstance(self.amount, Money):
            return self.amount.amount
        return (self.amount.low.amount + self.amount.high.amount) / 2

    def written(self, language: str) -> str:
        return format_unit_price(self.amount, written_unit(self.unit, language), language)


@dataclass(frozen=True)
class PriceParam:
    """A supplier's price as stated and, when it was converted, what it comes to in the
    buyer's currency and unit: ``每公斤6.20人民幣（約每公斤6.74港元）``,
    ``CN¥6.20/kg (≈ HK$6.74/kg)``."""

    price: UnitPrice
    converted: UnitPrice | None = None

    def written(self, language: str) -> str:
        text = self.price.written(language)
        if self.converted is None:
            return text
        other = self.converted.written(language)
        about = {"zh-Hant": "（約{}）", "zh-Hans": "（约{}）"}.get(language, " (≈ {})")
        return text + about.format(other)


Localisable = (
    QuantityParam
    | UnitParam
    | MonthsParam
    | HoursParam
    | CertificationsParam
    | ProductName
    | UnitPrice
    | PriceParam
)
LOCALISABLE = (
    QuantityParam,
    UnitParam,
    MonthsParam,
    HoursParam,
    CertificationsParam,
    ProductName,
    UnitPrice,
    PriceParam,
)
