"""Which matchmaking sessions may host a meeting: the session hosts the pair's kind of
meeting (investors with project owners, buyers with suppliers; a session without a
kind hosts any) and both people are registered or invited there.

Meeting slots outside any session take any meeting. The scheduling adapter turns the
result into the core's ``Request.sessions``; instant placement and standby offers
ask :func:`usable_sessions` for one request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Event,
    MeetingKind,
    MeetingRequest,
    MeetingSlot,
    ParticipantKind,
    Registration,
    RegistrationStatus,
)

ATTENDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.INVITED)
"""Registrations that put a person in a session: confirmed, or invited by the organisers."""

SIDE_MEETINGS = {
    ParticipantKind.INVESTOR: MeetingKind.INVESTMENT,
    ParticipantKind.PROJECT_OWNER: MeetingKind.INVESTMENT,
    ParticipantKind.BUYER: MeetingKind.TRADE,
    ParticipantKind.SUPPLIER: MeetingKind.TRADE,
}


def meeting_kind(request: MeetingRequest) -> str:
    """The kind of meeting of a pair: both sides' kind when they agree, else "" (mixed)."""
    first = SIDE_MEETINGS.get(request.requester.kind, "")
    second = SIDE_MEETINGS.get(request.recipient.kind, "")
    return first if first == second else ""


def session_kinds(edition: Edition | int) -> dict[int, str]:
    """The meeting kind of every session of the edition that holds meeting slots."""
    ids = MeetingSlot.objects.filter(edition=edition, event__isnull=False).values("event_id")
    return dict(Event.objects.filter(pk__in=ids).values_list("pk", "meeting_kind"))


def attendance(edition: Edition | int, user_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each user, the events of the edition they are registered or invited to."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = Registration.objects.filter(
        event__edition=edition, user_id__in=list(user_ids), status__in=ATTENDING
    ).values_list("user_id", "event_id")
    for user_id, event_id in rows:
        found[user_id].add(event_id)
    return found


def hosting_sessions(
    request: MeetingRequest, kinds: dict[int, str], attending: dict[int, set[int]]
) -> frozenset[int]:
    """The sessions that may host ``request`` (see the module docstring)."""
    kind = meeting_kind(request)
    both = attending.get(request.requester.user_id, set()) & attending.get(
        request.recipient.user_id, set()
    )
    return frozenset(event for event in both if event in kinds and kinds[event] in ("", kind))


def usable_sessions(
    request: MeetingRequest, *, session_ids: Iterable[int] | None = None
) -> frozenset[int]:
    """The sessions that may host one request (loads what it needs; single placements).

    ``session_ids``: the sessions the caller's slots belong to, when it has loaded them
    already; none at all (a week without sessions) costs no query.
    """
    if session_ids is not None:
        wanted = set(session_ids)
        if not wanted:
            return frozenset()
        kinds = dict(Event.objects.filter(pk__in=wanted).values_list("pk", "meeting_kind"))
    else:
        kinds = session_kinds(request.edition_id)
    users = [request.requester.user_id, request.recipient.user_id]
    return hosting_sessions(request, kinds, attendance(request.edition_id, users))
