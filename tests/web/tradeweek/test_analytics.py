"""The funnel and the fairness view."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.tradeweek.models import (
    MeetingStatus,
    NextStep,
    Preference,
    RequestSource,
    RequestStatus,
)
from duijie.tradeweek.services import analytics, onsite, placement
from duijie.tradeweek.services.requests import send_request
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


def test_the_funnel_counts_each_stage(edition) -> None:  # type: ignore[no-untyped-def]
    slot = make_slots(edition, make_venue(edition, tables=3), n=1)[0]
    a, b, c, d = (make_participant(edition) for _ in range(4))
    send_request(
        requester=a, recipient=d, preference=Preference.NO_THANKS, source=RequestSource.SUGGESTION
    )
    make_request(a, c, status=RequestStatus.PENDING)
    held = placement.seat_meeting(request=make_request(a, b), slot=slot, table=1)
    placement.seat_meeting(request=make_request(c, d), slot=slot, table=2)
    held.status = MeetingStatus.HELD
    held.save()
    onsite.record_outcome(meeting=held, participant=a, rating=5, next_step=NextStep.TERM_SHEET)
    with translation.override("en"):
        rows = analytics.funnel(edition, by="city")
    assert [(r.label, list(r.counts.values())) for r in rows] == [
        ("All", [1, 3, 2, 2, 1, 1]),
        ("Hong Kong", [0, 2, 2, 2, 1, 1]),
        ("—", [1, 1, 0, 0, 0, 0]),
    ]


def test_fairness_explains_who_has_no_meeting(edition) -> None:  # type: ignore[no-untyped-def]
    a, b = make_participant(edition, name="Ann"), make_participant(edition, name="Bob")
    c = make_participant(edition, name="Cy")
    request = make_request(a, b)
    request.unscheduled_code, request.unscheduled_params = (
        "no_common_slot",
        {"a": "Ann", "b": "Bob"},
    )
    request.save()
    with translation.override("en"):
        rows = analytics.fairness(edition, language="en")
    assert [(str(r.participant), r.meetings, r.accepted, r.reason) for r in rows] == [
        ("Ann", 0, 1, "Ann and Bob have no slot they can both attend"),
        ("Bob", 0, 1, "Ann and Bob have no slot they can both attend"),
        ("Cy", 0, 0, "No accepted meeting requests."),
    ]
    assert c.pk


def test_the_funnel_chart_data_is_encoded_once(client_for, organiser, edition) -> None:  # type: ignore[no-untyped-def]
    """Regression (issue 13): the data block held a JSON string, so the chart read
    ``undefined.length`` and stayed blank."""
    page = client_for(organiser).get(reverse("tradeweek:staff_analytics")).content.decode()
    block = re.search(r'<script id="week-funnel-data" type="application/json">(.*?)</script>', page)
    assert block is not None
    data = json.loads(block.group(1))
    assert list(data) == ["stages", "values"]
    assert len(data["stages"]) == len(data["values"]) == 6
