"""Recovery of jobs whose worker died: never RUNNING forever.

A job is stale when it has been RUNNING longer than its time limit plus
:data:`GRACE` and its last sign of life (heartbeat or progress report) is older
than :data:`GRACE`. A stale job is tried again while its kind allows retries,
else it is marked failed; the task framework's row of the lost attempt (when the
backend keeps one) is marked failed too. Workers run this before every task and
between polls (``duijie.jobs.worker``); ``manage.py run_worker --recover`` runs it once.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.apps import apps
from django.tasks import TaskResultStatus
from django.utils import timezone

from duijie.jobs import tasks
from duijie.jobs.models import Failure, Job
from duijie.jobs.registry import kind_named

GRACE = dt.timedelta(seconds=60)
HEARTBEAT_EVERY = 15.0  # seconds between a worker's heartbeats; well inside GRACE


class WorkerLost(Exception):
    """The worker running the attempt stopped (killed, crashed, machine gone)."""


def is_stale(job: Job, now: dt.datetime, grace: dt.timedelta = GRACE) -> bool:
    """Whether the running ``job`` is past its time limit plus grace with no recent heartbeat."""
    if job.status != TaskResultStatus.RUNNING or job.started_at is None:
        return False
    deadline = job.started_at + dt.timedelta(seconds=job.time_limit) + grace
    last_sign = job.heartbeat_at or job.started_at
    return now > deadline and now - last_sign > grace


def recover_stale(*, now: dt.datetime | None = None, grace: dt.timedelta = GRACE) -> list[Job]:
    """Retry or fail every stale job; return them in their new state.

    Side effects: the jobs' status and error; a new task for each retried job;
    the lost attempts' task rows marked failed.
    """
    now = now or timezone.now()
    running = Job.objects.filter(status=TaskResultStatus.RUNNING, started_at__isnull=False)
    return [
        recovered
        for job in running.order_by("started_at")
        if is_stale(job, now, grace) and (recovered := _recover(job)) is not None
    ]


def _recover(job: Job) -> Job | None:
    # Only the recoverer that moves the job out of RUNNING goes on (workers race here).
    taken = Job.objects.filter(
        pk=job.pk, status=TaskResultStatus.RUNNING, attempts=job.attempts
    ).update(status=TaskResultStatus.READY)
    if not taken:
        return None
    error = WorkerLost(f"attempt {job.attempts} lost its worker")
    _fail_task_row(job.task_id, error)
    if job.attempts <= _retries(job.kind):
        return tasks.retry(job, error)
    return tasks.finish_failed(job, error, Failure.WORKER_LOST)


def _retries(kind: str) -> int:
    try:
        return kind_named(kind).retries
    except KeyError:  # a kind no longer registered is not tried again
        return 0


def _fail_task_row(task_id: str, error: BaseException) -> None:
    if not task_id or not apps.is_installed("django_tasks_db"):
        return
    try:
        uuid.UUID(task_id)
    except ValueError:  # an id of the immediate backend: it keeps no rows
        return
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).first()
    if row is not None:
        row.set_failed(error)
