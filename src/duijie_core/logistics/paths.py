"""The fastest and the cheapest path over corridor legs (Dijkstra on a small graph).

Nodes are place or port codes; a leg is a directed edge. Time is the sum of the legs'
transit hours (waiting for the next departure is not modelled: ``runs_per_week`` is shown,
not added). Cost is summed only when every leg has a cost in the asked unit and every
currency converts to the asked one through the given exchange rates — a currency without
a rate is refused (:class:`LogisticsError` ``no_rate``), never summed as if it were CNY.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from duijie_core.logistics.model import Leg, LogisticsError, Path, PathCost
from duijie_core.money import ExchangeRate

Adjacency = Mapping[str, Sequence[Leg]]
Weight = Callable[[Leg], Decimal | None]


def adjacency(legs: Iterable[Leg], *, reverse: bool = False) -> dict[str, list[Leg]]:
    """Legs by the node they leave (or, with ``reverse``, the node they reach)."""
    found: dict[str, list[Leg]] = {}
    for leg in legs:
        found.setdefault(leg.destination if reverse else leg.origin, []).append(leg)
    return found


def rate_between(rates: Iterable[ExchangeRate], base: str, quote: str) -> Decimal:
    """Units of ``quote`` per unit of ``base``: the latest direct rate, else the inverse one."""
    if base == quote:
        return Decimal(1)
    direct = [r for r in rates if r.base == base and r.quote == quote]
    if direct:
        return max(direct, key=lambda r: r.on).rate
    inverse = [r for r in rates if r.base == quote and r.quote == base]
    if inverse:
        return Decimal(1) / max(inverse, key=lambda r: r.on).rate
    raise LogisticsError("no_rate", base=base, quote=quote)


def leg_price(leg: Leg, *, unit: str, currency: str, rates: Sequence[ExchangeRate]) -> Decimal:
    """The leg's cost per ``unit`` in ``currency``; refused when it cannot be known."""
    if leg.cost is None:
        raise LogisticsError("missing_cost", origin=leg.origin, destination=leg.destination)
    if leg.cost.unit != unit:
        raise LogisticsError(
            "unit_mismatch",
            origin=leg.origin,
            destination=leg.destination,
            unit=leg.cost.unit,
            expected=unit,
        )
    return leg.cost.amount * rate_between(rates, leg.cost.currency, currency)


def path_cost(
    legs: Sequence[Leg], *, unit: str, currency: str = "CNY", rates: Sequence[ExchangeRate] = ()
) -> PathCost:
    """The summed cost of ``legs`` per ``unit`` in ``currency`` (every leg converted first)."""
    total = sum(
        (leg_price(leg, unit=unit, currency=currency, rates=rates) for leg in legs), Decimal(0)
    )
    return PathCost(total, currency, unit)


def _shortest(
    graph: Adjacency, sources: Iterable[str], weight: Weight, *, reverse: bool, target: str = ""
) -> dict[str, tuple[Decimal, Leg | None]]:
    """Dijkstra from ``sources``: node → (distance, the leg that reached it).

    With a ``target`` the search stops once the target is settled, so legs beyond it are
    never weighed.
    """
    best: dict[str, tuple[Decimal, Leg | None]] = {s: (Decimal(0), None) for s in sources}
    order = itertools.count()
    queue = [(Decimal(0), next(order), s) for s in best]
    heapq.heapify(queue)
    done: set[str] = set()
    while queue:
        distance, _seq, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == target:
            break
        for leg in graph.get(node, ()):
            after = leg.origin if reverse else leg.destination
            step = None if after in done else weight(leg)
            if step is None:
                continue
            if after not in best or distance + step < best[after][0]:
                best[after] = (distance + step, leg)
                heapq.heappush(queue, (distance + step, next(order), after))
    return best


