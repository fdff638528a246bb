"""The adapter between the trade-week tables and the pure scheduler
(:mod:`duijie_core.scheduling`): load the edition in bulk, build one
:class:`~duijie_core.scheduling.model.Instance`, validate it with the core's own
reader, solve once (keeping the previous schedule where possible), check the result
with the core validator and save it in one transaction.

Core ids: slot ``s<pk>``, venue ``v<pk>``, participant ``p<pk>``, request ``r<pk>``,
session (the matchmaking event a slot belongs to) ``e<pk>``; tables are numbered
``"1"``…``"n"``. Each request may use the sessions :mod:`.sessions` finds for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from duijie.accounts.models import User
from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    Participant,
    RequestStatus,
    ScheduleRun,
    WeekRules,
)
from duijie.tradeweek.services.availability import event_windows, free_slots, travel_table
from duijie.tradeweek.services.schedule_store import save_placements
from duijie.tradeweek.services.sessions import attendance, hosting_sessions, session_kinds
from duijie.tradeweek.services.weights import LIVE_MEETING, request_weight
from duijie_core.scheduling import model as core
from duijie_core.scheduling.jsonio import instance_to_json
from duijie_core.scheduling.parse import InstanceError, read_instance
from duijie_core.scheduling.solver import Scheduler
from duijie_core.scheduling.validate import validate

FIXED_MEETINGS = (MeetingStatus.HELD, MeetingStatus.NO_SHOW)


@dataclass
class Built:
    """An instance plus the rows behind its ids."""

    instance: core.Instance
    requests: dict[str, MeetingRequest] = field(default_factory=dict)
    slots: dict[str, MeetingSlot] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    previous: core.Schedule | None = None


def _accepted(edition: Edition) -> list[MeetingRequest]:
    return list(
        MeetingRequest.objects.filter(edition=edition, status=RequestStatus.ACCEPTED)
        .select_related("requester__user", "recipient__user", "meeting")
        .order_by("pk")
    )


def _live_meeting(request: MeetingRequest) -> Meeting | None:
    meeting = getattr(request, "meeting", None)
    return meeting if meeting is not None and meeting.status in LIVE_MEETING else None


def _lock(request: MeetingRequest) -> core.Lock | None:
    meeting = _live_meeting(request)
    if meeting is not None and meeting.status in FIXED_MEETINGS:
        return core.Lock(f"s{meeting.slot_id}", str(meeting.table))
    if request.locked_slot_id is None:
        return None
    table = str(request.locked_table) if request.locked_table else None
    return core.Lock(f"s{request.locked_slot_id}", table)


def _core_request(request: MeetingRequest, sessions: frozenset[int]) -> core.Request:
    """The core request; a locked one (organiser's fixed slot, or a meeting already held)
    is not limited to its sessions: the lock is the organisers' decision."""
    lock = _lock(request)
    return core.Request(
        f"r{request.pk}",
        f"p{request.requester_id}",
        f"p{request.recipient_id}",
        request_weight(request),
        lock,
        mandatory=request.mandatory,
        sessions=None if lock is not None else frozenset(f"e{pk}" for pk in sessions),
    )


def _core_requests(edition: Edition, requests: list[MeetingRequest]) -> tuple[core.Request, ...]:
    kinds = session_kinds(edition)
    users = {p.user_id for r in requests for p in (r.requester, r.recipient)}
    attending = attendance(edition, users)
    return tuple(_core_request(r, hosting_sessions(r, kinds, attending)) for r in requests)


def _core_slot(slot: MeetingSlot) -> core.Slot:
    session = f"e{slot.event_id}" if slot.event_id is not None else None
    return core.Slot(f"s{slot.pk}", slot.starts_at, slot.ends_at, f"v{slot.venue_id}", session)


def _core_participants(
    edition: Edition, people: list[Participant], slots: list[MeetingSlot]
) -> list[core.Participant]:
    travel = travel_table(edition)
    busy = event_windows(edition, [p.user_id for p in people])
    found = []
    for person in people:
        free = free_slots(slots, busy.get(person.user_id, []), travel)
        found.append(
            core.Participant(
                f"p{person.pk}", frozenset(f"s{pk}" for pk in free), person.max_meetings
            )
        )
    return found


def _core_travel(edition: Edition, venue_ids: set[int]) -> tuple[core.Travel, ...]:
    return tuple(
        core.Travel(f"v{origin}", f"v{destination}", minutes)
        for (origin, destination), minutes in sorted(travel_table(edition).items())
        if origin in venue_ids and destination in venue_ids
    )


def build_instance(edition: Edition) -> Built:
    """The scheduler's instance for ``edition`` (accepted requests only), loaded in bulk."""
    slots = list(
        MeetingSlot.objects.filter(edition=edition)
        .select_related("venue")
        .order_by("starts_at", "pk")
    )
    venues = {slot.venue_id: slot.venue for slot in slots}
    requests = _accepted(edition)
    people = {p.pk: p for r in requests for p in (r.requester, r.recipient)}
    instance = core.Instance(
        slots=tuple(_core_slot(s) for s in slots),
        venues=tuple(
            core.Venue(f"v{pk}", tuple(str(n) for n in range(1, v.tables + 1)))
            for pk, v in sorted(venues.items())
        ),
        participants=tuple(_core_participants(edition, list(people.values()), slots)),
        requests=_core_requests(edition, requests),
        travel=_core_travel(edition, set(venues)),
    )
    built = Built(
        instance,
        {f"r{r.pk}": r for r in requests},
        {f"s{s.pk}": s for s in slots},
        {f"p{pk}": p for pk, p in people.items()},
    )
    built.previous = _previous(requests)
    return built


def _previous(requests: list[MeetingRequest]) -> core.Schedule | None:
    meetings = tuple(
        core.Meeting(f"r{r.pk}", f"s{m.slot_id}", f"v{m.slot.venue_id}", str(m.table))
        for r in requests
        if (m := _live_meeting(r)) is not None
    )
    return core.Schedule(meetings) if meetings else None


def instance_problems(instance: core.Instance) -> list[core.Problem]:
    """Every problem the core's reader finds in the instance (empty when it is sound)."""
    try:
        read_instance(instance_to_json(instance))
    except InstanceError as error:
        return list(error.problems)
    return []


def named_params(built: Built, params: Mapping[str, object]) -> dict[str, object]:
    """Scheduling params with core ids replaced by people's names and request numbers."""
    named: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, str) and value in built.participants:
            value = str(built.participants[value])
        elif isinstance(value, str) and value in built.requests:
            value = built.requests[value].pk
        elif isinstance(value, str) and value in built.slots:
            value = slot_label(built.slots[value])
        named[key] = value
    return named


