"""The cost factor of site suggestion (registered into ``parks/factors.py``).

The reader chooses an operation profile; every platform is priced at its place (a county
or city without a value of an indicator takes its city's, else its province's:
``services.annual_costs``) and
scored cheapest = 1, twice the cheapest = 0.5 (cheapest / cost). A platform whose place
lacks a value of the profile is not judged on cost (the reason says so), never scored 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from duijie.environment.models import OperationProfile
from duijie.environment.services import annual_costs
from duijie.parks.models import Platform
from duijie.reference.models import AdminDivision
from duijie.reference.translated import FIELD_ORDER
from duijie_core.siting.model import FactorScore, Reason

MILLION = Decimal(1_000_000)


def profile_options() -> list[tuple[str, str]]:
    """The operation profiles a reader may price a site for, in the reader's language."""
    return [(p.code, str(p)) for p in OperationProfile.objects.order_by("code")]


def cited_names(language: str) -> dict[str, str]:
    """The names the cost reasons cite: the profiles and the platforms' places."""
    names = {f"profile:{p.code}": p.display_name(language) for p in OperationProfile.objects.all()}
    places = AdminDivision.objects.filter(code__in=Platform.objects.values("division__code")).only(
        "code", *FIELD_ORDER["en"]
    )
    return names | {d.code: d.display_name(language) for d in places}


def cost_factor(
    *, platforms: Sequence[Any], subject: Any, today: dt.date
) -> dict[int, FactorScore | None]:
    """Yearly cost of the chosen profile at each platform's place, cheapest scoring 1."""
    profile = OperationProfile.objects.filter(code=subject.choices.get("cost", "")).first()
    if profile is None:  # suggest() asks only when a profile was chosen; the form checks it
        return {}
    places = {p.pk: p.division.code for p in platforms}
    costs = annual_costs(profile=profile, place_codes=list(places.values()), today=today)
    known = [c for c in costs.values() if c]
    cheapest = min(known, default=None)
    mean = sum(known, Decimal(0)) / len(known) if known else None
    found: dict[int, FactorScore | None] = {}
    for platform in platforms:
        cost = costs.get(places[platform.pk])
        params = {"place": places[platform.pk], "profile": f"profile:{profile.code}"}
        if not cost or cheapest is None or mean is None:
            found[platform.pk] = FactorScore(None, (Reason("cost_incomplete", params),))
            continue
        reason = Reason(
            "annual_cost",
            {
                **params,
                "million": float(cost / MILLION),
                "index": float(100 * cost / mean),
            },
        )
        found[platform.pk] = FactorScore(float(cheapest / cost), (reason,))
    return found
