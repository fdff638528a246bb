"""Analyses kept between requests, keyed on the version of the data they were made from.

An analysis of a region reads every firm and every placement (105,000 firms and 210,000
placements take seconds); the pages ask for the same one again and again. It is kept in
Django's cache framework (the database cache by default, shared by every web process and
worker) under a key holding the **data version**: a fingerprint of what the analysis reads —
the firms (count, last change), the placements (count, last id, last placing), the chains,
links and edges (their last history row) and the placement reviews (last history row) —
taken in one query. Any change of these gives a new version, so a stale analysis is never
read, whichever process made it; old entries simply age out. Writes the fingerprint cannot
see (a placement's status, bulk replacements of placements) call :func:`bump`, a counter in
the same cache that is part of the version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max

from duijie.chains.models import Chain, Edge, Link, Placement, PlacementReview
from duijie.directory.models import Organisation
from duijie_core.chains import model as core
from duijie_core.chains.regions import Region
from duijie_core.chains.strength import Analysis

STAMP_KEY = "chains:stamp"
TIMEOUT = 24 * 3600


def bump(*_args: Any, **_kwargs: Any) -> None:
    """Make every kept analysis stale (a signal receiver, also called after bulk writes)."""
    try:
        cache.incr(STAMP_KEY)
    except ValueError:
        cache.set(STAMP_KEY, 1, timeout=None)


def data_version() -> str:
    """A short fingerprint of everything an analysis reads (one query and one cache read)."""
    firms = Organisation.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    placed = Placement.objects.aggregate(n=Count("pk"), last=Max("pk"), at=Max("placed_at"))
    edited = [
        model.history.aggregate(last=Max("history_id"))["last"]  # type: ignore[attr-defined]
        for model in (Chain, Link, Edge, PlacementReview)
    ]
    parts = (firms, placed, edited, cache.get(STAMP_KEY, 0))
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def analysis_key(
    region: Region, chains: Sequence[core.Chain] | None, *, evidence: bool, confirmed: bool
) -> str:
    """The cache key of one analysis (without the version)."""
    which = "all" if chains is None else ",".join(sorted(c.id for c in chains))
    return f"chains:analysis:{region.code}:{which}:{int(evidence)}:{int(confirmed)}"


def kept_only(key: str) -> tuple[Analysis | None, str]:
    """The analysis kept under `key` for the current data version (None when nothing was
    made), and that version."""
    version = data_version()
    found = cache.get(f"{key}:{version}")
    return (found if isinstance(found, Analysis) else None), version


def kept(key: str, make: Callable[[], Analysis], version: str | None = None) -> Analysis:
    """The analysis kept under `key` for the current data version (`version` when the caller
    has just read it), made (and kept) if absent."""
    full = f"{key}:{version or data_version()}"
    found = cache.get(full)
    if isinstance(found, Analysis):
        return found
    analysis = make()
    cache.set(full, analysis, timeout=TIMEOUT)
    return analysis
