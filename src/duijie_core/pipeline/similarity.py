"""Re-signing detection: is a deal the same investment as one already signed?

Agencies count signings; the same investment announced again at a later week (its
catalogue project carried over into the new edition, the investor written in the other
script, in English or under its new name, the amount restated in another currency or
slightly changed) must be counted once. A deal is compared on its *identity*, not on
the records it happens to point at:

- **project**: the carry-over chain of the catalogue project (``project_line``: the
  first edition's project of the chain), so a carried-over copy is the same project;
- **investor / enterprise**: identity keys of the organisation (its record, and the
  core of every name and alias, see :func:`organisation_keys`), so two records of one
  firm (繁/简/English, renamed) are the same party;
- **amount** in CNY within ``AMOUNT_TOLERANCE`` (amounts in other currencies are
  converted at the signing date before they get here);
- **name**: Dice coefficient of character bigrams of :func:`duijie_core.text.normalise`
  keys (Traditional, Simplified and full-width equal; English names compared too);
- **place and dates**: deals in two different known cities (or whose names start with
  two different cities), for two different phases
  (二期, phase II) or two different enterprises are different investments unless they
  name the same project; signings more than ``MAX_YEARS_APART`` apart are not re-signings.

A pair is a suspect when the project line is the same and one more fact agrees (the
amount or the name only when the investors are not two known, different firms); or the
investor is the same and the name is similar (or the amount with a related name, or the
enterprise); or the enterprise and the amount with a related name; or a very similar
name with a similar amount, unless the investors are two known, different firms. The
score adds the weight of every agreeing fact, so a same-project, same-investor pair
ranks above a look-alike by name alone. Reasons are codes with a value; sentences are
made at the edge.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from duijie_core.resolution.names import core_name, english_words
from duijie_core.resolution.regions import DEFAULT_REGIONS
from duijie_core.text import normalise

__all__ = [
    "DealKey",
    "Reason",
    "Suspicion",
    "compare",
    "find_suspects",
    "name_similarity",
    "organisation_keys",
]

RELATED_NAME = 0.5
SIMILAR_NAME = 0.75
VERY_SIMILAR_NAME = 0.9
AMOUNT_TOLERANCE = Decimal("0.1")
MAX_YEARS_APART = 4

WEIGHTS = {
    "same_project": 0.45,
    "carried_over_project": 0.45,
    "same_investor": 0.25,
    "same_investor_name": 0.25,
    "same_enterprise": 0.15,
    "similar_amount": 0.15,
    "same_city": 0.05,
}
NAME_WEIGHT = 0.3


@dataclass(frozen=True)
class DealKey:
    """What re-signing detection knows of one deal; amounts in the reporting currency.

    ``project_line`` is the first project of the catalogue carry-over chain;
    ``investor_keys`` / ``enterprise_keys`` come from :func:`organisation_keys`.
    """

    id: int
    names: tuple[str, ...]
    investor_keys: frozenset[str] = frozenset()
    enterprise_keys: frozenset[str] = frozenset()
    project_id: int | None = None
    project_line: int | None = None
    amount: Decimal | None = None
    city_id: int | None = None
    signed_on: dt.date | None = None


@dataclass(frozen=True)
class Reason:
    """One fact two deals share: a code and, for names and amounts, a figure."""

    code: str
    value: str = ""


@dataclass(frozen=True)
class Suspicion:
    """`other_id` may be the same investment as the candidate; `score` in [0, 1]."""

    other_id: int
    score: float
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


def organisation_keys(record_id: int | None, names: Iterable[str]) -> frozenset[str]:
    """Identity keys of an organisation: its record and the core of each of its names.

    Chinese names lose region prefix, brackets and legal form (香港冷鏈集團有限公司 and
    香港冷链集团 share a key); English names keep their distinctive words in order.
    """
    keys = {f"record:{record_id}"} if record_id is not None else set()
    for name in names:
        if not name or not name.strip():
            continue
        words = english_words(name)
        if name.isascii() and words:
            keys.add("en:" + " ".join(words))
        elif core := core_name(name, DEFAULT_REGIONS):
            keys.add("zh:" + core)
    return frozenset(keys)


def _bigrams(key: str) -> set[str]:
    compact = key.replace(" ", "")
    if len(compact) < 2:
        return {compact} if compact else set()
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


_WORD = re.compile(r"[^\W_]+")


def named_places(names: Iterable[str]) -> frozenset[str]:
    """The cities (not provinces) the Chinese names start with: 長沙冷鏈物流園 → {长沙}."""
    found = set()
    for name in names:
        rest = normalise(name)
        while not name.isascii():
            prefix, province = DEFAULT_REGIONS.leading(rest)
            if not prefix or len(rest) - len(prefix) < 2:
                break
            if not (province or "").startswith(prefix):
                found.add(prefix.removesuffix("市"))
            rest = rest[len(prefix) :]
    return frozenset(found)


def _without_places(key: str) -> str:
    """A normalised Chinese name without its leading place names (湖南长沙… → …)."""
    rest = key
    while (prefix := DEFAULT_REGIONS.leading(rest)[0]) and len(rest) - len(prefix) >= 2:
        rest = rest[len(prefix) :]
    return rest


def name_similarity(first: str, second: str) -> float:
    """Dice coefficient of the normalised names, in [0, 1]: of their words when both are
    written in Latin letters (English), else of the character bigrams of the names
    without their leading place names (deals in one city all start with it)."""
    if first.isascii() and second.isascii():
        a, b = set(_WORD.findall(normalise(first))), set(_WORD.findall(normalise(second)))
    else:
        a = _bigrams(_without_places(normalise(first)))
        b = _bigrams(_without_places(normalise(second)))
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _best_similarity(first: Iterable[str], second: Iterable[str]) -> float:
    """The best similarity of two deals' names; Chinese with Chinese when both have one
    (English names of one city's projects share too many generic words)."""
    first, second = [n for n in first if n.strip()], [n for n in second if n.strip()]
    chinese = [n for n in first if not n.isascii()], [n for n in second if not n.isascii()]
    if chinese[0] and chinese[1]:
        first, second = chinese
    pairs = [(a, b) for a in first for b in second]
    return max((name_similarity(a, b) for a, b in pairs), default=0.0)


_PHASE = re.compile(r"([一二三四五六七八九十\d]+)期|phase\s*([ivx\d]+)", re.IGNORECASE)
_PHASE_NUMBERS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "i": "1", "ii": "2",
                  "iii": "3", "iv": "4", "v": "5"}  # fmt: skip


