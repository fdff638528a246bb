"""Demo trade week: the 2025 Hunan–GBA week's programme (13–16 May 2025, Hong Kong
and Shenzhen), venues, a meeting grid, participants, requests in every state and a
solved schedule. Runs after the directory and catalogue demos; labelled （示範）."""

from __future__ import annotations

import datetime as dt
import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    City,
    Event,
    EventKind,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    Participant,
    ParticipantKind,
    Preference,
    Registration,
    RegistrationRule,
    RegistrationStatus,
    RequestQuota,
    RequestSource,
    RequestStatus,
    ScheduleRun,
    TravelTime,
    Venue,
    WeekRules,
)
from duijie.tradeweek.services import onsite, placement
from duijie.tradeweek.services.participants import enrol
from duijie.tradeweek.services.scheduling import schedule_edition

HK, SZ = "Asia/Hong_Kong", "Asia/Shanghai"
VENUES = (  # key, name, English name, city, zone, tables
    ("hkcec", "香港會議展覽中心（示範）", "HKCEC (demo)", City.HONG_KONG, HK, 12),
    (
        "hk_hotel",
        "香港洲際酒店（示範）",
        "InterContinental Hong Kong (demo)",
        City.HONG_KONG,
        HK,
        0,
    ),
    ("szcec", "深圳會展中心（示範）", "Shenzhen Convention Centre (demo)", City.SHENZHEN, SZ, 10),
    ("sz_park", "深圳前海合作區（示範）", "Qianhai, Shenzhen (demo)", City.SHENZHEN, SZ, 0),
)
TRAVEL_MINUTES = {"same_city": 30, "cross_border": 120}
EVENTS = (  # venue, kind, title, day, start, end, capacity, rule, language
    (
        "hk_hotel",
        EventKind.SESSION,
        "湖南投資環境推介會暨《湖南省投資環境報告》發佈（示範）",
        13,
        "15:00",
        "17:00",
        400,
        RegistrationRule.OPEN,
        "普通話／粵語",
    ),
    (
        "hkcec",
        EventKind.MATCHMAKING,
        "湖南—香港投融資對接洽談會（示範）",
        14,
        "09:30",
        "12:30",
        300,
        RegistrationRule.APPROVAL,
        "普通話／English",
    ),
    (
        "hk_hotel",
        EventKind.SESSION,
        "湘商回歸懇談會（示範）",
        14,
        "15:00",
        "17:00",
        60,
        RegistrationRule.INVITATION,
        "普通話",
    ),
    (
        "szcec",
        EventKind.FORUM,
        "湖南省重點產業鏈合作交流會（示範）",
        15,
        "09:30",
        "12:00",
        400,
        RegistrationRule.OPEN,
        "普通話",
    ),
    (
        "szcec",
        EventKind.MATCHMAKING,
        "永州果蔬供需對接會（示範）",
        15,
        "14:00",
        "17:00",
        120,
        RegistrationRule.APPROVAL,
        "普通話",
    ),
    (
        "sz_park",
        EventKind.SESSION,
        "長株潭空天與北斗產業合作對接會（示範）",
        15,
        "16:00",
        "17:30",
        80,
        RegistrationRule.OPEN,
        "普通話",
    ),
    (
        "sz_park",
        EventKind.SITE_VISIT,
        "前海企業考察（示範）",
        16,
        "09:00",
        "12:00",
        30,
        RegistrationRule.INVITATION,
        "普通話",
    ),
)
ROADSHOW_TITLES = ("新能源", "大健康", "空天海洋", "人工智能", "先進製造", "現代農業")
GRIDS = (
    ("hkcec", 14, "09:30", 9, 1),
    ("szcec", 15, "14:00", 9, 4),
)  # venue, day, first, count, event
SIDES = (
    (ParticipantKind.INVESTOR, 14),
    (ParticipantKind.PROJECT_OWNER, 14),
    (ParticipantKind.BUYER, 4),
    (ParticipantKind.SUPPLIER, 4),
)
QUOTAS = {
    ParticipantKind.INVESTOR: (20, 12),
    ParticipantKind.PROJECT_OWNER: (15, 30),
    ParticipantKind.BUYER: (15, 20),
    ParticipantKind.SUPPLIER: (15, 20),
}
COUNTERPARTS = {
    ParticipantKind.INVESTOR: ParticipantKind.PROJECT_OWNER,
    ParticipantKind.BUYER: ParticipantKind.SUPPLIER,
}
STATE_MIX = (
    (RequestStatus.ACCEPTED, 10),
    (RequestStatus.PENDING, 3),
    (RequestStatus.DECLINED, 2),
    (RequestStatus.EXPIRED, 1),
    (RequestStatus.DISMISSED, 1),
)


def _at(day: int, clock: str, zone: str) -> dt.datetime:
    hour, minute = map(int, clock.split(":"))
    return dt.datetime(2025, 5, day, hour, minute, tzinfo=ZoneInfo(zone))


