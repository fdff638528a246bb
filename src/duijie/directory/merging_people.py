"""Merging two records of one person, on the organisations' mechanism.

Like organisations (:mod:`duijie.directory.merging`): staff see both records side by
side (:func:`person_field_rows`) and pick the surviving value of each field where the two
differ (``take``); every reference to the merged person — affiliations, schools,
introduction paths, interactions, trade-week participants, and any relation other apps add
later — is re-pointed to the kept one through model introspection (a link the kept person
already has is dropped and counted); the kept person gets the other's names among
``other_names`` and their blank fields filled. A :class:`MergeRecord` (``kept_person``)
keeps what an undo needs (see :mod:`duijie.directory.unmerging`) and lets the merged
person's old address lead to the survivor. The snapshot holds personal data: it is
deleted with the kept person when they are erased (:mod:`duijie.directory.erasure`), and
the merge itself is written to the personal-data log. The log's records of reads of the
merged person are left as written (the log is append-only): the merge record is what makes
them part of the survivor's access history (:func:`duijie.directory.privacy.logged_ids`),
and an undo, which deletes it, makes them the merged person's alone again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.forms.models import model_to_dict

from duijie.directory.merging import (
    FieldRow,
    field_rows,
    incoming_relations,
    planned_moves,
    relation_label,
    repoint_rows,
)
from duijie.directory.models import Consent, DuplicateStatus, MergeRecord, Person, PersonDuplicate
from duijie.directory.privacy import record_access
from duijie.directory.resolution import evidence_to_json
from duijie.directory.services import fill_person_keys
from duijie_core.resolution import Evidence

FILLABLE = ("name_en", "birth_year", "hometown", "location", "phone", "email", "wechat",
            "address", "notes")  # fmt: skip

CHOOSABLE = ("name", "name_en", "birth_year", "hometown", "location", "phone", "email",
             "wechat", "address", "notes")  # fmt: skip
"""Fields staff choose between when both people have a value and the values differ."""

SHOWN = (*CHOOSABLE, "other_names", "languages", "consent")
"""What the side-by-side preview shows (personal fields: staff only, the read is logged)."""

PREVIEW_FIELDS = ("hometown", "location", "birth_year", "phone", "email", "wechat", "address")
"""The personal fields the preview shows, as written to the access log."""


def person_relations() -> list[models.ForeignObjectRel]:
    """Every relation pointing at a person that a merge re-points."""
    return incoming_relations(Person, PersonDuplicate)


def person_field_rows(keep: Person, other: Person) -> list[FieldRow]:
    """Both people side by side, field by field (only fields either of them has)."""
    return field_rows(keep, other, SHOWN)


def planned_person_moves(other: Person) -> dict[str, int]:
    """What merging ``other`` away would move, per relation."""
    return planned_moves(other, person_relations())


def absorb_person(keep: Person, other: Person) -> None:
    """Give ``keep`` the other's names and fill its blank fields (consent if unknown)."""
    known = {keep.name, *keep.other_names}
    extra = [n for n in (other.name, *other.other_names) if n and n not in known]
    keep.other_names = [*keep.other_names, *dict.fromkeys(extra)]
    keep.languages = list(dict.fromkeys([*keep.languages, *other.languages]))
    for field in FILLABLE:
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    if keep.consent == Consent.UNKNOWN and other.consent != Consent.UNKNOWN:
        keep.consent, keep.consent_purpose = other.consent, other.consent_purpose
        keep.consent_on, keep.consent_source = other.consent_on, other.consent_source


def _take_chosen(keep: Person, other: Person, chosen: list[str]) -> None:
    """Give ``keep`` the values staff chose from ``other``; a replaced name stays an other name."""
    for field in chosen:
        if field == "name":
            keep.other_names = [n for n in keep.other_names if n != other.name]
            if keep.name not in keep.other_names:
                keep.other_names = [*keep.other_names, keep.name]
        setattr(keep, field, getattr(other, field))


def person_snapshot(person: Person) -> dict[str, Any]:
    """The person's own fields (and industry links), JSON-storable: what an undo restores."""
    data = model_to_dict(person, exclude=["key_industries"])
    data = {k: (str(v) if v is not None and not isinstance(v, str | list | bool | int) else v)
            for k, v in data.items()}  # fmt: skip
    data["key_industries"] = list(person.key_industries.values_list("pk", flat=True))
    return data


@transaction.atomic
def merge_people(
    *, keep: Person, other: Person, user: Any, take: Iterable[str] = (),
    evidence: list[Evidence] = (),  # type: ignore[assignment]
) -> MergeRecord:  # fmt: skip
    """Merge ``other`` into ``keep``; returns the merge record.

    ``take``: fields (of :data:`CHOOSABLE`) whose value comes from ``other``.
    Side effects: re-points every reference to ``other``, fills ``keep`` and takes the
    chosen values, drops suspected pairs involving ``other``, writes a
    :class:`MergeRecord` (with what an undo needs), records the change in ``keep``'s
    history, logs the merge as personal-data processing, deletes ``other``.
    """
    chosen = [f for f in CHOOSABLE if f in set(take)]
    before, other_fields = person_snapshot(keep), person_snapshot(other)
    PersonDuplicate.objects.filter(models.Q(a=other) | models.Q(b=other)).delete()
    results = {relation_label(r): repoint_rows(r, source=other, target=keep)
               for r in person_relations()}  # fmt: skip
    record = MergeRecord.objects.create(
        kept_person=keep, merged_pk=other.pk, merged_name=other.name, snapshot=other_fields,
        moved={label: len(ids) for label, (ids, _d) in results.items() if ids},
        moved_rows={label: ids for label, (ids, _d) in results.items() if ids},
        dropped={label: n for label, (_ids, n) in results.items() if n},
        kept_before=before, chosen=chosen, evidence=evidence_to_json(evidence), merged_by=user,
    )  # fmt: skip
    keep._history_user = other._history_user = user  # type: ignore[attr-defined]
    absorb_person(keep, other)
    _take_chosen(keep, other, chosen)
    fill_person_keys(keep)
    keep.save()
    record_access(
        user=user, action="merge", person_ids=[keep.pk, other.pk], fields=(),
        where=f"merged directory.person:{other.pk} into directory.person:{keep.pk}",
    )  # fmt: skip
    other.delete()
    return record


def dismiss_person_duplicate(*, pair: PersonDuplicate) -> None:
    """Mark a suspected pair of people as two different people.

    Side effect: the pair's status becomes dismissed (later scans leave it dismissed)."""
    PersonDuplicate.objects.filter(pk=pair.pk).update(status=DuplicateStatus.DISMISSED)
