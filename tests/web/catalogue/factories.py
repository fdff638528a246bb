"""Plain factory functions for catalogue tests."""

from __future__ import annotations

import itertools
from decimal import Decimal

from duijie.catalogue.amounts import amount_columns
from duijie.catalogue.models import Project, Status
from duijie.catalogue.services import create_project
from duijie.directory.keys import organisation_match_key
from duijie.directory.models import Organisation, OrganisationKind
from duijie.reference.models import AdminDivision, KeyIndustry
from duijie_core.money import Money, MoneyRange, UnknownAmount

_numbers = itertools.count(1)


def organisation(name: str = "長沙新材料科技有限公司") -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.ENTERPRISE, name=name, match_key=organisation_match_key(name)
    )


def project(
    edition, *, code: str | None = None, status: str = Status.PUBLISHED, user=None, **values
) -> Project:  # type: ignore[no-untyped-def]
    """A project (indexed for search) with sensible defaults; ``values`` override fields."""
    number = next(_numbers)
    defaults: dict[str, object] = {
        "edition": edition,
        "code": code or f"T{number:04d}",
        "name_hant": f"測試項目{number}",
        "name_hans": f"测试项目{number}",
        "key_industry": KeyIndustry.objects.get(code="new-energy"),
        "city": AdminDivision.objects.get(code="4301"),
        "province": AdminDivision.objects.get(code="43"),
        "instrument": "equity",
        "stage": "construction",
        "status": status,
        **amount_columns("investment", Money(Decimal(200_000_000), "CNY")),
        **amount_columns("financing", Money(Decimal(50_000_000), "CNY")),
    }
    defaults.update(values)
    return create_project(values=defaults, user=user)


def range_amount(low: int, high: int, currency: str = "CNY") -> MoneyRange:
    return MoneyRange(Money(Decimal(low), currency), Money(Decimal(high), currency))


UNKNOWN = UnknownAmount("未披露")


def png_bytes(extra: bytes = b"") -> bytes:
    """A real 8×6 PNG (Pillow re-encodes uploaded images), with ``extra`` bytes after it."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue() + extra
