"""The agenda and its iCalendar feed: parses, has VTIMEZONE, stable UIDs, growing SEQUENCE."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from duijie.tradeweek.models import Meeting
from duijie.tradeweek.services import programme, standby
from duijie.tradeweek.services.agenda import agenda_for, calendar_for
from duijie.tradeweek.services.scheduling import schedule_edition
from tests.web.tradeweek.factories import (
    at,
    make_event,
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = pytest.mark.django_db


def _entries(participant):  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(calendar_for(participant))
    return calendar, {
        str(e["uid"]): (int(e["sequence"]), str(e["status"])) for e in calendar.walk("VEVENT")
    }


def _week(edition):  # type: ignore[no-untyped-def]
    venue = make_venue(edition, tables=1, name="Hall")
    make_slots(edition, venue, start=at(14, 10), n=2)
    a, b, c = (make_participant(edition) for _ in range(3))
    registration = programme.register(
        event=make_event(edition, venue, start=at(14, 8)), user=a.user
    )
    return venue, (a, b, c), registration


def test_the_agenda_lists_events_and_meetings_in_time_order(edition) -> None:  # type: ignore[no-untyped-def]
    _venue, (a, b, _c), registration = _week(edition)
    request = make_request(a, b)
    schedule_edition(edition=edition, time_limit=1)
    items = agenda_for(user_id=a.user_id, edition_id=edition.pk, participant=a)
    assert [(i.uid, i.table, i.counterpart) for i in items] == [
        (f"registration-{registration.pk}@duijie.tradeweek", None, None),
        (f"meeting-{request.pk}@duijie.tradeweek", 1, b),
    ]


def test_the_feed_parses_with_a_time_zone(edition) -> None:  # type: ignore[no-untyped-def]
    _venue, (a, b, _c), _registration = _week(edition)
    make_request(a, b)
    schedule_edition(edition=edition, time_limit=1)
    calendar, entries = _entries(a)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Hong_Kong"]
    start = calendar.walk("VEVENT")[1]["dtstart"]
    assert start.params["TZID"] == "Asia/Hong_Kong"
    assert len(entries) == 2


def test_uids_stay_and_sequence_grows_when_a_meeting_moves(edition) -> None:  # type: ignore[no-untyped-def]
    _venue, (a, b, _c), _registration = _week(edition)
    request = make_request(a, b)
    schedule_edition(edition=edition, time_limit=1)
    _calendar, before = _entries(a)
    meeting = Meeting.objects.get(request=request)
    standby.cancel_meeting(meeting=meeting, by=None)
    _calendar, after = _entries(a)
    uid = f"meeting-{request.pk}@duijie.tradeweek"
    assert set(before) == set(after)
    assert (before[uid], after[uid]) == ((0, "CONFIRMED"), (1, "CANCELLED"))
