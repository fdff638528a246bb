"""Legs of trade corridors: frozen values, checked on construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from duijie_core.money import CURRENCIES

MODES = ("rail", "sea", "road", "air", "river")
UNITS = ("TEU", "FEU", "truck", "wagon", "pallet", "t", "kg", "m3")
"""What a leg's cost may be quoted per: a container (TEU, FEU), a truck or wagon load, a
pallet, a tonne, a kilogram or a cubic metre."""
ParamValue = str | int | float


class LogisticsError(ValueError):
    """Bad corridor data or a refused computation: ``code`` plus ``params`` (see phrases)."""

    def __init__(self, code: str, /, **params: ParamValue) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: Mapping[str, ParamValue] = params


@dataclass(frozen=True)
class LegCost:
    """What one leg costs per ``unit`` (TEU, t, pallet …) in ``currency``."""

    amount: Decimal
    currency: str
    unit: str

    def __post_init__(self) -> None:
        if self.currency not in CURRENCIES:
            raise LogisticsError("unknown_currency", currency=self.currency)
        if not self.amount.is_finite() or self.amount < 0:
            raise LogisticsError("bad_cost", amount=str(self.amount))
        if not self.unit.strip():
            raise LogisticsError("missing_unit")
        if self.unit not in UNITS:
            raise LogisticsError("unknown_unit", unit=self.unit, known="、".join(UNITS))


@dataclass(frozen=True)
class Leg:
    """One leg of a corridor: from ``origin`` to ``destination`` (place codes or port codes).

    ``hours`` is the transit time, ``runs_per_week`` the frequency when known, ``cost``
    the cost per unit when known; ``route`` names the corridor the leg belongs to.
    """

    route: str
    origin: str
    destination: str
    mode: str
    hours: Decimal
    runs_per_week: Decimal | None = None
    cost: LegCost | None = None
    source: str = ""
    on: dt.date | None = None
    sample: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise LogisticsError("unknown_mode", mode=self.mode)
        if not self.hours.is_finite() or self.hours < 0:
            raise LogisticsError("bad_hours", hours=str(self.hours))
        if self.origin == self.destination:
            raise LogisticsError("leg_to_itself", place=self.origin)


def check_network(legs: Iterable[Leg], nodes: Collection[str]) -> None:
    """Refuse a leg that starts or ends at a node not in ``nodes`` (the known places and
    ports): the path search would treat a typo as a new, unreachable place."""
    for leg in legs:
        for end in (leg.origin, leg.destination):
            check_node(end, nodes)


def check_node(code: str, nodes: Collection[str]) -> None:
    """Refuse ``code`` unless it is one of ``nodes`` (LogisticsError ``unknown_node``)."""
    if code not in nodes:
        raise LogisticsError("unknown_node", node=code)


@dataclass(frozen=True)
class PathCost:
    """The summed cost of a path in one currency per one unit."""

    amount: Decimal
    currency: str
    unit: str


@dataclass(frozen=True)
class Path:
    """Legs in order from origin to destination, their total hours and (when known) cost.

    ``cost`` is None when a leg has no cost or a unit differs; ``cost_gap`` then says why
    (a code with parameters), so a missing figure is never shown as zero. ``left_out``
    says which legs the cheapest-path search could not price (a currency without a rate).
    """

    legs: tuple[Leg, ...]
    hours: Decimal
    cost: PathCost | None = None
    cost_gap: tuple[str, Mapping[str, ParamValue]] | None = field(default=None)
    left_out: tuple[tuple[str, Mapping[str, ParamValue]], ...] = ()

    @property
    def origin(self) -> str:
        """Where the first leg starts."""
        return self.legs[0].origin

    @property
    def destination(self) -> str:
        """Where the last leg ends."""
        return self.legs[-1].destination
