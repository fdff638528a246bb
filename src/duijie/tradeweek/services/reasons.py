"""Why accepted requests are not scheduled, recomputed for the schedule as it stands.

The last solve stores its reasons; every later change made by cancelling, moving,
filling a table or taking a standby offer calls :func:`refresh_reasons`. An instant
placement on accept only clears the placed request's own reason (accepting is the
busiest action; rebuilding all reasons there doubled the load test's wall time).
"""

from __future__ import annotations

from duijie.reference.models import Edition
from duijie.tradeweek.services.schedule_store import store_reasons
from duijie.tradeweek.services.scheduling import build_instance, named_params
from duijie_core.scheduling import model as core
from duijie_core.scheduling.reasons import explain


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
