"""Site suggestion in the web layer: the subject, the parks app's own factors, the ranking.

A subject is what needs a site: a catalogue project or an investor's mandate, reduced to
its industries, its market (a node of the corridors) and the land it needs. Every
registered factor (``parks/factors.py``) is computed once for all platforms, then the
core ranks them (``duijie_core.siting.rank``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from duijie.catalogue.models import Project
from duijie.catalogue.translated import pick
from duijie.directory.models import Mandate, Organisation
from duijie.parks.factors import site_factors
from duijie.parks.logistics import core_legs, known_nodes, platform_node
from duijie.parks.models import Platform
from duijie_core.logistics.paths import fastest_to
from duijie_core.siting import rank as core
from duijie_core.siting.model import FactorScore, Ranked, Reason

REFERENCE_HOURS = Decimal(96)  # logistics score 0 at four days more than the fastest
SLACK_HOURS = Decimal(24)  # within a day of the fastest platform: no difference
REFERENCE_HECTARES = Decimal(100)  # land score 1 from 100 ha ready to supply


@dataclass(frozen=True)
class SiteSubject:
    """What needs a site: its industries, its market node and the land it needs."""

    label: str
    key_industries: tuple[str, ...] = ()
    industry_codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    market: str = ""
    needed_hectares: Decimal | None = None
    choices: Mapping[str, str] = field(default_factory=dict)
    """What the reader chose for the factors that take a choice (factor name → code)."""


def subject_of_project(
    project: Project, *, market: str, choices: Mapping[str, str] | None = None
) -> SiteSubject:
    """A catalogue project (named in the active language): its key industry and GB/T
    industry."""
    return SiteSubject(
        choices=dict(choices or {}),
        label=pick(project, "name").text,
        key_industries=(project.key_industry.code,) if project.key_industry else (),
        industry_codes=(project.industry.code,) if project.industry else (),
        market=market,
    )


def subject_of_mandate(
    mandate: Mandate, *, market: str, choices: Mapping[str, str] | None = None
) -> SiteSubject:
    """An investor's mandate: the key industries and GB/T industries it looks for."""
    return SiteSubject(
        choices=dict(choices or {}),
        label=mandate.title or mandate.organisation.name,
        key_industries=tuple(k.code for k in mandate.key_industries.all()),
        industry_codes=tuple(i.code for i in mandate.industries.all()),
        market=market,
    )


def platforms_for_siting() -> list[Platform]:
    """Every platform with what the factors read, loaded in bulk."""
    return list(
        Platform.objects.select_related("division").prefetch_related("key_industries", "industries")
    )


def firms_by_city() -> dict[str, dict[str, int]]:
    """Organisations of the directory by the city of their head office (the division
    code's first four digits) and key industry: city → key industry code → firms."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Organisation.objects.filter(hq_division__isnull=False, key_industries__isnull=False)
        .values_list("hq_division__code", "key_industries__code")
        .annotate(firms=Count("pk", distinct=True))
    )
    for division, industry, firms in rows:
        city = counts.setdefault(division[:4], {})
        city[industry] = city.get(industry, 0) + firms
    return counts


def industry_factor(
    *, platforms: Sequence[Platform], subject: SiteSubject, today: dt.date
) -> dict[int, FactorScore | None]:
    """Leading industries (key industries, GB/T codes, keywords) against the subject's;
    a key industry in common counts more the more firms of it the directory has in the
    platform's city (``firms_by_city``)."""
    firms = firms_by_city()
    return {
        p.pk: core.industry_fit(
            platform_keys={k.code for k in p.key_industries.all()},
            platform_codes={i.code for i in p.industries.all()},
            platform_words=set(p.keywords),
            subject_keys=subject.key_industries,
            subject_codes=subject.industry_codes,
            subject_words=subject.keywords,
            key_firms={
                k.code: firms.get(p.division.code[:4], {}).get(k.code, 0)
                for k in p.key_industries.all()
            },
        )
        for p in platforms
    }


def logistics_factor(
    *, platforms: Sequence[Platform], subject: SiteSubject, today: dt.date
) -> dict[int, FactorScore | None]:
    """Hours by the fastest known route from the platform's place to the subject's market,
    scored against the fastest platform's: within ``SLACK_HOURS`` of it scores 1, then
    falling to 0 at ``REFERENCE_HOURS`` more."""
    legs = core_legs()
    nodes = known_nodes()
    origins = {p.pk: platform_node(p, nodes) for p in platforms}
    paths = fastest_to(legs, origins=[o for o in origins.values() if o], destination=subject.market)
    hours = {
        p.pk: path.hours
        for p in platforms
        if (origin := origins[p.pk]) and (path := paths.get(origin)) is not None
    }
    fastest = min(hours.values(), default=None)
    return {
        p.pk: core.logistics_time(
            hours=hours.get(p.pk),
            market=subject.market,
            reference_hours=REFERENCE_HOURS,
            fastest=fastest,
            slack_hours=SLACK_HOURS,
        )
        for p in platforms
    }


def land_factor(
    *, platforms: Sequence[Platform], subject: SiteSubject, today: dt.date
) -> dict[int, FactorScore | None]:
    """Hectares ready to supply against the subject's need; a sample figure says so."""
    found: dict[int, FactorScore | None] = {}
    for p in platforms:
        hectares = Decimal(p.land_hectares) if p.land_hectares is not None else None
        score = core.land_available(
            hectares=hectares, needed=subject.needed_hectares, reference_hectares=REFERENCE_HECTARES
        )
        if hectares is not None and p.is_sample("land"):
            score = FactorScore(score.score, (*score.reasons, Reason("land_sample")))
        found[p.pk] = score
    return found


@dataclass(frozen=True)
class Suggestion:
    """The ranking and the platforms it ranks (by id)."""

    ranked: list[Ranked]
    platforms: Mapping[int, Platform]
    weights: Mapping[str, float]


def suggest(
    *, subject: SiteSubject, today: dt.date, weights: Mapping[str, float] | None = None
) -> Suggestion:
    """Every platform ranked for ``subject`` by every registered factor."""
    platforms = platforms_for_siting()
    # A factor that needs a choice the reader did not make (no operation profile for the
    # cost) is not part of this ranking: neither judged nor "missing" on every row.
    factors = [f for f in site_factors() if f.options is None or subject.choices.get(f.name)]
    chosen = {f.name: (weights or {}).get(f.name, f.weight) for f in factors}
    scores = {f.name: f.compute(platforms=platforms, subject=subject, today=today) for f in factors}
    ranked = core.rank(scores, chosen, [p.pk for p in platforms])
    return Suggestion(ranked, {p.pk: p for p in platforms}, chosen)
