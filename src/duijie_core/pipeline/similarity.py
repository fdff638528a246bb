"""Re-signing detection: does a deal look like one already signed?

Agencies count signings; the same investment announced again at a later event (or
entered twice, once in Traditional and once in Simplified Chinese, or in English)
must not be counted twice. A candidate is compared with every signed deal:

- the same project → suspect;
- the same investor (same record, or the same normalised name) and either a
  similar deal name, or a similar amount with a related name → suspect;
- a very similar deal name and a similar amount, whoever signed → suspect;
- but deals placed in two different known cities are never suspects by name or
  amount (the same investment lands in one place), only by the same project.

Names are compared on :func:`duijie_core.text.normalise` keys (so 湘潭健康醫療大數據中心
and 湘潭健康医疗大数据中心 are equal) by the Dice coefficient of character bigrams;
each deal may carry several names (Chinese and English).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from duijie_core.text import normalise

__all__ = ["DealKey", "Suspicion", "find_suspects", "name_similarity"]

RELATED_NAME = 0.5
SIMILAR_NAME = 0.75
VERY_SIMILAR_NAME = 0.9
AMOUNT_TOLERANCE = Decimal("0.1")


@dataclass(frozen=True)
class DealKey:
    """What re-signing detection knows of one deal; amounts in the reporting currency."""

    id: int
    names: tuple[str, ...]
    investor_id: int | None = None
    investor_names: tuple[str, ...] = ()
    project_id: int | None = None
    amount: Decimal | None = None
    city_id: int | None = None


@dataclass(frozen=True)
class Suspicion:
    """`other_id` looks like the candidate; `reasons` are codes, `score` in [0, 1]."""

    other_id: int
    score: float
    reasons: tuple[str, ...]


def _bigrams(key: str) -> set[str]:
    compact = key.replace(" ", "")
    if len(compact) < 2:
        return {compact} if compact else set()
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def name_similarity(first: str, second: str) -> float:
    """Dice coefficient of the character bigrams of the normalised names, in [0, 1]."""
    a, b = _bigrams(normalise(first)), _bigrams(normalise(second))
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _best_similarity(first: Iterable[str], second: Iterable[str]) -> float:
    pairs = [(a, b) for a in first if a.strip() for b in second if b.strip()]
    return max((name_similarity(a, b) for a, b in pairs), default=0.0)


def _same_investor(a: DealKey, b: DealKey) -> bool:
    if a.investor_id is not None and a.investor_id == b.investor_id:
        return True
    keys_a = {normalise(n) for n in a.investor_names if n.strip()}
    return bool(keys_a & {normalise(n) for n in b.investor_names if n.strip()})


def _similar_amount(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None or max(a, b) == 0:
        return False
    return abs(a - b) <= AMOUNT_TOLERANCE * max(a, b)


def compare(candidate: DealKey, other: DealKey) -> Suspicion | None:
    """The suspicion that `candidate` re-signs `other`, or None."""
    reasons: list[str] = []
    names = _best_similarity(candidate.names, other.names)
    amount = _similar_amount(candidate.amount, other.amount)
    if candidate.project_id is not None and candidate.project_id == other.project_id:
        reasons.append("same_project")
    elif None not in (candidate.city_id, other.city_id) and candidate.city_id != other.city_id:
        return None
    related = names >= SIMILAR_NAME or (amount and names >= RELATED_NAME)
    if related and _same_investor(candidate, other):
        reasons.append("same_investor")
    if names >= VERY_SIMILAR_NAME and amount:
        reasons.append("similar_name_and_amount")
    if not reasons:
        return None
    if names >= SIMILAR_NAME:
        reasons.append("similar_name")
    if amount:
        reasons.append("similar_amount")
    return Suspicion(other.id, round(max(names, 0.5 if amount else 0.0), 3), tuple(reasons))


def find_suspects(candidate: DealKey, signed: Iterable[DealKey]) -> list[Suspicion]:
    """Every signed deal `candidate` may re-sign, most similar first (ties by id)."""
    found = [compare(candidate, other) for other in signed if other.id != candidate.id]
    return sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.other_id))
