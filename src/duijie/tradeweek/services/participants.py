"""Participants of an edition: enrolment and the one-line summary others see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from duijie.accounts.models import User
from duijie.catalogue.models import Project
from duijie.catalogue.translated import pick
from duijie.directory.models import Membership, Organisation
from duijie.reference.models import Edition
from duijie.tradeweek.models import Participant, ParticipantKind
from duijie_core.text import normalise

SIDES_MET: dict[str, tuple[str, ...]] = {
    ParticipantKind.INVESTOR: (ParticipantKind.PROJECT_OWNER,),
    ParticipantKind.PROJECT_OWNER: (ParticipantKind.INVESTOR,),
    ParticipantKind.BUYER: (ParticipantKind.SUPPLIER,),
    ParticipantKind.SUPPLIER: (ParticipantKind.BUYER,),
}
"""The sides a participant of each side comes to meet (an investor: project owners)."""


def current_edition() -> Edition | None:
    """The edition marked current (the latest one if several are)."""
    return Edition.objects.filter(is_current=True).order_by("-starts_on").first()


def _membership_organisation(user: User) -> Organisation | None:
    found = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    )
    return found.organisation if found is not None else None


def enrol(
    *,
    edition: Edition,
    user: User,
    kind: str,
    organisation: Organisation | None = None,
    project: Project | None = None,
    summary: str = "",
    max_meetings: int | None = None,
    is_demo: bool = False,
) -> Participant:
    """Make ``user`` a participant of ``edition`` (or update them); the organisation
    defaults to the user's directory membership. Side effects: the Participant row."""
    participant, _created = Participant.objects.update_or_create(
        edition=edition,
        user=user,
        defaults={
            "kind": kind,
            "organisation": organisation or _membership_organisation(user),
            "project": project,
            "summary": summary,
            "max_meetings": max_meetings,
            "is_demo": is_demo,
        },
    )
    return participant


def summary_of(participant: Participant) -> str:
    """What the counterpart brings: the project, else the mandate, else the free text."""
    project = participant.project
    if project is not None:
        name = pick(project, "name").text
        needs = project.financing_text or ""
        return f"{name} · {needs}" if needs else name
    return participant.summary


def search_participants(
    edition: Edition,
    *,
    text: str,
    kind: str = "",
    exclude: int | None = None,
    reader_kind: str = "",
) -> QuerySet[Participant]:
    """Participants whose name or organisation contains ``text`` (either script): first the
    sides a reader of side ``reader_kind`` comes to meet (:data:`SIDES_MET`), then the rest,
    each by name."""
    found = Participant.objects.filter(edition=edition).select_related("user", "organisation")
    if kind:
        found = found.filter(kind=kind)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    if text.strip():
        key = normalise(text)
        found = found.filter(
            Q(user__name__icontains=text.strip())
            | Q(organisation__name__icontains=text.strip())
            | Q(organisation__match_key__contains=key)
            | Q(summary__icontains=text.strip())
        )
    met = SIDES_MET.get(reader_kind, ())
    first = Case(When(kind__in=met, then=Value(0)), default=Value(1), output_field=IntegerField())
    return found.order_by(first, "user__name", "pk")


def enrol_many(
    *, edition: Edition, users: Iterable[User], kind: str, organisation: Organisation | None = None
) -> tuple[list[Participant], int]:
    """Enrol every user not yet a participant of ``edition`` on side ``kind``; returns
    the new participants and how many were already enrolled (left unchanged).

    Side effects: Participant rows, in one transaction."""
    users = list(users)
    enrolled = set(
        Participant.objects.filter(edition=edition, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    with transaction.atomic():
        new = [
            enrol(edition=edition, user=user, kind=kind, organisation=organisation)
            for user in users
            if user.pk not in enrolled  # type: ignore[attr-defined]
        ]
    return new, len(users) - len(new)


def members_of(organisation: Organisation) -> list[User]:
    """The active users who act for ``organisation`` (directory memberships)."""
    return [
        m.user
        for m in Membership.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")
    ]
