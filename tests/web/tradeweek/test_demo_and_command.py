"""The demo week and the schedule_meetings command."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from duijie.tradeweek import demo
from duijie.tradeweek.models import Meeting, MeetingRequest, MeetingSeat, RequestStatus
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


def test_the_demo_week_is_complete_and_repeatable(edition) -> None:  # type: ignore[no-untyped-def]
    first = demo.populate(rng=random.Random("2025:tradeweek"), scale=1, edition=edition)
    second = demo.populate(rng=random.Random("2025:tradeweek"), scale=1, edition=edition)
    assert first == second
    assert (first["venues"], first["events"], first["meeting_slots"], first["participants"]) == (
        4,
        13,
        18,
        36,
    )
    states = set(MeetingRequest.objects.filter(edition=edition).values_list("status", flat=True))
    assert states == {s.value for s in RequestStatus}
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert statuses == {"scheduled", "held", "no_show", "cancelled"}
    assert MeetingSeat.objects.count() == 2 * Meeting.objects.exclude(status="cancelled").count()


def test_the_command_schedules_and_exports(edition, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition), n=1)
    make_request(make_participant(edition), make_participant(edition))
    out = StringIO()
    call_command("schedule_meetings", "--edition", edition.slug, "--time-limit", "1", stdout=out)
    assert out.getvalue() == "scheduled 1, unscheduled 0, moved 0\n"
    target = tmp_path / "instance.json"
    call_command(
        "schedule_meetings", "--edition", edition.slug, "--export", str(target), stdout=StringIO()
    )
    assert '"requests"' in target.read_text()
    with pytest.raises(CommandError):
        call_command("schedule_meetings", "--edition", "nope")
