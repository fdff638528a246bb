"""Organiser figures: the meeting funnel by event, industry and city, and fairness
(meetings per person, who has none and why).

Funnel stages: suggested (requests that came from a suggestion, including
"no thanks"), requested (every request actually sent), accepted, scheduled (a live
meeting: not cancelled), held (both checked in, or rated: the one definition in
:mod:`.figures`, shared with the leadership dashboard), follow-up (held and at least
one side named a next step).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    City,
    MeetingRequest,
    NextStep,
    Outcome,
    Participant,
    RequestSource,
    RequestStatus,
)
from duijie.tradeweek.phrases import scheduling_reason
from duijie.tradeweek.services.figures import is_held
from duijie.tradeweek.services.weights import LIVE_MEETING

STAGES = ("suggested", "requested", "accepted", "scheduled", "held", "follow_up")
GROUPINGS = ("event", "industry", "city")
NONE_LABEL = "—"


@dataclass
class FunnelRow:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))


def _stages(request: MeetingRequest) -> list[str]:
    meeting = getattr(request, "meeting", None)
    stages = ["suggested"] if request.source == RequestSource.SUGGESTION else []
    if request.status == RequestStatus.DISMISSED:
        return stages
    stages.append("requested")
    if request.status == RequestStatus.ACCEPTED or meeting is not None:
        stages.append("accepted")
    if meeting is not None and meeting.status in LIVE_MEETING:
        stages.append("scheduled")
        if is_held(meeting):
            stages.append("held")
            if any(o.next_step != NextStep.NONE for o in meeting.outcomes.all()):
                stages.append("follow_up")
    return stages


def _event_label(request: MeetingRequest) -> str:
    meeting = getattr(request, "meeting", None)
    event = meeting.slot.event if meeting is not None else None
    return event.shown_title if event is not None else NONE_LABEL


def _city_label(request: MeetingRequest) -> str:
    meeting = getattr(request, "meeting", None)
    return str(City(meeting.slot.venue.city).label) if meeting is not None else NONE_LABEL


def _industry_label(request: MeetingRequest) -> str:
    for side in (request.recipient, request.requester):
        project = side.project
        if project is not None and project.key_industry is not None:
            return project.key_industry.display_name()
    return NONE_LABEL


LABELS: dict[str, Callable[[MeetingRequest], str]] = {
    "event": _event_label,
    "industry": _industry_label,
    "city": _city_label,
}


def _requests(edition: Edition) -> list[MeetingRequest]:
    return list(
        MeetingRequest.objects.filter(edition=edition)
        .select_related(
            "meeting__slot__event",
            "meeting__slot__venue",
            "requester__project__key_industry",
            "recipient__project__key_industry",
        )
        .prefetch_related(Prefetch("meeting__outcomes", queryset=Outcome.objects.all()))
    )


def funnel(edition: Edition, *, by: str | None = None) -> list[FunnelRow]:
    """The total funnel row, then one row per group of ``by`` (event, industry or city)."""
    total = FunnelRow(str(_("All")))
    groups: dict[str, FunnelRow] = {}
    for request in _requests(edition):
        stages = _stages(request)
        rows = [total]
        if by in LABELS:
            label = LABELS[by](request)
            rows.append(groups.setdefault(label, FunnelRow(label)))
        for row in rows:
            for stage in stages:
                row.counts[stage] += 1
    return [total, *sorted(groups.values(), key=lambda row: row.label)]


@dataclass(frozen=True)
class FairnessRow:
    participant: Participant
    meetings: int
    accepted: int
    reason: str


def _zero_reason(accepted: int, codes: Counter[tuple[str, str]], language: str | None) -> str:
    if accepted == 0:
        return str(_("No accepted meeting requests."))
    if not codes:
        return str(_("Not scheduled yet."))
    (code, params_key), _count = codes.most_common(1)[0]
    return scheduling_reason(code, json.loads(params_key), language)


def fairness(edition: Edition, *, language: str | None = None) -> list[FairnessRow]:
    """Every participant with their live meetings and accepted requests, fewest first;
    for those with none, the most common reason."""
    meetings: Counter[int] = Counter()
    accepted: Counter[int] = Counter()
    codes: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    rows = MeetingRequest.objects.filter(
        edition=edition, status=RequestStatus.ACCEPTED
    ).values_list(
        "requester_id", "recipient_id", "meeting__status", "unscheduled_code", "unscheduled_params"
    )
    for a, b, status, code, params in rows:
        for person in (a, b):
            accepted[person] += 1
            meetings[person] += status in LIVE_MEETING
            if code:
                codes[person][(code, json.dumps(params, sort_keys=True))] += 1
    people = Participant.objects.filter(edition=edition).select_related("user", "organisation")
    found = [
        FairnessRow(
            p,
            meetings[p.pk],
            accepted[p.pk],
            "" if meetings[p.pk] else _zero_reason(accepted[p.pk], codes[p.pk], language),
        )
        for p in people
    ]
    return sorted(found, key=lambda row: (row.meetings, str(row.participant)))