def _clear(edition: Edition) -> None:
    MeetingRequest.objects.filter(edition=edition, requester__is_demo=True).delete()
    Participant.objects.filter(edition=edition, is_demo=True).delete()
    MeetingSlot.objects.filter(edition=edition, venue__is_demo=True).delete()
    Event.objects.filter(edition=edition, is_demo=True).delete()
    Venue.objects.filter(edition=edition, is_demo=True).delete()
    ScheduleRun.objects.filter(edition=edition).delete()


def _venues(edition: Edition) -> dict[str, Venue]:
    venues = {
        key: Venue.objects.create(
            edition=edition,
            name=name,
            name_en=en,
            city=city,
            time_zone=zone,
            tables=tables,
            is_demo=True,
        )
        for key, name, en, city, zone, tables in VENUES
    }
    TravelTime.objects.bulk_create(
        TravelTime(
            origin=a,
            destination=b,
            minutes=TRAVEL_MINUTES["same_city" if a.city == b.city else "cross_border"],
        )
        for a in venues.values()
        for b in venues.values()
        if a.pk < b.pk
    )
    return venues


def _events(edition: Edition, venues: dict[str, Venue]) -> list[Event]:
    events = [
        Event(
            edition=edition,
            venue=venues[v],
            kind=kind,
            title=title,
            starts_at=_at(day, start, venues[v].time_zone),
            ends_at=_at(day, end, venues[v].time_zone),
            capacity=cap,
            rule=rule,
            language=lang,
            audience="投資者、項目方、採購商（示範）",
            is_demo=True,
        )
        for v, kind, title, day, start, end, cap, rule, lang in EVENTS
    ]
    for number, topic in enumerate(ROADSHOW_TITLES):
        start = _at(15, "13:30", SZ) + timedelta(minutes=30 * number)
        events.append(
            Event(
                edition=edition,
                venue=venues["szcec"],
                kind=EventKind.ROADSHOW,
                is_demo=True,
                title=f"項目路演 {number + 1}：{topic}（示範）",
                starts_at=start,
                ends_at=start + timedelta(minutes=25),
                capacity=150,
                rule=RegistrationRule.OPEN,
            )
        )
    return Event.objects.bulk_create(events)


def _grid(edition: Edition, venues: dict[str, Venue], events: list[Event]) -> list[MeetingSlot]:
    slots = []
    for venue, day, first, count, event in GRIDS:
        start = _at(day, first, venues[venue].time_zone)
        for number in range(count):
            begins = start + timedelta(minutes=20 * number)
            slots.append(
                MeetingSlot(
                    edition=edition,
                    venue=venues[venue],
                    event=events[event],
                    starts_at=begins,
                    ends_at=begins + timedelta(minutes=20),
                )
            )
    return MeetingSlot.objects.bulk_create(slots)


def _organisations(kind: str) -> list[object]:
    from duijie.directory.models import Organisation
    from duijie.directory.models import OrganisationKind as K

    kinds = {
        ParticipantKind.INVESTOR: [K.VC_PE, K.CORPORATE, K.FUND, K.BANK, K.FAMILY_OFFICE],
        ParticipantKind.BUYER: [K.BUYER],
        ParticipantKind.SUPPLIER: [K.SUPPLIER, K.ENTERPRISE],
        ParticipantKind.PROJECT_OWNER: [K.ENTERPRISE],
    }[kind]
    return list(Organisation.objects.filter(is_demo=True, kind__in=kinds).order_by("pk")[:200])


def _projects(edition: Edition) -> list[object]:
    from duijie.catalogue.models import Project

    return list(Project.objects.filter(edition=edition, is_demo=True).order_by("pk")[:200])


def _people(rng: random.Random, scale: int, edition: Edition) -> list[Participant]:
    User = get_user_model()
    projects, found = _projects(edition), []
    for kind, count in SIDES:
        organisations = _organisations(kind)
        for number in range(count * scale):
            email = f"tw-{kind.replace('_', '-')}-{number + 1:03d}@demo.duijie.test"
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"role": _role(kind), "name": f"{kind.label}{number + 1:03d}（示範）"},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            project = (
                projects[number % len(projects)]
                if projects and kind == ParticipantKind.PROJECT_OWNER
                else None
            )
            organisation = organisations[number % len(organisations)] if organisations else None
            found.append(
                enrol(
                    edition=edition,
                    user=user,
                    kind=kind,
                    organisation=organisation,
                    project=project,
                    max_meetings=rng.choice([None, 6, 8]),
                    is_demo=True,
                )
            )
    return found


def _role(kind: str) -> str:
    return (
        "investor" if kind in (ParticipantKind.INVESTOR, ParticipantKind.BUYER) else "project_owner"
    )


