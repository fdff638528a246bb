"""Firms for the chain tests: enterprises with a headquarters, classes and a description."""

from __future__ import annotations

from duijie.directory.models import Organisation, OrganisationKind
from duijie.reference.models import AdminDivision, Industry


def firm(
    name: str,
    *,
    division: str | None = "4301",
    description: str = "",
    gbt: tuple[str, ...] = (),
    kind: str = OrganisationKind.ENTERPRISE,
    stock_code: str = "",
) -> Organisation:
    organisation = Organisation.objects.create(
        kind=kind, name=name, description=description, stock_code=stock_code,
        hq_division=AdminDivision.objects.get(code=division) if division else None,
    )  # fmt: skip
    organisation.industries.set(Industry.objects.filter(code__in=gbt))
    return organisation
