"""The writing half of spreadsheet imports: resolve cleaned rows, then save in bulk.

Called by :mod:`duijie.directory.importers` (which validates); also used by the
benchmark. Every function here loads what it needs in a few bulk queries, calls the
resolution core once and writes in one transaction: new records with ``bulk_create``,
changed existing records one ``save`` each (so the change history sees every update;
unchanged records are not written at all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from django.db import transaction

from duijie.bulk import insert_rows
from duijie.directory.keys import fill_organisation_keys, organisation_match_key, school_key
from duijie.directory.models import (
    Affiliation,
    Organisation,
    Person,
    PersonDuplicate,
    SchoolAttended,
)
from duijie.directory.repeats import repeated_rows
from duijie.directory.resolution import (
    fitted_org_resolver,
    fitted_person_resolver,
    headquarters_region,
    org_record_from_values,
    person_records,
    province_names,
    record_suspects,
)
from duijie.directory.services import canonical_identifiers, fill_person_keys
from duijie.history.records import DEMO, IMPORTED, record_bulk
from duijie.reference.models import AdminDivision
from duijie_core.resolution import Match, OrgRecord, PersonRecord, Resolution
from duijie_core.resolution.people import person_name_key, phone_key


class ImportPlan(Protocol):
    """What the writing half reads and fills of an importer's plan (``importers.ImportPlan``)."""

    cleaned: list[dict[str, Any]]
    resolutions: list[Resolution]
    record_ids: list[int]


ORG_FILL = ("short_name", "name_en", "credit_code", "hk_cr_no", "stock_code", "website", "size",
            "description")  # fmt: skip
ORG_DATES = ("listed_on",)
"""Dates an import may fill (a missing date leaves the value alone, as a blank cell does)."""
PERSON_FILL = ("name_en", "birth_year", "phone", "email", "wechat", "address")
BATCH = 2000
EMPTY: dict[str, Any] = {"birth_year": None}


def row_key(index: int) -> str:
    return f"row:{index}"


def division_names(cleaned: Sequence[dict[str, Any]], *fields: str) -> dict[int, str]:
    """{division pk: name} for the divisions the rows mention (one query)."""
    pks = {row[f] for row in cleaned for f in fields if row.get(f)}
    return dict(AdminDivision.objects.filter(pk__in=pks).values_list("pk", "name"))


def division_regions(cleaned: Sequence[dict[str, Any]], field: str) -> dict[int, str]:
    """{division pk: its province's name} for the divisions the rows mention (two queries)."""
    pks = {row[field] for row in cleaned if row.get(field)}
    codes = AdminDivision.objects.filter(pk__in=pks).values_list("pk", "code")
    provinces = province_names()
    return {pk: headquarters_region(code, provinces) or "" for pk, code in codes}


# --- organisations -------------------------------------------------------------------------


def incoming_org_records(cleaned: Sequence[dict[str, Any]]) -> list[OrgRecord]:
    """Core records of cleaned organisation rows (keys ``row:N``)."""
    regions = division_regions(cleaned, "hq_division")
    return [
        org_record_from_values(
            row_key(i), row | {"region": regions.get(row.get("hq_division") or 0)}
        )
        for i, row in enumerate(cleaned)
    ]


def resolve_organisation_rows(plan: ImportPlan) -> list[Resolution]:
    """Resolve cleaned organisation rows against every organisation.

    Rows that only repeat one organisation (:mod:`duijie.directory.repeats`) are that
    organisation; the resolver is fitted once, and only when other rows remain.
    """
    repeated = repeated_rows(plan.cleaned)
    records = incoming_org_records(plan.cleaned)
    rest = [records[i] for i in range(len(records)) if i not in repeated]
    resolved = {r.key: r for r in fitted_org_resolver().resolve(rest)} if rest else {}
    return [
        resolved.get(record.key)
        or Resolution(record.key, "existing", existing_key=str(repeated[index]))
        for index, record in enumerate(records)
    ]


