"""Aftercare: follow-up visits to existing investors and the issues they raise.

Reinvestment by investors already in the region is a large share of new
investment, so visits and issues are logged like deals.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from duijie.pipeline.models import AftercareIssue, AftercareVisit
from duijie.pipeline.phrases import PipelineError
from duijie_core.problems import Problem


def _not_future(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise PipelineError([Problem("date_in_future", {"date": on.isoformat()})])


@transaction.atomic
def record_visit(*, organisation, staff, visited_on: dt.date, summary: str, today: dt.date,
                 deal=None, reinvestment_interest: bool = False,
                 is_demo: bool = False) -> AftercareVisit:  # fmt: skip
    """Log a follow-up visit. Side effects: creates an AftercareVisit."""
    _not_future(visited_on, today)
    return AftercareVisit.objects.create(
        organisation=organisation, staff=staff, visited_on=visited_on, summary=summary.strip(),
        deal=deal, reinvestment_interest=reinvestment_interest, is_demo=is_demo,
    )  # fmt: skip


@transaction.atomic
def raise_issue(*, organisation, owner, raised_on: dt.date, title: str, today: dt.date,
                details: str = "", visit=None,
                is_demo: bool = False) -> AftercareIssue:  # fmt: skip
    """Log an issue an investor raised. Side effects: creates an open AftercareIssue."""
    _not_future(raised_on, today)
    return AftercareIssue.objects.create(
        organisation=organisation, owner=owner, raised_on=raised_on, title=title.strip(),
        details=details.strip(), visit=visit, is_demo=is_demo,
    )  # fmt: skip


@transaction.atomic
def resolve_issue(*, issue: AftercareIssue, resolved_on: dt.date, resolution: str,
                  today: dt.date) -> AftercareIssue:  # fmt: skip
    """Close an issue. Side effects: saves status, date and resolution."""
    _not_future(resolved_on, today)
    issue.status = AftercareIssue.Status.RESOLVED
    issue.resolved_on, issue.resolution = resolved_on, resolution.strip()
    issue.save(update_fields=["status", "resolved_on", "resolution"])
    return issue
