"""Domain functions of the directory: every write and multi-step action goes through here."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from duijie.directory.consent import ConsentWithheld
from duijie.directory.keys import fill_organisation_keys, school_key
from duijie.directory.models import (
    Campaign,
    Interaction,
    InteractionKind,
    IntroductionPath,
    Membership,
    Organisation,
    Person,
    SchoolAttended,
    Segment,
)
from duijie_core.identifiers import (
    normalise_credit_code,
    normalise_hk_cr_no,
    parse_stock_code,
)
from duijie_core.resolution.people import person_name_key


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
    """Log one contact with ``person``. Side effect: an :class:`Interaction`.

    Raises :class:`ConsentWithheld` for an invitation or a campaign contact with a person
    who refused or withdrew consent (nothing is written).
    """
    if person.consent_withheld and (campaign is not None or kind == InteractionKind.INVITED):
        raise ConsentWithheld(person)
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


@transaction.atomic
def delete_introduction(*, path: IntroductionPath) -> None:
    """Forget an introduction path. Side effect: deletes that one row."""
    path.delete()


def refresh_search_keys(*, batch: int = 2000) -> int:
    """Recompute every organisation's match and search keys (after the key rules change,
    e.g. when Pinyin joined the search key); returns how many changed.

    Side effects: ``match_key`` and ``search_key`` of the organisations whose keys differ
    (derived columns: the change history leaves them out).
    """
    changed: list[Organisation] = []
    total = 0
    for org in Organisation.objects.order_by("pk").iterator(chunk_size=batch):
        before = (org.match_key, org.search_key)
        fill_organisation_keys(org)
        if (org.match_key, org.search_key) != before:
            changed.append(org)
        if len(changed) >= batch:
            total += _save_keys(changed)
    return total + _save_keys(changed)


def _save_keys(orgs: list[Organisation]) -> int:
    count = len(orgs)
    Organisation.objects.bulk_update(orgs, ["match_key", "search_key"], batch_size=500)
    orgs.clear()
    return count
