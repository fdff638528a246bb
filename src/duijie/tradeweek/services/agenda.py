"""A participant's agenda (registered events and meetings) for the page, the PDF and
the iCalendar feed.

Calendar UIDs are stable (``meeting-<request>@…`` survives re-solves because a
request keeps one Meeting row; ``registration-<pk>@…``) and SEQUENCE is the row's
change counter, so calendar apps update entries instead of duplicating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from duijie.catalogue.translated import pick
from duijie.tradeweek.models import (
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Participant,
    Registration,
    RegistrationStatus,
    StandbyOffer,
    StandbyStatus,
)
from duijie.tradeweek.services.onsite import meetings_of

UID_DOMAIN = "duijie.tradeweek"


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda: an event or a meeting, in the venue's time zone."""

    uid: str
    sequence: int
    start: datetime
    end: datetime
    title: str
    venue: str
    time_zone: str
    cancelled: bool = False
    table: int | None = None
    counterpart: Participant | None = None
    meeting: Meeting | None = None
    seat: MeetingSeat | None = None
    registration: Registration | None = None


def _event_items(user_id: int, edition_id: int) -> list[AgendaItem]:
    rows = Registration.objects.filter(
        user_id=user_id,
        event__edition_id=edition_id,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED],
    ).select_related("event__venue")
    return [
        AgendaItem(
            uid=f"registration-{r.pk}@{UID_DOMAIN}",
            sequence=r.event.sequence + (r.status == "cancelled"),
            start=r.event.starts_at,
            end=r.event.ends_at,
            title=r.event.shown_title,
            venue=r.event.venue.shown_name,
            time_zone=r.event.venue.time_zone,
            cancelled=r.status == RegistrationStatus.CANCELLED,
            registration=r,
        )
        for r in rows
    ]


def _meeting_items(participant: Participant) -> list[AgendaItem]:
    meetings = Meeting.objects.filter(meetings_of(participant)).select_related(
        "slot__venue",
        "request__requester__user",
        "request__requester__organisation",
        "request__requester__project__edition",
        "request__recipient__user",
        "request__recipient__organisation",
        "request__recipient__project__edition",
    )
    seats = {s.meeting_id: s for s in MeetingSeat.objects.filter(participant=participant)}
    items = []
    for m in meetings:
        request = m.request
        other = request.recipient if request.requester_id == participant.pk else request.requester
        items.append(
            AgendaItem(
                uid=f"meeting-{request.pk}@{UID_DOMAIN}",
                sequence=m.sequence,
                start=m.slot.starts_at,
                end=m.slot.ends_at,
                title=str(other),
                venue=m.slot.venue.shown_name,
                time_zone=m.slot.venue.time_zone,
                cancelled=m.status == MeetingStatus.CANCELLED,
                table=m.table,
                counterpart=other,
                meeting=m,
                seat=seats.get(m.pk),
            )
        )
    return items


def agenda_for(
    *,
    user_id: int,
    edition_id: int,
    participant: Participant | None,
    include_cancelled: bool = False,
) -> list[AgendaItem]:
    """A person's registered events and (if a participant) meetings in time order."""
    items = _event_items(user_id, edition_id)
    if participant is not None:
        items += _meeting_items(participant)
    if not include_cancelled:
        items = [item for item in items if not item.cancelled]
    return sorted(items, key=lambda item: (item.start, item.uid))


def open_offers(participant: Participant) -> list[StandbyOffer]:
    """Freed slots offered to the participant's waiting requests (slots not yet started)."""
    return list(
        StandbyOffer.objects.filter(status=StandbyStatus.OPEN, slot__starts_at__gt=timezone.now())
        .filter(meetings_of(participant))
        .select_related("slot__venue", "request__requester__user", "request__recipient__user")
    )


def _counterpart_line(other: Participant) -> str:
    organisation = other.organisation.name if other.organisation else ""
    return f"{other} · {organisation}" if organisation else str(other)


def calendar_summary(item: AgendaItem) -> str:
    """The entry's title: who (and their organisation) and the labelled table."""
    if item.counterpart is None:
        return item.title
    return _("Meeting with %(who)s · Table %(table)s") % {
        "who": _counterpart_line(item.counterpart),
        "table": item.table,
    }


def calendar_description(item: AgendaItem, url: str) -> str:
    """The entry's body: counterpart, organisation, project, venue and table, agenda link."""
    lines = []
    other = item.counterpart
    if other is not None:
        lines.append(_("Meeting with: %(name)s") % {"name": other})
        if other.organisation:
            lines.append(_("Organisation: %(name)s") % {"name": other.organisation.name})
        if other.project:
            lines.append(_("Project: %(name)s") % {"name": pick(other.project, "name").text})
    lines.append(_("Venue: %(name)s") % {"name": item.venue})
    if item.table is not None:
        lines.append(_("Table: %(table)s") % {"table": item.table})
    if url:
        lines.append(url)
    return "\n".join(lines)


def _calendar_event(item: AgendaItem, stamp: datetime, url: str) -> CalendarEvent:
    zone = ZoneInfo(item.time_zone)
    entry = CalendarEvent()
    entry.add("uid", item.uid)
    entry.add("sequence", item.sequence)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", item.start.astimezone(zone))
    entry.add("dtend", item.end.astimezone(zone))
    entry.add("summary", calendar_summary(item))
    entry.add("description", calendar_description(item, url))
    entry.add("location", item.venue)
    entry.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if url:
        entry.add("url", url)
    return entry


def calendar_for(participant: Participant, *, url: str = "", now: datetime | None = None) -> bytes:
    """The participant's agenda as an RFC 5545 calendar with VTIMEZONE components; every
    event links to `url` (the absolute agenda page, ``duijie.localised.absolute_url``).
    Texts are in the participant's own language (calendar apps send none)."""
    with translation.override(participant.user.language or settings.LANGUAGE_CODE):
        return _calendar(participant, url=url, now=now)


def _calendar(participant: Participant, *, url: str, now: datetime | None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Duijie//Trade week agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(participant.edition))
    stamp = (now or timezone.now()).astimezone(ZoneInfo("UTC"))
    items = agenda_for(
        user_id=participant.user_id,
        edition_id=participant.edition_id,
        participant=participant,
        include_cancelled=True,
    )
    for item in items:
        calendar.add_component(_calendar_event(item, stamp, url))
    year = participant.edition.starts_on.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return bytes(calendar.to_ical())
