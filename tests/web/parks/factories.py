"""Small worlds for the parks tests: platforms, ports and corridor legs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from duijie.parks.models import Corridor, Leg, Platform, PolicyInnovation, Port
from duijie.parks.services import index_innovation
from duijie.reference.models import AdminDivision, KeyIndustry


def platform(
    code: str,
    division: str = "4301",
    keys: tuple[str, ...] = (),
    *,
    hectares: str | None = "100",
    **values: object,
) -> Platform:
    made = Platform.objects.create(
        code=code,
        kind=values.pop("kind", "national_etdz"),
        name=f"{code}园",
        name_hant=f"{code}園",
        name_en=f"{code} park",
        division=AdminDivision.objects.get(code=division),
        land_hectares=Decimal(hectares) if hectares is not None else None,
        **values,
    )
    made.key_industries.set(KeyIndustry.objects.filter(code__in=keys))
    return made


def network() -> Corridor:
    """Zhuzhou → Changsha → Nansha by road, on to Hong Kong by river (HKD); Changsha → Klang."""
    Port.objects.create(
        code="port-nansha", name="南沙港", name_hant="南沙港", name_en="Nansha", is_gba=True
    )
    corridor = Corridor.objects.create(
        code="test-route",
        name="测试通道",
        name_hant="測試通道",
        name_en="Test route",
        source="測試",
        sample=True,
    )
    rows = [
        ("4302", "4301", "road", "1", "600", "CNY"),
        ("4301", "port-nansha", "road", "9", "4800", "CNY"),
        ("port-nansha", "81", "river", "6", "900", "HKD"),
        ("4301", "port-klang", "sea", "200", "650", "USD"),
    ]
    for order, (origin, destination, mode, hours, cost, currency) in enumerate(rows, 1):
        Leg.objects.create(
            corridor=corridor,
            order=order,
            origin=origin,
            destination=destination,
            mode=mode,
            hours=Decimal(hours),
            cost_amount=Decimal(cost),
            cost_currency=currency,
            cost_unit="TEU",
            source="測試來源",
            as_of=dt.date(2025, 6, 30),
            sample=True,
        )
    return corridor


def innovation(code: str, hant: str, hans: str, en: str, *platforms: Platform) -> PolicyInnovation:
    made = PolicyInnovation.objects.create(
        code=code, title_hant=hant, title_hans=hans, title_en=en, sample=True
    )
    made.platforms.set(platforms)
    index_innovation(made)
    return made
