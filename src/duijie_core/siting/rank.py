"""Rank platforms by weighted factor scores, and the factor scorers of the parks app.

A factor is data: for each platform a :class:`FactorScore` or None. A factor that cannot
be judged for a platform (None, or a score of None) is left out of that platform's mean
and lowers its ``coverage``; it is never counted as 0 or as 1. Platforms are ordered by
score (unjudged last), then by coverage, then by id, so the same input gives the same order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal

from duijie_core.siting.model import FactorScore, Ranked, Reason

MISSING = "factor_missing"
SECTIONS = "ABCDEFGHIJKLMNOPQRST"  # GB/T 4754 section letters


def rank(
    scores: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    platforms: Collection[int],
) -> list[Ranked]:
    """Every platform of ``platforms`` ranked by the weighted mean of its judged factors."""
    if any(w < 0 for w in weights.values()):
        raise ValueError("factor weights may not be negative")
    total = sum(weights.get(name, 0.0) for name in scores)
    ranked = [_one(platform, scores, weights, total) for platform in platforms]
    return sorted(
        ranked, key=lambda r: (r.score is None, -(r.score or 0.0), -r.coverage, r.platform)
    )


def _one(
    platform: int,
    scores: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    total: float,
) -> Ranked:
    factors: dict[str, FactorScore] = {}
    judged = weighted = 0.0
    for name, by_platform in scores.items():
        found = by_platform.get(platform) or FactorScore(None, (Reason(MISSING),))
        factors[name] = found
        weight = weights.get(name, 0.0)
        if found.score is not None and weight > 0:
            judged += weight
            weighted += weight * found.score
    score = weighted / judged if judged else None
    return Ranked(platform, score, judged / total if total else 0.0, factors)


def industry_fit(
    *,
    platform_keys: Collection[str],
    platform_codes: Collection[str],
    platform_words: Collection[str],
    subject_keys: Collection[str],
    subject_codes: Collection[str],
    subject_words: Collection[str],
) -> FactorScore:
    """How well a platform's leading industries fit a subject's industries (the best match).

    A key industry in common: 1. A GB/T 4754 code sharing the class (4 digits) with a code
    of the platform: 1, the group (3): 0.8, the division (2): 0.6. A keyword in common:
    0.5. Nothing in common: 0. No industry on either side: not judged (None).
    """
    if not (platform_keys or platform_codes or platform_words):
        return FactorScore(None, (Reason("platform_no_industry"),))
    if not (subject_keys or subject_codes or subject_words):
        return FactorScore(None, (Reason("subject_no_industry"),))
    keys = sorted(set(subject_keys) & set(platform_keys))
    if keys:
        return FactorScore(1.0, tuple(Reason("same_key_industry", {"industry": k}) for k in keys))
    shared, code = max(
        ((_shared_prefix(c, platform_codes), c) for c in sorted(subject_codes)), default=(0, "")
    )
    if shared >= 2:
        score = {2: 0.6, 3: 0.8}.get(shared, 1.0)
        return FactorScore(
            score, (Reason("shared_code", {"code": code.lstrip(SECTIONS)[:shared]}),)
        )
    words = sorted(set(subject_words) & set(platform_words))
    if words:
        return FactorScore(0.5, (Reason("shared_keywords", {"words": "、".join(words)}),))
    first = sorted(subject_keys)[0] if subject_keys else sorted(subject_codes or subject_words)[0]
    return FactorScore(0.0, (Reason("no_industry_fit", {"industry": first}),))


def _shared_prefix(code: str, codes: Collection[str]) -> int:
    """The longest common prefix of ``code`` (digits of a GB/T code) with any of ``codes``."""
    digits = code.lstrip(SECTIONS)
    best = 0
    for other in codes:
        other_digits = other.lstrip(SECTIONS)
        n = 0
        while n < min(len(digits), len(other_digits), 4) and digits[n] == other_digits[n]:
            n += 1
        best = max(best, n)
    return best


def logistics_time(*, hours: Decimal | None, market: str, reference_hours: Decimal) -> FactorScore:
    """Transit time to the market: 1 at 0 h, falling linearly to 0 at ``reference_hours``."""
    if not market:
        return FactorScore(None, (Reason("no_market"),))
    if hours is None:
        return FactorScore(None, (Reason("no_route", {"market": market}),))
    score = max(0.0, 1.0 - float(hours / reference_hours))
    return FactorScore(
        score, (Reason("hours_to_market", {"hours": float(hours), "market": market}),)
    )


def land_available(
    *, hectares: Decimal | None, needed: Decimal | None, reference_hectares: Decimal
) -> FactorScore:
    """Land ready to supply: 0 below the need, else hectares / ``reference_hectares`` (≤ 1)."""
    if hectares is None:
        return FactorScore(None, (Reason("no_land_figure"),))
    if needed is not None and hectares < needed:
        return FactorScore(
            0.0,
            (Reason("not_enough_land", {"hectares": float(hectares), "needed": float(needed)}),),
        )
    score = min(1.0, float(hectares / reference_hectares))
    return FactorScore(score, (Reason("land_hectares", {"hectares": float(hectares)}),))
