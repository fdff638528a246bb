"""Plain factory functions for trade-week tests."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from itertools import count
from zoneinfo import ZoneInfo

from duijie.accounts.models import User
from duijie.tradeweek.models import (
    City,
    Event,
    EventKind,
    MeetingRequest,
    MeetingSlot,
    Participant,
    ParticipantKind,
    Preference,
    RegistrationRule,
    RequestSource,
    RequestStatus,
    TravelTime,
    Venue,
)

HK = ZoneInfo("Asia/Hong_Kong")
_numbers = count(1)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 5, day, hour, minute, tzinfo=HK)


def make_user(role: str = "investor", name: str = "") -> User:
    number = next(_numbers)
    return User.objects.create_user(
        f"person{number}@example.test", None, role=role, name=name or f"person{number}"
    )


def make_venue(edition, *, tables: int = 2, city: str = City.HONG_KONG, name: str = "") -> Venue:  # type: ignore[no-untyped-def]
    zone = "Asia/Hong_Kong" if city == City.HONG_KONG else "Asia/Shanghai"
    return Venue.objects.create(
        edition=edition,
        name=name or f"venue{next(_numbers)}",
        city=city,
        time_zone=zone,
        tables=tables,
    )


def make_travel(a: Venue, b: Venue, minutes: int) -> TravelTime:
    return TravelTime.objects.create(origin=a, destination=b, minutes=minutes)


def make_event(
    edition,
    venue: Venue,
    *,
    start: dt.datetime | None = None,
    minutes: int = 60,  # type: ignore[no-untyped-def]
    capacity: int | None = None,
    rule: str = RegistrationRule.OPEN,
    title: str = "",
) -> Event:
    start = start or at(14, 9)
    return Event.objects.create(
        edition=edition,
        venue=venue,
        kind=EventKind.SESSION,
        title=title or f"event{next(_numbers)}",
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        capacity=capacity,
        rule=rule,
    )


def make_slots(
    edition, venue: Venue, *, start: dt.datetime | None = None, n: int = 3, minutes: int = 20
) -> list[MeetingSlot]:  # type: ignore[no-untyped-def]
    start = start or at(14, 10)
    return [
        MeetingSlot.objects.create(
            edition=edition,
            venue=venue,
            starts_at=start + timedelta(minutes=minutes * i),
            ends_at=start + timedelta(minutes=minutes * (i + 1)),
        )
        for i in range(n)
    ]


def make_participant(
    edition,
    *,
    kind: str = ParticipantKind.INVESTOR,
    user: User | None = None,  # type: ignore[no-untyped-def]
    max_meetings: int | None = None,
    name: str = "",
) -> Participant:
    role = (
        "investor" if kind in (ParticipantKind.INVESTOR, ParticipantKind.BUYER) else "project_owner"
    )
    return Participant.objects.create(
        edition=edition, user=user or make_user(role, name), kind=kind, max_meetings=max_meetings
    )


def make_request(
    a: Participant,
    b: Participant,
    *,
    status: str = RequestStatus.ACCEPTED,
    preference: str = Preference.WOULD_LIKE,
) -> MeetingRequest:
    return MeetingRequest.objects.create(
        edition_id=a.edition_id,
        requester=a,
        recipient=b,
        preference=preference,
        source=RequestSource.SEARCH,
        status=status,
    )
