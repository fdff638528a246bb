"""Import, export and duplicate pages (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.directory.exporters import export_directory
from duijie.directory.forms import ExportForm, ImportForm
from duijie.directory.importers import ImportPlan, apply_plan, plan_import
from duijie.directory.merging import MergeRefused, merge_organisations, merge_problems
from duijie.directory.models import DuplicateStatus, ImportBatch, ImportKind, SuspectedDuplicate
from duijie.directory.resolution import (
    evidence_from_json,
    evidence_sentences,
    problem_sentence,
    refresh_duplicates,
)
from duijie.directory.views.access import page_of, require

PREVIEW_ROWS = 100


@require("directory.manage")
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet; a clean file goes to the preview, errors are listed by row."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = plan_import(form.cleaned_data["kind"], content, upload.name)
        errors = [str(e) for e in plan.errors]
        if not errors:
            batch = ImportBatch.objects.create(
                kind=plan.kind, filename=upload.name[:255], content=content,
                summary={**plan.counts, "preview": _preview_rows(plan)}, created_by=request.user,
            )  # fmt: skip
            return redirect("directory:import_preview", pk=batch.pk)
    return render(request, "directory/import.html", {"form": form, "errors": errors})


def _preview_rows(plan: ImportPlan) -> list[dict[str, object]]:
    pairs = zip(plan.rows, plan.cleaned, plan.resolutions, strict=True)
    return [
        {"number": row.number, "name": data["name"], "outcome": resolution.outcome}
        for row, data, resolution in list(pairs)[:PREVIEW_ROWS]
    ]


@require("directory.manage")
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview what an import will do; confirming writes everything or nothing.

    The preview shows what the upload resolved (stored on the batch), so viewing it does
    not run the resolver again; confirming resolves once more against the directory as it
    is now (it may have changed since the upload) and writes in one transaction.
    """
    batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user, imported_at=None)
    errors: list[str] = []
    if request.method == "POST":
        plan = plan_import(batch.kind, bytes(batch.content), batch.filename)
        errors = [str(e) for e in plan.errors]
        if not errors:
            return _confirm(request, batch, plan)
    context = {
        "batch": batch,
        "counts": batch.summary,
        "rows": batch.summary.get("preview", []),
        "errors": errors,
    }
    return render(request, "directory/import_preview.html", context)


def _confirm(request: HttpRequest, batch: ImportBatch, plan: ImportPlan) -> HttpResponse:
    counts = apply_plan(plan, source=batch.filename[:100], user=request.user)
    batch.summary, batch.imported_at = counts, timezone.now()
    batch.save(update_fields=["summary", "imported_at"])
    messages.success(request, _("Imported: %(created)s new, %(updated)s updated, "
                                "%(review)s to review.") % counts)  # fmt: skip
    return redirect("directory:import")


@require("directory.export")
def export(request: HttpRequest) -> HttpResponse:
    """Export organisations or people; the purpose is asked for and logged."""
    form = ExportForm(request.POST or None)
    if (
        form.is_valid()
        and form.cleaned_data["what"] == ImportKind.PEOPLE
        and not request.user.has_perm("directory.read_people")
    ):
        form.add_error("what", _("Your role may not export people's personal data."))
    if request.method == "POST" and form.is_valid():
        exported = export_directory(user=request.user, **form.cleaned_data)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response
    can_contacts = request.user.has_perm("directory.see_contacts")
    return render(request, "directory/export.html", {"form": form, "can_contacts": can_contacts})


@require("directory.manage")
def duplicates(request: HttpRequest) -> HttpResponse:
    """Suspected duplicate organisations with the evidence; merge or dismiss."""
    open_pairs = SuspectedDuplicate.objects.filter(status=DuplicateStatus.OPEN).select_related(
        "a__hq_division", "b__hq_division"
    )
    page = page_of(request, open_pairs)
    for pair in page.object_list:
        pair.sentences = evidence_sentences(pair.evidence)
        pair.problems = [problem_sentence(p) for p in merge_problems(pair.a, pair.b)]
    return render(request, "directory/duplicates.html", {"page": page, "query": ""})


@require_POST
@require("directory.manage")
def duplicates_refresh(request: HttpRequest) -> HttpResponse:
    """Run entity resolution over all organisations again."""
    count = refresh_duplicates()
    messages.success(request, _("%(count)s suspected duplicates.") % {"count": count})
    return redirect("directory:duplicates")


@require_POST
@require("directory.manage")
def duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a suspected pair, keeping the record the user chose; refused on conflicts."""
    pair = get_object_or_404(SuspectedDuplicate.objects.select_related("a", "b"), pk=pk)
    keep, other = (pair.b, pair.a) if request.POST.get("keep") == "b" else (pair.a, pair.b)
    try:
        merge_organisations(
            keep=keep, other=other, user=request.user, evidence=evidence_from_json(pair.evidence)
        )
    except MergeRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem_sentence(problem))
        return redirect("directory:duplicates")
    messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
    return redirect("directory:duplicates")


@require_POST
@require("directory.manage")
def duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a pair as not a duplicate (it stays dismissed on later scans)."""
    SuspectedDuplicate.objects.filter(Q(pk=pk)).update(status=DuplicateStatus.DISMISSED)
    return redirect("directory:duplicates")
