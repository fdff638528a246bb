"""Enqueue and run background jobs on Django's task framework.

:func:`enqueue` writes a :class:`Job` row and enqueues the one task
``duijie.jobs.tasks.run_job`` for it on the configured backend: the database
backend (django-tasks-db) everywhere but in tests, where the immediate backend
runs it at once. A worker process (``manage.py run_worker``, see
``duijie.jobs.worker``) runs the database backend's tasks; any number of workers
on any number of machines share the queue.

One attempt is bounded by the job's time limit; a failed attempt is tried again
while the kind allows retries; an attempt whose worker died is found by
:func:`duijie.jobs.recovery.recover_stale`. An attempt: :mod:`duijie.jobs.tasks`.
"""

from __future__ import annotations

from duijie.jobs.models import Job
from duijie.jobs.registry import kind_named
from duijie.jobs.tasks import send


def enqueue(
    *,
    kind: str,
    params: dict[str, object],
    user: object | None = None,
    limit: int | None = None,
    result_url: str = "",
) -> Job:
    """Queue a job of a registered ``kind``; ``limit``: seconds per attempt (else the
    kind's), ``result_url``: the page that shows what the job made, if not a file.

    Side effects: creates a :class:`Job` and enqueues its task (the immediate
    backend runs it before this returns).
    """
    spec = kind_named(kind)  # unknown kinds fail here, not later in a worker
    created_by = user if getattr(user, "is_authenticated", False) else None
    job = Job.objects.create(
        kind=kind,
        params=params,
        created_by=created_by,
        time_limit=limit or spec.time_limit,
        result_url=result_url,
    )
    send(job)
    job.refresh_from_db()
    return job
