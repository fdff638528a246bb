"""Status partial and download (the job's creator and staff only); the page of recent tasks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duijie.jobs.services import enqueue
from tests.web.jobs.kinds import DATABASE_TASKS

pytestmark = pytest.mark.django_db


def test_status_partial_polls_while_the_job_waits(client_for, investor, settings):
    settings.TASKS = DATABASE_TASKS
    queued = enqueue(kind="tests.echo", params={"text": "a"}, user=investor)
    response = client_for(investor).get(reverse("jobs:status", args=[queued.pk]))
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in response.text
    assert "等候後台程序開始處理。" in response.text


def test_status_partial_stops_polling_and_links_download_when_done(client_for, investor):
    done = enqueue(kind="tests.echo", params={"text": "a"}, user=investor)
    response = client_for(investor).get(reverse("jobs:status", args=[done.pk]))
    assert "hx-trigger" not in response.text
    assert reverse("jobs:download", args=[done.pk]) in response.text


def test_status_partial_links_the_result_page_of_a_job_without_a_file(client_for, organiser):
    done = enqueue(kind="tests.nothing", params={}, user=organiser, result_url="/week/staff/")
    response = client_for(organiser).get(reverse("jobs:status", args=[done.pk]))
    assert 'href="/week/staff/"' in response.text


def test_status_partial_of_a_failed_job_says_why_in_the_readers_language(client_for, investor):
    failed = enqueue(kind="tests.slow", params={}, user=investor)
    text = client_for(investor).get(reverse("jobs:status", args=[failed.pk])).text
    assert "失敗" in text
    assert "TimeLimitExceeded" not in text


def test_download_by_creator_and_staff(client, investor, organiser):
    done = enqueue(kind="tests.echo", params={"text": "abc"}, user=investor)
    for user in (investor, organiser):
        client.force_login(user)
        response = client.get(reverse("jobs:download", args=[done.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"abc"
        assert response["Content-Disposition"] == 'attachment; filename="echo.txt"'


def test_download_of_unfinished_job_is_404(client_for, organiser, settings):
    settings.TASKS = DATABASE_TASKS
    queued = enqueue(kind="tests.echo", params={"text": "a"}, user=organiser)
    assert client_for(organiser).get(reverse("jobs:download", args=[queued.pk])).status_code == 404


@pytest.mark.parametrize("name", ["jobs:status", "jobs:download"])
def test_outsiders(client, investor, project_owner, name):
    done = enqueue(kind="tests.echo", params={"text": "a"}, user=investor)
    url = reverse(name, args=[done.pk])
    assert client.get(url).status_code == 302
    client.force_login(project_owner)
    assert client.get(url).status_code == 404


def test_recent_tasks_show_kind_status_starter_duration_and_problem(client_for, organiser):
    organiser.language = "en"
    organiser.save()
    enqueue(kind="tests.echo", params={"text": "a"}, user=organiser)
    enqueue(kind="tests.fail", params={}, user=organiser)
    response = client_for(organiser).get(reverse("jobs:recent"))
    text = response.text
    assert response.status_code == 200
    assert text.count("<tr>") == 3  # the header and two tasks
    assert "Echo" in text and "Fail" in text
    assert "Successful" in text and "Failed" in text
    assert "The work stopped with an error." in text
    assert "ValueError: broken input" in text  # under "Technical details", for staff
    assert "tests.echo" not in text


def test_recent_tasks_query_count_does_not_grow_with_rows(client_for, organiser):
    client = client_for(organiser)
    enqueue(kind="tests.echo", params={"text": "a"}, user=organiser)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("jobs:recent"))
    for _ in range(5):
        enqueue(kind="tests.echo", params={"text": "a"}, user=organiser)
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("jobs:recent"))
    assert len(six) == len(one)


def test_recent_tasks_are_for_staff_only(client, investor):
    url = reverse("jobs:recent")
    assert client.get(url).status_code == 302
    client.force_login(investor)
    assert client.get(url).status_code == 403
