"""Small instances for the scheduler tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).parents[3] / "examples" / "schedule" / "instance.json"


def slot(slot_id: str, start: str, end: str, venue: str = "v1") -> dict[str, Any]:
    """A slot on 2026-05-14 in Hong Kong time."""
    return {
        "id": slot_id,
        "start": f"2026-05-14T{start}:00+08:00",
        "end": f"2026-05-14T{end}:00+08:00",
        "venue": venue,
    }


@pytest.fixture
def example_data() -> dict[str, Any]:
    """The documented example instance as parsed JSON."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def two_venue_data() -> dict[str, Any]:
    """Two venues 30 minutes apart, four slots, three people, three requests."""
    return {
        "slots": [
            slot("s1", "09:00", "09:30", "v1"),
            slot("s2", "09:40", "10:10", "v2"),
            slot("s3", "09:15", "09:45", "v1"),
            slot("s4", "11:00", "11:30", "v1"),
        ],
        "venues": [{"id": "v1", "tables": 1}, {"id": "v2", "tables": ["T1"]}],
        "travel_minutes": [{"from": "v1", "to": "v2", "minutes": 30}],
        "participants": [
            {"id": "a", "available": None, "max_meetings": 2},
            {"id": "b", "available": None},
            {"id": "c", "available": ["s1", "s2", "s4"]},
        ],
        "requests": [
            {"id": "r1", "a": "a", "b": "b", "weight": 2},
            {"id": "r2", "a": "a", "b": "c", "weight": 1},
            {"id": "r3", "a": "b", "b": "c"},
        ],
    }