def split_outcomes(
    resolutions: Sequence[Resolution],
) -> tuple[dict[str, list[int]], list[int], dict[int, list[int]]]:
    """(new groups → row indices, review row indices, existing pk → row indices)."""
    groups: dict[str, list[int]] = defaultdict(list)
    existing: dict[int, list[int]] = defaultdict(list)
    reviews: list[int] = []
    for index, resolution in enumerate(resolutions):
        if resolution.outcome == "new":
            groups[resolution.group or resolution.key].append(index)
        elif resolution.outcome == "existing":
            existing[int(resolution.existing_key or 0)].append(index)
        else:
            reviews.append(index)
    return groups, reviews, existing


def review_suspects(plan: ImportPlan, reviews: Sequence[int]) -> Iterator[Match]:
    """Suspected pairs as record ids (``plan.record_ids`` set): the candidates of the rows
    sent to review among existing records, and every row's unlinked likely matches among
    the other rows of the same file."""
    index = {row_key(i): i for i in range(len(plan.cleaned))}
    for i in reviews:
        pk = str(plan.record_ids[i])
        yield from (Match(pk, c.b, c.score, c.evidence) for c in plan.resolutions[i].candidates)
    for i, resolution in enumerate(plan.resolutions):
        pk = str(plan.record_ids[i])
        for c in resolution.incoming:
            yield Match(pk, str(plan.record_ids[index[c.b]]), c.score, c.evidence)


def new_organisation(row: dict[str, Any], *, source: str, is_demo: bool) -> Organisation:
    """An unsaved Organisation from a cleaned row (identifiers canonical, keys filled)."""
    org = Organisation(
        kind=row["kind"], name=row["name"], aliases=list(row.get("aliases") or []),
        hq_division_id=row.get("hq_division"), source=source, is_demo=is_demo,
        **{f: row.get(f) or "" for f in ORG_FILL},
        **{f: row.get(f) for f in ORG_DATES},
    )  # fmt: skip
    canonical_identifiers(org)
    return org


def org_state(org: Organisation) -> tuple[Any, ...]:
    """What an import may change on an organisation."""
    return (
        org.kind, org.aliases, *(getattr(org, f) for f in (*ORG_FILL, *ORG_DATES)),
        org.hq_division_id,
    )  # fmt: skip


def absorb_row(org: Organisation, row: dict[str, Any]) -> bool:
    """Apply a row to ``org``; True if anything changed.

    A filled cell replaces the value, a blank cell leaves it alone and a cell holding the
    clear marker (``row["clear"]``, see :mod:`duijie.directory.importers`) empties it;
    the row's names that ``org`` does not have yet are added as aliases.
    """
    before = org_state(org)
    known = {org.name, org.short_name, *org.aliases}
    extra = [n for n in (row["name"], *(row.get("aliases") or [])) if n and n not in known]
    org.aliases = [*org.aliases, *dict.fromkeys(extra)]
    org.kind = row.get("kind") or org.kind
    for name in ORG_FILL:
        if name in row.get("clear", ()):
            setattr(org, name, "")
        elif row.get(name):
            setattr(org, name, row[name])
    for name in ORG_DATES:
        if row.get(name):
            setattr(org, name, row[name])
    if "hq_division" in row.get("clear", ()):
        org.hq_division_id = None
    elif row.get("hq_division"):
        org.hq_division_id = row["hq_division"]
    canonical_identifiers(org)
    return before != org_state(org)


def _link_key_industries(pairs: list[tuple[int, int]]) -> None:
    through = Organisation.key_industries.through
    existing = set(
        through.objects.filter(organisation_id__in={o for o, _k in pairs}).values_list(
            "organisation_id", "keyindustry_id"
        )
    )
    fresh = [
        through(organisation_id=o, keyindustry_id=k)
        for o, k in dict.fromkeys(pairs)
        if (o, k) not in existing
    ]
    through.objects.bulk_create(fresh, batch_size=BATCH)


