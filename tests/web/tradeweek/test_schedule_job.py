"""The staff schedule page enqueues the solve and follows it through the job's HTMX partial."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse

from duijie.jobs.models import Job
from duijie.tradeweek.jobs import SOLVE_KIND, SOLVE_MARGIN
from duijie.tradeweek.models import Meeting, ScheduleRun
from tests.web.jobs.kinds import DATABASE_TASKS, worker_loop
from tests.web.tradeweek.factories import make_participant, make_request, make_slots, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(edition):  # type: ignore[no-untyped-def]
    make_slots(edition, make_venue(edition), n=2)
    make_request(make_participant(edition), make_participant(edition))
    return edition


def test_the_schedule_button_solves_in_a_job_and_the_page_links_the_result(
    client_for, organiser, week
):
    client = client_for(organiser)
    response = client.post(reverse("tradeweek:staff_schedule"), {"time_limit": "2"})
    solve = Job.objects.get()
    assert response["Location"] == f"{reverse('tradeweek:staff_schedule')}?job={solve.pk}"
    assert (solve.kind, solve.params, solve.created_by, solve.time_limit) == (
        SOLVE_KIND,
        {"edition": week.pk, "time_limit": 2},
        organiser,
        2 + SOLVE_MARGIN,
    )
    assert solve.status == TaskResultStatus.SUCCESSFUL
    assert Meeting.objects.count() == 1
    run = ScheduleRun.objects.get()
    assert (run.ok, run.scheduled, run.created_by) == (True, 1, organiser)
    page = client.get(response["Location"]).text
    assert f'id="job-{solve.pk}"' in page and "hx-trigger" not in page
    assert f'href="{reverse("tradeweek:staff_schedule")}"' in page


@worker_loop
def test_the_request_only_queues_the_solve_and_a_worker_runs_it(
    client_for, organiser, week, settings
):
    settings.TASKS = DATABASE_TASKS
    client = client_for(organiser)
    response = client.post(reverse("tradeweek:staff_schedule"), {"time_limit": "2"})
    solve = Job.objects.get()
    assert (solve.status, Meeting.objects.count()) == (TaskResultStatus.READY, 0)
    page = client.get(response["Location"]).text
    assert f'hx-get="{reverse("jobs:status", args=[solve.pk])}"' in page
    call_command("run_worker", "--once")
    solve.refresh_from_db()
    assert (solve.status, solve.progress, Meeting.objects.count()) == (
        TaskResultStatus.SUCCESSFUL,
        100,
        1,
    )
    status = client.get(reverse("jobs:status", args=[solve.pk])).text
    assert "hx-trigger" not in status


def test_a_bad_time_limit_queues_nothing(client_for, organiser, week):
    response = client_for(organiser).post(reverse("tradeweek:staff_schedule"), {"time_limit": "0"})
    assert response.status_code == 200
    assert Job.objects.count() == 0


def test_the_page_ignores_a_job_of_another_kind(client_for, organiser, week):
    from duijie.jobs.services import enqueue
    from tests.web.jobs.kinds import echo  # noqa: F401 - registers tests.echo

    other = enqueue(kind="tests.echo", params={"text": "x"}, user=organiser)
    page = client_for(organiser).get(f"{reverse('tradeweek:staff_schedule')}?job={other.pk}")
    assert f'id="job-{other.pk}"' not in page.text