def phases(names: Iterable[str]) -> frozenset[str]:
    """The phase numbers a deal's names state (二期, Phase II → "2"); "1" when none."""
    found = set()
    for name in names:
        for match in _PHASE.finditer(normalise(name)):
            raw = (match.group(1) or match.group(2)).lower()
            found.add(_PHASE_NUMBERS.get(raw, raw))
    return frozenset(found or {"1"})


def amount_difference(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """The relative difference of two amounts (of the larger), None when either is unknown."""
    if a is None or b is None or max(a, b) <= 0:
        return None
    return abs(a - b) / max(a, b)


def _different_places(candidate: DealKey, other: DealKey) -> bool:
    """Two different known cities, or names that start with two different cities."""
    cities = (candidate.city_id, other.city_id)
    if None not in cities and cities[0] != cities[1]:
        return True
    named = named_places(candidate.names), named_places(other.names)
    return bool(named[0] and named[1]) and not named[0] & named[1]


def _years_apart(candidate: DealKey, other: DealKey) -> bool:
    if candidate.signed_on is None or other.signed_on is None:
        return False
    return abs((candidate.signed_on - other.signed_on).days) > 366 * MAX_YEARS_APART


def _project_reason(candidate: DealKey, other: DealKey) -> list[Reason]:
    if candidate.project_id is not None and candidate.project_id == other.project_id:
        return [Reason("same_project")]
    if candidate.project_line is not None and candidate.project_line == other.project_line:
        return [Reason("carried_over_project")]
    return []


def _party_reasons(candidate: DealKey, other: DealKey) -> list[Reason]:
    reasons = []
    shared = candidate.investor_keys & other.investor_keys
    if any(k.startswith("record:") for k in shared):
        reasons.append(Reason("same_investor"))
    elif shared:
        reasons.append(Reason("same_investor_name"))
    if candidate.enterprise_keys & other.enterprise_keys:
        reasons.append(Reason("same_enterprise"))
    return reasons


def _different_enterprises(candidate: DealKey, other: DealKey) -> bool:
    both = candidate.enterprise_keys and other.enterprise_keys
    return bool(both) and not candidate.enterprise_keys & other.enterprise_keys


def _vetoed(candidate: DealKey, other: DealKey, same_project: bool) -> bool:
    """Facts that make two deals different investments whatever else they share."""
    if phases(candidate.names) != phases(other.names) or _years_apart(candidate, other):
        return True
    if same_project:
        return False
    return _different_places(candidate, other) or _different_enterprises(candidate, other)


def _other_investor(candidate: DealKey, other: DealKey) -> bool:
    """Both investors are known and share no identity key (two different firms)."""
    both = candidate.investor_keys and other.investor_keys
    return bool(both) and not candidate.investor_keys & other.investor_keys


def _is_suspect(codes: set[str], names: float, other_investor: bool) -> bool:
    project = bool(codes & {"same_project", "carried_over_project"})
    investor = bool(codes & {"same_investor", "same_investor_name"})
    enterprise, amount = "same_enterprise" in codes, "similar_amount" in codes
    related = names >= RELATED_NAME
    return (
        (project and (investor or enterprise or ((amount or related) and not other_investor)))
        or (investor and (names >= SIMILAR_NAME or (amount and related) or enterprise))
        or (enterprise and amount and related)
        or (names >= VERY_SIMILAR_NAME and amount and not other_investor)
    )


def compare(candidate: DealKey, other: DealKey) -> Suspicion | None:
    """The suspicion that `candidate` is the same investment as `other`, or None."""
    reasons = _project_reason(candidate, other)
    if _vetoed(candidate, other, bool(reasons)):
        return None
    reasons += _party_reasons(candidate, other)
    difference = amount_difference(candidate.amount, other.amount)
    if difference is not None and difference <= AMOUNT_TOLERANCE:
        reasons.append(Reason("similar_amount", f"{difference * 100:.1f}"))
    names = _best_similarity(candidate.names, other.names)
    if names >= RELATED_NAME:
        reasons.append(Reason("similar_name", f"{names * 100:.0f}"))
    if candidate.city_id is not None and candidate.city_id == other.city_id:
        reasons.append(Reason("same_city"))
    codes = {r.code for r in reasons}
    if not _is_suspect(codes, names, _other_investor(candidate, other)):
        return None
    score = sum(WEIGHTS.get(r.code, 0.0) for r in reasons)
    score += NAME_WEIGHT * names if names >= RELATED_NAME else 0.0
    return Suspicion(other.id, round(min(score, 1.0), 3), tuple(reasons))


def find_suspects(candidate: DealKey, signed: Iterable[DealKey]) -> list[Suspicion]:
    """Every signed deal `candidate` may re-sign, most likely first (ties by id)."""
    found = [compare(candidate, other) for other in signed if other.id != candidate.id]
    return sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.other_id))
