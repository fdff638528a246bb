"""Indicators, values, rates and a profile for the investment-environment tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from duijie.environment.models import (
    Indicator,
    IndicatorValue,
    OperationProfile,
    ProfileItem,
    ValueStatus,
)
from duijie.pipeline.models import ExchangeRate
from duijie.reference.models import AdminDivision

DAY = dt.date(2025, 6, 30)
TODAY = dt.date(2025, 12, 1)


def indicator(code: str, unit: str, kind: str = "cost") -> Indicator:
    return Indicator.objects.create(
        code=code, name=f"{code}（简）", name_hant=f"{code}（繁）", name_en=f"{code} (en)",
        unit=unit, kind=kind,
    )  # fmt: skip


def value(
    ind: Indicator,
    place: str,
    amount: str,
    *,
    on: dt.date = DAY,
    unit: str | None = None,
    status: str = ValueStatus.OFFICIAL,
    source: str = "Hunan statistical yearbook 2025",
) -> IndicatorValue:
    unit = unit or ind.unit
    return IndicatorValue.objects.create(
        indicator=ind, place=AdminDivision.objects.get(code=place), on=on, value=Decimal(amount),
        unit=unit, currency=unit.split("/")[0] if "/" in unit else "", source=source, status=status,
    )  # fmt: skip


def hkd_rate(rate: str = "0.92", on: dt.date = dt.date(2025, 1, 1)) -> ExchangeRate:
    return ExchangeRate.objects.create(base="HKD", quote="CNY", rate=Decimal(rate), on=on)


def plant(*items: tuple[Indicator, str, str]) -> OperationProfile:
    profile = OperationProfile.objects.create(
        code="plant", name="工厂", name_hant="工廠", name_en="Plant"
    )
    for ind, quantity, unit in items:
        ProfileItem.objects.create(
            profile=profile, indicator=ind, quantity=Decimal(quantity), unit=unit
        )
    return profile


def world() -> dict[str, object]:
    """Land rent and electricity in Changsha, Wuhan and Hong Kong (HKD); diesel for Hunan only."""
    land = indicator("land", "CNY/m2/year")
    power = indicator("power", "CNY/kWh")
    diesel = indicator("diesel", "CNY/L")
    hkd_rate()
    value(land, "4301", "12")
    value(land, "4201", "15")
    value(land, "81", "100", unit="HKD/m2/year")
    value(power, "4301", "0.6", status=ValueStatus.SAMPLE, source="sample")
    value(power, "4201", "0.7")
    value(power, "81", "1.5", unit="HKD/kWh")
    value(diesel, "43", "7.5")
    profile = plant((land, "1000", "m2"), (power, "10000", "kWh"), (diesel, "100", "L"))
    return {"land": land, "power": power, "diesel": diesel, "profile": profile}
