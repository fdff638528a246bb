"""Matchmaking pages: suggestions for a project (HTMX partial), for investors and buyers,
the staff run pages (start, load chart data, export) and the weight fit page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.accounts.redirects import safe_next
from duijie.catalogue.models import Project
from duijie.directory.models import Person
from duijie.matchmaking import services
from duijie.matchmaking.coverage import uncovered
from duijie.matchmaking.exporters import run_workbook
from duijie.matchmaking.forms import (
    FeedbackForm,
    IntroductionForm,
    RunForm,
    reader_of,
    why_options,
)
from duijie.matchmaking.labels import (
    figure_label,
    has_ties,
    labelled,
    statistic_rows,
    ties_detail,
)
from duijie.matchmaking.models import (
    FitKind,
    MatchFeedback,
    MatchRun,
    Recommendation,
    Side,
    Verdict,
    WeightFit,
)
from duijie.matchmaking.outcomes import fit_from_outcomes, weight_table
from duijie.matchmaking.panels import current_edition, shown
from duijie.matchmaking.providers import invitations, meeting_targets, project_targets
from duijie.matchmaking.ranked_by import history_sentences, ranker_sentences, with_owner_side
from duijie.reference.models import Edition

PAGE_SIZE = 50
CHART_ROWS = 30


def rows_for(
    request: HttpRequest, recs: list[Recommendation], *, as_supplier: bool = False
) -> list[dict[str, object]]:
    """Recommendations as :func:`shown`, with the reader's own feedback and the why-not
    options of the reader's side (a supplier's on its own list)."""
    feedback = services.own_feedback(request.user, recs)
    with_ties = any(has_ties(r.reasons) for r in recs)
    detail = ties_detail(request.user, where=request.path, shown=with_ties)
    rows = shown(recs, ties_detail=detail)
    options = {side: why_options(reader_of(side, as_supplier=as_supplier)) for side in Side}
    return [
        {
            **row,
            "feedback": feedback.get(row["rec"].pk),
            "why_options": options[row["rec"].side],
            "as_supplier": as_supplier,
        }
        for row in rows
    ]


# --- the project page's section ------------------------------------------------------------


@login_required
def project_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested investors for one project (partial, loaded by the project page)."""
    project = get_object_or_404(Project.objects.select_related("edition"), pk=pk)
    if not request.user.has_perm("matchmaking.view_project_suggestions", project):
        raise PermissionDenied
    run = services.latest_run(project.edition)
    found = services.suggested_investors(project.pk, run)
    staff = request.user.has_perm("matchmaking.introduce")
    recs = list(found if staff else services.without_dismissed(found, request.user))
    for rec in recs:  # all for this project: no query per row for its name
        rec.project = project
    paths = services.introducers([r.organisation_id for r in recs if r.organisation_id])
    wanted = [r.organisation_id for r in recs if r.organisation_id]
    meet = meeting_targets(project.edition, request.user, wanted)
    rows = rows_for(request, recs)
    for row in rows:
        org_id = row["rec"].organisation_id  # type: ignore[attr-defined]
        row["introducers"] = paths.get(org_id, []) if staff else []
        row["meet"] = meet.get(org_id)
    context = {
        "project": project,
        "run": run,
        "rows": rows,
        "staff": staff,
        "owner_side": with_owner_side(run),
    }
    return render(request, "matchmaking/partials/project_suggestions.html", context)


