"""Demo programme: venues with travel times, events with roadshows, the meeting grid
and confirmed registrations."""

from __future__ import annotations

import random
from datetime import timedelta

from duijie.history.records import DEMO, record_bulk
from duijie.reference.models import Edition
from duijie.tradeweek.demo.data import (
    EVENT_TITLES_EN,
    EVENTS,
    GRIDS,
    ROADSHOW_TITLES,
    ROADSHOW_TITLES_EN,
    SESSION_MEETINGS,
    SPEAKERS,
    SZ,
    TRAVEL_MINUTES,
    VENUES,
    at,
)
from duijie.tradeweek.models import (
    Event,
    EventKind,
    EventSpeaker,
    MeetingSlot,
    Participant,
    Registration,
    RegistrationRule,
    RegistrationStatus,
    TravelTime,
    Venue,
)
from duijie.tradeweek.services.sessions import SIDE_MEETINGS


def make_venues(edition: Edition) -> dict[str, Venue]:
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


def make_events(edition: Edition, venues: dict[str, Venue]) -> list[Event]:
    events = [
        Event(
            edition=edition,
            venue=venues[v],
            kind=kind,
            title=title,
            title_en=title_en,
            starts_at=at(day, start, venues[v].time_zone),
            ends_at=at(day, end, venues[v].time_zone),
            capacity=cap,
            rule=rule,
            language=lang,
            audience="投資者、項目方、採購商（示範）",
            meeting_kind=SESSION_MEETINGS.get(number, ""),
            is_demo=True,
        )
        for number, ((v, kind, title, day, start, end, cap, rule, lang), title_en) in enumerate(
            zip(EVENTS, EVENT_TITLES_EN, strict=True)
        )
    ]
    for number, (topic, topic_en) in enumerate(
        zip(ROADSHOW_TITLES, ROADSHOW_TITLES_EN, strict=True)
    ):
        start = at(15, "13:30", SZ) + timedelta(minutes=30 * number)
        events.append(
            Event(
                edition=edition,
                venue=venues["szcec"],
                kind=EventKind.ROADSHOW,
                is_demo=True,
                title=f"項目路演 {number + 1}：{topic}（示範）",
                title_en=f"Project roadshow {number + 1}: {topic_en} (demo)",
                starts_at=start,
                ends_at=start + timedelta(minutes=25),
                capacity=150,
                rule=RegistrationRule.OPEN,
            )
        )
    created = Event.objects.bulk_create(events)
    record_bulk(created, user=None, reason=DEMO)
    return created


def make_speakers(events: list[Event]) -> int:
    """The demo speakers and hosts (fictional, labelled demo) of the first events."""
    rows = [
        EventSpeaker(
            event=events[number], role=role, name=name, title=title, title_en=title_en,
            organisation_name=organisation, order=order,
        )
        for order, (number, role, name, title, title_en, organisation) in enumerate(SPEAKERS)
    ]  # fmt: skip
    record_bulk(EventSpeaker.objects.bulk_create(rows), user=None, reason=DEMO)
    return len(rows)


def make_grid(edition: Edition, venues: dict[str, Venue], events: list[Event]) -> list[MeetingSlot]:
    slots = []
    for venue, day, first, count, event in GRIDS:
        start = at(day, first, venues[venue].time_zone)
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


def register_for_sessions(people: list[Participant], events: list[Event]) -> int:
    """Confirm every participant in the matchmaking session that hosts their side's meetings."""
    rows = [
        Registration(
            event=events[number], user_id=person.user_id, status=RegistrationStatus.CONFIRMED
        )
        for number, kind in SESSION_MEETINGS.items()
        for person in people
        if SIDE_MEETINGS[person.kind] == kind
    ]
    Registration.objects.bulk_create(rows, ignore_conflicts=True)
    count_confirmed([events[number] for number in SESSION_MEETINGS])
    return len(rows)


def make_registrations(rng: random.Random, people: list[Participant], events: list[Event]) -> int:
    rows = []
    for person in people:
        for event in rng.sample(events, k=3):
            rows.append(
                Registration(
                    event=event, user_id=person.user_id, status=RegistrationStatus.CONFIRMED
                )
            )
    Registration.objects.bulk_create(rows, ignore_conflicts=True)
    count_confirmed(events)
    return len(rows)


def count_confirmed(events: list[Event]) -> None:
    """Store each event's confirmed registrations (capacity raised to fit them)."""
    for event in events:
        event.confirmed_count = event.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).count()
        event.capacity = max(event.capacity or 0, event.confirmed_count)
    Event.objects.bulk_update(events, ["confirmed_count", "capacity"])
