"""Sections that apps above the pipeline add to the leadership dashboard and the deal page.

The dashboard lives in the pipeline, below the apps that have something to show on it
(the industry chains): they register a :class:`DashboardSection` in ``AppConfig.ready``,
the dashboard renders each one after its own figures. The deal page does the same with
:class:`DealSection` (the parks app's site suggestions). The pipeline imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from duijie.pipeline.models import Deal


@dataclass(frozen=True)
class DashboardSection:
    """A block of the dashboard rendered from ``template_name`` with ``context(request)``."""

    template_name: str
    context: Callable[[HttpRequest], dict[str, object]]


_SECTIONS: dict[str, DashboardSection] = {}


def register_section(section: DashboardSection) -> None:
    """Add (or replace) the section of ``section.template_name``."""
    _SECTIONS[section.template_name] = section


def sections_for(request: HttpRequest) -> list[dict[str, object]]:
    """Every registered section with its context, in registration order."""
    return [{"template_name": s.template_name, **s.context(request)} for s in _SECTIONS.values()]


@dataclass(frozen=True)
class DealSection:
    """A block of the deal page rendered from ``template_name`` with ``context(request, deal)``."""

    template_name: str
    context: Callable[[HttpRequest, Deal], dict[str, object]]


_DEAL_SECTIONS: dict[str, DealSection] = {}


def register_deal_section(section: DealSection) -> None:
    """Add (or replace) the deal-page section of ``section.template_name``."""
    _DEAL_SECTIONS[section.template_name] = section


def deal_sections_for(request: HttpRequest, deal: Deal) -> list[dict[str, object]]:
    """Every registered deal-page section with its context, in registration order."""
    return [
        {"template_name": s.template_name, **s.context(request, deal)}
        for s in _DEAL_SECTIONS.values()
    ]
