"""Panels on a role's home page: each app registers its own in ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page for the listed roles, rendered from ``template_name``."""

    key: str
    template_name: str
    roles: frozenset[str]
    context: Callable[[HttpRequest], dict[str, object]] = field(default=lambda request: {})
    order: int = 100


_PANELS: dict[str, HomePanel] = {}


def register_panel(panel: HomePanel) -> None:
    """Add (or replace) a home panel."""
    _PANELS[panel.key] = panel


def panels_for(request: HttpRequest) -> list[dict[str, object]]:
    """The panels of the current user's role with their rendered context."""
    role = getattr(request.user, "role", None)
    chosen = sorted((p for p in _PANELS.values() if role in p.roles), key=lambda p: p.order)
    return [{"template_name": p.template_name, **p.context(request)} for p in chosen]
