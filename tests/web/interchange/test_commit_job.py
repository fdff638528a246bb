"""Confirming an import queues a job; the job commits in one transaction or refuses."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse

from duijie.accounts.models import User
from duijie.catalogue.models import Project
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview, RowPreview
from duijie.interchange.views import IMPORT_JOB, IMPORTERS, ImportView
from duijie.jobs.models import Failure, Job
from duijie.jobs.services import enqueue
from tests.web.interchange.confirmed import confirmed_job
from tests.web.interchange.sheets import row, xlsx
from tests.web.jobs.kinds import DATABASE_TASKS, worker_loop

pytestmark = pytest.mark.django_db


class HalfWayImport(ImportView):
    """Writes a user for every row, then fails: nothing of it may stay."""

    kind = "tests.half_way"

    def make_plan(self, pending: PendingUpload) -> list[str]:
        return pending.content.decode().split()

    def make_preview(self, plan: list[str]) -> Preview:
        return Preview.of([RowPreview(n, email, "new") for n, email in enumerate(plan, 2)])

    def commit(self, plan: list[str], pending: PendingUpload) -> str:
        for email in plan:
            User.objects.create_user(email=email, password=None)
        raise RuntimeError("the disk filled up after the last row")


def preview_of(client, edition):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("p.xlsx", xlsx([row()]))
    client.post(reverse("catalogue:import"), {"edition": edition.slug, "file": upload})
    return PendingUpload.objects.get()


def test_confirming_queues_the_commit_and_the_page_shows_how_it_went(
    client_for, edition, organiser
):
    client = client_for(organiser)
    pending = preview_of(client, edition)
    response = client.post(reverse("catalogue:import"), {"upload": pending.pk, "confirm": ""})
    job = confirmed_job(response)
    assert (job.kind, job.created_by, job.status, job.attempts) == (
        IMPORT_JOB, organiser, TaskResultStatus.SUCCESSFUL, 1,
    )  # fmt: skip
    assert job.params == {
        "upload": pending.pk, "importer": "catalogue.projects", "file": "p.xlsx",
        "page": reverse("catalogue:import"),
    }  # fmt: skip
    assert (job.message, job.result_url) == (
        "匯入完成：新建 1 個，更新 0 個。",
        reverse("catalogue:review_queue"),
    )
    page = client.get(response.url)
    assert f'id="job-{job.pk}"' in page.text and "匯入完成：新建 1 個，更新 0 個。" in page.text
    assert f'href="{reverse("catalogue:review_queue")}"' in page.text
    assert list(Project.objects.values_list("code", flat=True)) == ["HN-001"]
    assert not PendingUpload.objects.exists()


def test_the_confirmation_and_the_refusal_are_shown_in_the_readers_language(
    client_for, edition, organiser
):
    client = client_for(organiser)  # uploads in zh-Hant
    pending = preview_of(client, edition)
    done = confirmed_job(
        client.post(reverse("catalogue:import"), {"upload": pending.pk, "confirm": ""})
    )
    again = enqueue(kind=IMPORT_JOB, params=done.params, user=organiser)
    organiser.language = "en"
    organiser.save()
    shown = [client.get(reverse("jobs:status", args=[job.pk])).text for job in (done, again)]
    assert "Imported: 1 created, 0 updated." in shown[0]
    assert (
        "This upload is no longer waiting: it was imported, cancelled, or is older than a day."
    ) in shown[1]
    assert "匯入" not in shown[0] + shown[1]


def test_a_second_run_of_a_committed_import_refuses_and_imports_nothing_twice(
    client_for, edition, organiser
):
    client = client_for(organiser)
    pending = preview_of(client, edition)
    first = confirmed_job(
        client.post(reverse("catalogue:import"), {"upload": pending.pk, "confirm": ""})
    )
    again = enqueue(kind=IMPORT_JOB, params=first.params, user=organiser)
    assert (again.status, again.failure, again.attempts) == ("FAILED", Failure.REFUSED, 1)
    assert again.message == "這份上傳已不在等待中：它已匯入、已取消，或已超過一天。"
    assert again.result_url == reverse("catalogue:import")
    assert Project.objects.count() == 1


def test_an_error_while_committing_leaves_nothing_and_keeps_the_upload(organiser):
    assert IMPORTERS["tests.half_way"] is HalfWayImport
    pending = PendingUpload.objects.create(
        owner=organiser, kind="tests.half_way", filename="u.txt", size=0,
        file=SimpleUploadedFile("u.txt", b"a@x.test b@x.test"),
        fingerprint=HalfWayImport().make_preview(["a@x.test", "b@x.test"]).fingerprint,
    )  # fmt: skip
    job = enqueue(kind=IMPORT_JOB, params={"upload": pending.pk, "page": "/i/"}, user=organiser)
    assert (job.status, job.failure, job.attempts) == ("FAILED", Failure.ERROR, 2)  # retried
    assert job.error == "RuntimeError: the disk filled up after the last row"
    assert not User.objects.filter(email__endswith="@x.test").exists()
    assert PendingUpload.objects.filter(pk=pending.pk).exists()


def test_a_file_that_now_has_problems_is_dropped_with_the_reason(edition, organiser):
    pending = PendingUpload.objects.create(
        owner=organiser, kind="catalogue.projects", filename="p.xlsx", size=0,
        file=SimpleUploadedFile("p.xlsx", xlsx([row(city="火星市")])),
        params={"edition": edition.slug, "_language": "en"},
    )  # fmt: skip
    job = enqueue(kind=IMPORT_JOB, params={"upload": pending.pk, "page": "/i/"}, user=organiser)
    assert (job.status, job.failure, job.result_url) == ("FAILED", Failure.REFUSED, "/i/")
    assert job.message == (
        "Row 2, column 市州: Unknown city “火星市”. Write a prefecture-level city as named in "
        "the administrative divisions, in Chinese or English (e.g. 長沙市, Changsha)."
    )
    assert not PendingUpload.objects.exists() and not Project.objects.exists()


@worker_loop
def test_on_the_queue_a_double_confirmation_makes_one_job_and_a_worker_commits_it(
    client_for, edition, organiser, settings
):
    client = client_for(organiser)
    pending = preview_of(client, edition)
    settings.TASKS = DATABASE_TASKS
    confirm = {"upload": pending.pk, "confirm": ""}
    first, second = (client.post(reverse("catalogue:import"), confirm) for _ in range(2))
    assert first.url == second.url
    job = Job.objects.get(kind=IMPORT_JOB)
    assert (job.status, Project.objects.count()) == (TaskResultStatus.READY, 0)
    waiting = client.get(first.url)
    assert 'hx-trigger="every 2s"' in waiting.text
    call_command("run_worker", "--once")
    job.refresh_from_db()
    assert (job.status, job.message) == (
        TaskResultStatus.SUCCESSFUL,
        "匯入完成：新建 1 個，更新 0 個。",
    )
    assert list(Project.objects.values_list("code", flat=True)) == ["HN-001"]
