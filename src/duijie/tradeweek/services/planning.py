"""The organisers' set-up of a week: venues, travel times, events, the meeting slot
grid, request rules (expiry hours and per-side quotas).

Every write of the staff programme screens goes through here. Changing an event's
time or venue increases its ``sequence`` so calendar entries of its registrations
update (SEQUENCE in the iCalendar feed) instead of going stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Event,
    MeetingSlot,
    RequestQuota,
    TravelTime,
    Venue,
    WeekRules,
)

CALENDAR_FIELDS = ("starts_at", "ends_at", "venue_id")
"""Event fields that calendar entries show: changing one of them is a new SEQUENCE."""


def save_venue(*, edition: Edition, venue: Venue | None = None, **fields: object) -> Venue:
    """Create a venue of ``edition`` or change ``venue``. Side effects: the Venue row."""
    venue = venue or Venue(edition=edition)
    for name, value in fields.items():
        setattr(venue, name, value)
    venue.save()
    return venue


def save_event(*, edition: Edition, event: Event | None = None, **fields: object) -> Event:
    """Create an event of ``edition`` or change ``event``; a new time or venue raises
    its ``sequence`` by one. Side effects: the Event row (locked while changed)."""
    with transaction.atomic():
        if event is None or event.pk is None:
            event = Event(edition=edition)
            before = None
        else:
            event = Event.objects.select_for_update().get(pk=event.pk)
            before = _calendar_facts(event)
        for name, value in fields.items():
            setattr(event, name, value)
        if before is not None and before != _calendar_facts(event):
            event.sequence += 1
        event.save()
        return event


def _calendar_facts(event: Event) -> tuple[object, ...]:
    return tuple(getattr(event, name) for name in CALENDAR_FIELDS)


def set_travel_time(*, origin: Venue, destination: Venue, minutes: int | None) -> None:
    """Record the minutes from ``origin`` to ``destination`` (``None`` forgets them).

    Side effects: one TravelTime row created, changed or deleted."""
    if minutes is None:
        TravelTime.objects.filter(origin=origin, destination=destination).delete()
        return
    TravelTime.objects.update_or_create(
        origin=origin, destination=destination, defaults={"minutes": minutes}
    )


def save_request_rules(
    *, edition: Edition, expiry_hours: int | None, quotas: dict[str, tuple[int, int] | None]
) -> None:
    """Set the request expiry and the per-side quotas (``None`` = no quota for that side).

    Side effects: WeekRules row; RequestQuota rows created, changed or deleted."""
    with transaction.atomic():
        WeekRules.objects.update_or_create(
            edition=edition, defaults={"request_expiry_hours": expiry_hours}
        )
        for kind, quota in quotas.items():
            if quota is None:
                RequestQuota.objects.filter(edition=edition, kind=kind).delete()
                continue
            RequestQuota.objects.update_or_create(
                edition=edition,
                kind=kind,
                defaults={"max_open_sent": quota[0], "max_pending_received": quota[1]},
            )


@dataclass(frozen=True)
class SlotPlan:
    """What "generate slots" is asked to do: windows of ``length`` minutes with
    ``gap`` minutes between them, from ``start`` until ``end`` on each day, local time."""

    days: Sequence[dt.date]
    start: dt.time
    end: dt.time
    length: int
    gap: int


def slot_windows(plan: SlotPlan, time_zone: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) of every whole window of ``plan`` in ``time_zone``, in order."""
    zone, windows = ZoneInfo(time_zone), []
    for day in sorted(set(plan.days)):
        begins = dt.datetime.combine(day, plan.start, tzinfo=zone)
        close = dt.datetime.combine(day, plan.end, tzinfo=zone)
        while begins + dt.timedelta(minutes=plan.length) <= close:
            ends = begins + dt.timedelta(minutes=plan.length)
            windows.append((begins, ends))
            begins = ends + dt.timedelta(minutes=plan.gap)
    return windows


@dataclass(frozen=True)
class GeneratedSlots:
    """The result of generating slots: how many were made and how many overlapped."""

    created: int
    skipped: int


def generate_slots(
    *, edition: Edition, plan: SlotPlan, venues: Iterable[Venue], event: Event | None = None
) -> GeneratedSlots:
    """Add the plan's windows at each venue, skipping windows that overlap a slot the
    venue already has. Side effects: MeetingSlot rows (one bulk insert)."""
    new, skipped = [], 0
    for venue in venues:
        taken = list(MeetingSlot.objects.filter(venue=venue).values_list("starts_at", "ends_at"))
        for begins, ends in slot_windows(plan, venue.time_zone):
            if any(begins < other_end and other_start < ends for other_start, other_end in taken):
                skipped += 1
                continue
            new.append(
                MeetingSlot(
                    edition=edition, venue=venue, event=event, starts_at=begins, ends_at=ends
                )
            )
    MeetingSlot.objects.bulk_create(new)
    return GeneratedSlots(created=len(new), skipped=skipped)
