"""Speakers, moderators and hosts of the programme's events, as readers see them.

What is shown is public by being on stage: a name, a title and an organisation. For a
person of the directory that is their name (and English name), the title typed for the
event or else their current affiliation's title, and the organisation typed, else the
event role's organisation, else that affiliation's. None of the directory's personal
fields (contacts, hometown, location, schools, year of birth: ``directory.privacy``)
is read, so no access record is written. Writes go through :func:`save_speakers`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from duijie.directory.models import Affiliation
from duijie.tradeweek.models import Event, EventSpeaker, SpeakerRole
from duijie_core.text import normalise


@dataclass(frozen=True)
class SpeakerLine:
    """One speaker or host of an event as the programme shows it."""

    role: str
    role_label: str
    name: str
    english_name: str
    title: str
    organisation: str

    def matches(self, wanted: str) -> bool:
        """Whether ``wanted`` (normalised: script, width, case) is in a name or organisation."""
        return any(
            wanted in normalise(text) for text in (self.name, self.english_name, self.organisation)
        )


def _current_affiliation(role: EventSpeaker) -> Affiliation | None:
    found = list(role.person.affiliations.all()) if role.person is not None else []
    current = [a for a in found if a.ended_on is None]
    return (current or found or [None])[0]


def line_of(role: EventSpeaker, *, english: bool) -> SpeakerLine:
    """``role`` for a reader (``english``: the English title and names where typed)."""
    job = _current_affiliation(role)
    person, organisation = role.person, role.organisation
    name = role.name or (person.name if person else "")
    if not name:  # an organisation as host: it is the name
        name = organisation.name if organisation is not None else role.organisation_name
        return SpeakerLine(role.role, str(SpeakerRole(role.role).label), name, "", "", "")
    title = (role.title_en if english else "") or role.title or (job.title if job else "")
    company = role.organisation_name or (
        organisation.name if organisation else (job.organisation_name if job else "")
    )
    english_name = (person.name_en if person and english and not role.name else "") or ""
    return SpeakerLine(
        role.role, str(SpeakerRole(role.role).label), name, english_name, title, company
    )


def speakers_by_event(event_ids: Iterable[int], *, english: bool) -> dict[int, list[SpeakerLine]]:
    """Every event's speakers and hosts in their order (three queries for any number)."""
    rows = (
        EventSpeaker.objects.filter(event_id__in=list(event_ids))
        .select_related("person", "organisation")
        .prefetch_related(Prefetch("person__affiliations", queryset=Affiliation.objects.all()))
        .order_by("event_id", "order", "pk")
    )
    found: dict[int, list[SpeakerLine]] = defaultdict(list)
    for row in rows:
        found[row.event_id].append(line_of(row, english=english))
    return dict(found)


def events_with_speaker(lines: dict[int, list[SpeakerLine]], text: str) -> set[int]:
    """The events one of whose speakers or hosts matches ``text`` (any script)."""
    wanted = normalise(text)
    return {event for event, found in lines.items() if any(s.matches(wanted) for s in found)}


@transaction.atomic
def save_speakers(
    *, event: Event, rows: Sequence[EventSpeaker], removed: Sequence[EventSpeaker]
) -> None:
    """Store the event's speakers and hosts as edited (numbered in the order given).

    Side effects: saves ``rows`` (their history rows record who changed what through
    simple-history's request user) and deletes ``removed``.
    """
    for row in removed:
        if row.pk is not None:
            row.delete()
    for number, row in enumerate(rows, 1):
        row.event = event
        row.order = number
        row.save()
