"""Merging two records of one person (the people-duplicates page).

Like organisations (:mod:`duijie.directory.merging`): every reference to the merged
person — affiliations, schools, introduction paths, interactions, industries, and any
relation other apps add later — is re-pointed to the kept one through model
introspection; a link the kept person already has is dropped. The kept person gets the
other's name among ``other_names`` and their blank fields filled. People carry personal
data, so the merge is written to the personal-data log (who, which two records, why)
rather than kept as a snapshot.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from duijie.directory.merging import incoming_relations, repoint
from duijie.directory.models import Consent, DuplicateStatus, Person, PersonDuplicate
from duijie.directory.privacy import record_access
from duijie.directory.services import fill_person_keys

FILLABLE = ("name_en", "birth_year", "hometown", "location", "phone", "email", "wechat",
            "address", "notes")  # fmt: skip


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
    fill_person_keys(keep)
    keep.save()


@transaction.atomic
def merge_people(*, keep: Person, other: Person, user: Any) -> dict[str, int]:
    """Merge ``other`` into ``keep``; returns the references moved per relation.

    Side effects: re-points every reference to ``other``, fills ``keep``, drops suspected
    pairs involving ``other``, logs the merge as personal-data processing, deletes ``other``.
    """
    PersonDuplicate.objects.filter(models.Q(a=other) | models.Q(b=other)).delete()
    moved = {
        f"{r.related_model._meta.label_lower}.{r.field.name}": repoint(r, source=other, target=keep)
        for r in incoming_relations(Person, PersonDuplicate)
    }
    absorb_person(keep, other)
    record_access(
        user=user, action="merge", person_ids=[keep.pk, other.pk], fields=(),
        where=f"merged directory.person:{other.pk} into directory.person:{keep.pk}",
    )  # fmt: skip
    other.delete()
    return {label: count for label, count in moved.items() if count}


def dismiss_person_duplicate(*, pair: PersonDuplicate) -> None:
    """Mark a suspected pair of people as two different people.

    Side effect: the pair's status becomes dismissed (later scans leave it dismissed)."""
    PersonDuplicate.objects.filter(pk=pair.pk).update(status=DuplicateStatus.DISMISSED)
