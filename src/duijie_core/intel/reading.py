"""One reading of a news document: repaired text, entities, amounts, dates and events.

Offsets are into the repaired text (end exclusive); :class:`~duijie_core.intel.repair.Repair`
maps them back to the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from duijie_core.intel.extract import Amount, DateMention, Event, amounts, dates, events, projects
from duijie_core.intel.ner import Entity
from duijie_core.intel.repair import Repair, repair


class EntityFinder(Protocol):
    def entities(self, text: str) -> list[Entity]: ...


@dataclass(frozen=True, slots=True)
class Reading:
    repair: Repair
    entities: tuple[Entity, ...]
    amounts: tuple[Amount, ...]
    dates: tuple[DateMention, ...]
    events: tuple[Event, ...]

    @property
    def text(self) -> str:
        return self.repair.text


def read_news(
    original: str, finder: EntityFinder | None = None, document_date: date | None = None
) -> Reading:
    """Repair ``original`` and read its facts (entities only when a ``finder`` is given)."""
    repaired = repair(original)
    text = repaired.text
    found_projects = projects(text)
    found_dates = dates(text, document_date)
    named = finder.entities(text) if finder is not None else []
    return Reading(
        repaired,
        tuple(sorted([*named, *found_projects])),
        tuple(amounts(text)),
        tuple(found_dates),
        tuple(events(text, document_date, found_dates=found_dates, found_projects=found_projects)),
    )


def reading_to_json(reading: Reading) -> dict[str, Any]:
    """The ``duijie intel extract --json`` document (docs/intel.md)."""
    return {
        "text": reading.text,
        "entities": [
            {"type": e.type, "text": e.text, "start": e.start, "end": e.end}
            for e in reading.entities
        ],
        "amounts": [a.to_json() for a in reading.amounts],
        "events": [e.to_json() for e in reading.events],
    }