def _walk_back(reached: Mapping[str, tuple[Decimal, Leg | None]], end: str) -> tuple[Leg, ...]:
    legs: list[Leg] = []
    leg = reached[end][1]
    while leg is not None:
        legs.append(leg)
        leg = reached[leg.origin][1]
    return tuple(reversed(legs))


def _walk_forward(reached: Mapping[str, tuple[Decimal, Leg | None]], start: str) -> tuple[Leg, ...]:
    legs: list[Leg] = []
    leg = reached[start][1]
    while leg is not None:
        legs.append(leg)
        leg = reached[leg.destination][1]
    return tuple(legs)


def _priced(
    legs: tuple[Leg, ...], unit: str | None, currency: str, rates: Sequence[ExchangeRate]
) -> Path:
    hours = sum((leg.hours for leg in legs), Decimal(0))
    if unit is None:
        return Path(legs, hours, None, ("no_unit", {}))
    try:
        return Path(legs, hours, path_cost(legs, unit=unit, currency=currency, rates=rates))
    except LogisticsError as gap:
        return Path(legs, hours, None, (gap.code, gap.params))


def fastest_path(
    legs: Sequence[Leg],
    *,
    origin: str,
    destination: str,
    unit: str | None = None,
    currency: str = "CNY",
    rates: Sequence[ExchangeRate] = (),
) -> Path | None:
    """The path of least transit time, priced per ``unit`` when possible; None if unreachable."""
    if origin == destination:
        return None
    reached = _shortest(
        adjacency(legs), [origin], lambda leg: leg.hours, reverse=False, target=destination
    )
    if destination not in reached:
        return None
    return _priced(_walk_back(reached, destination), unit, currency, rates)


def cheapest_path(
    legs: Sequence[Leg],
    *,
    origin: str,
    destination: str,
    unit: str,
    currency: str = "CNY",
    rates: Sequence[ExchangeRate] = (),
) -> Path | None:
    """The path of least cost per ``unit`` over the legs priced in that unit; None if none.

    Legs without a cost, or priced in another unit, cannot be part of it. Legs priced in a
    currency with no rate to ``currency`` are left out too and named in ``Path.left_out``
    (never summed as if converted); when no path remains without them, the search is
    refused with :class:`LogisticsError` ``no_rate``.
    """
    if origin == destination:
        return None
    prices: dict[int, Decimal] = {}
    left_out: dict[tuple[str, str], LogisticsError] = {}
    for leg in legs:
        if leg.cost is None or leg.cost.unit != unit:
            continue
        try:
            prices[id(leg)] = leg_price(leg, unit=unit, currency=currency, rates=rates)
        except LogisticsError as refused:
            left_out.setdefault((leg.cost.currency, currency), refused)
    usable = [leg for leg in legs if id(leg) in prices]
    reached = _shortest(
        adjacency(usable), [origin], lambda leg: prices[id(leg)], reverse=False, target=destination
    )
    if destination not in reached:
        if left_out:
            bases = ", ".join(sorted(base for base, _quote in left_out))
            raise LogisticsError("no_rate", base=bases, quote=currency)
        return None
    found = _walk_back(reached, destination)
    gaps = tuple((e.code, e.params) for e in left_out.values())
    hours = sum((leg.hours for leg in found), Decimal(0))
    return Path(found, hours, PathCost(reached[destination][0], currency, unit), left_out=gaps)


def fastest_to(
    legs: Sequence[Leg],
    *,
    origins: Iterable[str],
    destination: str,
    unit: str | None = None,
    currency: str = "CNY",
    rates: Sequence[ExchangeRate] = (),
) -> dict[str, Path]:
    """The fastest path from each of ``origins`` to ``destination`` (one backward search).

    Origins that cannot reach the destination (and the destination itself) are left out.
    """
    reached = _shortest(
        adjacency(legs, reverse=True), [destination], lambda leg: leg.hours, reverse=True
    )
    return {
        origin: _priced(_walk_forward(reached, origin), unit, currency, rates)
        for origin in dict.fromkeys(origins)
        if origin in reached and origin != destination
    }
