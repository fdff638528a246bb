"""Job kinds used by the jobs tests (registered on import)."""

from __future__ import annotations

import time

import pytest
from django.utils.translation import gettext_lazy

from duijie.jobs.models import Job
from duijie.jobs.phrases import phrase, register_phrases
from duijie.jobs.registry import JobRefused, JobResult, job

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes its database connection between tasks, as a long-running worker must
# (django-tasks-db's loop calls close_old_connections). Inside a test's transaction that
# would be the test's own connection (on PostgreSQL; SQLite's in-memory database ignores
# the close), so tests of the worker loop commit what they write, as production does,
# and the worker's fresh connection sees it: on both databases. The flush after such a
# test empties every table, so each one reloads the reference data it needs.
def worker_loop(test):  # type: ignore[no-untyped-def]
    """Mark a test that runs the worker loop: committed data, reference data present."""
    return pytest.mark.django_db(transaction=True)(pytest.mark.usefixtures("reference_data")(test))


@job("tests.echo", label="Echo", retries=1)
def echo(job_row, report_progress):  # type: ignore[no-untyped-def]
    report_progress(50, "half way")
    assert Job.objects.get(pk=job_row.pk).progress == 50
    return JobResult("echo.txt", job_row.params["text"].encode())


@job("tests.fail", label="Fail")
def fail(job_row, report_progress):  # type: ignore[no-untyped-def]
    raise ValueError("broken input")


@job("tests.flaky", label="Flaky", retries=2)
def flaky(job_row, report_progress):  # type: ignore[no-untyped-def]
    """Fails on its first ``params["failures"]`` attempts, then succeeds."""
    if job_row.attempts <= job_row.params["failures"]:
        raise ConnectionError(f"attempt {job_row.attempts} lost the mail server")
    return JobResult("flaky.txt", b"ok")


@job("tests.slow", label="Slow", retries=2, time_limit=1)
def slow(job_row, report_progress):  # type: ignore[no-untyped-def]
    time.sleep(30)  # interrupted by the 1 s limit; never reached in a passing test


@job("tests.swallowing", label="Swallowing", retries=2, time_limit=1)
def swallowing(job_row, report_progress):  # type: ignore[no-untyped-def]
    """Work that catches every error of its own steps, as a renderer does with a failed
    image or font: the time limit must still stop it."""
    for _step in range(30):
        try:
            time.sleep(1)
        except Exception:  # the point of the test: every error of a step is caught
            continue


@job("tests.nothing", label="Nothing")
def nothing(job_row, report_progress):  # type: ignore[no-untyped-def]
    report_progress(250, "x" * 400)
    assert Job.objects.get(pk=job_row.pk).progress == 100
    assert len(Job.objects.get(pk=job_row.pk).message) == 300


# Sentences the project translates already, under codes of the tests.
register_phrases(
    {
        "tests.checking": gettext_lazy("Reading the file and checking it against the preview."),
        "tests.imported": gettext_lazy("Imported %(count)s chains."),
    }
)


@job("tests.phrased", label="Phrased")
def phrased(job_row, report_progress):  # type: ignore[no-untyped-def]
    """Reports a phrase, then ends with another one, or refuses with the first."""
    report_progress(40, phrase("tests.checking"))
    if job_row.params.get("refuse"):
        raise JobRefused(phrase("tests.checking"), "/again/")
    report_progress(100, phrase("tests.imported", count=3))
