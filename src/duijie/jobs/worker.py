"""The worker process: django-tasks-db's worker, plus heartbeats and recovery.

While a task runs, a heartbeat thread of the worker records a sign of life on
the job every :data:`~duijie.jobs.recovery.HEARTBEAT_EVERY` seconds, so that
other workers can tell a long attempt from a lost one. Between polls, and
before every task, the worker recovers stale jobs (:mod:`duijie.jobs.recovery`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator

from django.db import DatabaseError, close_old_connections, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from duijie.jobs.models import Job
from duijie.jobs.recovery import HEARTBEAT_EVERY, recover_stale

logger = logging.getLogger("duijie.jobs")


def beat(task_id: str) -> int:
    """Record a sign of life on the running job of task ``task_id``; how many rows changed."""
    return Job.objects.filter(task_id=task_id, status=TaskResultStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )


@contextlib.contextmanager
def heartbeat(task_id: str, every: float = HEARTBEAT_EVERY) -> Iterator[None]:
    """Beat for ``task_id`` from a thread of this process while the block runs."""
    stop = threading.Event()

    def keep_beating() -> None:
        try:
            while not stop.wait(every):
                try:
                    beat(task_id)
                except DatabaseError:  # a missed beat is retried at the next tick
                    logger.warning("heartbeat of task %s missed", task_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=keep_beating, name=f"heartbeat-{task_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


class JobWorker(Worker):
    """django-tasks-db's worker that beats while it works and recovers what others lost."""

    def run_task(self, db_task_result: DBTaskResult) -> None:
        recover_stale()
        with heartbeat(str(db_task_result.pk)):
            super().run_task(db_task_result)

    def serve(self, *, once: bool = False) -> None:
        """Run ready tasks until stopped (or, ``once``, until the queue is empty).

        Between polls: stale jobs recovered, then ``interval`` seconds of sleep.
        The worker must be made with ``batch=True`` (each poll runs the queue dry).
        """
        while self.running:
            close_old_connections()
            recover_stale()
            self.run()
            if once or (self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                return
            time.sleep(self.interval)
