"""Adapter between corridor rows and the core's path search (``duijie_core.logistics``).

Loads every leg and exchange rate once, names the nodes (division and port codes) in the
reader's language, and finds the node a platform leaves from: its own division code if a
corridor starts there, else its city's, else its province's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from duijie.parks.models import Leg, Platform, Port
from duijie.pipeline.models import ExchangeRate
from duijie.reference.models import AdminDivision
from duijie_core.logistics import model as core
from duijie_core.money import CURRENCIES
from duijie_core.money import ExchangeRate as CoreRate


def core_legs(rows: Iterable[Leg] | None = None) -> list[core.Leg]:
    """Every leg (or ``rows``) as the core's legs, in corridor and leg order."""
    found = Leg.objects.select_related("corridor") if rows is None else rows
    return [_core_leg(row) for row in found]


def _core_leg(row: Leg) -> core.Leg:
    cost = None
    if row.cost_amount is not None and row.cost_currency and row.cost_unit:
        cost = core.LegCost(Decimal(row.cost_amount), row.cost_currency, row.cost_unit)
    return core.Leg(
        route=row.corridor.code,
        origin=row.origin,
        destination=row.destination,
        mode=row.mode,
        hours=plain(Decimal(row.hours)),
        runs_per_week=None if row.runs_per_week is None else plain(Decimal(row.runs_per_week)),
        cost=cost,
        source=row.source,
        on=row.as_of,
        sample=row.sample or row.corridor.sample,
    )


def plain(number: Decimal) -> Decimal:
    """``number`` without trailing zeros (``16.0`` → ``16``, ``7.50`` → ``7.5``)."""
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def core_rates() -> list[CoreRate]:
    """The project's exchange rates (pipeline ``ExchangeRate``) as the core's rates."""
    rows = ExchangeRate.objects.filter(base__in=CURRENCIES, quote__in=CURRENCIES)
    return [CoreRate(r.base, r.quote, Decimal(r.rate), r.on) for r in rows if r.rate > 0]


def node_names(codes: Iterable[str], language: str) -> dict[str, str]:
    """Display names of node codes (ports, then divisions); unknown codes name themselves.

    ``language`` is a Django code or the core's name of it (``zh-Hans`` = ``zh-hans``).
    """
    language = language.lower()
    wanted = set(codes)
    names = {p.code: p.display_name(language) for p in Port.objects.filter(code__in=wanted)}
    divisions = AdminDivision.objects.filter(code__in=wanted - set(names))
    names |= {d.code: d.display_name(language) for d in divisions}
    return {code: names.get(code, code) for code in wanted}


def known_nodes() -> set[str]:
    """Every code a leg starts or ends at."""
    pairs = Leg.objects.values_list("origin", "destination")
    return {code for pair in pairs for code in pair}


def platform_node(platform: Platform, nodes: set[str]) -> str | None:
    """The node ``platform`` leaves from: its division, its city or its province."""
    code = platform.division.code
    for candidate in (code, code[:4], code[:2]):
        if candidate in nodes:
            return candidate
    return None


def gba_ports() -> set[str]:
    """The codes of the Greater Bay Area ports."""
    return set(Port.objects.filter(is_gba=True).values_list("code", flat=True))


def destinations(legs: Sequence[core.Leg]) -> list[str]:
    """Nodes a path can end at (GBA ports first, then the rest by code)."""
    ends = {leg.destination for leg in legs}
    gba = gba_ports()
    return sorted(ends, key=lambda code: (code not in gba, code))
