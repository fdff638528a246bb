"""Enqueue and run background jobs.

Jobs are rows in the database. A worker (``manage.py run_jobs``) picks queued
jobs; in development, with ``DUIJIE_JOBS_INLINE`` true (the default outside
production), :func:`enqueue` also starts one daemon thread per job after the
transaction commits, so the demo needs no separate worker. Tests call
:func:`run_job` directly.
"""

from __future__ import annotations

import logging
import threading
import traceback

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, transaction
from django.utils import timezone

from duijie.env import env_bool
from duijie.jobs.models import Job, JobStatus
from duijie.jobs.registry import JobResult, function_for

logger = logging.getLogger(__name__)


def inline_enabled() -> bool:
    """Whether enqueued jobs start in a thread of this process (setting, else environment)."""
    configured = getattr(settings, "DUIJIE_JOBS_INLINE", None)
    if configured is not None:
        return bool(configured)
    return env_bool("JOBS_INLINE", not getattr(settings, "PRODUCTION", False))


def enqueue(*, kind: str, params: dict[str, object], user: object | None = None) -> Job:
    """Queue a job of a registered ``kind``.

    Side effects: creates a :class:`Job`; with inline jobs, starts a daemon thread
    running it once the current transaction commits.
    """
    function_for(kind)  # unknown kinds fail here, not later in a worker
    created_by = user if getattr(user, "is_authenticated", False) else None
    job = Job.objects.create(kind=kind, params=params, created_by=created_by)
    if inline_enabled():
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(job_id: int) -> None:
    thread = threading.Thread(
        target=_run_in_thread, args=(job_id,), name=f"job-{job_id}", daemon=True
    )
    thread.start()


def _run_in_thread(job_id: int) -> None:
    try:
        run_job(job_id)
    finally:
        close_old_connections()


def claim(job_id: int) -> Job | None:
    """Mark a queued job as running; ``None`` if another runner took it first.

    Side effects: updates the job's status and start time.
    """
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    return Job.objects.get(pk=job_id) if taken else None


def run_job(job_id: int) -> Job:
    """Run one queued job to completion, synchronously; return it in its final state.

    Side effects: the job's status, progress, message, error and result file.
    A job that is not queued is returned unchanged.
    """
    job = claim(job_id)
    if job is None:
        return Job.objects.get(pk=job_id)
    try:
        result = function_for(job.kind)(job, _reporter(job.pk))
    except Exception as error:
        logger.exception("job %s failed", job.pk)
        return _finish_failed(job, error)
    return _finish_done(job, result)


def _reporter(job_id: int):  # type: ignore[no-untyped-def]
    def report_progress(percent: int, message: str = "") -> None:
        bounded = max(0, min(100, int(percent)))
        Job.objects.filter(pk=job_id).update(progress=bounded, message=str(message)[:300])

    return report_progress


def _finish_done(job: Job, result: JobResult | None) -> Job:
    job.refresh_from_db()
    if result is not None:
        job.result_name = result.filename
        job.result_file.save(result.filename, ContentFile(result.content), save=False)
    job.status, job.progress, job.finished_at = JobStatus.DONE, 100, timezone.now()
    job.save()
    return job


def _finish_failed(job: Job, error: Exception) -> Job:
    job.refresh_from_db()
    job.status, job.finished_at = JobStatus.FAILED, timezone.now()
    job.error = "".join(traceback.format_exception_only(error)).strip()
    job.save()
    return job


def run_pending(*, limit: int | None = None) -> int:
    """Run queued jobs oldest first (at most ``limit``); return how many ran."""
    ran = 0
    while limit is None or ran < limit:
        next_id = (
            Job.objects.filter(status=JobStatus.QUEUED)
            .order_by("created_at", "id")
            .values_list("id", flat=True)
            .first()
        )
        if next_id is None:
            break
        run_job(next_id)
        ran += 1
    return ran
