"""Figures from other apps (catalogue, matchmaking, trade week) for the dashboard.

Each figure is an :class:`Activity`: the number and, where that app has a list
page the user may open, the drill-down link. A figure is None ("not yet
available") only when its app is not installed — never a made-up number.

- projects published: catalogue projects with status *published*;
- matches suggested: the recommendations of the **latest finished match run** of
  each edition (earlier runs are superseded, so they are not added up);
- meetings scheduled, held and no-shows: the trade week's own figures
  (``duijie.tradeweek.services.figures``: held = both sides checked in, or rated),
  the same functions as the week's analytics page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Max
from django.urls import reverse

from duijie.reference.models import Edition


@dataclass(frozen=True)
class Activity:
    """One figure from another app and where its rows are listed (if anywhere)."""

    value: int
    url: str | None = None

    def __str__(self) -> str:
        return str(self.value)


def _installed(app: str) -> bool:
    return apps.is_installed(f"duijie.{app}")


def _may(user: object, perm: str) -> bool:
    return bool(user is not None and getattr(user, "has_perm", None) and user.has_perm(perm))  # type: ignore[attr-defined]


def projects_published(edition: Edition | None, user: object = None) -> Activity | None:
    """Published catalogue projects (of the edition, if given); links to the catalogue."""
    if not _installed("catalogue"):
        return None
    from duijie.catalogue.models import Project

    edition_id = edition.pk if edition is not None else None
    rows = Project.objects.filter(status="published")
    if edition_id:
        rows = rows.filter(edition_id=edition_id)
    query = f"?{urlencode({'edition': edition_id})}" if edition_id else ""
    return Activity(rows.count(), f"{reverse('catalogue:list')}{query}")


def matches_suggested(edition: Edition | None, user: object = None) -> Activity | None:
    """Recommendations of the latest finished run per edition (one query).

    With one edition, staff who may read runs get the run's page as the link.
    """
    if not _installed("matchmaking"):
        return None
    from django.tasks import TaskResultStatus

    from duijie.matchmaking.models import MatchRun, Recommendation

    edition_id = edition.pk if edition is not None else None
    runs = MatchRun.objects.filter(status=TaskResultStatus.SUCCESSFUL)
    if edition_id:
        runs = runs.filter(edition_id=edition_id)
    latest = runs.values("edition").annotate(latest=Max("pk")).values("latest")
    found = Recommendation.objects.filter(run__in=latest).aggregate(
        n=Count("pk"), run=Max("run_id")
    )
    url = None
    if edition_id and found["run"] and _may(user, "matchmaking.view_run"):
        url = reverse("matchmaking:run", args=[found["run"]])
    return Activity(found["n"], url)


def meetings_held(edition: Edition | None, user: object = None) -> Activity | None:
    """Trade-week meetings held (checked in or rated); links to the week's analytics."""
    found = meeting_figures(edition, user)
    return found["meetings_held"] if found else None


def meetings_scheduled(edition: Edition | None, user: object = None) -> Activity | None:
    """Live trade-week meetings (not cancelled); links to the week's analytics."""
    found = meeting_figures(edition, user)
    return found["meetings_scheduled"] if found else None


def meeting_no_shows(edition: Edition | None, user: object = None) -> Activity | None:
    """Meetings marked no-show that nobody rated."""
    found = meeting_figures(edition, user)
    return found["meeting_no_shows"] if found else None


def meeting_figures(edition: Edition | None, user: object = None) -> dict[str, Activity] | None:
    """The trade week's meeting figures in one query: ``meetings_scheduled``,
    ``meetings_held`` and ``meeting_no_shows`` (None without the trade-week app)."""
    if not _installed("tradeweek"):
        return None
    from duijie.tradeweek.services.figures import week_figures

    figures = week_figures(edition.pk if edition is not None else None)
    url = None
    if edition is not None and edition.is_current and _may(user, "tradeweek.view_analytics"):
        url = reverse("tradeweek:staff_analytics")
    return {
        "meetings_scheduled": Activity(figures.scheduled, url),
        "meetings_held": Activity(figures.held, url),
        "meeting_no_shows": Activity(figures.no_shows, url),
    }


def meeting_outcomes(edition_id: int | None) -> dict[str, int] | None:
    """How many meeting outcomes named each next step (None without the trade-week app)."""
    if not _installed("tradeweek"):
        return None
    from duijie.tradeweek.models import Outcome

    rows = Outcome.objects.all()
    if edition_id:
        rows = rows.filter(meeting__request__edition_id=edition_id)
    counted = rows.values("next_step").annotate(n=Count("pk")).order_by("next_step")
    return {r["next_step"]: r["n"] for r in counted}
