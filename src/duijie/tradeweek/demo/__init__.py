"""Demo trade week: the 2025 Hunan–GBA week's programme (13–16 May 2025, Hong Kong
and Shenzhen), venues, a meeting grid, participants, requests in every state and a
solved schedule. Runs after the directory and catalogue demos; labelled （示範）."""

from __future__ import annotations

import random

from duijie.reference.models import Edition
from duijie.tradeweek.demo.data import QUOTAS
from duijie.tradeweek.demo.people import enrol_demo_logins, make_people, make_requests
from duijie.tradeweek.demo.programme import (
    make_events,
    make_grid,
    make_registrations,
    make_speakers,
    make_venues,
    register_for_sessions,
)
from duijie.tradeweek.models import (
    Event,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    Participant,
    RegistrationRule,
    RequestQuota,
    ScheduleRun,
    Venue,
    WeekRules,
)
from duijie.tradeweek.services import onsite, standby
from duijie.tradeweek.services.scheduling import schedule_edition


def clear(edition: Edition) -> None:
    """Remove an earlier demo week of ``edition`` (demo rows and schedule runs)."""
    MeetingRequest.objects.filter(edition=edition, requester__is_demo=True).delete()
    Participant.objects.filter(edition=edition, is_demo=True).delete()
    MeetingSlot.objects.filter(edition=edition, venue__is_demo=True).delete()
    Event.objects.filter(edition=edition, is_demo=True).delete()
    Venue.objects.filter(edition=edition, is_demo=True).delete()
    ScheduleRun.objects.filter(edition=edition).delete()


def play_the_day(edition: Edition) -> None:
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
    standby.cancel_meeting(meeting=cancelled, by=None)


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Create the demo week (replacing an earlier demo week of ``edition``).

    Side effects: venues, travel times, events, registrations, meeting grid, rules and
    quotas, participants (demo users get unusable passwords), requests, a schedule.
    """
    clear(edition)
    venues = make_venues(edition)
    events = make_events(edition, venues)
    make_speakers(events)
    slots = make_grid(edition, venues, events)
    WeekRules.objects.update_or_create(
        edition=edition, defaults={"request_expiry_hours": 72, "schedule_published": False}
    )
    for kind, (sent, received) in QUOTAS.items():
        RequestQuota.objects.update_or_create(
            edition=edition,
            kind=kind,
            defaults={"max_open_sent": sent, "max_pending_received": received},
        )
    people = enrol_demo_logins(edition) + make_people(rng, scale, edition)
    registrations = register_for_sessions(people, events) + make_registrations(
        rng, people, [e for e in events if e.rule == RegistrationRule.OPEN]
    )
    count = make_requests(rng, people, edition)
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
    play_the_day(edition)
    return {
        "venues": len(venues),
        "events": len(events),
        "meeting_slots": len(slots),
        "participants": len(people),
        "registrations": registrations,
        "meeting_requests": count,
        "meetings": run.scheduled,
    }
