"""Staff pages: review queue, carry-over, import/export, the booklet job, roadshows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.catalogue import services
from duijie.catalogue.booklet import render_roadshow_deck
from duijie.catalogue.exporters import export_csv, export_queryset, export_xlsx
from duijie.catalogue.forms import BookletForm, ImportForm, RoadshowForm
from duijie.catalogue.importers import preview_import, preview_rows, write_plan
from duijie.catalogue.models import Project, Roadshow, Status
from duijie.catalogue.problems import message, sheet_problem_text
from duijie.catalogue.project_rows import ImportPlan
from duijie.catalogue.translated import current_language
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview
from duijie.interchange.problems import READER_MESSAGES
from duijie.interchange.views import ImportView
from duijie.jobs.models import Job
from duijie.jobs.services import enqueue
from duijie.localised import absolute_url
from duijie.reference.models import Edition


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


@method_decorator(permission_required("catalogue.import_projects"), name="dispatch")
class ProjectImportView(ImportView):
    """Projects from a spreadsheet into an edition: upload → preview → confirm."""

    kind = "catalogue.projects"
    form_class = ImportForm
    title = gettext_lazy("Import projects")
    intro = gettext_lazy(
        "Upload an .xlsx or .csv file with Chinese or English column headers (see the "
        "export for the format). You will see a preview first; nothing is saved until you "
        "confirm, and nothing at all if any row has a problem. A row whose project code is "
        "already in the edition updates that project: filled cells replace its values, blank "
        "cells leave them alone, and (clear) empties a field."
    )
    success_url = "catalogue:review_queue"
    done = gettext_lazy("Imported: %(created)s created, %(updated)s updated.")

    def initial(self) -> dict[str, Any]:
        return {"edition": Edition.objects.filter(is_current=True).first()}

    def upload_params(self, form: Form) -> dict[str, Any]:
        return {"edition": form.cleaned_data["edition"].slug}

    def make_plan(self, pending: PendingUpload) -> tuple[Edition, ImportPlan]:
        edition = get_object_or_404(Edition, slug=pending.params.get("edition"))
        plan = preview_import(
            data=bytes(pending.content), filename=pending.filename, edition=edition,
            language=current_language(),
        )  # fmt: skip
        return edition, plan

    def make_preview(self, plan: tuple[Edition, ImportPlan]) -> Preview:
        edition, rows = plan
        if rows.problems or not rows.rows:
            problems = [sheet_problem_text(p) for p in rows.problems]
            return Preview.of([], problems or [str(READER_MESSAGES["empty_file"])])
        return Preview.of(preview_rows(plan=rows, edition=edition, language=current_language()))

    def commit(self, plan: tuple[Edition, ImportPlan], pending: PendingUpload) -> dict[str, int]:
        edition, rows = plan
        with transaction.atomic():
            written = write_plan(plan=rows, edition=edition, user=self.user)
        created = sum(1 for row in rows.rows if row.action == "create")
        return {"created": created, "updated": len(written) - created}


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
            "site": absolute_url("/", request),
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
    site = absolute_url("/", request)
    pdf = render_roadshow_deck(roadshow=roadshow, language=current_language(), site=site)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="roadshow-{roadshow.pk}.pdf"'
    return response
