"""Domain functions of the investment environment: costs per place, imports, profile edits.

Reads go through :mod:`duijie.environment.adapters` (one price book per call: the
values of the places asked for and of their provinces, loaded in bulk) into the pure
cost model (``duijie_core.costs``). Writes keep the change history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from duijie.environment.adapters import ROLE_UNIT, core_profile, load_book
from duijie.environment.models import (
    Indicator,
    IndicatorValue,
    OperationProfile,
    ProfileItem,
    ProfileRole,
)
from duijie.environment.spreadsheet import ValuePlan, stored_fields
from duijie.history.records import record_bulk
from duijie.reference.models import AdminDivision
from duijie_core import costs
from duijie_core.costs.book import PriceBook
from duijie_core.costs.compare import NO_CHANGE
from duijie_core.costs.quality import MatrixPoint, QualityScore

__all__ = [
    "CostStudy",
    "annual_costs",
    "import_values",
    "max_age",
    "save_item",
    "save_role",
    "study_costs",
]


def max_age() -> dt.timedelta:
    """How old a value may be before it is flagged stale (``DUIJIE_ENVIRONMENT_MAX_AGE_DAYS``)."""
    return dt.timedelta(days=settings.ENVIRONMENT_MAX_AGE_DAYS)


def _profile_row(profile: OperationProfile | str) -> OperationProfile:
    if isinstance(profile, OperationProfile):
        return profile
    return OperationProfile.objects.get(code=profile)


def annual_costs(
    *, profile: OperationProfile | str, place_codes: Sequence[str], today: dt.date
) -> dict[str, Decimal | None]:
    """CNY per year of `profile` at each place of `place_codes`; None when a value is missing.

    One price book for the whole call (two queries for values and rates, one for the
    places' parents, one for the profile): call it once for all the places of a
    request. A county or city without a value of an indicator uses its nearest
    ancestor's latest value, county → city → province
    (`duijie_core.costs.book.with_parents`). Raises `OperationProfile.DoesNotExist` for an
    unknown profile code and `CostError` when an item's unit cannot price it (refused,
    never summed). Side effects: none.
    """
    core = core_profile(_profile_row(profile))
    codes = list(dict.fromkeys(place_codes))
    book = load_book(today=today, places=codes)
    return {code: costs.place_cost(core, code, book).annual_cost for code in codes}


@dataclass(frozen=True)
class CostStudy:
    """A profile compared across places: the core's comparison, quality and the matrix."""

    profile: costs.Profile
    comparison: costs.Comparison
    book: PriceBook
    escalation: Decimal
    quality: Mapping[str, QualityScore]
    matrix: tuple[MatrixPoint, ...]

    def ten_year(self, annual: Decimal | None) -> Decimal | None:
        return None if annual is None else costs.ten_year_cost(annual, self.escalation)


def study_costs(
    *,
    profile: OperationProfile,
    places: Sequence[str],
    peers: Sequence[str] | None,
    today: dt.date,
    what_if: costs.WhatIf = NO_CHANGE,
    escalation: Decimal = Decimal(0),
    weights: Mapping[str, Decimal] | None = None,
    book: PriceBook | None = None,
) -> CostStudy:
    """Cost `profile` at `places` against `peers`, with what-if, escalation and quality weights.

    Raises `CostError` for anything the model refuses (a unit or currency it cannot
    convert, a what-if on a missing value, weights adding up to 0). Side effects: none.
    """
    core = core_profile(profile)
    if book is None:
        book = load_book(today=today, places=[*places, *(peers or ())])
    comparison = costs.compare(core, places, book, peers=peers, max_age=max_age(), what_if=what_if)
    costs.ten_year_cost(Decimal(0), escalation)  # checks the rate before anything is shown
    chosen = dict(weights) if weights is not None else dict.fromkeys(costs.QUALITY_FACTORS, 1)
    chosen = {factor: Decimal(weight) for factor, weight in chosen.items()}
    scores = costs.quality_scores(places, book, chosen)
    matrix = costs.cost_quality_matrix(comparison, book, chosen)
    return CostStudy(core, comparison, book, escalation, {q.place: q for q in scores}, matrix)


@transaction.atomic
def import_values(*, plan: ValuePlan, user: object) -> tuple[int, int]:
    """Write the rows of `plan`: new values created, changed ones updated (all or nothing).

    Side effects: IndicatorValue rows and one history row each (reason ``import``).
    Returns (created, updated).
    """
    indicators = {i.code: i for i in Indicator.objects.all()}
    places = {
        d.code: d for d in AdminDivision.objects.filter(code__in={r.value.place for r in plan.rows})
    }
    created, updated = [], []
    for row in plan.rows:
        fields = stored_fields(row.value)
        if row.existing is None:
            created.append(
                IndicatorValue(
                    indicator=indicators[row.value.indicator],
                    place=places[row.value.place],
                    on=row.value.on,
                    **fields,
                )
            )
        elif any(getattr(row.existing, name) != after for name, after in fields.items()):
            for name, after in fields.items():
                setattr(row.existing, name, after)
            updated.append(row.existing)
    IndicatorValue.objects.bulk_create(created)
    IndicatorValue.objects.bulk_update(
        updated, list(stored_fields(plan.rows[0].value)) if updated else []
    )
    record_bulk(created, user=user)
    record_bulk(updated, user=user, update=True)
    return len(created), len(updated)


def save_item(
    *, profile: OperationProfile, indicator: Indicator, quantity: Decimal, unit: str
) -> ProfileItem:
    """Add or change one item of `profile`, after checking that its unit prices the indicator.

    Raises `CostError` (``unit_mismatch``, ``period_not_annual``, ``not_a_price`` …).
    Side effects: the item row and its history row.
    """
    try:
        costs.ProfileItem(indicator.code, quantity, unit)
        costs.annual_pairing(unit, indicator.unit)
    except costs.CostError as error:
        raise costs.CostError(error.code, **{**error.params, "indicator": indicator.code}) from None
    item, _created = ProfileItem.objects.update_or_create(
        profile=profile, indicator=indicator, defaults={"quantity": quantity, "unit": unit}
    )
    return item


def save_role(
    *, profile: OperationProfile, role: str, headcount: int, months_paid: Decimal,
    indicator: Indicator,
) -> ProfileRole:  # fmt: skip
    """Add or change the headcount of `role` in `profile`, priced by the wage `indicator`.

    The indicator must price a person-month (``CNY/person/month``): otherwise `CostError`
    (``period_not_annual``, ``unit_mismatch``, ``not_a_price``), nothing written.
    Side effects: the role row and its history row.
    """
    try:
        costs.annual_pairing(ROLE_UNIT, indicator.unit)
    except costs.CostError as error:
        raise costs.CostError(error.code, **{**error.params, "indicator": indicator.code}) from None
    row, _created = ProfileRole.objects.update_or_create(
        profile=profile, role=role,
        defaults={"headcount": headcount, "months_paid": months_paid, "indicator": indicator},
    )  # fmt: skip
    return row
