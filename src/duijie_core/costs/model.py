"""The data of the cost model: indicator values with their sources, operation profiles, errors.

Every value here is exact (`Decimal`); nothing is rounded before output. Errors are
`CostError` with a code and string parameters; sentences are made at the edge
(`duijie_core.costs.phrases`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from duijie_core.costs.errors import CostError
from duijie_core.costs.units import parse_quantity_unit, parse_unit
from duijie_core.money import MAX_AMOUNT

__all__ = ["CostError", "IndicatorValue", "Profile", "ProfileItem", "Source", "Status"]


class Status(StrEnum):
    """How a value was obtained."""

    OFFICIAL = "official"
    ESTIMATED = "estimated"
    SAMPLE = "sample"


@dataclass(frozen=True)
class Source:
    """Where a value comes from: a document title or URL, its publisher and publication date."""

    document: str
    publisher: str = ""
    published: date | None = None

    def __post_init__(self) -> None:
        if not self.document.strip():
            raise CostError("missing_source")


def check_amount(value: Decimal, code: str, **params: str) -> Decimal:
    """Return `value` if it is a `Decimal` from 0 to 10¹⁸ (money's limit); else raise `code`."""
    if isinstance(value, bool) or not isinstance(value, Decimal) or not value.is_finite():
        raise CostError(code, value=str(value), **params)
    if value < 0 or value > MAX_AMOUNT:
        raise CostError(code, value=str(value), **params)
    return value


@dataclass(frozen=True)
class IndicatorValue:
    """A dated value of an indicator for a place (division code: ``43`` Hunan, ``4301`` Changsha).

    `unit` follows the unit grammar (``CNY/m2/year``, ``score``); `currency` must be the
    unit's currency, or empty for a unit without one. `origin` and `line` say which file
    row it came from (empty and 0 when it was not read from a file).
    """

    place: str
    indicator: str
    on: date
    value: Decimal
    unit: str
    currency: str
    source: Source
    status: Status | None = None
    origin: str = ""
    line: int = 0

    def __post_init__(self) -> None:
        if not self.place or not self.indicator:
            raise CostError("missing_key", place=self.place, indicator=self.indicator)
        if not isinstance(self.on, date):
            raise CostError("missing_date", place=self.place, indicator=self.indicator)
        if not isinstance(self.source, Source):
            raise CostError("missing_source")
        check_amount(self.value, "bad_value")
        parsed = parse_unit(self.unit)
        if (parsed.currency or "") != self.currency:
            raise CostError(
                "currency_mismatch", unit=self.unit, currency=self.currency, where=self.where
            )

    @property
    def where(self) -> str:
        """``IND.csv line 4`` when read from a file, else place and indicator."""
        if self.origin:
            return f"{self.origin} line {self.line}"
        return f"{self.place} {self.indicator} {self.on.isoformat()}"


@dataclass(frozen=True)
class ProfileItem:
    """A yearly need of an operation: `quantity` of `unit` priced by `indicator`.

    The unit is a quantity unit (``m2``, ``kWh``, ``person-month``); see `units.annual_pairing`.
    """

    indicator: str
    quantity: Decimal
    unit: str

    def __post_init__(self) -> None:
        if not self.indicator:
            raise CostError("missing_key", place="", indicator=self.indicator)
        check_amount(self.quantity, "bad_quantity", indicator=self.indicator)
        parse_quantity_unit(self.unit)


@dataclass(frozen=True)
class Profile:
    """An operation profile (manufacturing plant, R&D centre …): its yearly needs."""

    name: str
    items: tuple[ProfileItem, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for item in self.items:
            if item.indicator in seen:
                raise CostError("duplicate_item", indicator=item.indicator)
            seen.add(item.indicator)
