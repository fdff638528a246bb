"""Enqueue on the task framework, run, report progress, retry, time limits, the worker command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from duijie.jobs.models import Failure, Job
from duijie.jobs.registry import kind_named, label_of, registered_kinds
from duijie.jobs.services import enqueue
from duijie.jobs.tasks import run_attempt
from tests.web.jobs.kinds import DATABASE_TASKS, worker_loop

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):  # type: ignore[no-untyped-def]
    """Tasks wait in the database for a worker, as in production."""
    settings.TASKS = DATABASE_TASKS


def test_enqueue_on_the_database_backend_waits_for_a_worker(database_tasks, organiser):
    queued = enqueue(kind="tests.echo", params={"text": "hi"}, user=organiser)
    assert (queued.status, queued.progress, queued.created_by, queued.params) == (
        TaskResultStatus.READY,
        0,
        organiser,
        {"text": "hi"},
    )
    task = DBTaskResult.objects.get()
    assert (task.status, task.task_path, task.args_kwargs) == (
        TaskResultStatus.READY,
        "duijie.jobs.tasks.run_job",
        {"args": [queued.pk], "kwargs": {}},
    )


def test_in_tests_a_job_runs_at_once_and_stores_its_file():
    done = enqueue(kind="tests.echo", params={"text": "你好"})
    assert (done.status, done.progress, done.result_name, done.error, done.attempts) == (
        TaskResultStatus.SUCCESSFUL,
        100,
        "echo.txt",
        "",
        1,
    )
    assert done.result_file.read() == "你好".encode()
    assert done.started_at is not None and done.finished_at is not None
    assert len(done.task_id) == 32  # the immediate backend's id of the task
    assert DBTaskResult.objects.count() == 0


def test_enqueue_refuses_unknown_kinds():
    with pytest.raises(KeyError):
        enqueue(kind="tests.nope", params={})
    assert Job.objects.count() == 0


def test_a_job_gets_its_kinds_time_limit_unless_given_one():
    assert enqueue(kind="tests.echo", params={"text": ""}).time_limit == 600
    assert enqueue(kind="tests.echo", params={"text": ""}, limit=45).time_limit == 45


def test_a_failing_job_without_retries_records_its_error():
    failed = enqueue(kind="tests.fail", params={})
    assert (failed.status, failed.failure, failed.error, failed.attempts) == (
        TaskResultStatus.FAILED,
        Failure.ERROR,
        "ValueError: broken input",
        1,
    )
    assert not failed.result_file


def test_a_failed_attempt_is_retried_and_can_then_succeed():
    done = enqueue(kind="tests.flaky", params={"failures": 2})
    assert (done.status, done.attempts, done.error, done.result_name) == (
        TaskResultStatus.SUCCESSFUL,
        3,
        "",
        "flaky.txt",
    )


def test_retries_stop_at_the_kinds_limit():
    failed = enqueue(kind="tests.flaky", params={"failures": 5})
    assert (failed.status, failed.attempts, failed.failure, failed.error) == (
        TaskResultStatus.FAILED,
        3,  # the first attempt and kind_named("tests.flaky").retries == 2 more
        Failure.ERROR,
        "ConnectionError: attempt 3 lost the mail server",
    )


def test_an_attempt_past_its_time_limit_is_stopped_and_not_retried():
    stopped = enqueue(kind="tests.slow", params={})
    assert (stopped.status, stopped.failure, stopped.attempts, stopped.error) == (
        TaskResultStatus.FAILED,
        Failure.TIME_LIMIT,
        1,
        "duijie.jobs.limits.TimeLimitExceeded: stopped after the time limit of 1 s",
    )
    assert kind_named("tests.slow").retries == 2


def test_work_that_catches_every_error_is_still_stopped_by_its_time_limit():
    stopped = enqueue(kind="tests.swallowing", params={})
    assert (stopped.status, stopped.failure, stopped.attempts) == (
        TaskResultStatus.FAILED,
        Failure.TIME_LIMIT,
        1,
    )


def test_progress_is_bounded_and_message_truncated():
    assert enqueue(kind="tests.nothing", params={}).status == TaskResultStatus.SUCCESSFUL


def test_a_finished_job_is_not_run_again():
    done = enqueue(kind="tests.echo", params={"text": "a"})
    again = run_attempt(done.pk)
    assert (again.status, again.finished_at, again.attempts) == (
        TaskResultStatus.SUCCESSFUL,
        done.finished_at,
        1,
    )


@worker_loop
def test_the_worker_runs_what_is_queued(database_tasks, capsys):
    first, second = (enqueue(kind="tests.echo", params={"text": t}) for t in "ab")
    call_command("run_worker", "--once", "--worker-id", "test-worker")
    for queued in (first, second):
        done = Job.objects.get(pk=queued.pk)
        task = DBTaskResult.objects.get(pk=done.task_id)
        assert (done.status, done.result_file.read()) == (
            TaskResultStatus.SUCCESSFUL,
            queued.params["text"].encode(),
        )
        assert (task.status, task.worker_ids, task.return_value) == (
            TaskResultStatus.SUCCESSFUL,
            ["test-worker"],
            "SUCCESSFUL",
        )


@worker_loop
def test_the_worker_runs_a_retry_as_a_new_task(database_tasks):
    queued = enqueue(kind="tests.flaky", params={"failures": 1})
    call_command("run_worker", "--once")
    done = Job.objects.get(pk=queued.pk)
    assert (done.status, done.attempts) == (TaskResultStatus.SUCCESSFUL, 2)
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == [
        "READY",  # the first attempt ended by putting the job back in the queue
        "SUCCESSFUL",
    ]


def test_the_worker_needs_the_database_backend():
    with pytest.raises(CommandError, match="DUIJIE_TASKS=immediate"):
        call_command("run_worker", "--once")


def test_registry_lists_kinds_with_labels():
    kinds = set(registered_kinds())
    assert {"catalogue.booklet", "matchmaking.run", "pipeline.edition_report"} <= kinds
    assert {"tradeweek.schedule", "tests.echo"} <= kinds
    assert str(label_of("tests.echo")) == "Echo"
    assert label_of("gone.kind") == "gone.kind"
