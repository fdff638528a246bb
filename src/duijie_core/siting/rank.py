"""Rank platforms by weighted factor scores, and the factor scorers of the parks app.

A factor is data: for each platform a :class:`FactorScore` or None. A factor that cannot
be judged for a platform (None, or a score of None) counts, in that platform's mean, as
the lowest score the factor gave a platform it could judge (``UNJUDGED_WORST``): a gap in
the data never lifts a platform above the platforms judged on that factor, and the order
says "known fits first"; the platform's ``coverage`` (shown beside the score) and its
reasons say what was not judged. ``UNJUDGED_MEAN`` counts it as the judged platforms'
mean instead (measured worse on real firms: docs/parks.md). A factor no platform could
judge is left out of every mean. Platforms are ordered by score (unjudged last), then by
coverage, then by id, so the same input gives the same order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Literal

from duijie_core.siting.model import FactorScore, Ranked, Reason

MISSING = "factor_missing"
SECTIONS = "ABCDEFGHIJKLMNOPQRST"  # GB/T 4754 section letters
UNJUDGED_MEAN: Literal["mean"] = "mean"
UNJUDGED_WORST: Literal["worst"] = "worst"
FIRMS_HALF = 3
"""Firms of a matching key industry at which the strength part of the fit is half way."""


def rank(
    scores: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    platforms: Collection[int],
    *,
    unjudged: Literal["mean", "worst"] = UNJUDGED_WORST,
) -> list[Ranked]:
    """Every platform of ``platforms`` ranked by the weighted mean of its factors, an
    unjudged factor counted as the factor's worst (or mean) judged score over ``platforms``."""
    if any(w < 0 for w in weights.values()):
        raise ValueError("factor weights may not be negative")
    if unjudged not in (UNJUDGED_MEAN, UNJUDGED_WORST):
        raise ValueError(f"unjudged is 'mean' or 'worst', not {unjudged!r}")
    total = sum(weights.get(name, 0.0) for name in scores)
    stand_in = {name: _stand_in(by, platforms, unjudged) for name, by in scores.items()}
    ranked = [_one(platform, scores, weights, total, stand_in) for platform in platforms]
    return sorted(
        ranked, key=lambda r: (r.score is None, -(r.score or 0.0), -r.coverage, r.platform)
    )


def _one(
    platform: int,
    scores: Mapping[str, Mapping[int, FactorScore | None]],
    weights: Mapping[str, float],
    total: float,
    stand_in: Mapping[str, float | None],
) -> Ranked:
    factors: dict[str, FactorScore] = {}
    judged = counted = weighted = 0.0
    for name, by_platform in scores.items():
        found = by_platform.get(platform) or FactorScore(None, (Reason(MISSING),))
        factors[name] = found
        weight = weights.get(name, 0.0)
        value = found.score if found.score is not None else stand_in[name]
        if weight > 0 and found.score is not None:
            judged += weight
        if weight > 0 and value is not None:
            counted += weight
            weighted += weight * value
    score = weighted / counted if judged else None
    return Ranked(platform, score, judged / total if total else 0.0, factors)


def _stand_in(
    by_platform: Mapping[int, FactorScore | None], platforms: Collection[int], unjudged: str
) -> float | None:
    """What an unjudged platform counts as for this factor: the mean (or the lowest) of the
    scores the factor gave the platforms it judged; None when it judged none."""
    judged = [
        s.score for p in platforms if (s := by_platform.get(p)) is not None and s.score is not None
    ]
    if not judged:
        return None
    return min(judged) if unjudged == UNJUDGED_WORST else sum(judged) / len(judged)


def industry_fit(
    *,
    platform_keys: Collection[str],
    platform_codes: Collection[str],
    platform_words: Collection[str],
    subject_keys: Collection[str],
    subject_codes: Collection[str],
    subject_words: Collection[str],
    key_firms: Mapping[str, int] | None = None,
) -> FactorScore:
    """How well a platform's leading industries fit a subject's industries (the best match).

    A key industry in common: 1; or, when ``key_firms`` gives the number of firms of each
    key industry at the platform's place, 0.6 + 0.4 × n / (n + ``FIRMS_HALF``) with n the
    firms of the key industries in common (1 firm 0.7, 3 firms 0.8, 12 firms 0.92): a
    cluster counts more than a name on a list. A GB/T 4754 code sharing the class
    (4 digits) with a code of the platform: 1, the group (3): 0.8, the division (2): 0.6.
    A keyword in common: 0.5. Nothing in common: 0. No industry on either side: not judged (None).
    """
    if not (platform_keys or platform_codes or platform_words):
        return FactorScore(None, (Reason("platform_no_industry"),))
    if not (subject_keys or subject_codes or subject_words):
        return FactorScore(None, (Reason("subject_no_industry"),))
    keys = sorted(set(subject_keys) & set(platform_keys))
    if keys and key_firms is not None:
        firms = sum(max(0, key_firms.get(k, 0)) for k in keys)
        total = sum(max(0, n) for n in key_firms.values())
        return FactorScore(
            0.6 + 0.4 * firms / (firms + FIRMS_HALF),
            tuple(_firms_reason(k, key_firms.get(k, 0), total) for k in keys),
        )
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


def _firms_reason(industry: str, firms: int, total: int) -> Reason:
    if not total:
        return Reason("key_industry_no_firms", {"industry": industry})
    share = round(100 * firms / total)
    return Reason(
        "key_industry_firms", {"industry": industry, "firms": firms, "all": total, "share": share}
    )


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


def logistics_time(
    *,
    hours: Decimal | None,
    market: str,
    reference_hours: Decimal,
    fastest: Decimal | None = None,
    slack_hours: Decimal = Decimal(0),
) -> FactorScore:
    """Transit time to the market against the fastest platform's (``fastest``; 0 h when not
    given): 1 up to ``slack_hours`` more than the fastest, then falling linearly to 0 at
    ``reference_hours`` more. Hours that every platform could match within the slack do
    not separate platforms, so they do not reorder them."""
    if not market:
        return FactorScore(None, (Reason("no_market"),))
    if hours is None:
        return FactorScore(None, (Reason("no_route", {"market": market}),))
    extra = max(Decimal(0), hours - (fastest or Decimal(0)) - slack_hours)
    score = max(0.0, 1.0 - float(extra / reference_hours))
    reasons = [Reason("hours_to_market", {"hours": float(hours), "market": market})]
    if fastest is not None and hours > fastest:
        reasons.append(
            Reason(
                "hours_over_fastest", {"more": float(hours - fastest), "slack": float(slack_hours)}
            )
        )
    return FactorScore(score, tuple(reasons))


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