@require_POST
@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the reader's verdict on one suggestion; answers with the feedback fragment, or
    (a participant saying "not relevant") with the notice that replaces the suggestion."""
    rec = get_object_or_404(Recommendation.objects.select_related("project"), pk=pk)
    if not request.user.has_perm("matchmaking.give_feedback", rec):
        raise PermissionDenied
    form = FeedbackForm(request.POST, side=rec.side)
    given = None
    if form.is_valid():
        given = services.record_feedback(recommendation=rec, user=request.user, **form.cleaned_data)
    dismissed = given is not None and given.verdict == Verdict.NOT_RELEVANT
    participant = not request.user.has_perm("matchmaking.view_run")
    if not request.htmx:  # type: ignore[attr-defined]
        if form.is_valid():
            messages.success(request, _("Thank you for your feedback."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(safe_next(request, "matchmaking:mine"))
    if dismissed and participant:
        response = render(request, "matchmaking/partials/dismissed.html", {"rec": rec})
        response["HX-Retarget"] = f"#suggestion-{rec.pk}"
        return response
    as_supplier = request.POST.get("as_supplier") == "1"
    row = {
        "rec": rec,
        "feedback": given or services.own_feedback(request.user, [rec]).get(rec.pk),
        "why_options": why_options(reader_of(rec.side, as_supplier=as_supplier)),
        "as_supplier": as_supplier,
    }
    return render(request, "matchmaking/partials/feedback.html", {"row": row, "form": form})


@require_POST
@login_required
def introduce(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: record that a person of the network introduces the suggested investor."""
    if not request.user.has_perm("matchmaking.introduce"):
        raise PermissionDenied
    rec = get_object_or_404(Recommendation.objects.select_related("project"), pk=pk)
    form = IntroductionForm(request.POST)
    if not form.is_valid() or rec.organisation_id is None:
        raise PermissionDenied
    person = get_object_or_404(
        Person, pk=form.cleaned_data["person"], introductions__organisation_id=rec.organisation_id
    )
    services.record_introduction(recommendation=rec, person=person, user=request.user)
    messages.success(request, _("The introduction is recorded."))
    project = rec.project
    if project is None:
        return redirect("matchmaking:runs")
    return redirect("catalogue:detail", project.edition.slug, project.code)


# --- investors and buyers ------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Projects (published) and suppliers suggested to the reader's organisations."""
    edition = current_edition()
    run = services.latest_run(edition)
    projects = list(services.suggested_projects(request.user, run)[:PAGE_SIZE])
    suppliers = list(services.suggested_suppliers(request.user, run)[:PAGE_SIZE])
    buyers = list(services.interested_buyers(request.user, run)[:PAGE_SIZE])
    buyer_rows = rows_for(request, buyers, as_supplier=True)
    wanted = [r.buyer_id for r in buyers if r.buyer_id]
    meet = meeting_targets(edition, request.user, wanted) if edition and wanted else {}
    for row, rec in zip(buyer_rows, buyers, strict=True):  # a supplier meets the buyer
        row["meet"] = meet.get(rec.buyer_id)
    context = {
        "run": run,
        "owner_side": with_owner_side(run),
        "projects": _with_meeting_targets(request, rows_for(request, projects), edition),
        "suppliers": _with_meeting_targets(request, rows_for(request, suppliers), edition),
        "buyers": buyer_rows,
    }
    return render(request, "matchmaking/mine.html", context)


def _with_meeting_targets(
    request: HttpRequest, rows: list[dict[str, object]], edition: Edition | None
) -> list[dict[str, object]]:
    """Each row with ``meet``: the trade-week participant the reader could ask to meet
    (the project's presenter, else the suggested organisation's participant)."""
    recs = [row["rec"] for row in rows]
    projects = [r.project_id for r in recs if r.project_id]  # type: ignore[attr-defined]
    organisations = [r.organisation_id for r in recs if not r.project_id and r.organisation_id]  # type: ignore[attr-defined]
    if edition is None or not rows:
        return rows
    by_project = project_targets(edition, request.user, projects) if projects else {}
    by_organisation = meeting_targets(edition, request.user, organisations) if organisations else {}
    for row, rec in zip(rows, recs, strict=True):
        pid, oid = rec.project_id, rec.organisation_id  # type: ignore[attr-defined]
        row["meet"] = by_project.get(pid) if pid else by_organisation.get(oid)
    return rows


# --- staff: runs ---------------------------------------------------------------------------


@permission_required("matchmaking.run_matching")
def runs(request: HttpRequest) -> HttpResponse:
    """The edition's runs, and the form that starts a new one."""
    edition = current_edition()
    form = RunForm(request.POST or None)
    if request.method == "POST" and edition is not None and form.is_valid():
        run = services.start_run(
            edition=edition,
            user=request.user,
            **form.cleaned_data,
        )
        return redirect("matchmaking:run", run.pk)
    found = MatchRun.objects.select_related("edition", "created_by")
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    return render(
        request, "matchmaking/runs.html", {"form": form, "page": page, "edition": edition}
    )