def slot_label(slot: MeetingSlot) -> str:
    """Venue and local start time, e.g. "HKCEC 05-14 09:30"."""
    local = slot.starts_at.astimezone(ZoneInfo(slot.venue.time_zone))
    return f"{slot.venue.shown_name} {local:%m-%d %H:%M}"


def _problem_rows(built: Built, problems: list[core.Problem]) -> list[dict[str, object]]:
    return [{"code": p.code, "params": named_params(built, p.params)} for p in problems]


def schedule_edition(
    *,
    edition: Edition,
    by: User | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    method: str = "cpsat",
) -> ScheduleRun:
    """Solve the edition's meetings and save them (re-solving moves as few as possible);
    ``method`` is ``"cpsat"`` or the deterministic ``"greedy"`` baseline.

    Side effects: Meeting and MeetingSeat rows, unscheduled reasons on requests,
    the schedule marked published, and a ScheduleRun; nothing but the run when the
    input has problems.
    """
    built = build_instance(edition)
    problems = instance_problems(built.instance)
    if problems:
        return ScheduleRun.objects.create(
            edition=edition, created_by=by, problems=_problem_rows(built, problems)
        )
    solver = Scheduler(time_limit=time_limit, seed=seed, workers=workers, method=method)
    schedule = solver.solve(built.instance, built.previous)
    violations = validate(built.instance, schedule)
    if violations:
        return ScheduleRun.objects.create(
            edition=edition, created_by=by, problems=_problem_rows(built, violations)
        )
    return _save(edition, by, built, schedule)


def _save(edition: Edition, by: User | None, built: Built, schedule: core.Schedule) -> ScheduleRun:
    placements = {
        built.requests[m.request].pk: (built.slots[m.slot], int(m.table)) for m in schedule.meetings
    }
    reasons = {
        built.requests[u.request].pk: (u.code, named_params(built, u.params))
        for u in schedule.unscheduled
    }
    with transaction.atomic():
        moved = save_placements(
            requests=list(built.requests.values()), placements=placements, reasons=reasons
        )
        WeekRules.objects.update_or_create(edition=edition, defaults={"schedule_published": True})
        stats = asdict(schedule.stats) if schedule.stats else {}
        return ScheduleRun.objects.create(
            edition=edition,
            created_by=by,
            ok=True,
            scheduled=len(placements),
            unscheduled=len(reasons),
            moved=moved,
            stats=stats,
            displaced=_displaced_rows(built, schedule),
        )


def _displaced_rows(built: Built, schedule: core.Schedule) -> list[dict[str, int | None]]:
    """Earlier meetings moved (``slot``) or dropped (``slot`` None) for a mandatory one."""
    return [
        {
            "request": built.requests[d.request].pk,
            "mandatory": built.requests[d.mandatory].pk,
            "slot": built.slots[d.slot].pk if d.slot is not None else None,
        }
        for d in schedule.displaced
    ]


@dataclass(frozen=True)
class DisplacedMeeting:
    """An earlier meeting a re-solve moved (``slot``) or dropped (``slot`` None)."""

    request: MeetingRequest
    mandatory: MeetingRequest
    slot: MeetingSlot | None


def displaced_meetings(run: ScheduleRun | None) -> list[DisplacedMeeting]:
    """The meetings ``run`` moved out of the way of mandatory ones, with their rows."""
    rows = run.displaced if run is not None else []
    if not rows:
        return []
    pks = {row[key] for row in rows for key in ("request", "mandatory")}
    found = MeetingRequest.objects.select_related("requester__user", "recipient__user")
    requests = found.in_bulk(list(pks))
    slots = MeetingSlot.objects.select_related("venue").in_bulk(
        [row["slot"] for row in rows if row["slot"] is not None]
    )
    return [
        DisplacedMeeting(
            requests[row["request"]], requests[row["mandatory"]], slots.get(row["slot"])
        )
        for row in rows
        if row["request"] in requests and row["mandatory"] in requests
    ]


def instance_json(edition: Edition) -> dict[str, object]:
    """The edition's instance in the core's JSON form (for ``duijie schedule solve``)."""
    return instance_to_json(build_instance(edition).instance)
