"""Public catalogue (list, detail) and the project owner's pages (my projects, edit, submit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.accounts.throttle import (
    PUBLIC_SEARCH_PER_IP,
    over_limit,
    too_many_requests,
    visitor_key,
)
from duijie.catalogue import services
from duijie.catalogue.amounts import amount_of
from duijie.catalogue.filters import PAGE_SIZE, catalogue_cities, filter_projects, published
from duijie.catalogue.forms import (
    AttachmentForm,
    CatalogueFilterForm,
    CommentForm,
    ProjectForm,
    StaffProjectForm,
)
from duijie.catalogue.lookups import counties_of
from duijie.catalogue.models import Project, ProjectAttachment
from duijie.catalogue.problems import message
from duijie.catalogue.services import STEPS, WorkflowError
from duijie.catalogue.translated import TEXT_STEMS, current_language, pick
from duijie.history.services import history_sentences
from duijie.interchange.uploads import file_response
from duijie.localised import money
from duijie.reference.models import Edition
from duijie.reference.pickers import industry_label


def project_list(request: HttpRequest) -> HttpResponse:
    """Published projects: filters, search, sort, pages; HTMX requests get the results only.

    Searches (a ``q``) count against the visitor's rate limit (duijie.accounts.throttle):
    per account when signed in, else per address.
    """
    if request.GET.get("q") and over_limit(
        request, "catalogue.search", visitor_key, PUBLIC_SEARCH_PER_IP
    ):
        return too_many_requests(request)
    form = CatalogueFilterForm(request.GET or None, cities=catalogue_cities())
    form.is_valid()  # invalid fields are left out of cleaned_data and so ignored
    data = getattr(form, "cleaned_data", {})
    page = Paginator(filter_projects(published(), data), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page.object_list),
        "query": query.urlencode(),
    }
    template = "catalogue/list.html#results" if request.htmx else "catalogue/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _rows(projects: object) -> list[dict[str, object]]:
    language = current_language()
    return [
        {
            "project": p,
            "name": pick(p, "name", language),
            "financing": money(amount_of(p, "financing")),
        }
        for p in projects  # type: ignore[attr-defined]
    ]


def project_detail(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    """One project's public page; the contact person only for investors, staff and the owner."""
    project = get_object_or_404(
        Project.objects.select_related(
            "edition",
            "key_industry",
            "industry",
            "city",
            "county",
            "owner_organisation",
            "origin__edition",
        ),
        edition__slug=edition,
        code=code,
    )
    if not request.user.has_perm("catalogue.view_project", project):
        raise Http404
    return render(request, "catalogue/detail.html", _detail_context(request, project))


def project_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """An attachment, to whoever may see its project (unpublished ones: owner and staff)."""
    attachment = get_object_or_404(
        ProjectAttachment.objects.select_related("project"), pk=file_pk, project_id=pk
    )
    if not request.user.has_perm("catalogue.view_project", attachment.project):
        raise Http404
    return file_response(attachment.file, download_name=attachment.caption or f"file-{file_pk}")


def _detail_context(request: HttpRequest, project: Project) -> dict[str, object]:
    language = current_language()
    return {
        "project": project,
        "texts": {stem: pick(project, stem, language) for stem in TEXT_STEMS},
        "language_names": {
            "zh-hant": _("Traditional Chinese"),
            "zh-hans": _("Simplified Chinese"),
            "en": _("English"),
        },
        "industry": industry_label(project.industry) if project.industry else "",
        "investment": money(amount_of(project, "investment")),
        "financing": money(amount_of(project, "financing")),
        "show_contact": request.user.has_perm("catalogue.see_contact", project),
        "can_edit": request.user.has_perm("catalogue.change_project", project),
        "images": [a for a in project.attachments.all() if a.kind == "image"],
        "documents": [a for a in project.attachments.all() if a.kind == "document"],
        "methods": list(project.promotion_methods.all()),
        "can_shortlist": request.user.has_perm("catalogue.keep_shortlist"),
        "shortlisted": request.user.is_authenticated
        and request.user.shortlist.filter(project=project).exists(),  # type: ignore[union-attr]
    }


def county_options(request: HttpRequest) -> HttpResponse:
    """HTMX: the ``<option>``s of the project form's county select for the chosen ``city``."""
    counties = counties_of(request.GET.get("city", ""))
    return render(request, "catalogue/options/counties.html", {"counties": counties})


@permission_required("catalogue.add_project")
def my_projects(request: HttpRequest) -> HttpResponse:
    """The project owner's projects, all states (staff see the projects they own, if any)."""
    projects = (
        Project.objects.filter(owner_user=request.user)
        .select_related("edition", "key_industry")
        .order_by("-updated_at")
    )
    return render(request, "catalogue/mine.html", {"rows": _rows(projects)})


