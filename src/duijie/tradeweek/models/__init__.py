"""The trade week: programme (venues, events, registrations, the meeting slot grid),
participants, meeting requests, scheduled meetings with their seats, and outcomes.

Split by concept into modules; every model keeps its ``tradeweek`` app label and is
importable from here. Double booking is refused by the database itself: one live
meeting per (slot, table) and one seat per (slot, participant)
(:class:`MeetingSeat`). Times are aware datetimes; pages show them in the venue's
time zone.
"""

from duijie.tradeweek.models.meetings import (
    Meeting,
    MeetingSeat,
    MeetingStatus,
    NextStep,
    Outcome,
    ScheduleRun,
    StandbyOffer,
    StandbyStatus,
)
from duijie.tradeweek.models.participants import (
    Participant,
    ParticipantKind,
    RequestQuota,
    WeekRules,
    new_calendar_token,
)
from duijie.tradeweek.models.programme import (
    City,
    Event,
    EventKind,
    EventSpeaker,
    MeetingKind,
    MeetingSlot,
    Registration,
    RegistrationRule,
    RegistrationStatus,
    SpeakerRole,
    TravelTime,
    Venue,
)
from duijie.tradeweek.models.requests import (
    OPEN_REQUEST_STATUSES,
    MeetingRequest,
    Preference,
    RequestSource,
    RequestStatus,
)

__all__ = [
    "OPEN_REQUEST_STATUSES",
    "City",
    "Event",
    "EventKind",
    "EventSpeaker",
    "Meeting",
    "MeetingKind",
    "MeetingRequest",
    "MeetingSeat",
    "MeetingSlot",
    "MeetingStatus",
    "NextStep",
    "Outcome",
    "Participant",
    "ParticipantKind",
    "Preference",
    "Registration",
    "RegistrationRule",
    "RegistrationStatus",
    "RequestQuota",
    "RequestSource",
    "RequestStatus",
    "ScheduleRun",
    "SpeakerRole",
    "StandbyOffer",
    "StandbyStatus",
    "TravelTime",
    "Venue",
    "WeekRules",
    "new_calendar_token",
]
