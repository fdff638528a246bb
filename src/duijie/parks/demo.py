"""Demo: Hunan's open platforms, ports, corridors and policy innovations (``demo_data``)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from duijie.parks import demo_data as data
from duijie.parks.models import Corridor, Leg, Platform, PolicyInnovation, Port
from duijie.parks.services import index_innovation
from duijie.reference.models import AdminDivision, Edition, KeyIndustry

AS_OF = dt.date(2025, 6, 30)
PROVINCIAL_SAMPLES = 106
INCENTIVES = (
    "示例：新引進製造業項目按設備投資額給予補貼；標準廠房首三年租金減免。",
    "示例：新引进制造业项目按设备投资额给予补贴；标准厂房首三年租金减免。",
    "Sample: equipment subsidies for new manufacturing projects; three rent-free years in "
    "standard factory space.",
)


@transaction.atomic
def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Side effects: platforms, ports, corridors with legs and innovations (all new rows)."""
    divisions = {d.code: d for d in AdminDivision.objects.filter(code__startswith="43")}
    keys = {k.code: k for k in KeyIndustry.objects.all()}
    platforms = [_platform(row, divisions, keys, rng) for row in data.PLATFORMS]
    platforms += [_provincial(n, divisions, keys, rng) for n in range(1, PROVINCIAL_SAMPLES + 1)]
    ports = [
        Port.objects.create(code=c, name=s, name_hant=t, name_en=e, is_gba=g)
        for c, s, t, e, g in data.PORTS
    ]
    legs = sum(_corridor(row) for row in data.CORRIDORS) + _feeders()
    innovations = [_innovation(row) for row in data.INNOVATIONS]
    return {
        "platforms": len(platforms),
        "ports": len(ports),
        "corridor_legs": legs,
        "innovations": len(innovations),
    }


def _platform(row: tuple, divisions: dict, keys: dict, rng: random.Random) -> Platform:  # type: ignore[type-arg]
    code, kind, hant, hans, en, division, industries, name_sample = row
    samples = ["industries", "land", "incentives"] + (["name"] if name_sample else [])
    platform = Platform.objects.create(
        code=code,
        kind=kind,
        name_hant=hant,
        name=hans,
        name_en=en,
        division=divisions[division],
        land_hectares=Decimal(rng.randrange(20, 600)),
        factory_m2=Decimal(rng.randrange(2, 60) * 10_000),
        land_as_of=AS_OF,
        land_source=data.SAMPLE_SOURCE,
        incentives_hant=INCENTIVES[0],
        incentives_hans=INCENTIVES[1],
        incentives_en=INCENTIVES[2],
        sample_fields=samples,
        source="" if name_sample else "国家级开发区名单（公开名称）",
    )
    platform.key_industries.set([keys[k] for k in industries if k in keys])
    return platform


def _provincial(number: int, divisions: dict, keys: dict, rng: random.Random) -> Platform:  # type: ignore[type-arg]
    city = data.HUNAN_CITIES[(number - 1) % len(data.HUNAN_CITIES)]
    place = divisions[city]
    platform = Platform.objects.create(
        code=f"sample-provincial-{number:03d}",
        kind="provincial",
        name_hant=f"{place.display_name('zh-hant')}示例省級產業園 {number}",
        name=f"{place.name}示例省级产业园 {number}",
        name_en=f"Sample provincial park {number} ({place.display_name('en')})",
        division=place,
        land_hectares=Decimal(rng.randrange(5, 200)),
        factory_m2=Decimal(rng.randrange(1, 30) * 10_000),
        land_as_of=AS_OF,
        land_source=data.SAMPLE_SOURCE,
        sample_fields=["name", "industries", "land"],
    )
    platform.key_industries.set(rng.sample(sorted(keys.values(), key=lambda k: k.code), 2))
    return platform


def _corridor(row: tuple) -> int:  # type: ignore[type-arg]
    code, hans, hant, en, runs, sample, summary, legs = row
    corridor = Corridor.objects.create(
        code=code,
        name=hans,
        name_hant=hant,
        name_en=en,
        runs_total=runs,
        sample=sample,
        summary_hant=summary[0],
        summary_hans=summary[1],
        summary_en=summary[2],
        source=data.SAMPLE_SOURCE if sample else data.REPORTED,
        as_of=AS_OF,
    )
    for order, (
        origin,
        destination,
        mode,
        hours,
        runs_week,
        cost,
        currency,
        unit,
        leg_sample,
    ) in enumerate(legs, 1):
        Leg.objects.create(
            corridor=corridor,
            order=order,
            origin=origin,
            destination=destination,
            mode=mode,
            hours=Decimal(hours),
            runs_per_week=Decimal(runs_week),
            cost_amount=Decimal(cost),
            cost_currency=currency,
            cost_unit=unit,
            as_of=AS_OF,
            sample=leg_sample,
            source=data.SAMPLE_SOURCE if leg_sample else data.REPORTED,
        )
    return len(legs)


def _feeders() -> int:
    corridor = Corridor.objects.create(
        code="hunan-feeder-road",
        name="湖南各市至长沙公路集散（示例）",
        name_hant="湖南各市至長沙公路集散（示例）",
        name_en="Hunan cities to Changsha by road (sample)",
        sample=True,
        source=data.SAMPLE_SOURCE,
        as_of=AS_OF,
    )
    for order, (city, hours) in enumerate(sorted(data.FEEDER_HOURS.items()), 1):
        Leg.objects.create(
            corridor=corridor,
            order=order,
            origin=city,
            destination="4301",
            mode="road",
            hours=Decimal(hours),
            cost_amount=Decimal(int(Decimal(hours) * 600)),
            cost_currency="CNY",
            cost_unit="TEU",
            sample=True,
            source=data.SAMPLE_SOURCE,
            as_of=AS_OF,
        )
    return len(data.FEEDER_HOURS)


def _innovation(row: tuple) -> PolicyInnovation:  # type: ignore[type-arg]
    code, hant, hans, en, platforms = row
    innovation = PolicyInnovation.objects.create(
        code=code,
        title_hant=f"{hant}（示例）",
        title_hans=f"{hans}（示例）",
        title_en=f"{en} (sample)",
        sample=True,
        source=data.SAMPLE_SOURCE,
        published_on=AS_OF,
        summary_hant="示例記錄：此類措施的說明，並非已公布的案例。",
        summary_hans="示例记录：此类措施的说明，并非已公布的案例。",
        summary_en="Sample record: describes a kind of measure, not a published case.",
    )
    innovation.platforms.set(Platform.objects.filter(code__in=platforms))
    index_innovation(innovation)
    return innovation