def _form_class(request: HttpRequest) -> type[ProjectForm]:
    return StaffProjectForm if request.user.has_perm("catalogue.review_project") else ProjectForm


@permission_required("catalogue.add_project")
def project_create(request: HttpRequest) -> HttpResponse:
    """A new draft project; owners get an automatic code in the current edition."""
    form_class = _form_class(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.project_values()
        if form_class is ProjectForm:
            edition = Edition.objects.filter(is_current=True).first() or Edition.objects.first()
            values |= {
                "edition": edition,
                "code": services.next_code(edition),
                "owner_user": request.user,
            }
        project = services.create_project(
            values=values, user=request.user, methods=list(form.cleaned_data["promotion_methods"])
        )
        messages.success(request, _("Project saved as a draft."))
        return redirect("catalogue:manage", pk=project.pk)
    return render(request, "catalogue/form.html", {"form": form, "project": None})


def _project_for(request: HttpRequest, pk: int, perm: str) -> Project:
    if not request.user.is_authenticated:
        raise PermissionDenied
    project = get_object_or_404(
        Project.objects.select_related("edition", "owner_organisation", "key_industry"), pk=pk
    )
    if not request.user.has_perm(perm, project):
        raise Http404
    return project


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project: owners only their own and only before approval; staff always."""
    project = _project_for(request, pk, "catalogue.change_project")
    form = _form_class(request)(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.update_project(
            project=project,
            values=form.project_values(),
            user=request.user,
            methods=list(form.cleaned_data["promotion_methods"]),
        )
        messages.success(request, _("Project saved."))
        return redirect("catalogue:manage", pk=project.pk)
    return render(request, "catalogue/form.html", {"form": form, "project": project})


@login_required
def project_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's state, history, review comments, attachments and the steps the user may take."""
    project = _project_for(request, pk, "catalogue.manage_project")
    context = {
        "project": project,
        "name": pick(project, "name"),
        "history": history_sentences(project, user=request.user, language=get_language()),
        "steps": [
            step
            for step in STEPS
            if project.status in STEPS[step].sources and _may_take(request, project, step)
        ],
        "comment_form": CommentForm(),
        "attachment_form": AttachmentForm(),
        "attachments": project.attachments.all(),
        "can_edit": request.user.has_perm("catalogue.change_project", project),
        "is_staff": request.user.has_perm("catalogue.review_project"),
        "editions": Edition.objects.exclude(pk=project.edition_id),
    }
    return render(request, "catalogue/manage.html", context)


def _may_take(request: HttpRequest, project: Project, step: str) -> bool:
    if STEPS[step].staff_only:
        return request.user.has_perm("catalogue.review_project")
    return request.user.has_perm("catalogue.submit_project", project)


@require_POST
@login_required
def project_move(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Take a workflow step (submit, return, approve, publish, archive) with an optional comment."""
    project = _project_for(request, pk, "catalogue.manage_project")
    if step not in STEPS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.move(project=project, step=step, user=request.user, comment=comment)
    except WorkflowError as error:
        messages.error(request, message(error.code, error.params))
    return redirect("catalogue:manage", pk=project.pk)


@require_POST
@login_required
def project_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an image or document to a project the user may edit."""
    project = _project_for(request, pk, "catalogue.change_project")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        services.add_attachment(
            project=project,
            upload=data["file"],
            kind=data["kind"],
            caption=data["caption"],
            user=request.user,
        )
        messages.success(request, _("File attached."))
    else:
        for error in form.errors.get("file", []) + form.errors.get("__all__", []):
            messages.error(request, error)
    return redirect("catalogue:manage", pk=project.pk)


@permission_required("catalogue.keep_shortlist")
def my_shortlist(request: HttpRequest) -> HttpResponse:
    """The investor's shortlist: the projects they keep, newest first."""
    entries = request.user.shortlist.select_related("project__edition")  # type: ignore[union-attr]
    projects = [entry.project for entry in entries if entry.project.status == "published"]
    return render(request, "catalogue/shortlist.html", {"rows": _rows(projects)})


@require_POST
@permission_required("catalogue.keep_shortlist")
def shortlist_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a published project to the shortlist, or take it off (``keep`` = "0")."""
    project = get_object_or_404(
        Project.objects.select_related("edition"), pk=pk, status="published"
    )
    keep = request.POST.get("keep") != "0"
    services.shortlist(user=request.user, project=project, keep=keep)  # type: ignore[arg-type]
    if keep:
        messages.success(request, _("The project is on your shortlist."))
    else:
        messages.success(request, _("The project is off your shortlist."))
    return redirect("catalogue:detail", project.edition.slug, project.code)
