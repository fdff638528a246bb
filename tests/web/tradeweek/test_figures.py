"""Honest counts (issue 13): every meeting figure on the leadership dashboard and the
staff analytics page comes from one definition, checked against a hand-counted week."""

from __future__ import annotations

import pytest

from duijie.pipeline import activity
from duijie.tradeweek.models import Meeting, MeetingStatus, NextStep
from duijie.tradeweek.services import analytics, onsite, placement
from duijie.tradeweek.services.figures import WeekFigures, week_figures
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


def _hand_counted_week(edition):  # type: ignore[no-untyped-def]
    """Five meetings, counted by hand:

    A scheduled, nobody came in yet       -> scheduled
    B both checked in                     -> scheduled, held
    C not checked in, but rated by a side -> scheduled, held
    D one side marked no-show, unrated    -> scheduled, no-show
    E cancelled                           -> nothing
    So: scheduled 4, held 2, no-shows 1.
    """
    slots = make_slots(edition, make_venue(edition, tables=5), n=1)
    meetings = {}
    for table, name in enumerate("ABCDE", start=1):
        request = make_request(make_participant(edition), make_participant(edition))
        meetings[name] = placement.seat_meeting(request=request, slot=slots[0], table=table)
    for seat in meetings["B"].seats.all():
        onsite.check_in(target=onsite.CheckInTarget(seat=seat))
    rated = meetings["C"]
    onsite.record_outcome(
        meeting=rated, participant=rated.request.requester, rating=4, next_step=NextStep.CALL
    )
    onsite.mark_no_show(meeting=meetings["D"], participant_id=meetings["D"].request.recipient_id)
    Meeting.objects.filter(pk=meetings["E"].pk).update(status=MeetingStatus.CANCELLED)
    return meetings


def test_week_figures_match_the_hand_count(edition) -> None:  # type: ignore[no-untyped-def]
    _hand_counted_week(edition)
    assert week_figures(edition.pk) == WeekFigures(scheduled=4, held=2, no_shows=1)


def test_the_dashboard_counts_the_same(edition, leadership) -> None:  # type: ignore[no-untyped-def]
    _hand_counted_week(edition)
    assert activity.meetings_scheduled(edition, leadership).value == 4  # type: ignore[union-attr]
    assert activity.meetings_held(edition, leadership).value == 2  # type: ignore[union-attr]
    assert activity.meeting_no_shows(edition, leadership).value == 1  # type: ignore[union-attr]


def test_the_analytics_funnel_counts_the_same(edition) -> None:  # type: ignore[no-untyped-def]
    _hand_counted_week(edition)
    total = analytics.funnel(edition)[0].counts
    assert (total["requested"], total["scheduled"], total["held"], total["follow_up"]) == (
        5,
        4,
        2,
        1,
    )
