"""The job status partial (polled by HTMX while the job runs) and the result download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from duijie.jobs.models import Job, JobStatus


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
    if job.status != JobStatus.DONE or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name or None
    )