@transaction.atomic
def apply_organisation_rows(
    plan: ImportPlan, *, source: str, is_demo: bool, user: Any = None
) -> dict[str, int]:
    """Write a resolved organisation plan (see the module docstring of importers).

    Side effects: creates and updates organisations (with history rows "imported by
    ``user``"), their key industries and suspected duplicate pairs. Returns counts:
    created, updated, review, unchanged.
    """
    groups, reviews, existing = split_outcomes(plan.resolutions)
    created: dict[int, Organisation] = {}
    for indices in groups.values():
        org = new_organisation(plan.cleaned[indices[0]], source=source, is_demo=is_demo)
        for index in indices:
            absorb_row(org, plan.cleaned[index])
            created[index] = org
    for index in reviews:
        created[index] = new_organisation(plan.cleaned[index], source=source, is_demo=is_demo)
        created[index].needs_review = True
    fresh = list({id(o): o for o in created.values()}.values())
    for org in fresh:
        fill_organisation_keys(org)
    Organisation.objects.bulk_create(fresh, batch_size=BATCH)
    record_bulk(fresh, user=user, reason=DEMO if is_demo else IMPORTED)
    updated = _update_existing(plan, existing, user=user)
    pairs = [(created[i].pk, k) for i in created for k in plan.cleaned[i].get("key_industries", [])]
    pairs += [
        (pk, k)
        for pk, idx in existing.items()
        for i in idx
        for k in plan.cleaned[i].get("key_industries", [])
    ]
    _link_key_industries(pairs)
    owner = {i: pk for pk, indices in existing.items() for i in indices}
    plan.record_ids = [
        created[i].pk if i in created else owner[i] for i in range(len(plan.cleaned))
    ]
    record_suspects(review_suspects(plan, reviews))
    return {"created": len(fresh), "updated": updated, "review": len(reviews),
            "unchanged": len(existing) - updated}  # fmt: skip


def _update_existing(plan: ImportPlan, existing: dict[int, list[int]], *, user: Any) -> int:
    orgs = Organisation.objects.in_bulk(list(existing))
    changed = []
    for pk, indices in existing.items():
        org = orgs[pk]
        if any([absorb_row(org, plan.cleaned[i]) for i in indices]):
            fill_organisation_keys(org)
            changed.append(org)
    fields = ["kind", "aliases", *ORG_FILL, *ORG_DATES, "hq_division", "match_key", "search_key"]
    Organisation.objects.bulk_update(changed, fields, batch_size=BATCH)
    record_bulk(changed, user=user, update=True)
    return len(changed)


# --- people --------------------------------------------------------------------------------


def person_fingerprint(record: PersonRecord) -> tuple[Any, ...]:
    """Everything a person row says, as keys: identical rows are the same person."""
    phones = tuple(sorted(p for p in (phone_key(x) for x in record.phones) if p))
    emails = tuple(sorted(e.casefold() for e in record.emails))
    name = person_name_key(record.name)
    return (
        name,
        phones,
        emails,
        record.birth_year,
        record.hometown or "",
        record.affiliation or "",
    )


def incoming_person_records(cleaned: Sequence[dict[str, Any]]) -> list[PersonRecord]:
    """Core records of cleaned person rows (keys ``row:N``)."""
    names = division_names(cleaned, "hometown")
    return [
        PersonRecord(
            key=row_key(i),
            name=row["name"],
            phones=tuple(p for p in (row.get("phone"),) if p),
            emails=tuple(e for e in (row.get("email"),) if e),
            birth_year=row.get("birth_year"),
            hometown=names.get(row.get("hometown") or 0) or None,
            affiliation=row.get("organisation") or None,
        )
        for i, row in enumerate(cleaned)
    ]


def resolve_person_rows(plan: ImportPlan) -> list[Resolution]:
    """Resolve person rows; a row identical to an existing person is that person.

    The core is deliberately conservative (a name alone never matches), so an identical
    row without phone, e-mail or affiliation would otherwise be "new" on every import.
    """
    existing = person_records()
    incoming = incoming_person_records(plan.cleaned)
    resolutions = fitted_person_resolver(existing).resolve(incoming)
    known = {person_fingerprint(r): r.key for r in existing}
    return [
        Resolution(r.key, "existing", existing_key=known[fp], candidates=r.candidates)
        if r.outcome != "existing" and (fp := person_fingerprint(rec)) in known
        else r
        for r, rec in zip(resolutions, incoming, strict=False)
    ]


def new_person(row: dict[str, Any], *, is_demo: bool) -> Person:
    """An unsaved Person from a cleaned row."""
    person = Person(
        name=row["name"], other_names=row.get("other_names") or [], hometown_id=row.get("hometown"),
        location_id=row.get("location"), languages=row.get("languages") or [],
        consent=row.get("consent") or "unknown", consent_purpose=row.get("consent_purpose") or "",
        is_demo=is_demo, **{f: row.get(f) or EMPTY.get(f, "") for f in PERSON_FILL},
    )  # fmt: skip
    fill_person_keys(person)
    return person


