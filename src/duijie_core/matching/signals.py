"""Soft signals from profiles and mandates: each a small function returning a Signal.

Each signal has a vectorised twin (``*_scores``) working on numpy arrays over all
candidates at once; the scalar function calls the twin on one value, so the
engine and the explanations cannot disagree.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.model import InvestorProfile, ProjectQuery, Reason, Signal, Ties
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.taxonomy import RELATION_SCORES, Industry, IndustryTaxonomy
from duijie_core.money import Amount, Money, amount_midpoint
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
NEUTRAL = 0.5

# Indicative rates into CNY for comparing ticket sizes (a parameter, not a quote).
RATES_TO_CNY: dict[str, float] = {
    "CNY": 1.0,
    "HKD": 0.92,
    "USD": 7.2,
    "MOP": 0.89,
    "EUR": 7.8,
    "JPY": 0.048,
    "GBP": 9.1,
    "TWD": 0.22,
    "SGD": 5.4,
}

# Financing rounds: raw label pattern -> stage key, in stage order (ordinal = index).
STAGE_ORDER = ("seed", "angel", "pre-a", "a", "pre-b", "b", "c", "d", "pre-ipo", "ipo")
ROUND_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"pre-?ipo", "pre-ipo"),
    (r"ipo|上市", "ipo"),
    (r"pre-?a", "pre-a"),
    (r"pre-?b", "pre-b"),
    (r"种子|seed", "seed"),
    (r"天使|angel", "angel"),
    (r"^a\+?轮?$|^a\d?轮|seriesa", "a"),
    (r"^b\+?轮?$|^b\d?轮|seriesb", "b"),
    (r"^c\+?轮?$|^c\d?轮|seriesc", "c"),
    (r"^[d-j]\+?轮?$|^[d-j]\d?轮|series[d-j]", "d"),
    (r"战略", "strategic"),
    (r"并购|收购|m&a", "m&a"),
    (r"新三板", "neeq"),
    (r"定向增发|定增", "placement"),
    (r"债", "debt"),
    (r"股权转让", "transfer"),
)


@functools.lru_cache(maxsize=4096)
def round_key(text: str) -> str:
    """The stage key of a round label (``"A+轮"`` → ``"a"``); ``""`` when unknown."""
    key = normalise(text).replace(" ", "")
    for pattern, stage in ROUND_PATTERNS:
        if re.search(pattern, key):
            return stage
    return ""


def log_amount(amount: Amount, rates: dict[str, float] | None = None) -> float | None:
    """log10 of the amount's midpoint in CNY; None when unknown or not convertible."""
    mid = amount_midpoint(amount)
    return log_money(mid, rates) if mid is not None else None


def log_money(money: Money, rates: dict[str, float] | None = None) -> float | None:
    """log10 of ``money`` in CNY; None for unknown currencies or non-positive values."""
    rate = (rates or RATES_TO_CNY).get(money.currency)
    value = float(money.amount) * rate if rate is not None else 0.0
    return math.log10(value) if value > 0 else None


def ticket_scores(log_a: float, log_low: FloatArray, log_high: FloatArray) -> FloatArray:
    """Ticket fit for all candidates: 1 inside [low, high], falling by half per decade outside.

    NaN bounds are open; a candidate with both bounds NaN gets :data:`NEUTRAL`.
    """
    below = np.where(np.isnan(log_low), 0.0, np.maximum(log_low - log_a, 0.0))
    above = np.where(np.isnan(log_high), 0.0, np.maximum(log_a - log_high, 0.0))
    scores = np.power(0.5, below + above)
    return np.where(np.isnan(log_low) & np.isnan(log_high), NEUTRAL, scores)


def ticket_score(log_a: float, log_low: float, log_high: float) -> float:
    """:func:`ticket_scores` of one candidate without arrays (numpy's own ``power``)."""
    if math.isnan(log_low) and math.isnan(log_high):
        return NEUTRAL
    below = 0.0 if math.isnan(log_low) else max(log_low - log_a, 0.0)
    above = 0.0 if math.isnan(log_high) else max(log_a - log_high, 0.0)
    return float(np.power(0.5, below + above))


def ticket_fit(amount: Amount, low: Money | None, high: Money | None) -> Signal:
    """Does the investor's ticket range cover the project's amount (log scale)?"""
    log_a = log_amount(amount)
    if log_a is None:
        return Signal("ticket", NEUTRAL, "investor", make_reason("amount_unknown"), known=False)
    score = ticket_score(log_a, _bound(low), _bound(high))
    code = "ticket_covers" if score == 1.0 else "ticket_near"
    reason = make_reason(code, low=low or "…", high=high or "…", amount=amount)
    return Signal("ticket", score, "investor", reason)


def _bound(money: Money | None) -> float:
    value = log_money(money) if money is not None else None
    return float("nan") if value is None else value


def industry_fit(
    taxonomy: IndustryTaxonomy, project_industry: str, investor_industries: tuple[str, ...]
) -> Signal:
    """Industry fit through the tree: exact > group > division > key industry > section."""
    node = taxonomy.lookup(project_industry)
    if node is None or not investor_industries:
        return Signal("industry", NEUTRAL, "investor", make_reason("industry_unknown"), False)
    best, best_node = "none", node
    for label in investor_industries:
        other = taxonomy.lookup(label)
        relation = taxonomy.relation(node, other) if other is not None else "none"
        if RELATION_SCORES[relation] > RELATION_SCORES[best]:
            best, best_node = relation, other if other is not None else node
    return Signal(
        "industry",
        RELATION_SCORES[best],
        "investor",
        _industry_reason(taxonomy, best, best_node, node.division),
    )


