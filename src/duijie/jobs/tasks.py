"""The one task of the task framework, ``run_job``, and what one attempt of a job does.

An attempt claims the ready :class:`~duijie.jobs.models.Job`, runs its kind's
function within the job's time limit (:mod:`duijie.jobs.limits`), and ends
successful (with its file), failed, or, while the kind allows retries, back in
the queue as a new task.
"""

from __future__ import annotations

import logging
import traceback

from django.core.files.base import ContentFile
from django.db.models import F
from django.tasks import TaskContext, TaskResultStatus, task
from django.utils import timezone

from duijie.jobs.limits import TimeLimitExceeded, time_limit
from duijie.jobs.models import Failure, Job
from duijie.jobs.phrases import Phrase, kept
from duijie.jobs.registry import JobRefused, JobResult, ProgressReporter, kind_named

logger = logging.getLogger(__name__)


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    """Run an attempt of job ``job_id``; return the status it ends in."""
    return str(run_attempt(job_id, str(context.task_result.id)).status)


def send(job: Job) -> None:
    """Enqueue the task that runs ``job`` (a new task for every attempt)."""
    run_job.enqueue(job.pk)


def claim(job_id: int, task_id: str = "") -> Job | None:
    """Mark a ready job as running; ``None`` if another runner took it first.

    Side effects: the job's status, start time, heartbeat, attempt count and task id.
    """
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, status=TaskResultStatus.READY).update(
        status=TaskResultStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        progress=0,
        attempts=F("attempts") + 1,
        task_id=task_id,
    )
    return Job.objects.get(pk=job_id) if taken else None


def run_attempt(job_id: int, task_id: str = "") -> Job:
    """Run one attempt of a ready job, synchronously; return the job as it then stands.

    Side effects: the job's status, progress, message, error and result file; on a
    failure the kind may retry, a new task. A job that is not ready is returned unchanged.
    """
    job = claim(job_id, task_id)
    if job is None:
        return Job.objects.get(pk=job_id)
    spec = kind_named(job.kind)
    try:
        with time_limit(job.time_limit):
            result = spec.function(job, reporter(job.pk))
    except TimeLimitExceeded as error:
        return finish_failed(job, error, Failure.TIME_LIMIT)
    except JobRefused as refusal:
        return finish_refused(job, refusal)
    except Exception as error:
        logger.exception("job %s failed (attempt %s)", job.pk, job.attempts)
        if job.attempts <= spec.retries:
            return retry(job, error)
        return finish_failed(job, error, Failure.ERROR)
    return finish_done(job, result)


def reporter(job_id: int) -> ProgressReporter:
    """A ``report_progress(percent, message)`` for the job; each report is also a heartbeat.

    ``message`` is a :class:`~duijie.jobs.phrases.Phrase` (shown in the reader's language)
    or plain text (shown as it is).
    """

    def report_progress(percent: int, message: str | Phrase = "") -> None:
        bounded = max(0, min(100, int(percent)))
        Job.objects.filter(pk=job_id).update(
            progress=bounded, heartbeat_at=timezone.now(), **kept(message)
        )

    return report_progress


def finish_done(job: Job, result: JobResult | None) -> Job:
    """Mark the job successful, with its file. Side effect: saves the job (and the file)."""
    job.refresh_from_db()
    if result is not None:
        job.result_name = result.filename
        job.result_file.save(result.filename, ContentFile(result.content), save=False)
    job.status, job.progress, job.finished_at = TaskResultStatus.SUCCESSFUL, 100, timezone.now()
    job.failure, job.error = "", ""
    job.save()
    return job


def finish_failed(job: Job, error: BaseException, failure: str) -> Job:
    """Mark the job failed for good. Side effect: saves the job."""
    job.refresh_from_db()
    job.status, job.finished_at, job.failure = TaskResultStatus.FAILED, timezone.now(), failure
    job.error = describe(error)
    job.save()
    return job


def finish_refused(job: Job, refusal: JobRefused) -> Job:
    """Mark the job failed because its work refused (not retried); the reason is its message.

    Side effect: saves the job.
    """
    job.refresh_from_db()
    job.status, job.finished_at = TaskResultStatus.FAILED, timezone.now()
    job.failure = Failure.REFUSED
    for name, value in kept(refusal.message).items():
        setattr(job, name, value)
    job.result_url, job.error = refusal.url, ""
    job.save()
    return job


def retry(job: Job, error: BaseException) -> Job:
    """Put the job back in the queue for another attempt.

    Side effects: the job's status and last error; a new task enqueued.
    """
    Job.objects.filter(pk=job.pk).update(
        status=TaskResultStatus.READY, error=describe(error), progress=0
    )
    job.refresh_from_db()
    send(job)
    job.refresh_from_db()
    return job


def describe(error: BaseException) -> str:
    """The exception's one-line description (its type and message), for staff."""
    return "".join(traceback.format_exception_only(error)).strip()[:2000]