@transaction.atomic
def apply_person_rows(plan: ImportPlan, *, is_demo: bool, user: Any = None) -> dict[str, int]:
    """Write a resolved people plan. Side effects: people (with history rows "imported by
    ``user``"), schools, affiliations, industries, suspected duplicate people (rows the
    resolver was unsure about, with their candidates).

    Existing people get their contact fields replaced by the filled cells (see
    :func:`absorb_person_row`); ``plan.record_ids`` gets the person of every row.
    Returns counts.
    """
    groups, reviews, existing = split_outcomes(plan.resolutions)
    firsts = [indices[0] for indices in groups.values()] + reviews
    people = {i: new_person(plan.cleaned[i], is_demo=is_demo) for i in firsts}
    Person.objects.bulk_create(list(people.values()), batch_size=BATCH)
    record_bulk(list(people.values()), user=user, reason=DEMO if is_demo else IMPORTED)
    _add_person_details([(p, plan.cleaned[i]) for i, p in people.items()])
    updated = _update_people(plan, existing, user=user)
    owner = {i: people[indices[0]].pk for indices in groups.values() for i in indices}
    owner |= {i: people[i].pk for i in reviews}
    owner |= {i: pk for pk, indices in existing.items() for i in indices}
    plan.record_ids = [owner[i] for i in range(len(plan.cleaned))]
    record_suspects(review_suspects(plan, reviews), model=PersonDuplicate)
    return {"created": len(people), "updated": updated, "review": len(reviews),
            "unchanged": len(existing) - updated}  # fmt: skip


def _add_person_details(pairs: list[tuple[Person, dict[str, Any]]]) -> None:
    """Schools, current affiliations and industries of new people, in plain bulk inserts."""
    orgs = organisation_ids_by_name({row.get("organisation", "") for _p, row in pairs})
    insert_rows(
        SchoolAttended, ("person", "school", "school_key"),
        [(p.pk, s, school_key(s)) for p, row in pairs for s in row.get("schools", [])],
    )  # fmt: skip
    insert_rows(
        Affiliation, ("person", "organisation", "organisation_name", "title"),
        [(p.pk, orgs.get(row["organisation"]), row["organisation"], row.get("title", ""))
         for p, row in pairs if row.get("organisation")],
    )  # fmt: skip
    insert_rows(
        Person.key_industries.through, ("person", "keyindustry"),
        [(p.pk, k) for p, row in pairs for k in dict.fromkeys(row.get("key_industries", []))],
    )  # fmt: skip


def organisation_ids_by_name(names: set[str]) -> dict[str, int]:
    """{name: organisation pk} for the ``names`` that are exactly an organisation's name
    (compared by ``match_key``, so either script)."""
    keys = {name: organisation_match_key(name) for name in names if name}
    found = Organisation.objects.filter(match_key__in=set(keys.values()))
    by_key = dict(found.values_list("match_key", "pk"))
    return {name: by_key[key] for name, key in keys.items() if key in by_key}


def absorb_person_row(person: Person, row: dict[str, Any]) -> bool:
    """Apply a row's contact fields to ``person`` as :func:`absorb_row` does; True if changed."""
    before = [getattr(person, f) for f in PERSON_FILL]
    for name in PERSON_FILL:
        if name in row.get("clear", ()):
            setattr(person, name, EMPTY.get(name, ""))
        elif row.get(name):
            setattr(person, name, row[name])
    return before != [getattr(person, f) for f in PERSON_FILL]


def _update_people(plan: ImportPlan, existing: dict[int, list[int]], *, user: Any) -> int:
    people = Person.objects.in_bulk(list(existing))
    changed = []
    for pk, indices in existing.items():
        person = people[pk]
        if any([absorb_person_row(person, plan.cleaned[i]) for i in indices]):
            changed.append(person)
    Person.objects.bulk_update(changed, list(PERSON_FILL), batch_size=BATCH)
    record_bulk(changed, user=user, update=True)
    return len(changed)
