"""People resolution for the hometown network (湘商, alumni).

Chinese names collide a lot (a network of 300,000 people holds hundreds of 王偉/王伟), so a
shared name alone is never enough, and how much it says depends on how many records carry
it. Two records can be the same person only if they have the same normalised name
(Traditional/Simplified, width, case and spaces ignored; Latin names compared as a sorted
set of words); the score is the strongest of:

* a shared phone number (digits only; +86/0086 dropped before an 11-digit mainland mobile)
  or a shared e-mail address (case ignored) — ``shared_phone`` / ``shared_email``, 0.95;
* the same affiliation (compared by core organisation name, so 比亞迪股份有限公司 = 比亚迪)
  **and** the same birth year **and** the same hometown, all three known on both sides —
  ``same_profile``, 0.90;
* two of the three equal, the third unknown on a side — ``profile_year`` 0.88,
  ``profile_hometown`` 0.86, ``birth_and_hometown`` 0.86 — at 0.77 when both records have
  phones and none is shared; the same affiliation with the birth year or hometown and the
  third field different — ``partial_profile``, 0.77; the same affiliation alone —
  ``same_affiliation``, 0.75;
* ``name_frequency`` (Fellegi–Sunter with value-specific name frequencies; listed only when
  it is stronger than the rules above): when at least
  one of affiliation, birth year, hometown agrees and nothing contradicts (no field known
  on both sides differs, no phone or e-mail disagreement), the probability from prior odds
  1 / (n − 1), n the distinct records carrying the name, times 1 / u for each agreeing
  field, u the chance that two records agree on it by accident (Σ p² over its values in
  the records compared); capped at 0.90. A rare name with one agreeing field merges, a
  common one needs more. See docs/resolution.md, "People".

Different known birth years never match (cannot-link); different known hometowns lower the
score by 0.30 (``hometown_differ``), differing phones by 0.05 (``phones_differ``: people have
several numbers, so it only ranks the review queue and keeps weak profiles from merging).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import prod
from typing import Self

from duijie_core.resolution.engine import Resolver, Scored
from duijie_core.resolution.linkage import HOST, PROBE, BlockLimit, Label
from duijie_core.resolution.model import Evidence, PersonRecord
from duijie_core.resolution.names import core_name
from duijie_core.resolution.orgkinds import body_key
from duijie_core.resolution.personnames import is_latin, sound_keys
from duijie_core.resolution.personnames import phone_key as parse_phone
from duijie_core.resolution.regions import DEFAULT_REGIONS, Regions, short_region_name
from duijie_core.text import normalise

DEFAULT_PHONE_REGION = "CN"
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
    sounds: frozenset[str] = frozenset()
    latin: bool = False
    display: str = ""


def person_name_key(name: str) -> str:
    """Normalised name: Han names without spaces or dots; Latin names as sorted words."""
    key = normalise(name)
    if _HAN.search(key):
        return re.sub(r"[\s·・.]", "", key)
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", key).split()))


def phone_key(phone: str, region: str = DEFAULT_PHONE_REGION) -> str | None:
    """The phone number in E.164 (+85291234567; see :func:`.personnames.phone_key`)."""
    return parse_phone(phone, region)


def affiliation_key(name: str, regions: Regions) -> str:
    """An affiliation as compared: a public body, chamber, association or university by its
    place and group (香港湖南商会 ≠ 香港长沙商会), any other organisation by its core name
    (比亞迪股份有限公司 = 比亚迪)."""
    body = body_key(name, regions)
    return body.written_key if body else core_name(name, regions)


def prepare_person(
    record: PersonRecord,
    regions: Regions = DEFAULT_REGIONS,
    phone_region: str = DEFAULT_PHONE_REGION,
) -> PreparedPerson:
    """The matching keys of ``record``."""
    phones = (phone_key(p, phone_region) for p in record.phones)
    hometown = short_region_name(normalise(record.hometown)) if record.hometown else None
    affiliation = affiliation_key(record.affiliation, regions) if record.affiliation else None
    return PreparedPerson(
        key=record.key,
        name=person_name_key(record.name),
        phones=frozenset(p for p in phones if p),
        emails=frozenset(normalise(e).replace(" ", "") for e in record.emails if "@" in e),
        birth_year=record.birth_year,
        hometown=hometown or None,
        affiliation=affiliation or None,
        sounds=sound_keys(record.name),
        display=record.name,
        latin=is_latin(record.name),
    )


def person_block_keys(person: PreparedPerson) -> list[str]:
    """Blocks: name + phone, e-mail, affiliation, or birth year and hometown; and the name
    alone (skipped when more records carry it than a rare-enough name has: see
    :meth:`NameFrequencies.largest_useful_name_block`)."""
    keys = [f"id:p:{person.name}|{phone}" for phone in sorted(person.phones)]
    keys += [f"id:m:{person.name}|{email}" for email in sorted(person.emails)]
    if person.birth_year and person.hometown:
        keys.append(f"y:{person.name}|{person.birth_year}|{person.hometown}")
    keys += [f"a:{person.name}|{person.affiliation}"] if person.affiliation else []
    return [*keys, *sound_block_keys(person), f"n:{person.name}"]


def sound_block_keys(person: PreparedPerson) -> list[str]:
    """Directed blocks across scripts: a Latin name (probe) meets the Han names (hosts) that
    sound alike *and* share a phone, an e-mail or the affiliation (Lau Kin Wah / 劉建華)."""
    mark = PROBE if person.latin else HOST
    shared = [*sorted(person.phones), *sorted(person.emails)]
    shared += [f"a:{person.affiliation}"] if person.affiliation else []
    return [f"{mark}r:{sound}|{x}" for sound in sorted(person.sounds) for x in shared]


PROFILE_FIELDS = ("affiliation", "birth_year", "hometown")


@dataclass(frozen=True)
class NameFrequencies:
    """The context of a people comparison, computed from all records being compared.

    ``records_by_name``: how many distinct records carry each normalised name (records
    identical in every matching key but the record key count once, so resolving the fitted
    records again does not halve the name's weight); ``chance``: per profile field, the
    chance that two records with the field known agree on it by accident (Σ p² over the
    field's values).
    """

    records_by_name: Mapping[str, int] = field(default_factory=dict)
    chance: Mapping[str, float] = field(default_factory=dict)

    def largest_useful_name_block(self, review_threshold: float) -> int:
        """How many records may carry a name for one agreeing birth year or hometown (the
        fields without a block of their own) to lift a pair to ``review_threshold``:
        1 / (n − 1) × 1 / u ≥ t / (1 − t), so n ≤ 1 + (1 − t) / (t × u), u the smaller
        of the two fields' agreement chances."""
        chance = min(self.chance.get("birth_year", 1.0), self.chance.get("hometown", 1.0))
        return 1 + int((1 - review_threshold) / (max(review_threshold, 1e-9) * chance))


NO_FREQUENCIES = NameFrequencies()


def agreement_chance(values: Iterable[Hashable | None]) -> float:
    """Σ p² over the known values: the chance that two random records agree (1.0 if none)."""
    counts = Counter(value for value in values if value is not None)
    total = sum(counts.values())
    return sum(n * n for n in counts.values()) / (total * total) if total else 1.0


def name_frequencies(prepared: Iterable[PreparedPerson]) -> NameFrequencies:
    """Name counts and field agreement chances over the distinct records of ``prepared``."""
    distinct = {
        (p.name, p.phones, p.emails, p.birth_year, p.hometown, p.affiliation): p for p in prepared
    }.values()
    return NameFrequencies(
        Counter(p.name for p in distinct),
        {f: agreement_chance(getattr(p, f) for p in distinct) for f in PROFILE_FIELDS},
    )


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


def _contradicts(a: PreparedPerson, b: PreparedPerson) -> bool:
    """Whether a field known on both sides differs (affiliation, hometown, all contacts)."""
    return (
        not _compatible(a.affiliation, b.affiliation)
        or not _compatible(a.hometown, b.hometown)
        or bool(a.phones and b.phones and not a.phones & b.phones)
        or bool(a.emails and b.emails and not a.emails & b.emails)
    )


FREQUENCY_CAP = 0.9


def same_person_probability(records: int, chances: Iterable[float]) -> float:
    """Prior odds 1 / (records − 1) times 1 / u for each agreeing field, as a probability."""
    odds = 1 / ((records - 1) * prod(chances))
    return odds / (1 + odds)


def frequency_evidence(
    a: PreparedPerson, b: PreparedPerson, context: NameFrequencies
) -> list[Evidence]:
    """Fellegi–Sunter evidence from how rare the name is and the profile fields that agree.

    Prior odds 1 / (n − 1) for n distinct records carrying the name (at least 2: one of the
    other namesakes may be this person), times 1 / u for each agreeing field (u: its
    agreement chance in ``context``); the probability odds / (1 + odds), at most
    ``FREQUENCY_CAP``. Only when at least one field agrees and nothing contradicts.
    """
    agreeing = [f for f in PROFILE_FIELDS if _known_equal(getattr(a, f), getattr(b, f))]
    if a.name not in context.records_by_name or not agreeing or _contradicts(a, b):
        return []
    records = max(context.records_by_name[a.name], 2)
    chances = {f: context.chance.get(f, 1.0) for f in agreeing}
    probability = round(min(same_person_probability(records, chances.values()), FREQUENCY_CAP), 3)
    found = _evidence(
        "name_frequency",
        probability,
        name=a.name,
        records=records,
        probability=f"{probability:.0%}",
    )
    return [found] + [
        _evidence(f"{f}_agrees", 0.0, value=getattr(a, f), one_in=round(1 / u))
        for f, u in chances.items()
    ]


def score_people(
    a: PreparedPerson, b: PreparedPerson, context: NameFrequencies = NO_FREQUENCIES
) -> Scored:
    """The score of a pair of people (0 to 1) and the evidence behind it.

    Names written in two scripts (Lau Kin Wah / 劉建華) that sound alike count as the same
    name, without the name-frequency rule and at most ``ROMANISED_CAP``.
    """
    crossed = a.name != b.name and romanised_evidence(a, b)
    if a.name != b.name and not crossed:
        return 0.0, ()
    if a.birth_year is not None and b.birth_year is not None and a.birth_year != b.birth_year:
        return 0.0, (_evidence("birth_year_conflict", 0.0, a=a.birth_year, b=b.birth_year),)
    found = contact_evidence(a, b)
    profile = profile_evidence(a, b)
    found += [profile] if profile else []
    frequency = [] if crossed else frequency_evidence(a, b, context)
    if frequency and frequency[0].weight > max((e.weight for e in found), default=0.0):
        found += frequency
    if not found:
        return 0.0, ()
    if a.hometown and b.hometown and a.hometown != b.hometown:
        found.append(_evidence("hometown_differ", -0.3, a=a.hometown, b=b.hometown))
    if a.phones and b.phones and not a.phones & b.phones:
        found.append(_evidence("phones_differ", -0.05))
    positive = max((e.weight for e in found if e.weight > 0), default=0.0)
    penalty = sum(e.weight for e in found if e.weight < 0)
    score = max(positive + penalty, 0.0) if positive else 0.0
    if crossed:
        return round(min(score, ROMANISED_CAP), 3), (crossed, *found)
    return round(score, 3), (_evidence("same_person_name", 0.0, name=a.name), *found)


ROMANISED_CAP = 0.9


def romanised_evidence(a: PreparedPerson, b: PreparedPerson) -> Evidence | None:
    """``romanised_person_name`` when one name is Latin, the other Han, and they sound alike
    in Cantonese or Mandarin (see :mod:`.personnames`)."""
    if a.latin == b.latin or not a.sounds & b.sounds:
        return None
    latin, han = (a, b) if a.latin else (b, a)
    return _evidence("romanised_person_name", 0.0, latin=latin.display, han=han.display)


class PersonResolver(Resolver[PersonRecord, PreparedPerson, NameFrequencies]):
    """Resolve people conservatively (see the module docstring for the rule)."""

    def __init__(
        self,
        *,
        threshold: float = 0.85,
        review_threshold: float = 0.7,
        max_block: int = 200,
        ambiguity_margin: float = 0.05,
        regions: Regions = DEFAULT_REGIONS,
        phone_region: str = DEFAULT_PHONE_REGION,
    ) -> None:
        super().__init__(
            threshold=threshold,
            review_threshold=review_threshold,
            max_block=max_block,
            ambiguity_margin=ambiguity_margin,
        )
        self.regions = regions
        self.phone_region = phone_region

    def fit(self, records: Sequence[PersonRecord]) -> Self:
        """Learn the existing people (see :meth:`Resolver.fit`)."""
        return super().fit(records)

    def _key(self, record: PersonRecord) -> str:
        return record.key

    def _prepare(self, record: PersonRecord) -> PreparedPerson:
        return prepare_person(record, self.regions, self.phone_region)

    def _block_keys(self, prepared: PreparedPerson) -> list[str]:
        return person_block_keys(prepared)

    def _block_limits(self, context: NameFrequencies) -> BlockLimit:
        names = min(self.max_block, context.largest_useful_name_block(self.review_threshold))
        return lambda key: names if key.startswith("n:") else self.max_block

    def _labels(self, prepared: PreparedPerson) -> list[Label]:
        return [("birth_year", str(prepared.birth_year))] if prepared.birth_year else []

    def _context(self, prepared: Sequence[PreparedPerson]) -> NameFrequencies:
        return name_frequencies(prepared)

    def _score(self, a: PreparedPerson, b: PreparedPerson, context: NameFrequencies) -> Scored:
        return score_people(a, b, context)
