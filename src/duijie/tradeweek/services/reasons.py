"""Why accepted requests are not scheduled, recomputed for the schedule as it stands.

The last solve stores its reasons; every later change made by cancelling, moving,
filling a table or taking a standby offer calls :func:`refresh_reasons`. Accepting a
request (with or without an instant placement) queues the same refresh as a background
job instead (:func:`queue_refresh`): accepting is the busiest action of the week, and
rebuilding every reason inside it doubled the load test's wall time. Accepts that
arrive while a refresh is still waiting in the queue share it.
"""

from __future__ import annotations

from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _

from duijie.jobs.models import Job
from duijie.jobs.services import enqueue
from duijie.reference.models import Edition
from duijie.tradeweek.services.schedule_store import store_reasons
from duijie.tradeweek.services.scheduling import build_instance, named_params
from duijie_core.scheduling import model as core
from duijie_core.scheduling.reasons import explain

REFRESH_KIND = "tradeweek.reasons"
REFRESH_LABEL = _("Not-scheduled reasons brought up to date")


def refresh_reasons(*, edition: Edition) -> int:
    """Recompute why each accepted request is not scheduled, for the schedule as it stands
    (after a cancellation, a move or a placement, not as the last solve left it).

    Side effects: ``unscheduled_code``/``unscheduled_params`` of the accepted requests.
    Returns how many are unscheduled.
    """
    built = build_instance(edition)
    current = built.previous or core.Schedule(())
    reasons = {
        built.requests[u.request].pk: (u.code, named_params(built, u.params))
        for u in explain(built.instance, current)
    }
    store_reasons(list(built.requests.values()), reasons)
    return len(reasons)


def queue_refresh(*, edition_id: int) -> Job | None:
    """Queue :func:`refresh_reasons` for the edition unless one is already waiting.

    Side effects: a job (run at once by the immediate backend in tests). Returns it, or
    None when a waiting one will do.
    """
    waiting = Job.objects.filter(
        kind=REFRESH_KIND, status=TaskResultStatus.READY, params__edition=edition_id
    )
    if waiting.exists():
        return None
    return enqueue(kind=REFRESH_KIND, params={"edition": edition_id})
