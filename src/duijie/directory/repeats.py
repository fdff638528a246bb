"""Import rows that only repeat what the directory already knows: answered without the core.

Importing the same list again (or an updated list) mostly repeats rows already imported.
A row *repeats* organisation A when

* its name's exact-name key belongs to A and to no other organisation (as a name, short
  name, English name or alias) — or, when several share it (a record created for review
  next to the one it resembles), A is the only one whose name is written exactly as in
  the row,
* every name it gives (name, short name, English name, aliases) is already one of A's
  names (by exact-name key),
* every identifier it gives (credit code, CR No., stock code, canonical form) equals A's,
* its headquarters, if given, is A's.

The resolver, fitted on A, resolves such a row to A (resolving the fitted records again
returns ``existing``), and the row would change nothing on A. So the adapter answers it
directly and only the other rows go to the resolver — and when every row repeats, the
resolver is not fitted at all (a re-import of 100,000 rows then costs one query and a
dictionary pass instead of a fit over the whole directory).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from duijie.directory.keys import organisation_match_key
from duijie.directory.models import Organisation
from duijie_core.identifiers import normalise_credit_code, normalise_hk_cr_no, parse_stock_code

FIELDS = ("pk", "name", "short_name", "name_en", "aliases", "credit_code", "hk_cr_no",
          "stock_code", "hq_division_id")  # fmt: skip


@dataclass(frozen=True)
class Known:
    """What the directory knows about one organisation, as keys (and its name as written)."""

    name: str
    names: frozenset[str]
    identifiers: tuple[str, str, str]
    division: int | None


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The exact-name keys of ``names`` (blank names ignored)."""
    return frozenset(k for k in (organisation_match_key(n) for n in names if n) if k)


def row_names(row: dict[str, Any]) -> list[str]:
    """Every name a cleaned row (or an organisation's values) gives."""
    names = [row.get("name", ""), row.get("short_name", ""), row.get("name_en", "")]
    return [*names, *(row.get("aliases") or [])]


def row_identifiers(row: dict[str, Any]) -> tuple[str, str, str]:
    """A cleaned row's identifiers in canonical form ("" when not given)."""
    credit, cr_no, stock = (row.get(f) or "" for f in ("credit_code", "hk_cr_no", "stock_code"))
    return (
        normalise_credit_code(credit) if credit else "",
        normalise_hk_cr_no(cr_no) if cr_no else "",
        str(parse_stock_code(stock)) if stock else "",
    )


def known_organisations() -> tuple[dict[int, Known], dict[str, set[int]]]:
    """({pk: Known}, {name key: pks having it}) for every organisation, in one query."""
    known: dict[int, Known] = {}
    owners: dict[str, set[int]] = {}
    for row in Organisation.objects.values(*FIELDS).iterator(chunk_size=5000):
        keys = name_keys(row_names(row))
        ids = (row["credit_code"], row["hk_cr_no"], row["stock_code"])
        known[row["pk"]] = Known(row["name"], keys, ids, row["hq_division_id"])
        for key in keys:
            owners.setdefault(key, set()).add(row["pk"])
    return known, owners


def repeats(row: dict[str, Any], org: Known) -> bool:
    """Whether ``row`` says nothing that ``org`` does not already say."""
    pairs = zip(row_identifiers(row), org.identifiers, strict=True)
    same_ids = all(not mine or mine == theirs for mine, theirs in pairs)
    same_place = not row.get("hq_division") or row["hq_division"] == org.division
    return same_ids and same_place and name_keys(row_names(row)) <= org.names


def repeated_rows(cleaned: Sequence[dict[str, Any]]) -> dict[int, int]:
    """{row index: organisation pk} for the rows that repeat exactly one organisation."""
    if not cleaned:
        return {}
    known, owners = known_organisations()
    found = {}
    for index, row in enumerate(cleaned):
        pk = sole_owner(row, owners.get(organisation_match_key(row["name"]), set()), known)
        if pk is not None and repeats(row, known[pk]):
            found[index] = pk
    return found


def sole_owner(row: dict[str, Any], owners: set[int], known: dict[int, Known]) -> int | None:
    """The organisation the row's name key belongs to; among several (e.g. one created for
    review next to the record it resembles), the only one whose name is written exactly
    as in the row; otherwise None."""
    if len(owners) == 1:
        return next(iter(owners))
    exact = [pk for pk in owners if known[pk].name == row["name"]]
    return exact[0] if len(exact) == 1 else None
