"""The catalogue's navigation entries and home panels (registered in ``AppConfig.ready``)."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duijie.accounts.home import HomePanel, register_panel
from duijie.accounts.navigation import STAFF, NavItem, register
from duijie.accounts.roles import Role


def owner_panel(request: HttpRequest) -> dict[str, object]:
    """The project owner's projects and their states."""
    from duijie.catalogue.models import Project

    return {
        "projects": list(
            Project.objects.filter(owner_user=request.user).order_by("-updated_at")[:10]
        )
    }


def staff_panel(request: HttpRequest) -> dict[str, object]:
    """How many projects wait for review or publication."""
    from duijie.catalogue.models import Project, Status

    counts = dict(
        Project.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED])
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return {
        "submitted": counts.get(Status.SUBMITTED, 0),
        "approved": counts.get(Status.APPROVED, 0),
    }


def register_navigation() -> None:
    """Add the catalogue's links and panels."""
    owner = frozenset({Role.PROJECT_OWNER})
    register(
        NavItem(
            "catalogue:list",
            _("Projects"),
            frozenset(),
            _("Published projects seeking investment."),
            order=20,
            public=True,
        )
    )
    register(
        NavItem(
            "catalogue:mine",
            _("My projects"),
            owner,
            _("Describe, submit and follow your projects."),
            order=21,
        )
    )
    register(
        NavItem(
            "catalogue:shortlist",
            _("My shortlist"),
            frozenset({Role.INVESTOR}),
            _("Projects you keep to follow up and ask to meet."),
            order=21,
        )
    )
    register(
        NavItem(
            "catalogue:review_queue",
            _("Review queue"),
            STAFF,
            _("Projects waiting for review or publication."),
            order=22,
        )
    )
    register(
        NavItem(
            "catalogue:import",
            _("Import"),
            STAFF,
            _("Import projects from a spreadsheet."),
            order=23,
        )
    )
    register(
        NavItem(
            "catalogue:booklet",
            _("Booklet"),
            STAFF,
            _("Generate the printed project booklet."),
            order=24,
        )
    )
    register(
        NavItem(
            "catalogue:roadshows",
            _("Roadshows"),
            STAFF,
            _("Shortlist projects for roadshows."),
            order=25,
        )
    )
    register_panel(
        HomePanel("catalogue.owner", "catalogue/panels/owner.html", owner, owner_panel, order=20)
    )
    register_panel(
        HomePanel("catalogue.staff", "catalogue/panels/staff.html", STAFF, staff_panel, order=20)
    )
