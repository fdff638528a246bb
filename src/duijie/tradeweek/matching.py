"""The trade week's side of matching: the facts it hands down, the suggestions it reads.

Matchmaking sits below the trade week and never imports it; ``TradeweekConfig.ready()``
registers :data:`PROVIDER` and :func:`meeting_outcomes` with
``duijie.matchmaking.providers``. Suggestions are read from matchmaking directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from duijie.directory.models import OrganisationKind
from duijie.matchmaking.providers import Invitation, OutcomeRecord
from duijie.matchmaking.services import counterparts_for
from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    Outcome,
    Participant,
    ParticipantKind,
)
from duijie.tradeweek.services.requests import (
    open_requests_among,
    pair_already_open,
    staff_request_url,
)

MEETING_TIE_STATUSES = ("scheduled", "held")
POSITIVE_RATING = 4
NEUTRAL_RATING = 3


@dataclass(frozen=True)
class Suggestion:
    """Someone worth meeting, with the matching engine's score and reason."""

    participant_id: int
    score: float
    reason: str = ""


@dataclass(frozen=True)
class SuggestedPerson:
    """A suggestion with its counterpart: who, from where, with what, and why."""

    participant: Participant
    score: float
    reason: str = ""


def suggestions_for(participant: Participant, *, limit: int = 10) -> list[Suggestion]:
    """Counterparts worth meeting for ``participant``: their participants in the same
    edition, best first, from the edition's latest match run (none without a run)."""
    found = counterparts_for(
        edition=participant.edition,
        project_id=participant.project_id,
        organisation_id=participant.organisation_id,
        buyer=participant.kind == "buyer",
    )
    if not found:
        return []
    key = "organisation_id" if found[0].organisation_id is not None else "project_id"
    others = Participant.objects.filter(edition_id=participant.edition_id).exclude(
        pk=participant.pk
    )
    targets = [getattr(c, key) for c in found]
    by_target = {getattr(p, key): p.pk for p in others.filter(**{f"{key}__in": targets})}
    return [
        Suggestion(by_target[getattr(c, key)], c.score, c.reason)
        for c in found
        if getattr(c, key) in by_target
    ][:limit]


def suggested_people(participant: Participant, *, limit: int = 10) -> list[SuggestedPerson]:
    """:func:`suggestions_for` with each counterpart loaded (user, organisation, project)."""
    found = suggestions_for(participant, limit=limit)
    people = Participant.objects.select_related("user", "organisation", "project").in_bulk(
        [s.participant_id for s in found]
    )
    return [SuggestedPerson(people[s.participant_id], s.score, s.reason) for s in found]


def reason_to_meet(participant: Participant, other: Participant) -> str:
    """Why matching suggests ``other`` to ``participant`` (empty when it does not)."""
    found = suggestions_for(participant, limit=1000)
    return next((s.reason for s in found if s.participant_id == other.pk), "")