def _industry_reason(
    taxonomy: IndustryTaxonomy, relation: str, node: Industry, division: str
) -> Reason | None:
    if relation == "none":
        return None
    if relation == "related":
        chain = taxonomy.key_industry(taxonomy.by_code[division]) if division else None
        return make_reason("industry_related", chain=chain or node.name)
    return make_reason(f"industry_{relation}", industry=node.name, industry_code=node.code)


def stage_fit(project_round: str, stages: tuple[str, ...]) -> Signal:
    """Does the investor invest at the project's stage (exact 1, neighbouring stage 0.5)?"""
    key = round_key(project_round)
    if not key or not stages:
        return Signal("stage", NEUTRAL, "investor", make_reason("round_unknown"), known=False)
    keys = {round_key(s) for s in stages}
    if key in keys:
        return Signal("stage", 1.0, "investor", make_reason("stage_match", round=project_round))
    if any(_adjacent(key, other) for other in keys):
        return Signal("stage", 0.5, "investor", make_reason("stage_adjacent", round=project_round))
    return Signal("stage", 0.0, "investor", None)


def _adjacent(a: str, b: str) -> bool:
    if a not in STAGE_ORDER or b not in STAGE_ORDER:
        return False
    return abs(STAGE_ORDER.index(a) - STAGE_ORDER.index(b)) == 1


def instrument_fit(instrument: str, instruments: tuple[str, ...]) -> Signal:
    """Does the investor use the instrument the project offers (equity, debt, …)?"""
    if not instrument or not instruments:
        return Signal("instrument", NEUTRAL, "investor", None, known=False)
    accepted = {normalise(i) for i in instruments}
    if normalise(instrument) in accepted:
        return Signal(
            "instrument", 1.0, "investor", make_reason("instrument_match", instrument=instrument)
        )
    return Signal("instrument", 0.0, "investor", None)


def region_matches(place: str, region: str, parents: dict[str, str] | None = None) -> bool:
    """True when ``place`` is ``region``, contains it, or lies inside it (via ``parents``)."""
    a, b = normalise(place), normalise(region)
    if not a or not b:
        return False
    if a == b or b in a or a in b:
        return True
    parent = (parents or {}).get(a)
    return parent is not None and (parent == b or b in parent or parent in b)


def region_fit(
    city: str, regions: tuple[str, ...], parents: dict[str, str] | None = None
) -> Signal:
    """Does the investor's focus include the project's city or its province?"""
    if not city:
        return Signal("region", NEUTRAL, "investor", make_reason("city_unknown"), known=False)
    if not regions:
        return Signal("region", NEUTRAL, "investor", None, known=False)
    for region in regions:
        if region_matches(city, region, parents):
            return Signal("region", 1.0, "investor", make_reason("region_match", region=region))
    return Signal("region", 0.0, "investor", None)


def ties_fit(owner: Ties, investor: Ties, investor_name: str = "") -> Signal:
    """Warm-introduction ties: shared hometown, shared school, a previous meeting."""
    shared = [normalise(h) for h in owner.hometowns if normalise(h) in _keys(investor.hometowns)]
    if shared:
        place = next(h for h in owner.hometowns if normalise(h) == shared[0])
        return Signal("ties", 1.0, "investor", make_reason("tie_hometown", place=place))
    schools = [s for s in owner.schools if normalise(s) in _keys(investor.schools)]
    if schools:
        return Signal("ties", 0.8, "investor", make_reason("tie_school", school=schools[0]))
    if owner.met and investor_name and normalise(investor_name) in _keys(owner.met):
        return Signal("ties", 0.6, "investor", make_reason("tie_met", person=investor_name))
    return Signal("ties", 0.0, "investor", None, known=bool(owner.hometowns or owner.schools))


def _keys(values: tuple[str, ...]) -> set[str]:
    return {normalise(v) for v in values}


def owner_fit(query: ProjectQuery, investor: InvestorProfile) -> Signal:
    """Project side: does the owner want this investor (kind, currency, location)?"""
    parts: list[tuple[float, Reason | None]] = []
    if query.wants and investor.kind:
        match = query.wants == investor.kind
        parts.append(
            (1.0 if match else 0.2, make_reason(f"owner_wants_{query.wants}") if match else None)
        )
    if query.currencies and investor.currencies:
        common = [c for c in investor.currencies if c in query.currencies]
        parts.append(
            (
                1.0 if common else 0.3,
                make_reason("owner_currency", currency=common[0]) if common else None,
            )
        )
    if query.investor_regions and investor.location:
        region = next(
            (r for r in query.investor_regions if region_matches(investor.location, r)), ""
        )
        parts.append(
            (
                1.0 if region else 0.4,
                make_reason("owner_location", region=region) if region else None,
            )
        )
    if not parts:
        return Signal("owner", NEUTRAL, "project", make_reason("owner_unknown"), known=False)
    score = sum(p[0] for p in parts) / len(parts)
    reason = next((p[1] for p in parts if p[1] is not None), None)
    return Signal("owner", score, "project", reason)
