"""How much background work waits, read straight from the queue tables.

The queue is the table of the task framework's database backend (django-tasks-db: a
table whose name ends in ``dbtaskresult``, rows ``READY``; older releases said ``NEW``).
Every attempt of a job (``jobs_job``) is one row there, so the jobs table is not
counted again. An absent table counts as empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone


@dataclass(frozen=True)
class QueueTable:
    """Where one queue keeps its rows and how a waiting row looks."""

    table: str
    status_column: str
    waiting: tuple[str, ...]
    enqueued_column: str


TASK_TABLE_SUFFIX = "dbtaskresult"


@dataclass(frozen=True)
class QueueState:
    """Rows waiting for a worker, and the age in seconds of the oldest (None: none wait)."""

    depth: int
    oldest_age: float | None


def queue_tables(alias: str = DEFAULT_DB_ALIAS) -> list[QueueTable]:
    """The queue tables present in the database."""
    names = connections[alias].introspection.table_names()
    return [
        QueueTable(name, "status", ("READY", "NEW"), "enqueued_at")
        for name in sorted(names)
        if name.endswith(TASK_TABLE_SUFFIX)
    ]


def _waiting(table: QueueTable, alias: str) -> tuple[int, datetime | None]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(table.waiting))
    sql = (
        f"SELECT COUNT(*), MIN({quote(table.enqueued_column)}) FROM {quote(table.table)} "
        f"WHERE {quote(table.status_column)} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, table.waiting)
        count, oldest = cursor.fetchone()
    if isinstance(oldest, str):  # SQLite hands back text for aggregates of datetimes
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and timezone.is_naive(oldest):
        oldest = timezone.make_aware(oldest, UTC)
    return int(count), oldest


def queue_state(
    *,
    now: datetime | None = None,
    tables: list[QueueTable] | None = None,
    alias: str = DEFAULT_DB_ALIAS,
) -> QueueState:
    """Depth and oldest age summed over ``tables`` (default: every queue table present)."""
    now = now or timezone.now()
    depth, oldest = 0, None
    for table in queue_tables(alias) if tables is None else tables:
        count, first = _waiting(table, alias)
        depth += count
        if first is not None and (oldest is None or first < oldest):
            oldest = first
    age = None if oldest is None else max(0.0, (now - oldest).total_seconds())
    return QueueState(depth=depth, oldest_age=age)