class TradeWeekFacts:
    """The trade-week provider of ``duijie.matchmaking.providers``."""

    def participant_organisations(self, edition: Edition) -> set[int]:
        """The organisations taking part in ``edition``."""
        taking_part = Participant.objects.filter(edition=edition, organisation__isnull=False)
        return set(taking_part.values_list("organisation_id", flat=True))

    def met_organisations(self, edition: Edition | None) -> dict[int, set[str]]:
        """Per organisation, the names of organisations it met (or will meet)."""
        meetings = Meeting.objects.filter(status__in=MEETING_TIE_STATUSES)
        if edition is not None:
            meetings = meetings.filter(request__edition=edition)
        met: dict[int, set[str]] = defaultdict(set)
        a, b = "request__requester__organisation", "request__recipient__organisation"
        for row in meetings.values(f"{a}_id", f"{a}__name", f"{b}_id", f"{b}__name"):
            if row[f"{a}_id"] and row[f"{b}_id"]:
                met[row[f"{a}_id"]].add(row[f"{b}__name"])
                met[row[f"{b}_id"]].add(row[f"{a}__name"])
        return met

    def meeting_targets(
        self, edition: Edition, user: Any, organisation_ids: Iterable[int]
    ) -> dict[int, int]:
        """Organisation → its participant, when ``user`` takes part in ``edition``."""
        if not Participant.objects.filter(edition=edition, user=user).exists():
            return {}
        found = Participant.objects.filter(edition=edition, organisation_id__in=organisation_ids)
        return dict(found.exclude(user=user).values_list("organisation_id", "pk"))

    def project_targets(
        self, edition: Edition, user: Any, project_ids: Iterable[int]
    ) -> dict[int, int]:
        """Project → the participant presenting it, when ``user`` takes part in ``edition``
        (one query: the reader's own row tells whether they take part)."""
        found = Participant.objects.filter(edition=edition).filter(
            Q(user=user) | Q(project_id__in=list(project_ids))
        )
        rows = list(found.values_list("user_id", "project_id", "pk"))
        if not any(user_id == user.pk for user_id, _project, _pk in rows):
            return {}
        return {project: pk for user_id, project, pk in rows if project and user_id != user.pk}

    def invitations(
        self, edition: Edition, user: Any, pairs: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], Invitation]:
        """(project, investor) → invite both, or the pair's open request (three queries),
        for the week's organisers (``tradeweek.manage_week``) only."""
        if not user.has_perm("tradeweek.manage_week"):
            return {}
        wanted = list(pairs)
        people = Participant.objects.filter(edition=edition).select_related("user")
        owners = _first_by(people.filter(project_id__in=[p for p, _ in wanted]), "project_id")
        investors = _first_by(
            people.filter(
                kind=ParticipantKind.INVESTOR, organisation_id__in=[o for _, o in wanted]
            ),
            "organisation_id",
        )
        found = {
            (p, o): (investors[o], owners[p])
            for p, o in wanted
            if p in owners and o in investors and owners[p].pk != investors[o].pk
        }
        open_pairs = open_requests_among(
            [pk for pair in found.values() for pk in (pair[0].pk, pair[1].pk)]
        )
        return {
            key: _invitation(first, second, open_pairs) for key, (first, second) in found.items()
        }


def _first_by(people: Any, key: str) -> dict[int, Participant]:
    found: dict[int, Participant] = {}
    for person in people.order_by("pk"):
        found.setdefault(getattr(person, key), person)
    return found


def _invitation(
    first: Participant, second: Participant, open_pairs: dict[frozenset[int], MeetingRequest]
) -> Invitation:
    names = f"{first} ↔ {second}"
    existing = open_pairs.get(frozenset((first.pk, second.pk)))
    if existing is None:
        url = reverse("tradeweek:staff_invite", args=[first.pk, second.pk])
        return Invitation(names, invite_url=url)
    label = pair_already_open(existing)
    return Invitation(names, existing_url=staff_request_url(existing), existing=str(label))


PROVIDER = TradeWeekFacts()


def meeting_outcomes() -> list[OutcomeRecord]:
    """Answered meeting requests and rated meetings between a project and an investor, or
    between a buyer and a supplier organisation."""
    sides = ("requester__project_id", "requester__organisation_id")
    sides += ("recipient__project_id", "recipient__organisation_id")
    sides += ("requester__organisation__kind", "recipient__organisation__kind")
    found = []
    answered = MeetingRequest.objects.filter(status__in=["accepted", "declined"])
    for row in answered.values(*sides, "status"):
        found += _pair_outcome(row, row["status"] == "accepted", "meeting_request")
    rated = Outcome.objects.exclude(rating=NEUTRAL_RATING).values(
        *(f"meeting__request__{s}" for s in sides), "rating"
    )
    for row in rated:
        plain = {k.removeprefix("meeting__request__"): v for k, v in row.items()}
        found += _pair_outcome(plain, row["rating"] >= POSITIVE_RATING, "meeting_rating")
    return found


def _pair_outcome(row: dict[str, Any], positive: bool, source: str) -> list[OutcomeRecord]:
    """The (project, investor) pair of a request, if one side has a project and the other
    not; else the (buyer, supplier) pair, if one side is a buyer and the other a supplier."""
    for a, b in (("requester", "recipient"), ("recipient", "requester")):
        project, investor = row[f"{a}__project_id"], row[f"{b}__organisation_id"]
        if project and investor and not row[f"{b}__project_id"]:
            return [OutcomeRecord(project, investor, positive, source)]
    for a, b in (("requester", "recipient"), ("recipient", "requester")):
        kinds = (row[f"{a}__organisation__kind"], row[f"{b}__organisation__kind"])
        if kinds == (OrganisationKind.BUYER, OrganisationKind.SUPPLIER):
            buyer, supplier = row[f"{a}__organisation_id"], row[f"{b}__organisation_id"]
            return [OutcomeRecord(0, supplier, positive, source, buyer_id=buyer)]
    return []
