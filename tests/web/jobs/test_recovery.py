"""A worker killed mid-task leaves its job recoverable: retried or failed, never RUNNING forever."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from duijie.jobs.models import Failure, Job
from duijie.jobs.recovery import GRACE, is_stale, recover_stale
from duijie.jobs.services import enqueue
from duijie.jobs.tasks import claim
from duijie.jobs.worker import beat, heartbeat
from tests.web.jobs.kinds import DATABASE_TASKS, worker_loop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS


def killed_mid_task(kind: str, *, started_ago: dt.timedelta, beat_ago: dt.timedelta) -> Job:
    """What a worker killed with SIGKILL leaves: its task row and its job both RUNNING."""
    queued = enqueue(kind=kind, params={"text": "lost", "failures": 0})
    task = DBTaskResult.objects.get(pk__in=DBTaskResult.objects.ready().values("pk"))
    task.claim("dead-worker")
    claim(queued.pk, str(task.pk))
    now = timezone.now()
    Job.objects.filter(pk=queued.pk).update(
        started_at=now - started_ago, heartbeat_at=now - beat_ago
    )
    return Job.objects.get(pk=queued.pk)


@worker_loop
def test_a_lost_job_that_may_retry_is_queued_again_and_then_finishes():
    lost = killed_mid_task("tests.echo", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    [recovered] = recover_stale()
    assert (recovered.pk, recovered.status, recovered.attempts) == (
        lost.pk,
        TaskResultStatus.READY,
        1,
    )
    assert recovered.error == "duijie.jobs.recovery.WorkerLost: attempt 1 lost its worker"
    dead = DBTaskResult.objects.get(pk=lost.task_id)
    assert (dead.status, dead.exception_class_path) == (
        TaskResultStatus.FAILED,
        "duijie.jobs.recovery.WorkerLost",
    )
    call_command("run_worker", "--once")
    done = Job.objects.get(pk=lost.pk)
    assert (done.status, done.attempts, done.result_file.read()) == (
        TaskResultStatus.SUCCESSFUL,
        2,
        b"lost",
    )
    assert done.task_id != lost.task_id


def test_a_lost_job_without_retries_left_is_marked_failed():
    lost = killed_mid_task("tests.fail", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    [recovered] = recover_stale()
    assert recovered.pk == lost.pk
    assert (recovered.status, recovered.failure, recovered.finished_at is not None) == (
        TaskResultStatus.FAILED,
        Failure.WORKER_LOST,
        True,
    )
    assert DBTaskResult.objects.ready().count() == 0
    assert recover_stale() == []


def test_a_long_job_whose_worker_still_beats_is_left_running():
    running = killed_mid_task("tests.echo", started_ago=dt.timedelta(hours=1), beat_ago=GRACE / 2)
    assert recover_stale() == []
    assert Job.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING


def test_a_silent_job_within_its_time_limit_is_left_running():
    running = killed_mid_task("tests.echo", started_ago=dt.timedelta(minutes=5), beat_ago=GRACE * 2)
    assert running.time_limit == 600
    assert recover_stale() == []
    assert Job.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING


def test_staleness_counts_the_time_limit_plus_grace():
    job = killed_mid_task("tests.echo", started_ago=dt.timedelta(0), beat_ago=dt.timedelta(0))
    started = job.started_at
    limit = dt.timedelta(seconds=job.time_limit)
    assert not is_stale(job, started + limit + GRACE)
    assert is_stale(job, started + limit + GRACE + dt.timedelta(seconds=1))
    job.heartbeat_at = started + limit + GRACE
    assert not is_stale(job, started + limit + GRACE + dt.timedelta(seconds=1))


@worker_loop
def test_the_worker_recovers_before_it_polls():
    lost = killed_mid_task("tests.echo", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    call_command("run_worker", "--once")
    assert Job.objects.get(pk=lost.pk).status == TaskResultStatus.SUCCESSFUL


def test_the_recover_command_reports_how_many(capsys):
    killed_mid_task("tests.fail", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    call_command("run_worker", "--recover")
    assert capsys.readouterr().out == "recovered 1 stale job(s)\n"


def test_a_beat_marks_only_the_running_job_of_the_task():
    running = killed_mid_task("tests.echo", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    assert beat(running.task_id) == 1
    assert not is_stale(Job.objects.get(pk=running.pk), timezone.now())
    assert beat("no-such-task") == 0


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_block_runs():
    running = killed_mid_task("tests.echo", started_ago=dt.timedelta(hours=1), beat_ago=GRACE * 2)
    before = running.heartbeat_at
    with heartbeat(running.task_id, every=0.05):
        deadline = timezone.now() + dt.timedelta(seconds=20)  # bounded wait, not a timing test
        while Job.objects.get(pk=running.pk).heartbeat_at == before and timezone.now() < deadline:
            time.sleep(0.01)  # let the beating thread write (SQLite locks a busy table)
    assert Job.objects.get(pk=running.pk).heartbeat_at > before


def test_a_missed_beat_does_not_stop_the_heartbeat(monkeypatch):  # type: ignore[no-untyped-def]
    from django.db import OperationalError

    from duijie.jobs import worker

    calls: list[str] = []

    def flaky_beat(task_id: str) -> int:
        calls.append(task_id)
        if len(calls) == 1:
            raise OperationalError("database table is locked")
        return 1

    monkeypatch.setattr(worker, "beat", flaky_beat)
    with worker.heartbeat("t-1", every=0.01):
        deadline = time.monotonic() + 20  # bounded wait, not a timing test
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert calls[:3] == ["t-1", "t-1", "t-1"]
