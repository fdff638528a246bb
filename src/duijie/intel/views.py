"""News intelligence pages: the documents, reading one (upload → preview → confirm), review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.models import Organisation
from duijie.history.services import history_sentences
from duijie.intel import services
from duijie.intel.forms import AcceptForm, DocumentForm
from duijie.intel.labels import edit_label, fact_label
from duijie.intel.models import Document, DocumentKind, Fact, FactKind, FactStatus
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import NEW, REVIEW, SAME_AS, UNCHANGED, Preview, RowPreview
from duijie.interchange.uploads import file_response
from duijie.interchange.views import ImportView
from duijie.localised import absolute_url, moment, reader_language
from duijie_core.intel.errors import IntelError
from duijie_core.intel.ingest import MAX_BYTES, read_document


@permission_required("intel.view_documents")
def documents(request: HttpRequest) -> HttpResponse:
    rows = Document.objects.select_related("added_by").annotate(
        to_review=Count("facts", filter=Q(facts__status=FactStatus.PROPOSED)),
        accepted=Count("facts", filter=Q(facts__status=FactStatus.ACCEPTED)),
    )
    return render(
        request,
        "intel/documents.html",
        {"documents": rows, "can_read": request.user.has_perm("intel.review_facts")},
    )


@method_decorator(permission_required("intel.review_facts"), name="dispatch")
class DocumentImportView(ImportView):
    """A news document read into proposed facts: upload or paste → preview → confirm."""

    kind = "intel.document"
    form_class = DocumentForm
    template_name = "intel/read.html"
    title = gettext_lazy("Read a news document")
    intro = gettext_lazy(
        "Upload a PDF with a text layer, a saved web page or a text file, or paste the text. "
        "The text is repaired (doubled bold headlines, broken lines, repeated captions) and "
        "read for organisations, projects, amounts and milestones. You see a preview first; "
        "nothing is kept until you confirm, and every fact waits for your review."
    )
    max_bytes = MAX_BYTES
    done = gettext_lazy("Document kept: %(count)s facts to review.")

    def upload_params(self, form: Form) -> dict[str, Any]:
        data = form.cleaned_data
        return {
            "title": data.get("title") or "",
            "publisher": data.get("publisher") or "",
            "url": data.get("url") or "",
            "published_on": data["published_on"].isoformat(),
            "pasted": bool(data.get("pasted")),
        }

    def make_plan(self, pending: PendingUpload) -> services.DocumentPlan | str:
        params = pending.params
        try:
            document = read_document(bytes(pending.content), pending.filename)
        except IntelError as error:
            return services.read_error_text(error, reader_language())
        fields = {
            "title": params.get("title", ""),
            "publisher": params.get("publisher", ""),
            "url": params.get("url", ""),
            "published_on": parse_date(params.get("published_on", "")) or timezone.localdate(),
            "filename": "" if params.get("pasted") else pending.filename,
            "size": pending.size,
        }
        kind = DocumentKind.PASTED if params.get("pasted") else document.kind
        return services.plan_document(document, kind=kind, fields=fields)

    def make_preview(self, plan: services.DocumentPlan | str) -> Preview:
        if isinstance(plan, str):
            return Preview.of([], [plan])
        if plan.duplicate_of is not None:
            before = plan.duplicate_of
            problem = _("This text was read before: “%(title)s”, added %(day)s by %(name)s.") % {
                "title": before.title,
                "day": moment(before.added_at),
                "name": before.added_by.name,
            }
            return Preview.of([], [problem])
        rows = [_row(number, fact, plan) for number, fact in enumerate(plan.facts, 1)]
        preview = Preview.of(rows)
        counts = preview.counts | {
            "repairs": len(plan.reading.repair.edits),
            "characters": len(plan.reading.text),
            "model": int(plan.has_model),
        }
        return Preview(preview.rows, (), counts)

    def commit(self, plan: services.DocumentPlan | str, pending: PendingUpload) -> dict[str, int]:
        assert isinstance(plan, services.DocumentPlan)
        document = services.commit_plan(
            plan, by=self.user, original=bytes(pending.content), filename=pending.filename
        )
        self.success_url = reverse("intel:document", args=[document.pk])
        return {"count": len(plan.facts)}


def _row(number: int, fact: services.ProposedFact, plan: services.DocumentPlan) -> RowPreview:
    _offset, sentence = services.sentence_of(plan.reading.text, fact.start)
    label = f"{fact_label(fact.kind, fact.label)}: {fact.text}"
    if fact.organisation is not None:
        return RowPreview(number, label, UNCHANGED, fact.organisation.name, (sentence.strip(),))
    if fact.deal is not None:
        return RowPreview(number, label, SAME_AS, fact.deal.title, (sentence.strip(),))
    if fact.project is not None:
        name = fact.project.name_hant or fact.project.name_hans
        return RowPreview(number, label, UNCHANGED, name, (sentence.strip(),))
    if fact.kind == FactKind.ORGANISATION and fact.value.get("candidates"):
        return RowPreview(number, label, REVIEW, "", (sentence.strip(),))
    return RowPreview(number, label, NEW, "", (sentence.strip(),))


@permission_required("intel.view_documents")
def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document.objects.select_related("added_by"), pk=pk)
    facts = list(
        doc.facts.select_related("organisation", "project__edition", "deal", "reviewed_by")
    )
    marks = [
        (f.start, f.end, f"mark-{f.kind}", fact_label(f.kind, f.label))
        for f in facts
        if f.status != FactStatus.REJECTED
    ]
    context = {
        "document": doc,
        "pieces": services.highlighted(doc.text, marks),
        "edits": [{**e, "label": edit_label(e["kind"])} for e in doc.edits],
        "facts": [_fact_row(f) for f in facts],
        "can_review": request.user.has_perm("intel.review_facts"),
        "history": history_sentences(doc, user=request.user, language=get_language()),
    }
    return render(request, "intel/document.html", context)


def _fact_row(fact: Fact) -> dict[str, Any]:
    _offset, sentence = services.sentence_of(fact.document.text, fact.start)
    choices: list[Organisation] = []
    if fact.status == FactStatus.PROPOSED:
        if fact.kind == FactKind.ORGANISATION and fact.organisation is None:
            keys = [int(k) for k in fact.value.get("candidates", []) if str(k).isdigit()]
            choices = list(Organisation.objects.filter(pk__in=keys))
        elif fact.kind == FactKind.PROJECT and fact.deal is None:
            choices = services.investor_choices(fact)
    return {
        "fact": fact,
        "label": fact_label(fact.kind, fact.label),
        "sentence": sentence.strip(),
        "form": AcceptForm(choices=choices) if choices else None,
    }


def _fact_link(request: HttpRequest, fact: Fact) -> str:
    path = reverse("intel:document", args=[fact.document_id]) + f"#fact-{fact.pk}"
    return absolute_url(path, request)


@permission_required("intel.view_documents")
def original(request: HttpRequest, pk: int) -> HttpResponse:
    """The file the document was read from, as uploaded (downloaded, never run)."""
    doc = get_object_or_404(Document, pk=pk)
    if not doc.original:
        raise Http404
    return file_response(doc.original, download_name=doc.filename or f"document-{doc.pk}.txt")


@require_POST
@permission_required("intel.review_facts")
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    fact = get_object_or_404(Fact.objects.select_related("document"), pk=pk)
    back = reverse("intel:document", args=[fact.document_id]) + f"#fact-{fact.pk}"
    if fact.status != FactStatus.PROPOSED:
        messages.info(request, _("This fact was already reviewed."))
        return redirect(back)
    form = AcceptForm(request.POST, choices=_allowed(fact))
    chosen = form.cleaned_data.get("organisation") if form.is_valid() else None
    try:
        services.accept_fact(
            fact,
            by=request.user,
            today=timezone.localdate(),
            link=_fact_link(request, fact),
            organisation=chosen if fact.kind == FactKind.ORGANISATION else None,
            investor=chosen if fact.kind == FactKind.PROJECT else None,
        )
    except services.IntelReviewError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _accepted_message(fact))
    return redirect(back)


def _allowed(fact: Fact) -> list[Organisation]:
    if fact.kind == FactKind.PROJECT:
        return services.investor_choices(fact)
    keys = [int(k) for k in fact.value.get("candidates", []) if str(k).isdigit()]
    return list(Organisation.objects.filter(pk__in=keys))


def _accepted_message(fact: Fact) -> str:
    if fact.kind == FactKind.PROJECT and fact.deal is not None:
        return _("Accepted: the project is the deal “%(deal)s”.") % {"deal": fact.deal.title}
    if fact.kind == FactKind.EVENT and fact.deal is not None:
        return _("Accepted as evidence on the deal “%(deal)s”.") % {"deal": fact.deal.title}
    if fact.kind == FactKind.ORGANISATION and fact.organisation is not None:
        return _("Accepted: linked to %(name)s.") % {"name": fact.organisation.name}
    return _("Accepted.")


@require_POST
@permission_required("intel.review_facts")
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    fact = get_object_or_404(Fact, pk=pk)
    if fact.status == FactStatus.PROPOSED:
        services.reject_fact(fact, by=request.user)
        messages.success(request, _("Rejected."))
    return redirect(reverse("intel:document", args=[fact.document_id]) + f"#fact-{fact.pk}")
