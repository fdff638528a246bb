"""Domain functions of the directory: every write and multi-step action goes through here."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from duijie.accounts.services import log_personal_data_access
from duijie.directory.keys import fill_organisation_keys, school_key
from duijie.directory.models import (
    CONTACT_FIELDS,
    Affiliation,
    Campaign,
    Interaction,
    IntroductionPath,
    Membership,
    Organisation,
    Person,
    SchoolAttended,
    Segment,
)
from duijie.history.records import forget
from duijie_core.identifiers import (
    normalise_credit_code,
    normalise_hk_cr_no,
    parse_stock_code,
)
from duijie_core.resolution.people import person_name_key

ERASED_LABEL = "—"


def canonical_identifiers(org: Organisation) -> None:
    """Rewrite ``org``'s identifiers in canonical form; raises IdentifierError if invalid."""
    if org.credit_code:
        org.credit_code = normalise_credit_code(org.credit_code)
    if org.hk_cr_no:
        org.hk_cr_no = normalise_hk_cr_no(org.hk_cr_no)
    if org.stock_code:
        org.stock_code = str(parse_stock_code(org.stock_code))


@transaction.atomic
def save_organisation(*, org: Organisation) -> Organisation:
    """Save ``org`` with canonical identifiers and fresh matching/search keys.

    Side effects: writes the organisation. Raises IdentifierError for a bad identifier.
    """
    canonical_identifiers(org)
    fill_organisation_keys(org)
    org.save()
    return org


@transaction.atomic
def link_user(*, user: Any, organisation: Organisation, title: str = "") -> Membership:
    """Make ``user`` a member of ``organisation`` (idempotent). Side effect: a Membership."""
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"title": title}
    )
    return membership


def organisations_of(user: Any) -> QuerySet[Organisation]:
    """The organisations ``user`` acts for ("my organisation")."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@functools.lru_cache(maxsize=100_000)
def _person_key(name: str) -> str:
    return person_name_key(name)[:200]


def fill_person_keys(person: Person) -> None:
    """Set the person's matching key from their name (names repeat a lot: keys are cached)."""
    person.match_key = _person_key(person.name)


@transaction.atomic
def save_person(*, person: Person, schools: list[str] | None = None) -> Person:
    """Save ``person`` (and replace their schools when ``schools`` is given).

    Side effects: writes the person and their :class:`SchoolAttended` rows.
    """
    fill_person_keys(person)
    person.save()
    if schools is not None:
        person.schools.all().delete()
        SchoolAttended.objects.bulk_create(
            [
                SchoolAttended(person=person, school=s, school_key=school_key(s))
                for s in schools
                if s
            ]
        )
    return person


def show_contacts(*, user: Any, person: Person, purpose: str = "view") -> dict[str, str]:
    """The contact details of ``person`` for ``user`` (who may see them); logs the view.

    Side effect: one PersonalDataAccess row.
    """
    log_personal_data_access(
        user=user, action="view", subject=f"directory.person:{person.pk}",
        fields=CONTACT_FIELDS, purpose=purpose,
    )  # fmt: skip
    return {field: getattr(person, field) for field in CONTACT_FIELDS}


@transaction.atomic
def erase_person(*, person: Person, user: Any, reason: str = "") -> int:
    """Erase ``person``: interactions stay (for campaign counts) but are anonymised.

    Side effects: interactions lose their person, label and notes; the person, their
    schools, affiliations and introduction paths are deleted, and so is every history row
    of them (including the rows their deletion just wrote); the erasure is logged.
    Returns how many interactions were anonymised.
    """
    anonymised = Interaction.objects.filter(person=person).update(
        person=None, person_label=ERASED_LABEL, notes=""
    )
    log_personal_data_access(
        user=user, action="erase", subject=f"directory.person:{person.pk}", purpose=reason
    )
    pk = person.pk
    person.delete()
    forget(Person, id=pk)
    forget(SchoolAttended, person_id=pk)
    forget(Affiliation, person_id=pk)
    return anonymised


@transaction.atomic
def record_interaction(
    *,
    person: Person,
    kind: str,
    happened_on: dt.date,
    user: Any,
    campaign: Campaign | None = None,
    organisation: Organisation | None = None,
    notes: str = "",
) -> Interaction:
    """Log one contact with ``person``. Side effect: an :class:`Interaction`."""
    return Interaction.objects.create(
        person=person, person_label=person.name, kind=kind, happened_on=happened_on,
        campaign=campaign, organisation=organisation, notes=notes, recorded_by=user,
    )  # fmt: skip


@transaction.atomic
def save_segment(*, name: str, filters: dict[str, Any], user: Any) -> Segment:
    """Store a segment's filters under ``name``. Side effect: a :class:`Segment`."""
    clean = {key: value for key, value in filters.items() if value not in ("", None, False)}
    return Segment.objects.create(name=name, filters=clean, created_by=user)


@transaction.atomic
def start_campaign(
    *,
    name: str,
    purpose: str,
    user: Any,
    segment: Segment | None = None,
    starts_on: dt.date | None = None,
) -> Campaign:
    """Create an outreach campaign. Side effect: a :class:`Campaign`."""
    return Campaign.objects.create(
        name=name, purpose=purpose, segment=segment, starts_on=starts_on, created_by=user
    )


@transaction.atomic
def save_mandate_or_need(*, form: Any, organisation: Organisation) -> Any:
    """Save a mandate or buying need form for ``organisation`` (with its many-to-many fields).

    Side effects: writes the :class:`Mandate` / :class:`BuyingNeed` and its links.
    """
    item = form.save(commit=False)
    item.organisation = organisation
    item.save()
    form.save_m2m()
    return item


@transaction.atomic
def delete_mandate_or_need(*, item: Any) -> None:
    """Delete a mandate or buying need. Side effect: the row and its links are deleted."""
    item.delete()


@transaction.atomic
def add_introduction(
    *, person: Person, organisation: Organisation, relationship: str = "", strength: int = 2
) -> IntroductionPath:
    """Record (or update) that ``person`` can introduce us to ``organisation``.

    Side effect: creates or updates one :class:`IntroductionPath`.
    """
    path, _created = IntroductionPath.objects.update_or_create(
        person=person, organisation=organisation,
        defaults={"relationship": relationship, "strength": strength},
    )  # fmt: skip
    return path
