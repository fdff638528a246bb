"""Import, export and duplicate pages (staff)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.exporters import export_directory
from duijie.directory.forms import ExportForm, ImportForm
from duijie.directory.import_preview import import_preview, log_matched_people
from duijie.directory.importers import ImportPlan, commit_plan, plan_import
from duijie.directory.merging import (
    dismiss_duplicate,
    merge_problems,
)
from duijie.directory.models import DuplicateStatus, ImportKind, SuspectedDuplicate
from duijie.directory.resolution import (
    evidence_sentences,
    problem_sentence,
    refresh_duplicates,
)
from duijie.directory.views.access import page_of
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Preview
from duijie.interchange.views import ImportView


@method_decorator(permission_required("directory.manage"), name="dispatch")
class DirectoryImportView(ImportView):
    """Organisations or people from a spreadsheet: upload → preview → confirm."""

    kind = "directory"
    form_class = ImportForm
    template_name = "directory/import.html"
    title = gettext_lazy("Import organisations or people")
    intro = gettext_lazy(
        "Upload an .xlsx or .csv file; the export has the same columns. You will see a "
        "preview first; nothing is saved until you confirm, and nothing at all if any row "
        "has a problem. Rows that are already in the directory create nothing new: their "
        "filled cells replace the record's values, blank cells leave them alone, and "
        "(clear) empties a field."
    )

    success_url = "directory:import"
    done = gettext_lazy("Imported: %(created)s new, %(updated)s updated, %(review)s to review.")

    def upload_params(self, form: Form) -> dict[str, Any]:
        return {"kind": form.cleaned_data["kind"]}

    def make_plan(self, pending: PendingUpload) -> ImportPlan:
        return plan_import(pending.params["kind"], bytes(pending.content), pending.filename)

    def make_preview(self, plan: ImportPlan) -> Preview:
        """The preview; for people, showing matched people's stored values is a logged read."""
        preview = import_preview(plan)
        if not preview.problems and self.in_request:  # shown to a person, not the job's check
            log_matched_people(plan, user=self.user, where=self.page)
        return preview

    def commit(self, plan: ImportPlan, pending: PendingUpload) -> dict[str, int]:
        return commit_plan(plan=plan, filename=pending.filename, user=self.user)


@permission_required("directory.export")
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


@permission_required("directory.manage")
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
@permission_required("directory.manage")
def duplicates_refresh(request: HttpRequest) -> HttpResponse:
    """Run entity resolution over all organisations again."""
    count = refresh_duplicates()
    messages.success(request, _("%(count)s suspected duplicates.") % {"count": count})
    return redirect("directory:duplicates")


@require_POST
@permission_required("directory.manage")
def duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a pair as not a duplicate (it stays dismissed on later scans)."""
    dismiss_duplicate(pair=get_object_or_404(SuspectedDuplicate, pk=pk))
    return redirect("directory:duplicates")
