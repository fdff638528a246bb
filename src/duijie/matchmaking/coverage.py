"""Who a run left without suggestions, and why, in the reader's words (the run page).

The runner records codes and counts (``MatchRun.counts``: ``uncovered`` projects,
``unserved_needs``); this module turns them into sentences at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from duijie.catalogue.models import Project
from duijie.directory.models import BuyingNeed
from duijie.matchmaking.labels import EXCLUSION_LABELS, NEED_EXCLUSION_LABELS
from duijie.matchmaking.models import MatchRun


@dataclass(frozen=True)
class Uncovered:
    """One project or need without a suggestion, and why."""

    project: Project | None
    need: BuyingNeed | None
    why: str


def _counts(counts: dict[str, int], labels: dict[str, object]) -> str:
    return "; ".join(
        _("%(n)s %(what)s") % {"n": n, "what": labels.get(code, code)} for code, n in counts.items()
    )


def project_why(entry: dict[str, object]) -> str:
    """Why a project has no suggested investor."""
    if entry.get("why") == "capacity_full":
        n = int(entry.get("candidates") or 0)
        return ngettext(
            "The %(n)s investor that fits is already suggested to as many projects as allowed"
            " (%(capacity)s); raise the limit or add investors.",
            "All %(n)s investors that fit are already suggested to as many projects as"
            " allowed (%(capacity)s); raise the limit or add investors.",
            n,
        ) % {"n": n, "capacity": entry.get("capacity")}
    excluded = entry.get("excluded") or {}
    if not excluded:
        return _("No investor in the directory could be scored for this project.")
    return _(
        "Every investor was removed by its own conditions: %(counts)s. Check the project's"
        " amount, instrument and industry."
    ) % {"counts": _counts(excluded, EXCLUSION_LABELS)}  # type: ignore[arg-type]


def need_why(entry: dict[str, object]) -> str:
    """Why a buyer's need has no suggested supplier."""
    if not entry.get("suppliers"):
        return _("No supplier has recorded any products yet.")
    excluded = entry.get("excluded") or {}
    return _("Of %(n)s suppliers: %(counts)s.") % {
        "n": entry.get("suppliers"),
        "counts": _counts(excluded, NEED_EXCLUSION_LABELS),  # type: ignore[arg-type]
    }


def uncovered(run: MatchRun) -> list[Uncovered]:
    """The run's projects and needs without suggestions (two queries)."""
    projects_left = run.counts.get("uncovered") or []
    needs_left = run.counts.get("unserved_needs") or []
    projects = Project.objects.select_related("edition").in_bulk(
        [e["project_id"] for e in projects_left]
    )
    needs = BuyingNeed.objects.select_related("organisation").in_bulk(
        [e["need_id"] for e in needs_left]
    )
    found = [Uncovered(projects.get(e["project_id"]), None, project_why(e)) for e in projects_left]
    found += [Uncovered(None, needs.get(e["need_id"]), need_why(e)) for e in needs_left]
    return [u for u in found if u.project is not None or u.need is not None]
