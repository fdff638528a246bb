"""Frozen dataclasses of the 1:1 meeting scheduler: the instance and the schedule.

An :class:`Instance` holds meeting slots (a time window at a venue), venues with
their tables, travel times between venues, participants with their availability
and the accepted meeting requests. A :class:`Schedule` places requests into
slots and tables and lists every request it could not place, with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from duijie_core.problems import Problem

Params = Mapping[str, str | int | float]
Placement = tuple[str, str]
"""A request placed into a slot: ``(request_id, slot_id)``."""


Violation = Problem


@dataclass(frozen=True)
class Slot:
    """A meeting time window at one venue; times carry their UTC offset."""

    id: str
    start: datetime
    end: datetime
    venue: str
    session: str | None = None
    """The session (event) the slot belongs to; None for a slot outside any session."""


@dataclass(frozen=True)
class Venue:
    """A venue and its table ids (``numbered`` when given as a table count)."""

    id: str
    tables: tuple[str, ...]
    numbered: bool = True


@dataclass(frozen=True)
class Travel:
    """Minutes needed to get from one venue to another."""

    origin: str
    destination: str
    minutes: int


@dataclass(frozen=True)
class Participant:
    """A person who meets; ``available`` is None when available for every slot."""

    id: str
    available: frozenset[str] | None = None
    max_meetings: int | None = None


@dataclass(frozen=True)
class Lock:
    """A meeting the organisers fixed to a slot (and optionally a table)."""

    slot: str
    table: str | None = None


@dataclass(frozen=True)
class Request:
    """An accepted request for a 1:1 meeting between participants ``a`` and ``b``."""

    id: str
    a: str
    b: str
    weight: float = 1.0
    lock: Lock | None = None
    mandatory: bool = False
    """An organiser's meeting: outranks every optional request in every solve."""
    sessions: frozenset[str] | None = None
    """The sessions that may host this meeting (they host its kind and both people are
    registered or invited there); None for any. Slots outside a session always may."""

    def may_use(self, slot: Slot) -> bool:
        """Whether the meeting may take place in ``slot`` as far as sessions go."""
        return slot.session is None or self.sessions is None or slot.session in self.sessions

    @property
    def people(self) -> tuple[str, str]:
        """Both participants of the meeting."""
        return (self.a, self.b)


@dataclass(frozen=True)
class Instance:
    """Everything the scheduler needs; lookups are built lazily."""

    slots: tuple[Slot, ...]
    venues: tuple[Venue, ...]
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    travel: tuple[Travel, ...] = ()

    @cached_property
    def slot_by_id(self) -> dict[str, Slot]:
        """Slots by id."""
        return {slot.id: slot for slot in self.slots}

    @cached_property
    def venue_by_id(self) -> dict[str, Venue]:
        """Venues by id."""
        return {venue.id: venue for venue in self.venues}

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        """Participants by id."""
        return {person.id: person for person in self.participants}

    @cached_property
    def request_by_id(self) -> dict[str, Request]:
        """Requests by id."""
        return {request.id: request for request in self.requests}

    @cached_property
    def requests_of(self) -> dict[str, list[Request]]:
        """The requests each participant is part of."""
        found: dict[str, list[Request]] = {person.id: [] for person in self.participants}
        for request in self.requests:
            for person in request.people:
                found.setdefault(person, []).append(request)
        return found

    def tables_at(self, slot_id: str) -> int:
        """How many tables the venue of a slot has."""
        return len(self.venue_by_id[self.slot_by_id[slot_id].venue].tables)

    def is_available(self, person_id: str, slot_id: str) -> bool:
        """Whether a participant can meet in a slot (unknown people cannot)."""
        person = self.participant_by_id.get(person_id)
        if person is None:
            return False
        return person.available is None or slot_id in person.available

    def travel_minutes(self, origin: str, destination: str) -> int:
        """Travel time between venues; symmetric when one direction is given, else 0."""
        return self._travel_table.get((origin, destination), 0)

    @cached_property
    def clashes_with(self) -> dict[str, frozenset[str]]:
        """For each slot, the other slots one person cannot also attend.

        Two slots clash when their times overlap or when the gap between them is
        shorter than the travel time between their venues.
        """
        found: dict[str, set[str]] = {slot.id: set() for slot in self.slots}
        ordered = sorted(self.slots, key=lambda slot: (slot.start, slot.id))
        longest = max((leg.minutes for leg in self.travel), default=0)
        for index, first in enumerate(ordered):
            for second in ordered[index + 1 :]:
                if (second.start - first.end).total_seconds() >= longest * 60:
                    break
                if self.clash_kind(first, second) is not None:
                    found[first.id].add(second.id)
                    found[second.id].add(first.id)
        return {slot_id: frozenset(others) for slot_id, others in found.items()}

    def clash_kind(self, first: Slot, second: Slot) -> str | None:
        """``"overlap"``, ``"travel"`` or None for two different slots."""
        if first.start < second.end and second.start < first.end:
            return "overlap"
        earlier, later = (first, second) if first.start <= second.start else (second, first)
        gap = (later.start - earlier.end).total_seconds() / 60
        if gap < self.travel_minutes(earlier.venue, later.venue):
            return "travel"
        return None

    @cached_property
    def _travel_table(self) -> dict[tuple[str, str], int]:
        table: dict[tuple[str, str], int] = {}
        for leg in self.travel:
            table.setdefault((leg.destination, leg.origin), leg.minutes)
        for leg in self.travel:
            table[(leg.origin, leg.destination)] = leg.minutes
        return table


@dataclass(frozen=True)
class Meeting:
    """A scheduled meeting: a request in a slot at a table of the slot's venue."""

    request: str
    slot: str
    venue: str
    table: str

    @property
    def placement(self) -> Placement:
        """The (request, slot) pair the solver decides on."""
        return (self.request, self.slot)


@dataclass(frozen=True)
class Unscheduled:
    """A request the schedule could not place, with the reason as code and params."""

    request: str
    code: str
    params: Params = field(default_factory=dict)


@dataclass(frozen=True)
class Displaced:
    """An earlier meeting a re-solve took out of its slot to place a mandatory one.

    ``slot`` is where it went instead, or None when it could not be placed again.
    """

    request: str
    mandatory: str
    slot: str | None = None


@dataclass(frozen=True)
class Stats:
    """Quality figures of a schedule."""

    scheduled_weight: float
    upper_bound: float
    ratio: float
    meetings_min: int
    meetings_mean: float
    zero_meeting_participants: int
    moved: int
    status: str
    seconds: float
    scheduled: int
    requests: int
    idle_gaps: int


@dataclass(frozen=True)
class Schedule:
    """A schedule: meetings, unscheduled requests with reasons, and stats."""

    meetings: tuple[Meeting, ...]
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: Stats | None = None
    displaced: tuple[Displaced, ...] = ()
