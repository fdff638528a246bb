"""Who may follow and download a job (the person who started it, and agency staff),
and who sees the page of recent tasks (agency staff)."""

from __future__ import annotations

import rules

from duijie.accounts.rules import is_organiser


@rules.predicate
def started_job(user: object, job: object) -> bool:
    """The user created the job."""
    return job is not None and getattr(job, "created_by_id", None) == getattr(user, "pk", False)


can_view_job = rules.is_authenticated & (started_job | is_organiser)

rules.add_perm("jobs.view_job", can_view_job)
rules.add_perm("jobs.view_recent", is_organiser)
