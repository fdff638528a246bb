"""The organiser's schedule grid: one venue and one day at a time, a row per meeting slot
and a cell per table, with live counts and each person's travel from their previous
meeting. Loaded in a fixed number of queries whatever the size of the day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from duijie.reference.models import Edition
from duijie.tradeweek.models import (
    Meeting,
    MeetingSeat,
    MeetingSlot,
    Participant,
    Venue,
)
from duijie.tradeweek.services.availability import TravelTable, travel_table
from duijie.tradeweek.services.weights import LIVE_MEETING

LOOK_BACK = timedelta(hours=12)
"""How far before the day's first slot a previous meeting still counts for travel."""


@dataclass(frozen=True)
class Arrival:
    """Where a person comes from before a meeting: their previous meeting that day at
    another venue, the travel time and the time they have; ``clash`` when too short."""

    person: Participant
    venue: Venue
    minutes_needed: int
    minutes_free: int

    @property
    def clash(self) -> bool:
        return self.minutes_free < self.minutes_needed


@dataclass(frozen=True)
class SeatView:
    """One side of a meeting on the grid."""

    seat: MeetingSeat
    late: bool


@dataclass(frozen=True)
class Cell:
    """A table in a slot: its meeting (if any) with both seats and arrivals."""

    table: int
    meeting: Meeting | None = None
    seats: tuple[SeatView, ...] = ()
    arrivals: tuple[Arrival, ...] = ()


@dataclass(frozen=True)
class Row:
    slot: MeetingSlot
    cells: tuple[Cell, ...]


@dataclass
class Grid:
    """The grid of one venue and day, the choices of venue and day, and live counts."""

    venue: Venue | None = None
    day: date | None = None
    venues: list[Venue] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    checked_in: int = 0
    running_late: int = 0
    empty_tables: int = 0
    clashes: int = 0


def local_day(slot: MeetingSlot) -> date:
    return slot.starts_at.astimezone(ZoneInfo(slot.venue.time_zone)).date()


def schedule_grid(
    *, edition: Edition, venue_id: int | None, day: date | None, now: datetime
) -> Grid:
    """The grid for ``venue_id`` on ``day`` (the first venue with slots and its first day
    when not given or unknown)."""
    slots = list(
        MeetingSlot.objects.filter(edition=edition).select_related("venue").order_by("starts_at")
    )
    grid = Grid(venues=sorted({s.venue for s in slots}, key=lambda v: (v.name, v.pk)))
    if not slots:
        return grid
    grid.venue = next((v for v in grid.venues if v.pk == venue_id), grid.venues[0])
    at_venue = [s for s in slots if s.venue_id == grid.venue.pk]
    grid.days = sorted({local_day(s) for s in at_venue})
    grid.day = day if day in grid.days else grid.days[0]
    shown = [s for s in at_venue if local_day(s) == grid.day]
    _fill(grid, shown, now, travel_table(edition))
    return grid


def _fill(grid: Grid, slots: list[MeetingSlot], now: datetime, travel: TravelTable) -> None:
    meetings = list(
        Meeting.objects.filter(slot__in=slots, status__in=LIVE_MEETING).select_related(
            "slot__venue", "request__requester__user", "request__recipient__user"
        )
    )
    seats = _seats_of(meetings)
    earlier = _day_of_people(meetings, slots)
    by_place = {(m.slot_id, m.table): m for m in meetings}
    tables = grid.venue.tables if grid.venue else 0
    for slot in slots:
        cells = []
        for table in range(1, tables + 1):
            meeting = by_place.get((slot.pk, table))
            cells.append(
                _cell(table, meeting, seats, earlier, travel, now) if meeting else Cell(table)
            )
        grid.rows.append(Row(slot, tuple(cells)))
    _count(grid, now)


def _seats_of(meetings: list[Meeting]) -> dict[int, list[MeetingSeat]]:
    found: dict[int, list[MeetingSeat]] = defaultdict(list)
    rows = MeetingSeat.objects.filter(meeting__in=meetings).select_related("participant__user")
    for seat in rows.order_by("pk"):
        found[seat.meeting_id].append(seat)
    return found


def _day_of_people(
    meetings: list[Meeting], slots: list[MeetingSlot]
) -> dict[int, list[MeetingSeat]]:
    """Every live seat of the grid's people from :data:`LOOK_BACK` before the day's first
    slot to its end (any venue), by person."""
    if not slots:
        return {}
    people = {p for m in meetings for p in (m.request.requester_id, m.request.recipient_id)}
    rows = (
        MeetingSeat.objects.filter(
            participant_id__in=people,
            slot__starts_at__gte=slots[0].starts_at - LOOK_BACK,
            slot__starts_at__lt=slots[-1].ends_at,
            meeting__status__in=LIVE_MEETING,
        )
        .select_related("slot__venue")
        .order_by("slot__starts_at")
    )
    found: dict[int, list[MeetingSeat]] = defaultdict(list)
    for seat in rows:
        found[seat.participant_id].append(seat)
    return found


def _cell(
    table: int,
    meeting: Meeting,
    seats: dict[int, list[MeetingSeat]],
    earlier: dict[int, list[MeetingSeat]],
    travel: TravelTable,
    now: datetime,
) -> Cell:
    started = meeting.slot.starts_at <= now < meeting.slot.ends_at
    views = tuple(
        SeatView(s, started and s.checked_in_at is None and not s.no_show)
        for s in seats.get(meeting.pk, [])
    )
    arrivals = tuple(
        a for s in seats.get(meeting.pk, []) if (a := _arrival(s, meeting, earlier, travel))
    )
    return Cell(table, meeting, views, arrivals)


def _arrival(
    seat: MeetingSeat,
    meeting: Meeting,
    earlier: dict[int, list[MeetingSeat]],
    travel: TravelTable,
) -> Arrival | None:
    before = [
        s for s in earlier.get(seat.participant_id, []) if s.slot.starts_at < meeting.slot.starts_at
    ]
    if not before or before[-1].slot.venue_id == meeting.slot.venue_id:
        return None
    previous = before[-1].slot
    needed = travel.get((previous.venue_id, meeting.slot.venue_id), 0)
    free = int((meeting.slot.starts_at - previous.ends_at).total_seconds() // 60)
    return Arrival(seat.participant, previous.venue, needed, free)


def _count(grid: Grid, now: datetime) -> None:
    for row in grid.rows:
        for cell in row.cells:
            if cell.meeting is None:
                grid.empty_tables += 1 if row.slot.ends_at > now else 0
                continue
            grid.checked_in += sum(1 for s in cell.seats if s.seat.checked_in_at is not None)
            grid.running_late += sum(1 for s in cell.seats if s.late)
            grid.clashes += sum(1 for a in cell.arrivals if a.clash)
