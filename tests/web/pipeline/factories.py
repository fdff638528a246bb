"""Plain factory functions for pipeline tests (no fixture files)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from duijie.directory.models import Organisation, OrganisationKind
from duijie.pipeline import services
from duijie.pipeline.models import Deal, Evidence, ExchangeRate
from duijie.reference.models import AdminDivision, KeyIndustry, PromotionMethod
from duijie_core.text import normalise

TODAY = dt.date(2025, 12, 1)


def make_org(name: str = "香港測試投資有限公司") -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.CORPORATE, name=name, match_key=normalise(name)
    )


def make_rate(
    base: str = "HKD", rate: str = "0.92", on: dt.date = dt.date(2025, 1, 1)
) -> ExchangeRate:
    return ExchangeRate.objects.create(base=base, quote="CNY", rate=Decimal(rate), on=on)


def city(code: str = "4301") -> AdminDivision:
    return AdminDivision.objects.get(code=code)


def industry(code: str = "big-health") -> KeyIndustry:
    return KeyIndustry.objects.get(code=code)


def method(code: str = "industry-chain") -> PromotionMethod:
    return PromotionMethod.objects.get(code=code)


def make_deal(
    owner,
    *,
    title: str = "長沙冷鏈物流園",
    investor=None,
    amount_text: str = "1億元",
    opened_on: dt.date = dt.date(2025, 1, 2),
    **fields,
) -> Deal:
    return services.create_deal(
        title=title,
        investor=investor or make_org(),
        owner=owner,
        opened_on=opened_on,
        amount_text=amount_text,
        **fields,
    )


def move(deal: Deal, stage: int, on: dt.date, by, **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("evidence_note", "會議紀要")
    return services.move_deal(
        deal=deal,
        to_stage=stage,
        on=on,
        by=by,
        evidence_kind=Evidence.NOTE,
        today=timezone.localdate(),
        **extra,
    )


def walk(deal: Deal, by, dates: dict[int, dt.date]) -> Deal:
    """Move `deal` through the stages given as {stage: date}."""
    for stage, on in sorted(dates.items()):
        move(deal, stage, on, by)
    deal.refresh_from_db()
    return deal
