"""The 1:1 meeting scheduler (pure core).

``Scheduler(time_limit=..., seed=..., workers=2).solve(instance, previous=None)``
places accepted meeting requests into slots and tables; ``validate`` lists every
violation of any schedule using the same rule code as the solvers. See
docs/scheduling.md.
"""

from duijie_core.problems import Problem
from duijie_core.scheduling.generate import generate_instance
from duijie_core.scheduling.jsonio import instance_to_json, read_schedule, schedule_to_json
from duijie_core.scheduling.model import (
    Instance,
    Lock,
    Meeting,
    Participant,
    Request,
    Schedule,
    Slot,
    Stats,
    Travel,
    Unscheduled,
    Venue,
    Violation,
)
from duijie_core.scheduling.parse import InstanceError, read_instance
from duijie_core.scheduling.phrases import describe
from duijie_core.scheduling.solver import Scheduler
from duijie_core.scheduling.validate import validate

__all__ = [
    "Instance",
    "InstanceError",
    "Lock",
    "Meeting",
    "Participant",
    "Problem",
    "Request",
    "Schedule",
    "Scheduler",
    "Slot",
    "Stats",
    "Travel",
    "Unscheduled",
    "Venue",
    "Violation",
    "describe",
    "generate_instance",
    "instance_to_json",
    "read_instance",
    "read_schedule",
    "schedule_to_json",
    "validate",
]
