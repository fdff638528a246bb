"""The background job that computes a match run (registered in ``AppConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from duijie.jobs.registry import job
from duijie.matchmaking.models import MatchRun
from duijie.matchmaking.services import JOB_KIND, execute_run


# Safe to run twice: a run replaces its own recommendations in one transaction.
@job(JOB_KIND, label=_("Match run"), retries=1, time_limit=900)
def run_matching(job_row: Any, report_progress: Any) -> None:
    """Compute the run named in the job's parameters; the run page shows the result."""
    run = MatchRun.objects.select_related("edition").get(pk=job_row.params["run"])
    report_progress(10, "")
    execute_run(run=run)
    return None
