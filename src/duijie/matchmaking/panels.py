"""Matchmaking's navigation entries and home panels (registered in ``AppConfig.ready``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from duijie.accounts.home import HomePanel, register_panel
from duijie.accounts.navigation import STAFF, NavItem, register
from duijie.accounts.roles import Role
from duijie.catalogue.translated import pick
from duijie.matchmaking.labels import hide_ties, reason_texts
from duijie.matchmaking.models import Recommendation
from duijie.matchmaking.services import latest_run, suggested_projects, suggested_suppliers
from duijie.reference.models import Edition

PANEL_ROWS = 5
INVESTORS = frozenset({Role.INVESTOR})


def current_edition() -> Edition | None:
    """The edition marked current (the latest one if several are)."""
    return Edition.objects.filter(is_current=True).order_by("-starts_on").first()


def shown(
    recommendations: list[Recommendation], *, ties_detail: bool = False
) -> list[dict[str, object]]:
    """Recommendations with the project's name and the reasons in the reader's language;
    ties hidden unless ``ties_detail`` (only roles that may read personal data see
    people's hometowns or schools)."""
    language = translation.get_language()
    return [
        {
            "rec": r,
            "project_name": pick(r.project, "name") if r.project is not None else None,
            "reasons": reason_texts(hide_ties(r.reasons, ties_detail=ties_detail), language),
        }
        for r in recommendations
    ]


def investor_panel(request: HttpRequest) -> dict[str, object]:
    """The best published projects suggested to the user's investor organisation."""
    run = latest_run(current_edition())
    rows = list(suggested_projects(request.user, run)[:PANEL_ROWS])
    return {"match_rows": shown(rows), "match_run": run}


def buyer_panel(request: HttpRequest) -> dict[str, object]:
    """The best suppliers suggested to the user's buyer organisation."""
    run = latest_run(current_edition())
    rows = list(suggested_suppliers(request.user, run)[:PANEL_ROWS])
    return {"match_rows": shown(rows), "match_run": run}


def register_navigation() -> None:
    """Add matchmaking's links and panels."""
    register(
        NavItem(
            "matchmaking:runs",
            _("Matching"),
            STAFF,
            _("Run matching for an edition, see the load per investor, export."),
            order=30,
        )
    )
    register(
        NavItem(
            "matchmaking:weights",
            _("Matching weights"),
            STAFF,
            _("Fit the signal weights from outcomes and compare them."),
            order=31,
        )
    )
    register(
        NavItem(
            "matchmaking:feedback_list",
            _("Participants' feedback"),
            STAFF,
            _("What participants said about their suggestions, and why."),
            order=32,
        )
    )
    register(
        NavItem(
            "matchmaking:mine",
            _("Suggestions"),
            INVESTORS | {Role.PROJECT_OWNER},
            _("Projects, suppliers or buyers suggested to your organisation."),
            order=30,
        )
    )
    register_panel(
        HomePanel(
            "matchmaking.projects",
            "matchmaking/panels/projects.html",
            INVESTORS,
            investor_panel,
            order=15,
        )
    )
    register_panel(
        HomePanel(
            "matchmaking.suppliers",
            "matchmaking/panels/suppliers.html",
            INVESTORS,
            buyer_panel,
            order=16,
        )
    )
