"""``manage.py run_worker``: a background worker (run one or more per machine).

Runs the tasks of the database task backend (booklets, reports, match runs,
schedule solves), beats while it works and recovers jobs whose worker died.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, task_backends
from django.utils.crypto import get_random_string
from django_tasks_db.backend import DatabaseBackend

from duijie.jobs.recovery import recover_stale
from duijie.jobs.worker import JobWorker


class Command(BaseCommand):
    help = "Run background tasks until stopped; --once: until the queue is empty."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--queue", default=DEFAULT_TASK_QUEUE_NAME, help="queue to serve")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after N tasks")
        parser.add_argument("--worker-id", default="", help="unique name (default: random)")
        parser.add_argument(
            "--recover", action="store_true", help="only recover stale jobs, then exit"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["recover"]:
            recovered = recover_stale()
            self.stdout.write(f"recovered {len(recovered)} stale job(s)")
            return
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError("Tasks run at once here (DUIJIE_TASKS=immediate): no worker needed.")
        worker = JobWorker(
            queue_names=[str(options["queue"])],
            interval=float(options["interval"]),  # type: ignore[arg-type]
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=options["max_tasks"],  # type: ignore[arg-type]
            worker_id=str(options["worker_id"] or get_random_string(32)),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.serve(once=bool(options["once"]))
