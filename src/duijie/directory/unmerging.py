"""Undoing a merge (organisations or people) from its :class:`MergeRecord`, where the data allows.

The merged record comes back with its id and own fields (the snapshot), its industry
links, and the rows the merge moved (by id) are pointed at it again; the kept record gets
back the fields it had before (names, aliases, filled and chosen values). What the data
does not allow: links dropped at the merge because the kept record already had the same
one (they are gone; counted in ``MergeRecord.dropped``), merges recorded before rows were
listed (no ``moved_rows``), and a kept record that has since been merged into another
(its merge records moved with it; undo the later merge first). A people merge comes
back the same way (own fields, industries; schools, affiliations and the rest as moved
rows; the access log's records of reads of the merged person are theirs alone again, as
the deleted merge record no longer maps them to the kept person); after the kept person is
erased there is nothing to undo: the record went with them.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction

from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import MergeRecord, Organisation, Person
from duijie.directory.services import fill_person_keys
from duijie_core.problems import Problem

RESTORED = ("name", "short_name", "name_en", "aliases", "kind", "credit_code", "hk_cr_no",
            "stock_code", "hq_division", "website", "description", "size", "source",
            "needs_review", "is_demo")  # fmt: skip


PERSON_RESTORED = ("name", "name_en", "other_names", "birth_year", "languages", "consent",
                   "consent_purpose", "consent_on", "consent_source", "phone", "email",
                   "wechat", "address", "notes", "is_demo")  # fmt: skip


def _model(record: MergeRecord) -> type[Organisation] | type[Person]:
    return Person if record.kept_person_id is not None else Organisation


def unmerge_problems(record: MergeRecord) -> list[Problem]:
    """Why ``record`` cannot be undone (empty when it can)."""
    if record.moved and not record.moved_rows:
        return [Problem("unmerge_no_rows")]
    if _model(record).objects.filter(pk=record.merged_pk).exists():
        return [Problem("unmerge_id_taken")]
    later = MergeRecord.objects.filter(merged_at__gt=record.merged_at)
    if later.filter(kept_id=record.kept_id, kept_person_id=record.kept_person_id).exists():
        return [Problem("unmerge_later_merge")]
    return []


def _own_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = {f: data[f] for f in RESTORED if f in data}
    fields["hq_division_id"] = fields.pop("hq_division", None) or None
    return fields


def _restore(org: Organisation, data: dict[str, Any], *, industries: bool) -> None:
    """Own fields from ``data``; industry links too for the kept record (the merged one gets
    its links back as moved rows, re-setting them would duplicate them)."""
    for name, value in _own_fields(data).items():
        setattr(org, name, value)
    fill_organisation_keys(org)
    org.save()
    if industries:
        org.key_industries.set(data.get("key_industries", []))
        org.industries.set(data.get("industries", []))


def _restore_person(person: Person, data: dict[str, Any], *, industries: bool) -> None:
    """Own fields from ``data``; industry links too for the kept person (the merged one gets
    its links back as moved rows, re-setting them would duplicate them)."""
    for name in PERSON_RESTORED:
        if name in data:
            setattr(person, name, data[name])
    person.hometown_id = data.get("hometown") or None
    person.location_id = data.get("location") or None
    fill_person_keys(person)
    person.save()
    if industries:
        person.key_industries.set(data.get("key_industries", []))


def _move_back(record: MergeRecord, merged: Organisation | Person) -> None:
    for label, ids in record.moved_rows.items():
        app, model, field = label.split(".")
        manager = apps.get_model(app, model)._base_manager
        manager.filter(pk__in=ids, **{field: record.survivor}).update(**{field: merged})


@transaction.atomic
def unmerge(*, record: MergeRecord, user: Any) -> Organisation | Person:
    """Bring the merged record back; returns it. Raises :class:`UnmergeRefused`.

    Side effects: recreates the merged record (same id), points the moved rows back at it,
    restores the kept record's fields as they were before the merge (history names
    ``user``), deletes the merge record.
    """
    problems = unmerge_problems(record)
    if problems:
        raise UnmergeRefused(problems)
    if record.kept_person_id is not None:
        return _unmerge_person(record, user)
    merged = Organisation(pk=record.merged_pk)
    merged._history_user = user
    _restore(merged, record.snapshot, industries=False)
    _move_back(record, merged)
    kept = record.kept
    kept._history_user = user
    _restore(kept, record.kept_before, industries=True)
    record.delete()
    return merged


def _unmerge_person(record: MergeRecord, user: Any) -> Person:
    merged = Person(pk=record.merged_pk)
    merged._history_user = user  # type: ignore[attr-defined]
    _restore_person(merged, record.snapshot, industries=False)
    _move_back(record, merged)
    kept = record.kept_person
    assert kept is not None
    kept._history_user = user  # type: ignore[attr-defined]
    _restore_person(kept, record.kept_before, industries=True)
    record.delete()
    return merged


class UnmergeRefused(Exception):
    """The merge cannot be undone; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems
