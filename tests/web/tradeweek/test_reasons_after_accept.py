"""Accepting a request updates every other request's "not scheduled" reason (issue 13:
they lagged until the next cancel, move or solve), through one queued refresh job."""

from __future__ import annotations

import pytest
from django.tasks import TaskResultStatus

from duijie.jobs.models import Job
from duijie.tradeweek.models import Meeting, MeetingRequest
from duijie.tradeweek.services import standby
from duijie.tradeweek.services.reasons import REFRESH_KIND, queue_refresh
from duijie.tradeweek.services.requests import respond, send_request
from duijie.tradeweek.services.scheduling import schedule_edition
from tests.web.tradeweek.factories import at, make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


def test_an_accept_refreshes_the_reasons_of_other_requests(
    edition, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition, tables=1), n=1)
    booked = make_request(
        make_participant(edition), make_participant(edition, kind="project_owner")
    )
    waiting = make_request(
        make_participant(edition, kind="buyer"), make_participant(edition, kind="supplier")
    )
    schedule_edition(edition=edition, method="greedy")
    standby.cancel_meeting(meeting=Meeting.objects.get(request=booked), by=None, now=at(13, 9))
    waiting.refresh_from_db()
    assert waiting.unscheduled_code == "slot_free"
    asker, answerer = make_participant(edition), make_participant(edition, kind="project_owner")
    request = send_request(requester=asker, recipient=answerer, preference="must")
    with django_capture_on_commit_callbacks(execute=True):
        respond(request=request, by=answerer, accept=True)
    assert Meeting.objects.get(request=request).table == 1
    waiting.refresh_from_db()
    assert waiting.unscheduled_code == "tables_full"
    assert MeetingRequest.objects.get(pk=request.pk).unscheduled_code == ""
    job = Job.objects.get(kind=REFRESH_KIND)
    assert (job.status, job.params) == (TaskResultStatus.SUCCESSFUL, {"edition": edition.pk})


def test_accepts_share_a_refresh_that_is_still_waiting(edition) -> None:  # type: ignore[no-untyped-def]
    Job.objects.create(kind=REFRESH_KIND, params={"edition": edition.pk})
    assert queue_refresh(edition_id=edition.pk) is None
    assert Job.objects.filter(kind=REFRESH_KIND).count() == 1
    Job.objects.filter(kind=REFRESH_KIND).update(status=TaskResultStatus.SUCCESSFUL)
    assert queue_refresh(edition_id=edition.pk) is not None
    assert Job.objects.filter(kind=REFRESH_KIND).count() == 2
