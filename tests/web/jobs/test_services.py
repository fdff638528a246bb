"""Enqueue, run (synchronously), report progress, record failures; the run_jobs worker command."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import transaction

from duijie.jobs.models import Job, JobStatus
from duijie.jobs.registry import JobResult, job, registered_kinds
from duijie.jobs.services import enqueue, inline_enabled, run_job, run_pending

pytestmark = pytest.mark.django_db


@job("tests.echo")
def echo(job_row, report_progress):  # type: ignore[no-untyped-def]
    report_progress(50, "half way")
    assert Job.objects.get(pk=job_row.pk).progress == 50
    return JobResult("echo.txt", job_row.params["text"].encode())


@job("tests.fail")
def fail(job_row, report_progress):  # type: ignore[no-untyped-def]
    raise ValueError("broken input")


@job("tests.nothing")
def nothing(job_row, report_progress):  # type: ignore[no-untyped-def]
    report_progress(250, "x" * 400)
    assert Job.objects.get(pk=job_row.pk).progress == 100
    assert len(Job.objects.get(pk=job_row.pk).message) == 300


def test_enqueue_creates_a_queued_job(organiser):
    queued = enqueue(kind="tests.echo", params={"text": "hi"}, user=organiser)
    assert (queued.status, queued.progress, queued.created_by, queued.params) == (
        JobStatus.QUEUED,
        0,
        organiser,
        {"text": "hi"},
    )


def test_enqueue_refuses_unknown_kinds():
    with pytest.raises(KeyError):
        enqueue(kind="tests.nope", params={})


def test_run_job_stores_the_result_file():
    done = run_job(enqueue(kind="tests.echo", params={"text": "你好"}).pk)
    assert (done.status, done.progress, done.result_name, done.error) == (
        JobStatus.DONE,
        100,
        "echo.txt",
        "",
    )
    assert done.result_file.read() == "你好".encode()
    assert done.started_at is not None and done.finished_at is not None


def test_a_failing_job_records_its_error():
    failed = run_job(enqueue(kind="tests.fail", params={}).pk)
    assert (failed.status, failed.error, bool(failed.result_file)) == (
        JobStatus.FAILED,
        "ValueError: broken input",
        False,
    )


def test_progress_is_bounded_and_message_truncated():
    assert run_job(enqueue(kind="tests.nothing", params={}).pk).status == JobStatus.DONE


def test_a_finished_job_is_not_run_again():
    done = run_job(enqueue(kind="tests.echo", params={"text": "a"}).pk)
    again = run_job(done.pk)
    assert (again.status, again.finished_at) == (JobStatus.DONE, done.finished_at)


def test_run_pending_runs_oldest_first_up_to_the_limit():
    first, second = (enqueue(kind="tests.echo", params={"text": t}) for t in "ab")
    assert run_pending(limit=1) == 1
    assert [Job.objects.get(pk=p).status for p in (first.pk, second.pk)] == [
        JobStatus.DONE,
        JobStatus.QUEUED,
    ]
    assert run_pending() == 1


def test_run_jobs_command_once(capsys):
    enqueue(kind="tests.echo", params={"text": "a"})
    call_command("run_jobs", "--once")
    assert Job.objects.get().status == JobStatus.DONE
    assert capsys.readouterr().out == "ran 1 job(s)\n"


def test_inline_setting_wins_over_environment(settings, monkeypatch):
    monkeypatch.setenv("DUIJIE_JOBS_INLINE", "1")
    assert inline_enabled() is False
    del settings.DUIJIE_JOBS_INLINE
    assert inline_enabled() is True


def test_registry_lists_kinds():
    assert {"tests.echo", "tests.fail", "catalogue.booklet"} <= set(registered_kinds())


@pytest.mark.django_db(transaction=True)
def test_inline_jobs_start_in_a_thread_once_the_transaction_commits(settings):
    settings.DUIJIE_JOBS_INLINE = True
    with transaction.atomic():
        queued = enqueue(kind="tests.echo", params={"text": "線程"})
        assert job_thread(queued.pk) is None  # nothing starts before the commit
    thread = job_thread(queued.pk)
    assert thread is not None and thread.daemon
    thread.join(timeout=30)  # bounded: a hung job fails the test instead of blocking it
    assert not thread.is_alive()
    done = Job.objects.get(pk=queued.pk)
    assert (done.status, done.progress, done.result_name) == (JobStatus.DONE, 100, "echo.txt")
    assert done.result_file.read() == "線程".encode()


def job_thread(job_id: int) -> threading.Thread | None:
    return next((t for t in threading.enumerate() if t.name == f"job-{job_id}"), None)
