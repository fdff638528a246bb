"""What the scheduler weighs: each request's weight and which meetings are live."""

from __future__ import annotations

from duijie.tradeweek.conf import WEIGHTS
from duijie.tradeweek.models import MeetingRequest, MeetingStatus

LIVE_MEETING = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)
"""Meeting statuses that hold a table (cancelled ones do not)."""


def request_weight(request: MeetingRequest) -> float:
    """The scheduler weight of a request (see :data:`duijie.tradeweek.conf.WEIGHTS`)."""
    return WEIGHTS["mandatory"] if request.mandatory else WEIGHTS.get(request.preference, 1.0)
