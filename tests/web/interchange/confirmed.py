"""The import job a confirmation started (tests run it at once: DUIJIE_TASKS=immediate)."""

from __future__ import annotations

from duijie.jobs.models import Job


def confirmed_job(response) -> Job:  # type: ignore[no-untyped-def]
    """The job behind the ``?job=<id>`` page a confirmation redirects to."""
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"].rsplit("?", 1)[1].startswith("job=")
    return Job.objects.get(pk=response["Location"].rsplit("job=", 1)[1])
