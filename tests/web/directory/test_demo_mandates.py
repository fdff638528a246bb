"""Demo mandates: varied instruments and tickets that cover the demo projects' amounts."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from duijie.directory.demo_mandates import MANDATE_PROFILES, TO_CURRENCY, create_mandates
from duijie.directory.models import Mandate
from duijie.reference.models import KeyIndustry

from .factories import make_organisation


@pytest.mark.django_db
def test_demo_mandates_vary_and_cover_project_amounts() -> None:
    investors = [
        make_organisation(f"示範投資{kind}{i}", kind=kind)
        for kind in MANDATE_PROFILES
        for i in range(4)
    ]
    created = create_mandates(random.Random(2025), investors, list(KeyIndustry.objects.all()))
    mandates = list(Mandate.objects.prefetch_related("regions_wanted"))
    assert created == len(mandates) >= len(investors)
    instruments = {i for m in mandates for i in m.instruments}
    assert {"equity", "debt", "joint_venture", "ppp", "merger"} <= instruments
    assert any(not m.instruments for m in mandates)
    assert all(m.ticket_max >= 10 * m.ticket_min for m in mandates)
    in_cny = [(m.ticket_min / TO_CURRENCY[m.currency], m.ticket_max / TO_CURRENCY[m.currency])
              for m in mandates]  # fmt: skip
    for amount in (Decimal(7_500_000), Decimal(300_000_000), Decimal(2_450_000_000)):
        assert any(low <= amount <= high for low, high in in_cny), amount
    assert {"43"} <= {r.code for m in mandates for r in m.regions_wanted.all()}