@permission_required("matchmaking.view_run")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: parameters, weights, load before/after, and its suggestions by side."""
    run = get_object_or_404(MatchRun.objects.select_related("edition", "created_by"), pk=pk)
    side = request.GET.get("side") or Side.PROJECT_INVESTOR
    side = side if side in Side.values else Side.PROJECT_INVESTOR
    recs = run.recommendations.filter(side=side).select_related(
        "project__edition", "organisation", "buyer", "need"
    )
    page = Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "side": side,
        "sides": Side.choices,
        "page": page,
        "rows": _with_invitations(request, run, rows_for(request, list(page.object_list))),
        "stats": statistic_rows(run.load_before, run.load_after),
        "loads": run.loads[:CHART_ROWS],
        "weights": labelled({**run.weights, **(run.counts.get("supply_weights") or {})}),
        "excluded": labelled(run.counts.get("excluded") or {}),
        "uncovered": uncovered(run),
        "ranked_by": ranker_sentences(run),
        "history_left_out": history_sentences(run),
        "owner_side": with_owner_side(run),
    }
    return render(request, "matchmaking/run.html", context)


def _with_invitations(
    request: HttpRequest, run: MatchRun, rows: list[dict[str, object]]
) -> list[dict[str, object]]:
    """Project ↔ investor rows get the trade week's "Invite both" (for its organisers)."""
    pairs = [
        (rec.project_id, rec.organisation_id)
        for rec in (row["rec"] for row in rows)
        if rec.project_id and rec.organisation_id  # type: ignore[attr-defined]
    ]
    found = invitations(run.edition, request.user, pairs) if pairs else {}
    for row in rows:
        rec = row["rec"]
        row["invitation"] = found.get((rec.project_id, rec.organisation_id))  # type: ignore[attr-defined]
    return rows


@permission_required("matchmaking.view_run")
def run_load(request: HttpRequest, pk: int) -> JsonResponse:
    """The most loaded investors before and after spreading (for the bar chart)."""
    run = get_object_or_404(MatchRun, pk=pk)
    loads = run.loads[:CHART_ROWS]
    return JsonResponse(
        {
            "names": [row["name"] for row in loads],
            "before": [row["before"] for row in loads],
            "after": [row["after"] for row in loads],
            "labels": {"before": _("Before spreading"), "after": _("After spreading")},
        }
    )


@permission_required("matchmaking.view_run")
def run_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The run as an xlsx spreadsheet."""
    run = get_object_or_404(MatchRun, pk=pk)
    detail = ties_detail(request.user, where=request.path, shown=True, action="export")
    content = run_workbook(run, translation.get_language(), ties_detail=detail)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="match-run-{run.pk}.xlsx"'
    return response


# --- staff: weights ------------------------------------------------------------------------


@permission_required("matchmaking.fit_weights")
def weights(request: HttpRequest) -> HttpResponse:
    """Fit weights from outcomes (POST, ``kind`` investor or supply) and show each kind's
    latest fit next to its defaults."""
    if request.method == "POST":
        kind = request.POST.get("kind", FitKind.INVESTOR)
        if kind not in FitKind.values:
            messages.error(request, _("Unknown kind of weights."))
        else:
            fit_from_outcomes(user=request.user, kind=kind)
        return redirect("matchmaking:weights")
    return render(request, "matchmaking/weights.html", {"kinds": [_fit_panel(k) for k in FitKind]})


def _fit_panel(kind: FitKind) -> dict[str, object]:
    """One kind of weights: its latest fit, outcomes by source, zeroed signals, the table."""
    latest = WeightFit.objects.filter(kind=kind).first()
    return {
        "kind": kind,
        "fit": latest,
        "sources": labelled(latest.sources) if latest is not None else [],
        "zeroed": [figure_label(name) for name in latest.zeroed] if latest is not None else [],
        "table": weight_table(latest, kind),
    }


# --- staff: what participants said ---------------------------------------------------------


@permission_required("matchmaking.view_run")
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Participants' verdicts on suggestions, newest first, with the why-not counts per side."""
    found = MatchFeedback.objects.select_related(
        "user", "recommendation__project__edition", "recommendation__buyer",
        "recommendation__need",
    )  # fmt: skip
    verdict = request.GET.get("verdict", "")
    if verdict in Verdict.values:
        found = found.filter(verdict=verdict)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "verdict": verdict,
        "verdicts": Verdict.choices,
        "summary": services.feedback_summary(),
    }
    return render(request, "matchmaking/feedback_list.html", context)
