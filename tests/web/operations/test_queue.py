"""Queue depth and oldest age, summed over whichever queue tables exist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from duijie.operations.queue import QueueState, QueueTable, queue_state, queue_tables

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 14, 10, 0, tzinfo=UTC)
TASKS = QueueTable("tests_dbtaskresult", "status", ("READY", "NEW"), "enqueued_at")


@pytest.fixture
def task_table():
    """A table shaped like the task framework's database backend's (status, enqueued_at)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE tests_dbtaskresult (id integer PRIMARY KEY, status varchar(10), "
            "enqueued_at timestamp with time zone)"
        )
    yield TASKS
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE tests_dbtaskresult")


def add_task(pk: int, status: str, enqueued: datetime) -> None:
    value = connection.ops.adapt_datetimefield_value(enqueued)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO tests_dbtaskresult (id, status, enqueued_at) VALUES (%s, %s, %s)",
            [pk, status, value],
        )


def test_an_absent_queue_counts_as_empty():
    assert queue_state(now=NOW, tables=[]) == QueueState(depth=0, oldest_age=None)


def test_task_tables_are_found_by_their_name(task_table):
    assert task_table in queue_tables()


def test_only_waiting_tasks_count_and_the_oldest_gives_the_age(task_table):
    add_task(1, "READY", NOW - timedelta(seconds=30))
    add_task(2, "NEW", NOW - timedelta(seconds=90))
    add_task(3, "RUNNING", NOW - timedelta(hours=2))
    add_task(4, "SUCCESSFUL", NOW - timedelta(hours=3))
    assert queue_state(now=NOW, tables=[task_table]) == QueueState(depth=2, oldest_age=90.0)


def test_an_empty_task_table_has_no_age(task_table):
    add_task(1, "FAILED", NOW - timedelta(seconds=30))
    assert queue_state(now=NOW, tables=[task_table]) == QueueState(depth=0, oldest_age=None)


def test_every_present_table_is_summed(task_table):
    add_task(1, "READY", NOW - timedelta(seconds=10))
    state = queue_state(now=NOW)
    assert state.depth >= 1
    assert state.oldest_age is not None and state.oldest_age >= 10.0


def test_the_task_frameworks_own_table_is_read():
    assert "django_tasks_database_dbtaskresult" in {table.table for table in queue_tables()}
