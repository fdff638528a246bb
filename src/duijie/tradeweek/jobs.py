"""The background job that solves the week's meeting schedule (registered in ``AppConfig.ready``).

The staff schedule page enqueues it (the solver may run for up to 600 s, far
longer than a request should) and follows its progress through HTMX.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duijie.accounts.models import User
from duijie.jobs.models import Job
from duijie.jobs.registry import ProgressReporter, job
from duijie.jobs.services import enqueue
from duijie.reference.models import Edition
from duijie.tradeweek.services import scheduling
from duijie.tradeweek.services.reasons import REFRESH_KIND, REFRESH_LABEL, refresh_reasons

SOLVE_KIND = "tradeweek.schedule"
# Reading the week and saving the placements, on top of the solver's own limit.
SOLVE_MARGIN = 300


# Safe to run twice: the placements are saved in one transaction, and a re-solve
# keeps the schedule it finds where it can.
@job(SOLVE_KIND, label=_("Meeting schedule solve"), retries=1, time_limit=600 + SOLVE_MARGIN)
def solve_schedule(job_row: Job, report_progress: ProgressReporter) -> None:
    """Solve and save the schedule of the edition in the job's parameters."""
    edition = Edition.objects.get(pk=job_row.params["edition"])
    by = User.objects.filter(pk=job_row.created_by_id).first()
    report_progress(5, "")
    scheduling.schedule_edition(
        edition=edition, by=by, time_limit=float(job_row.params["time_limit"])
    )


# Safe to run twice: it recomputes every reason from the schedule as it stands.
@job(REFRESH_KIND, label=REFRESH_LABEL, retries=1, time_limit=300)
def refresh_schedule_reasons(job_row: Job, report_progress: ProgressReporter) -> None:
    """Recompute the "not scheduled" reasons of the edition in the job's parameters."""
    edition = Edition.objects.filter(pk=job_row.params["edition"]).first()
    if edition is not None:
        refresh_reasons(edition=edition)


def enqueue_solve(*, edition: Edition, user: User, time_limit: int) -> Job:
    """Queue a solve of ``edition`` with the solver's ``time_limit`` in seconds.

    Side effects: a :class:`Job` and its task (the schedule is written when it runs).
    """
    return enqueue(
        kind=SOLVE_KIND,
        params={"edition": edition.pk, "time_limit": time_limit},
        user=user,
        limit=time_limit + SOLVE_MARGIN,
        result_url=reverse("tradeweek:staff_schedule"),
    )
