"""Between the rows and the pure cost model: load in bulk, build the core's values once.

One query per table: every indicator value (with its indicator and place codes), the
exchange rates into CNY (the pipeline's :class:`~duijie.pipeline.models.ExchangeRate`,
the project's one table of rates), a profile with its items, the county → city → province map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from duijie.environment.models import IndicatorValue, OperationProfile, ValueStatus, plain
from duijie.pipeline.models import ExchangeRate
from duijie.reference.models import AdminDivision, DivisionLevel
from duijie_core import costs
from duijie_core.costs.book import PriceBook, with_parents
from duijie_core.money import ExchangeRate as CoreRate

VALUE_FIELDS = (
    "id", "indicator__code", "place__code", "on", "value", "unit", "currency",
    "source", "publisher", "published", "status",
)  # fmt: skip


def core_values(rows: Iterable[dict[str, object]]) -> list[costs.IndicatorValue]:
    """The core's values of `rows` (``values(*VALUE_FIELDS)`` dicts); ``line`` is the row id."""
    return [
        costs.IndicatorValue(
            place=str(row["place__code"]),
            indicator=str(row["indicator__code"]),
            on=row["on"],  # type: ignore[arg-type]
            value=plain(row["value"]),  # type: ignore[arg-type]
            unit=str(row["unit"]),
            currency=str(row["currency"]),
            source=costs.Source(
                str(row["source"]),
                str(row["publisher"]),
                row["published"],  # type: ignore[arg-type]
            ),
            status=costs.Status(str(row["status"])) if row["status"] else None,
            line=int(row["id"]),  # type: ignore[call-overload]
        )
        for row in rows
    ]


def core_rates() -> list[CoreRate]:
    """Every stored rate into CNY as the core's rate (other pairs are not used here)."""
    rows = ExchangeRate.objects.filter(quote="CNY").exclude(base="CNY")
    return [CoreRate(r.base, r.quote, r.rate, r.on) for r in rows]


ROLE_UNIT = "person-month"


def core_profile(profile: OperationProfile) -> costs.Profile:
    """`profile` with its items and roles (two queries) as the core's profile.

    Each role is headcount × months paid person-months of its wage indicator, added to the
    profile's item of that indicator (in ``person-month``) or making one, after the items.
    """
    needs: dict[str, tuple[Decimal, str]] = {
        i.indicator.code: (plain(i.quantity), i.unit)
        for i in profile.items.select_related("indicator")
    }
    for role in profile.roles.select_related("indicator"):
        quantity, unit = needs.get(role.indicator.code, (Decimal(0), ROLE_UNIT))
        needs[role.indicator.code] = (plain(quantity + role.person_months), unit)
    return costs.Profile(
        profile.code,
        tuple(costs.ProfileItem(code, quantity, unit) for code, (quantity, unit) in needs.items()),
    )


def place_parents(codes: Sequence[str]) -> dict[str, str]:
    """Place → parent for the cities and counties among `codes` and their own parents (one
    query): a county → its city → its province, a city → its province, from the reference
    data's parents (a county directly under a province maps to the province)."""
    rows = AdminDivision.objects.filter(code__in=codes, level__gt=DivisionLevel.PROVINCE)
    found: dict[str, str] = {}
    for code, parent, grandparent in rows.values_list(
        "code", "parent__code", "parent__parent__code"
    ):
        if parent:
            found[code] = parent
            if grandparent:
                found[parent] = grandparent
    return found


def load_book(*, today: dt.date, places: Sequence[str] | None = None) -> PriceBook:
    """The price book on `today` over the stored values (of `places` and their provinces).

    Counties and cities without a value of an indicator fall back to their nearest
    ancestor's: county → city → province (see :func:`duijie_core.costs.book.with_parents`).
    """
    parents = place_parents(places) if places is not None else _all_parents()
    rows = IndicatorValue.objects.filter(on__lte=today)
    if places is not None:
        rows = rows.filter(place__code__in={*places, *parents.values()})
    values = core_values(rows.values(*VALUE_FIELDS))
    book = costs.price_book(values, core_rates(), today)
    return with_parents(book, parents)


def _all_parents() -> dict[str, str]:
    rows = AdminDivision.objects.filter(level__gt=DivisionLevel.PROVINCE, parent__isnull=False)
    return dict(rows.values_list("code", "parent__code"))


def is_sample(value: costs.IndicatorValue) -> bool:
    return value.status is not None and value.status.value == ValueStatus.SAMPLE