def _demo_logins(edition: Edition) -> list[Participant]:
    User = get_user_model()
    found = []
    projects = _projects(edition)
    for email, kind in (
        ("investor@demo.duijie.test", ParticipantKind.INVESTOR),
        ("owner@demo.duijie.test", ParticipantKind.PROJECT_OWNER),
    ):
        user = User.objects.filter(email=email).first()
        if user is not None:
            project = projects[0] if projects and kind == ParticipantKind.PROJECT_OWNER else None
            found.append(
                enrol(
                    edition=edition,
                    user=user,
                    kind=kind,
                    project=project,
                    is_demo=True,
                    summary="示範：新能源及大健康項目，單筆投資 5,000萬–3億人民幣",
                )
            )
    return found


def _registrations(rng: random.Random, people: list[Participant], events: list[Event]) -> int:
    rows = []
    for person in people:
        for event in rng.sample(events, k=3):
            rows.append(
                Registration(
                    event=event, user_id=person.user_id, status=RegistrationStatus.CONFIRMED
                )
            )
    Registration.objects.bulk_create(rows, ignore_conflicts=True)
    for event in events:
        event.confirmed_count = event.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).count()
        event.capacity = max(event.capacity or 0, event.confirmed_count)
    Event.objects.bulk_update(events, ["confirmed_count", "capacity"])
    return len(rows)


def _requests(rng: random.Random, people: list[Participant], edition: Edition) -> int:
    by_kind: dict[str, list[Participant]] = {}
    for person in people:
        by_kind.setdefault(person.kind, []).append(person)
    states = [status for status, weight in STATE_MIX for _ in range(weight)]
    now, rows, seen = timezone.now(), [], set()
    for side, other in COUNTERPARTS.items():
        for person in by_kind.get(side, []):
            for counterpart in rng.sample(
                by_kind.get(other, []), k=min(5, len(by_kind.get(other, [])))
            ):
                pair = (person.pk, counterpart.pk)
                if pair in seen:
                    continue
                seen.add(pair)
                a, b = pair if rng.random() < 0.6 else pair[::-1]
                status = rng.choice(states)
                preference = (
                    Preference.NO_THANKS
                    if status == RequestStatus.DISMISSED
                    else rng.choice([Preference.MUST, Preference.WOULD_LIKE, Preference.WOULD_LIKE])
                )
                rows.append(
                    MeetingRequest(
                        edition=edition,
                        requester_id=a,
                        recipient_id=b,
                        preference=preference,
                        status=status,
                        source=rng.choice(list(RequestSource.values[:2])),
                        note="期待交流（示範）",
                        expires_at=now
                        + timedelta(hours=-1 if status == RequestStatus.EXPIRED else 72),
                    )
                )
    MeetingRequest.objects.bulk_create(rows)
    return len(rows)


def _on_the_day(edition: Edition) -> None:
    """One meeting held (both checked in, both outcomes), one no-show, one cancelled."""
    from duijie.tradeweek.models import Meeting, NextStep

    meetings = list(
        Meeting.objects.filter(request__edition=edition, status=MeetingStatus.SCHEDULED).order_by(
            "pk"
        )[:3]
    )
    if len(meetings) < 3:
        return
    held, absent, cancelled = meetings
    for seat in held.seats.all():
        onsite.check_in(target=onsite.CheckInTarget(seat=seat))
        onsite.record_outcome(
            meeting=held, participant=seat.participant, rating=4, next_step=NextStep.SITE_VISIT
        )
    onsite.mark_no_show(meeting=absent, participant_id=absent.request.recipient_id)
    placement.cancel_meeting(meeting=cancelled, by=None)


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Create the demo week (replacing an earlier demo week of ``edition``).

    Side effects: venues, travel times, events, registrations, meeting grid, rules and
    quotas, participants (demo users get unusable passwords), requests, a schedule.
    """
    _clear(edition)
    venues = _venues(edition)
    events = _events(edition, venues)
    slots = _grid(edition, venues, events)
    WeekRules.objects.update_or_create(
        edition=edition, defaults={"request_expiry_hours": 72, "schedule_published": False}
    )
    for kind, (sent, received) in QUOTAS.items():
        RequestQuota.objects.update_or_create(
            edition=edition,
            kind=kind,
            defaults={"max_open_sent": sent, "max_pending_received": received},
        )
    people = _demo_logins(edition) + _people(rng, scale, edition)
    registrations = _registrations(
        rng, people, [e for e in events if e.rule == RegistrationRule.OPEN]
    )
    count = _requests(rng, people, edition)
    if len(people) >= 2 and people[0].kind != people[1].kind:
        from duijie.tradeweek.services.requests import create_mandatory

        create_mandatory(
            requester=people[0],
            recipient=people[1],
            by=None,
            slot=slots[0],
            table=1,
            note="主辦方安排（示範）",
        )
    run = schedule_edition(edition=edition, method="greedy")
    _on_the_day(edition)
    return {
        "venues": len(venues),
        "events": len(events),
        "meeting_slots": len(slots),
        "participants": len(people),
        "registrations": registrations,
        "meeting_requests": count,
        "meetings": run.scheduled,
    }
