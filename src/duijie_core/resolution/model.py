"""The records entity resolution reads and the results it returns (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["existing", "new", "review"]


@dataclass(frozen=True)
class OrgRecord:
    """An organisation as one source wrote it (display what the source wrote).

    ``key`` is the caller's identifier (a database id, a row number); names are kept as
    written: Traditional or Simplified, with or without legal suffix, short or full.
    ``aliases`` are other names known for the organisation (former names, brand names).
    Identifiers may be written loosely; invalid ones are ignored for matching and
    reported by :meth:`OrgResolver.fit` in ``identifier_problems_``.
    """

    key: str
    names: tuple[str, ...]
    english_names: tuple[str, ...] = ()
    credit_code: str | None = None
    hk_cr_no: str | None = None
    stock_codes: tuple[str, ...] = ()
    region: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonRecord:
    """A person as one source wrote them (for the hometown network of 湘商 and alumni)."""

    key: str
    name: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    birth_year: int | None = None
    hometown: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One reason behind a match score: a rule code, its contribution and its parameters.

    Turn it into a sentence with :func:`duijie_core.resolution.messages.describe_evidence`.
    """

    rule: str
    weight: float
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Match:
    """A scored pair of records and the evidence for the score.

    Among existing records (``duplicates()``) ``a < b`` by key; in a :class:`Resolution`'s
    candidates ``a`` is the incoming record and ``b`` the existing one.
    """

    a: str
    b: str
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def conflicting(self) -> bool:
        """Whether the pair carries conflicting identifiers (never the same entity)."""
        return any(item.rule.endswith("_conflict") for item in self.evidence)


@dataclass(frozen=True)
class Cluster:
    """Record keys resolved to one entity, sorted; ``canonical`` is the first."""

    keys: tuple[str, ...]

    @property
    def canonical(self) -> str:
        """The smallest key: a stable name for the cluster."""
        return self.keys[0]


@dataclass(frozen=True)
class Resolution:
    """What to do with one incoming record.

    * ``existing``: it is the existing record ``existing_key`` (create nothing);
    * ``new``: a new entity; incoming records with the same ``group`` are one entity
      (``group`` is the key of the group's first record in input order);
    * ``review``: staff decide among ``candidates`` (create nothing automatically).

    ``incoming``: the record's likely matches among the *other incoming* records that it
    was not linked to (``b`` is an incoming key; at or above the review threshold, no
    conflict, best first), so that pairs within one file are not lost to staff.
    """

    key: str
    outcome: Outcome
    existing_key: str | None = None
    group: str | None = None
    candidates: tuple[Match, ...] = ()
    incoming: tuple[Match, ...] = ()
