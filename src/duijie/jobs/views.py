"""The job status partial (polled by HTMX while the job runs), the result download,
and the staff page of recent tasks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from duijie.accounts.access import permission_required
from duijie.jobs.models import Job
from duijie.jobs.registry import label_of

RECENT = 100


def job_id_in(request: HttpRequest) -> int | None:
    """The job named by the page's ``?job=`` parameter, if it is a number."""
    raw = request.GET.get("job", "")
    return int(raw) if raw.isdigit() else None


def _job_for(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not request.user.has_perm("jobs.view_job", job):
        raise Http404
    return job


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; the fragment polls itself every 2 s until the job is finished."""
    return render(request, "jobs/status.html", {"job": _job_for(request, pk)})


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The finished job's file."""
    job = _job_for(request, pk)
    if not job.is_successful or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name or None
    )


@permission_required("jobs.view_recent")
def recent(request: HttpRequest) -> HttpResponse:
    """The latest background tasks: kind, status, who started it, when, how long, why it failed."""
    jobs = list(Job.objects.select_related("created_by")[:RECENT])
    rows = [(job, label_of(job.kind), _duration(job)) for job in jobs]
    return render(request, "jobs/recent.html", {"rows": rows})


def _duration(job: Job) -> float | None:
    if job.started_at is None or job.finished_at is None:
        return None
    return (job.finished_at - job.started_at).total_seconds()
