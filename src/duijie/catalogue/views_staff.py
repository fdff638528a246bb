"""Staff pages: review queue, carry-over, import/export, the booklet job, roadshows."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.catalogue import services
from duijie.catalogue.booklet import render_roadshow_deck
from duijie.catalogue.exporters import export_csv, export_queryset, export_xlsx
from duijie.catalogue.forms import BookletForm, ImportForm, RoadshowForm
from duijie.catalogue.importers import preview_import, run_import
from duijie.catalogue.models import Project, Roadshow, Status
from duijie.catalogue.problems import message, sheet_problem_text
from duijie.catalogue.spreadsheet import MAX_BYTES, problem
from duijie.catalogue.translated import current_language
from duijie.jobs.models import Job
from duijie.jobs.services import enqueue
from duijie.reference.models import Edition

IMPORT_DIR = "catalogue/imports"
SESSION_IMPORTS = "catalogue_imports"


@permission_required("catalogue.review_project")
def review_queue(request: HttpRequest) -> HttpResponse:
    """Projects waiting for staff: submitted, then approved but not yet published."""
    waiting = Project.objects.filter(status__in=[Status.SUBMITTED, Status.APPROVED]).select_related(
        "edition", "key_industry", "owner_organisation"
    )
    return render(
        request,
        "catalogue/review_queue.html",
        {"projects": waiting.order_by("status", "submitted_at", "code")},
    )


@require_POST
@permission_required("catalogue.review_project")
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy a project into another edition (as a draft linked to its origin)."""
    project = get_object_or_404(Project, pk=pk)
    edition = get_object_or_404(Edition, slug=request.POST.get("edition", ""))
    try:
        copy = services.carry_into_edition(project=project, edition=edition, user=request.user)
    except services.WorkflowError as error:
        messages.error(request, message(error.code, error.params))
        return redirect("catalogue:manage", pk=project.pk)
    messages.success(request, _("Project carried into the new edition as a draft."))
    return redirect("catalogue:manage", pk=copy.pk)


@permission_required("catalogue.import_projects")
def import_projects(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing written) → confirm (all rows written, or none)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        edition, token = form.cleaned_data["edition"], form.cleaned_data["token"]
        if token:
            return _confirm_import(request, edition, token)
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", _("Choose a file."))
        elif upload.size > MAX_BYTES:
            too_large = problem(0, "", "file_too_large", size=upload.size, limit=MAX_BYTES)
            context |= {"problems": [sheet_problem_text(too_large)]}
        else:
            context |= _preview(request, edition, upload.read(), upload.name)
    return render(request, "catalogue/import.html", context)


def _preview(
    request: HttpRequest, edition: Edition, data: bytes, filename: str
) -> dict[str, object]:
    plan = preview_import(
        data=data, filename=filename, edition=edition, language=current_language()
    )
    context: dict[str, object] = {
        "plan": plan,
        "problems": [sheet_problem_text(p) for p in plan.problems],
        "edition": edition,
    }
    if not plan.problems and plan.rows:
        suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
        token = uuid.uuid4().hex + suffix
        default_storage.save(f"{IMPORT_DIR}/{token}", ContentFile(data))
        request.session[SESSION_IMPORTS] = [*request.session.get(SESSION_IMPORTS, [])[-4:], token]
        context["token"] = token
    return context


def _confirm_import(request: HttpRequest, edition: Edition, token: str) -> HttpResponse:
    if token not in request.session.get(SESSION_IMPORTS, []):
        raise Http404
    path = f"{IMPORT_DIR}/{token}"
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    result = run_import(
        data=data, filename=token, edition=edition, user=request.user, language=current_language()
    )
    default_storage.delete(path)
    if result.written:
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s updated.")
            % {"created": result.plan.creates, "updated": result.plan.updates},
        )
        return redirect("catalogue:review_queue")
    for item in result.plan.problems:
        messages.error(request, sheet_problem_text(item))
    return redirect("catalogue:import")


@permission_required("catalogue.import_projects")
def export_projects(request: HttpRequest, fmt: str) -> HttpResponse:
    """All projects of an edition (``?edition=slug``, default current) as .xlsx or .csv."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    edition = (
        get_object_or_404(Edition, slug=request.GET.get("edition"))
        if request.GET.get("edition")
        else Edition.objects.filter(is_current=True).first()
    )
    projects = export_queryset(Project.objects.filter(edition=edition))
    language = current_language()
    if fmt == "csv":
        content, mime = export_csv(projects, language=language), "text/csv; charset=utf-8"
    else:
        content, mime = (
            export_xlsx(projects, language=language),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = (
        f'attachment; filename="projects-{getattr(edition, "slug", "all")}.{fmt}"'
    )
    return response


@permission_required("catalogue.build_booklet")
def booklet(request: HttpRequest) -> HttpResponse:
    """Start the booklet job; the page then polls the job's status partial."""
    form = BookletForm(
        request.POST or None,
        initial={"edition": Edition.objects.filter(is_current=True).first(), "language": "zh-hant"},
    )
    if request.method == "POST" and form.is_valid():
        params = {
            "edition": form.cleaned_data["edition"].slug,
            "language": form.cleaned_data["language"],
        }
        job = enqueue(kind="catalogue.booklet", params=params, user=request.user)
        return redirect(f"{request.path}?job={job.pk}")
    recent = Job.objects.filter(kind="catalogue.booklet").order_by("-created_at")[:10]
    current = (
        recent[0]
        if request.GET.get("job") and recent and str(recent[0].pk) == request.GET["job"]
        else None
    )
    return render(
        request, "catalogue/booklet.html", {"form": form, "jobs": recent, "current": current}
    )


@permission_required("catalogue.manage_roadshows")
def roadshows(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """List roadshows; create one or edit its shortlist (project codes in order)."""
    roadshow = get_object_or_404(Roadshow, pk=pk) if pk else None
    initial = (
        {
            "edition": roadshow.edition,
            "title": roadshow.title,
            "held_on": roadshow.held_on,
            "codes": "\n".join(e.project.code for e in roadshow.entries.select_related("project")),
        }
        if roadshow
        else {}
    )
    form = RoadshowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.save_roadshow(
            edition=data["edition"],
            title=data["title"],
            held_on=data["held_on"],
            codes=data["code_list"],
            roadshow=roadshow,
        )
        messages.success(request, _("Roadshow saved."))
        return redirect("catalogue:roadshow", pk=saved.pk)
    listing = Roadshow.objects.select_related("edition").annotate(size=Count("entries"))
    return render(
        request,
        "catalogue/roadshows.html",
        {"form": form, "roadshow": roadshow, "roadshows": listing},
    )


@permission_required("catalogue.manage_roadshows")
def roadshow_deck(request: HttpRequest, pk: int) -> HttpResponse:
    """The roadshow deck as PDF, one page per project, in the interface language."""
    roadshow = get_object_or_404(Roadshow.objects.select_related("edition"), pk=pk)
    pdf = render_roadshow_deck(roadshow=roadshow, language=current_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="roadshow-{roadshow.pk}.pdf"'
    return response
