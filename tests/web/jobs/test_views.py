"""Status partial and download: the job's creator and staff only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.jobs.services import enqueue, run_job
from tests.web.jobs.test_services import echo  # noqa: F401 - registers tests.echo

pytestmark = pytest.mark.django_db


def test_status_partial_polls_while_running(client_for, investor):
    queued = enqueue(kind="tests.echo", params={"text": "a"}, user=investor)
    response = client_for(investor).get(reverse("jobs:status", args=[queued.pk]))
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in response.text


def test_status_partial_stops_polling_and_links_download_when_done(client_for, investor):
    done = run_job(enqueue(kind="tests.echo", params={"text": "a"}, user=investor).pk)
    response = client_for(investor).get(reverse("jobs:status", args=[done.pk]))
    assert "hx-trigger" not in response.text
    assert reverse("jobs:download", args=[done.pk]) in response.text


def test_download_by_creator_and_staff(client, investor, organiser):
    done = run_job(enqueue(kind="tests.echo", params={"text": "abc"}, user=investor).pk)
    for user in (investor, organiser):
        client.force_login(user)
        response = client.get(reverse("jobs:download", args=[done.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"abc"
        assert response["Content-Disposition"] == 'attachment; filename="echo.txt"'


def test_download_of_unfinished_job_is_404(client_for, organiser):
    queued = enqueue(kind="tests.echo", params={"text": "a"}, user=organiser)
    assert client_for(organiser).get(reverse("jobs:download", args=[queued.pk])).status_code == 404


@pytest.mark.parametrize("name", ["jobs:status", "jobs:download"])
def test_outsiders(client, investor, project_owner, name):
    done = run_job(enqueue(kind="tests.echo", params={"text": "a"}, user=investor).pk)
    url = reverse(name, args=[done.pk])
    assert client.get(url).status_code == 302
    client.force_login(project_owner)
    assert client.get(url).status_code == 404
