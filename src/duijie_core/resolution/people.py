"""People resolution for the hometown network (湘商, alumni): deliberately conservative.

Chinese names collide a lot (a network of 300,000 people holds hundreds of 王偉/王伟), so a
shared name alone is never enough. Two records are the same person only if they have the
same normalised name (Traditional/Simplified, width, case and spaces ignored; Latin names
compared as a sorted set of words) **and** one of:

* a shared phone number (digits only; +86/0086 dropped before an 11-digit mainland mobile)
  or a shared e-mail address (case ignored) — ``shared_phone`` / ``shared_email``, 0.95;
* the same affiliation (compared by core organisation name, so 比亞迪股份有限公司 = 比亚迪)
  **and** the same birth year **and** the same hometown, all three known on both sides —
  ``same_profile``, 0.90.

When neither side has a phone the other lacks (``phones_differ``: both have phones and
none is shared), weaker profiles are also accepted, each with no contradicting field:

* same affiliation and same birth year, hometown unknown on a side — ``profile_year``, 0.88;
* same affiliation and same hometown, birth year unknown on a side — ``profile_hometown``,
  0.86;
* same birth year and same hometown, affiliation unknown on a side — ``birth_and_hometown``,
  0.86.

With differing phones these go to review (the same rule at 0.77, or ``partial_profile``,
0.77, when the third field contradicts), as does the same
affiliation alone (``same_affiliation``, 0.75). Different known birth years never match
(cannot-link); different known hometowns lower the score by 0.30 (``hometown_differ``),
differing phones by 0.05 (``phones_differ``: people have several numbers, so it only
ranks the review queue and keeps weak profiles from merging).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

from duijie_core.resolution.engine import Resolver, Scored
from duijie_core.resolution.linkage import Label
from duijie_core.resolution.model import Evidence, PersonRecord
from duijie_core.resolution.names import core_name
from duijie_core.resolution.regions import DEFAULT_REGIONS, Regions, short_region_name
from duijie_core.text import normalise

_NOT_DIGIT = re.compile(r"\D")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class PreparedPerson:
    """Matching keys of one :class:`PersonRecord` (internal; never displayed)."""

    key: str
    name: str
    phones: frozenset[str]
    emails: frozenset[str]
    birth_year: int | None
    hometown: str | None
    affiliation: str | None


def person_name_key(name: str) -> str:
    """Normalised name: Han names without spaces or dots; Latin names as sorted words."""
    key = normalise(name)
    if _HAN.search(key):
        return re.sub(r"[\s·・.]", "", key)
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", key).split()))


def phone_key(phone: str) -> str | None:
    """Canonical phone digits (None if fewer than 7): 00/+ dropped, 86 before a mobile dropped."""
    digits = _NOT_DIGIT.sub("", phone).removeprefix("00")
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    return digits if len(digits) >= 7 else None


def prepare_person(record: PersonRecord, regions: Regions = DEFAULT_REGIONS) -> PreparedPerson:
    """The matching keys of ``record``."""
    phones = (phone_key(p) for p in record.phones)
    hometown = short_region_name(normalise(record.hometown)) if record.hometown else None
    affiliation = core_name(record.affiliation, regions) if record.affiliation else None
    return PreparedPerson(
        key=record.key,
        name=person_name_key(record.name),
        phones=frozenset(p for p in phones if p),
        emails=frozenset(normalise(e).replace(" ", "") for e in record.emails if "@" in e),
        birth_year=record.birth_year,
        hometown=hometown or None,
        affiliation=affiliation or None,
    )


def person_block_keys(person: PreparedPerson) -> list[str]:
    """Blocks: name + phone, e-mail, affiliation, or birth year and hometown (never the name
    alone)."""
    keys = [f"id:p:{person.name}|{phone}" for phone in sorted(person.phones)]
    keys += [f"id:m:{person.name}|{email}" for email in sorted(person.emails)]
    if person.birth_year and person.hometown:
        keys.append(f"y:{person.name}|{person.birth_year}|{person.hometown}")
    return keys + ([f"a:{person.name}|{person.affiliation}"] if person.affiliation else [])


def _evidence(rule: str, weight: float, **params: object) -> Evidence:
    return Evidence(rule, weight, tuple(sorted((k, str(v)) for k, v in params.items())))


def contact_evidence(a: PreparedPerson, b: PreparedPerson) -> list[Evidence]:
    """Shared phone numbers and e-mail addresses (the first of each, in order)."""
    phones, emails = sorted(a.phones & b.phones), sorted(a.emails & b.emails)
    found = [_evidence("shared_phone", 0.95, phone=p) for p in phones[:1]]
    return found + [_evidence("shared_email", 0.95, email=e) for e in emails[:1]]


def _known_equal[T](x: T | None, y: T | None) -> bool:
    return x is not None and x == y


def _compatible[T](x: T | None, y: T | None) -> bool:
    return x is None or y is None or x == y


def profile_evidence(a: PreparedPerson, b: PreparedPerson) -> Evidence | None:
    """Evidence from affiliation, birth year and hometown (see the module docstring)."""
    year, town = _known_equal(a.birth_year, b.birth_year), _known_equal(a.hometown, b.hometown)
    same_affiliation = _known_equal(a.affiliation, b.affiliation)
    if same_affiliation and year and town:
        return _evidence("same_profile", 0.9, affiliation=a.affiliation, birth_year=a.birth_year)
    phones_differ = bool(a.phones and b.phones and not a.phones & b.phones)
    weak = _weak_profile(a, b, same_affiliation, year, town)
    if weak:
        return weak if not phones_differ else Evidence(weak.rule, 0.77, weak.params)
    if same_affiliation and (year or town):
        return _evidence("partial_profile", 0.77, affiliation=a.affiliation or b.affiliation)
    if same_affiliation:
        return _evidence("same_affiliation", 0.75, affiliation=a.affiliation)
    return None


def _weak_profile(
    a: PreparedPerson, b: PreparedPerson, same_affiliation: bool, year: bool, town: bool
) -> Evidence | None:
    """Two of affiliation, birth year and hometown equal, the third not contradicting."""
    if same_affiliation and year and _compatible(a.hometown, b.hometown):
        return _evidence("profile_year", 0.88, affiliation=a.affiliation, birth_year=a.birth_year)
    if same_affiliation and town and _compatible(a.birth_year, b.birth_year):
        return _evidence("profile_hometown", 0.86, affiliation=a.affiliation, hometown=a.hometown)
    if year and town and _compatible(a.affiliation, b.affiliation):
        return _evidence("birth_and_hometown", 0.86, birth_year=a.birth_year, hometown=a.hometown)
    return None


def score_people(a: PreparedPerson, b: PreparedPerson) -> Scored:
    """The score of a pair of people (0 to 1) and the evidence behind it."""
    if a.name != b.name:
        return 0.0, ()
    if a.birth_year is not None and b.birth_year is not None and a.birth_year != b.birth_year:
        return 0.0, (_evidence("birth_year_conflict", 0.0, a=a.birth_year, b=b.birth_year),)
    found = contact_evidence(a, b)
    profile = profile_evidence(a, b)
    found += [profile] if profile else []
    if a.hometown and b.hometown and a.hometown != b.hometown:
        found.append(_evidence("hometown_differ", -0.3, a=a.hometown, b=b.hometown))
    if a.phones and b.phones and not a.phones & b.phones:
        found.append(_evidence("phones_differ", -0.05))
    positive = max((e.weight for e in found if e.weight > 0), default=0.0)
    penalty = sum(e.weight for e in found if e.weight < 0)
    score = max(positive + penalty, 0.0) if positive else 0.0
    return round(score, 3), (_evidence("same_person_name", 0.0, name=a.name), *found)


class PersonResolver(Resolver[PersonRecord, PreparedPerson, None]):
    """Resolve people conservatively (see the module docstring for the rule)."""

    def __init__(
        self,
        *,
        threshold: float = 0.85,
        review_threshold: float = 0.7,
        max_block: int = 200,
        ambiguity_margin: float = 0.05,
        regions: Regions = DEFAULT_REGIONS,
    ) -> None:
        super().__init__(
            threshold=threshold,
            review_threshold=review_threshold,
            max_block=max_block,
            ambiguity_margin=ambiguity_margin,
        )
        self.regions = regions

    def fit(self, records: Sequence[PersonRecord]) -> Self:
        """Learn the existing people (see :meth:`Resolver.fit`)."""
        return super().fit(records)

    def _key(self, record: PersonRecord) -> str:
        return record.key

    def _prepare(self, record: PersonRecord) -> PreparedPerson:
        return prepare_person(record, self.regions)

    def _block_keys(self, prepared: PreparedPerson) -> list[str]:
        return person_block_keys(prepared)

    def _labels(self, prepared: PreparedPerson) -> list[Label]:
        return [("birth_year", str(prepared.birth_year))] if prepared.birth_year else []

    def _context(self, prepared: Sequence[PreparedPerson]) -> None:
        return None

    def _score(self, a: PreparedPerson, b: PreparedPerson, context: None) -> Scored:
        return score_people(a, b)
