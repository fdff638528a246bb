"""The privacy boundary: every read of a person's personal fields passes through here.

Personal fields are declared once (:data:`PERSONAL_FIELDS`). Only users passing
``can_see_personal_data`` (agency staff and administrators) may read them, and every read
writes one append-only access record (``accounts.PersonalDataAccess``: who, when, which
fields, where) listing the people concerned by id (``AccessedPerson``, one bulk insert per
page view). Contacts of a person whose consent is refused or withdrawn are never shown:
staff see that they refused, not the contacts.

The log follows people merges without changing a row: a record names the ids the person
had when it was written, and :func:`logged_ids` maps a person to every id the log may name
them by (their own and, through the merge records, the people merged into them). Every
reader of the log for a person goes through it (:func:`access_history`).

Pages, lists, filters, exports, the admin and the matching reasons call these functions;
nothing else reads a personal field for display.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from duijie.accounts.models import PersonalDataAccess
from duijie.accounts.rules import can_see_personal_data
from duijie.accounts.services import log_personal_data_access
from duijie.directory.models import CONTACT_FIELDS, AccessedPerson, MergeRecord, Person

TIE_FIELDS = ("hometown", "location", "schools", "birth_year")
PERSONAL_FIELDS = CONTACT_FIELDS + TIE_FIELDS
"""Every personal field of a :class:`Person` (``schools`` are their ``SchoolAttended`` rows)."""

STORED_FIELDS = frozenset(PERSONAL_FIELDS) - {"schools"} | {"school", "graduated"}
"""The same, as the columns that hold them (a school row's columns instead of ``schools``):
what the change history leaves out for readers who may not see personal data."""

LIST_FIELDS = ("hometown", "location")
"""What people lists and the network sample show next to each name."""

FILTER_FIELDS = {"hometown": "hometown", "location": "location", "school": "schools"}
"""Segment filters that select people by a personal field (filter key → field)."""


def may_read(user: Any) -> bool:
    """Whether ``user``'s role may read personal fields (agency staff, administrators)."""
    return bool(can_see_personal_data(user))


def _require(user: Any) -> None:
    if not may_read(user):
        raise PermissionDenied


@transaction.atomic
def record_access(
    *,
    user: Any,
    person_ids: Iterable[int],
    fields: Sequence[str],
    where: str,
    action: str = "view",
) -> PersonalDataAccess:
    """Write one access record for ``person_ids`` (bulk insert of the people concerned).

    Side effects: one ``PersonalDataAccess`` row and one ``AccessedPerson`` row per person.
    """
    ids = sorted(set(person_ids))
    subject = f"directory.person:{ids[0]}" if len(ids) == 1 else "directory.people"
    access = log_personal_data_access(
        user=user, action=action, subject=subject, fields=tuple(fields), purpose=where
    )
    AccessedPerson.objects.bulk_create([AccessedPerson(access=access, person_id=i) for i in ids])
    return access


def logged_ids(person_id: int) -> list[int]:
    """Every id the access log may name person ``person_id`` by: their own first, then the
    ids of the people merged into them, found through the merge records and followed
    transitively (C merged into B, then B into A: A, then C and B in the order of their
    merges). An undone merge has no record, so the reads of its merged person are theirs
    alone again.

    The one mapping from a person to their log rows: the log is append-only, so a merge
    never re-points a row; readers of the log (:func:`access_history`, the admin) and the
    erasure use this instead.
    """
    ids, frontier = [person_id], [person_id]
    while frontier:
        merged = MergeRecord.objects.filter(kept_person_id__in=frontier).order_by("merged_at", "pk")
        frontier = [pk for pk in merged.values_list("merged_pk", flat=True) if pk not in ids]
        ids += frontier
    return ids


def access_history(person_id: int) -> QuerySet[PersonalDataAccess]:
    """The access records covering person ``person_id`` under any of their
    :func:`logged_ids` (reads of the people merged into them included), newest first."""
    covered = AccessedPerson.objects.filter(person_id__in=logged_ids(person_id))
    return PersonalDataAccess.objects.filter(pk__in=covered.values("access_id")).order_by(
        "-at", "-pk"
    )


@dataclass(frozen=True)
class PersonalView:
    """A person's personal fields as one reader may see them."""

    hometown: object
    location: object
    birth_year: int | None
    schools: list[str]
    contacts: dict[str, str] | None = None
    contacts_withheld: bool = False
    fields: tuple[str, ...] = field(default=())


def read_person(*, user: Any, person: Person, where: str) -> PersonalView:
    """``person``'s personal fields for ``user`` (403 otherwise); logs the fields shown.

    Contacts are left out (``contacts_withheld``) when the person refused or withdrew
    consent. Side effect: one access record.
    """
    _require(user)
    withheld = person.consent_withheld
    fields = TIE_FIELDS + (() if withheld else CONTACT_FIELDS)
    record_access(user=user, person_ids=[person.pk], fields=fields, where=where)
    contacts = None if withheld else {f: getattr(person, f) for f in CONTACT_FIELDS}
    schools = [s.school for s in person.schools.all()]
    return PersonalView(
        person.hometown, person.location, person.birth_year, schools, contacts, withheld, fields
    )


def read_people(
    *, user: Any, people: Iterable[Person], where: str, fields: Sequence[str] = LIST_FIELDS
) -> list[Person]:
    """The people of one page of a list, for ``user`` (403 otherwise); logs them all.

    Side effect: one access record listing every person shown (none when the page is empty).
    """
    _require(user)
    shown = list(people)
    if shown:
        record_access(user=user, person_ids=[p.pk for p in shown], fields=fields, where=where)
    return shown


def check_filters(*, user: Any, filters: dict[str, Any]) -> tuple[str, ...]:
    """The personal fields a list's ``filters`` select on; 403 if ``user`` may not use them."""
    used = tuple(FILTER_FIELDS[k] for k in FILTER_FIELDS if filters.get(k))
    if used:
        _require(user)
    return used


def export_fields(
    *, user: Any, columns: Sequence[str], person_ids: Iterable[int], why: str
) -> None:
    """Log an export of people's ``columns`` (403 if ``user`` may not read personal data).

    Side effect: one access record (action ``export``) listing every person exported.
    """
    _require(user)
    record_access(user=user, person_ids=person_ids, fields=columns, where=why, action="export")
