"""The background task that recomputes every firm's placement on the chain links."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duijie.chains.adapters import HOME_REGION, kept_analysis, resolve_region
from duijie.chains.services import place_firms
from duijie.jobs.models import Job
from duijie.jobs.phrases import phrase, register_phrases
from duijie.jobs.registry import JobResult, ProgressReporter, job

JOB_KIND = "chains.place_firms"
register_phrases({"chains.placed": _("Placed %(count)s firms on the chain links.")})


@job(JOB_KIND, label=_("Place firms on chain links"), retries=1, time_limit=1800)
def place_all_firms(job_row: Job, report_progress: ProgressReporter) -> JobResult | None:
    """Place every directory firm again (after a chain was edited or firms imported)."""
    report_progress(0, "")
    written = place_firms()
    report_progress(90, phrase("chains.placed", count=written))
    kept_analysis(resolve_region(HOME_REGION))  # the first view after placing is not the slow one
    report_progress(100, phrase("chains.placed", count=written))
    return None
