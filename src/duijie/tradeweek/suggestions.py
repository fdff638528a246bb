"""The hook through which the matching engine offers meeting suggestions.

Until the matchmaking app provides ``duijie.matchmaking.services.suggestions_for``,
participants get no suggestions and search instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Suggestion:
    """Someone worth meeting, with the matching engine's score and reason."""

    participant_id: int
    score: float
    reason: str = ""


def suggestions_for(participant: object, *, limit: int = 10) -> list[Suggestion]:
    """Suggested counterparts for ``participant``; empty until matching exists."""
    try:
        module = import_module("duijie.matchmaking.services")
    except ImportError:
        return []
    provider = getattr(module, "tradeweek_suggestions", None)
    if provider is None:
        return []
    return list(provider(participant=participant, limit=limit))
