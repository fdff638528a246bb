"""Pipeline pages: thin callers of filters, figures, services and exporters."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.history.services import history_sentences
from duijie.interchange.uploads import file_response
from duijie.interchange.writer import XLSX_TYPE
from duijie.pipeline import aftercare as aftercare_services
from duijie.pipeline import exporters, report, services
from duijie.pipeline.dashboard import CHARTS, FigureContext, headline, headline_json
from duijie.pipeline.filters import DealFilter, FigureFilter
from duijie.pipeline.forms import (
    ArrivalForm,
    DealForm,
    DuplicateForm,
    EventEditForm,
    IssueForm,
    MoveForm,
    ResolveForm,
    VisitForm,
    edition_events,
)
from duijie.pipeline.models import AftercareIssue, AftercareVisit, Deal, DuplicateStatus, StageEvent
from duijie.pipeline.phrases import PipelineError
from duijie.pipeline.sections import deal_sections_for, sections_for
from duijie.reference.models import Edition
from duijie_core.pipeline.figures import stall_cutoff


def figure_filter(
    request: HttpRequest, form_class: type[FigureFilter] = FigureFilter
) -> FigureFilter:
    """The filter from the query string; without an ``edition`` key, the current edition."""
    data = request.GET.copy()
    if "edition" not in data and form_class is FigureFilter:
        current = Edition.objects.filter(is_current=True).values_list("pk", flat=True).first()
        data["edition"] = str(current or "")
    return form_class(data)


def figure_context(request: HttpRequest) -> FigureContext:
    by = request.GET.get("by", "edition")
    if by not in ("edition", "city", "industry", "method"):
        by = "edition"
    return FigureContext(
        form=figure_filter(request), by=by, today=timezone.localdate(), user=request.user
    )


@permission_required("pipeline.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    ctx = figure_context(request)
    query = request.GET.urlencode()
    context = {
        "form": ctx.form,
        "figures": headline(ctx),
        "charts": list(CHARTS),
        "query": query,
        "by": ctx.by,
        "sections": sections_for(request),
    }
    return render(request, "pipeline/dashboard.html", context)


@permission_required("pipeline.view_dashboard")
def chart_data(request: HttpRequest, key: str) -> JsonResponse:
    if key == "headline":
        return JsonResponse(headline_json(headline(figure_context(request))))
    if key not in CHARTS:
        raise Http404
    return JsonResponse(CHARTS[key](figure_context(request)).as_json())


@permission_required("pipeline.view_dashboard")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    content = exporters.dashboard_xlsx(figure_context(request))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="duijie-dashboard.xlsx"'
    return response


@permission_required("pipeline.view_dashboard")
def export_pdf(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or "zh-hant"
    content = exporters.dashboard_pdf(figure_context(request), language=language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="duijie-dashboard.pdf"'
    return response


@require_POST
@permission_required("pipeline.view_dashboard")
def edition_report(request: HttpRequest) -> HttpResponse:
    """The week's results report; through the jobs app when it can queue work."""
    edition = get_object_or_404(Edition, pk=request.POST.get("edition"))
    language = translation.get_language() or "zh-hant"
    job_url = report.enqueue_report(edition=edition, language=language, user=request.user)
    if job_url:
        messages.success(request, _("The report is being prepared."))
        return redirect(job_url)
    content = report.edition_report_pdf(
        edition=edition, language=language, today=timezone.localdate()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename(edition, language)}"'
    return response


@permission_required("pipeline.view_deals")
def deal_list(request: HttpRequest) -> HttpResponse:
    form = DealFilter(request.GET)
    cutoff = stall_cutoff(today=timezone.localdate(), stall_days=services.stall_days())
    deals = Deal.objects.filter(form.deal_q(stall_cutoff=cutoff, user=request.user)).distinct()
    deals = deals.select_related("investor", "city", "key_industry", "edition", "owner", "event")
    page = Paginator(deals.order_by("-last_progress_on", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    toggled = query.copy()
    if toggled.pop("mine", None) is None:
        toggled["mine"] = "on"
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "toggle_mine": toggled.urlencode(),
        "mine": bool(form.valid_data().get("mine")),
        "cutoff": cutoff,
    }
    return render(request, "pipeline/deal_list.html", context)


DETAIL_RELATED = (
    "investor", "project", "enterprise", "edition", "event", "city", "key_industry", "owner",
    "amount_rate",
)  # fmt: skip


def _deal(pk: int) -> Deal:
    return get_object_or_404(Deal.objects.select_related(*DETAIL_RELATED), pk=pk)


@permission_required("pipeline.view_deals")
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _deal(pk))


def _detail_page(request: HttpRequest, deal: Deal, **bound: forms.Form) -> HttpResponse:
    """The deal page; ``bound`` forms (move_form, arrival_form, duplicate_form) that failed
    are shown with the user's input and their errors instead of empty ones."""
    context = {
        "deal": deal,
        "events": deal.events.select_related("confirmed_by"),
        "history": history_sentences(deal, user=request.user, language=get_language()),
        "arrivals": deal.arrivals.select_related("rate", "recorded_by"),
        "suspicions": deal.suspicions.select_related("other"),
        "deal_sections": deal_sections_for(request, deal),
        "can_change": request.user.has_perm("pipeline.change_deals"),
        "move_form": MoveForm(
            initial={"on": timezone.localdate(), "to_stage": min(deal.stage + 1, 7)}
        ),
        "arrival_form": ArrivalForm(initial={"arrived_on": timezone.localdate()}),
        "duplicate_form": DuplicateForm(deal=deal)
        if deal.duplicate_status == DuplicateStatus.SUSPECT
        else None,
        **bound,
    }
    return render(request, "pipeline/deal_detail.html", context)


def _current_edition() -> Edition | None:
    return Edition.objects.filter(is_current=True).first()


@permission_required("pipeline.change_deals")
def deal_create(request: HttpRequest) -> HttpResponse:
    initial = {
        "owner": request.user,
        "opened_on": timezone.localdate(),
        "edition": _current_edition(),
    }
    form = DealForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        amount_text, code = data.pop("amount_text"), data.pop("currency_code")
        try:
            deal = services.create_deal(amount_text=amount_text, currency_code=code, **data)
        except PipelineError as error:
            form.add_error("amount_text", error.messages)
        else:
            return redirect("pipeline:deal_detail", pk=deal.pk)
    return render(request, "pipeline/deal_form.html", {"form": form, "title": _("New deal")})


@permission_required("pipeline.change_deals")
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a deal's details; a signed deal whose name or amount changed is re-checked."""
    deal = get_object_or_404(Deal, pk=pk)
    initial = {"amount_text": deal.amount_text, "currency_code": deal.currency}
    form = DealForm(request.POST or None, instance=deal, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        amount_text, code = data.pop("amount_text"), data.pop("currency_code")
        try:
            services.update_deal(
                deal=Deal.objects.get(pk=pk), amount_text=amount_text, currency_code=code, **data
            )
        except PipelineError as error:
            form.add_error("amount_text", error.messages)
        else:
            return redirect("pipeline:deal_detail", pk=pk)
    title = _("Edit: %(deal)s") % {"deal": deal.title}
    return render(request, "pipeline/deal_form.html", {"form": form, "title": title})


@permission_required("pipeline.change_deals")
def deal_form_options(request: HttpRequest, field: str) -> HttpResponse:
    """HTMX: the <option>s of the deal form's event select for an edition (the project is
    a picker that follows the edition itself)."""
    edition_id = request.GET.get("edition") or None
    if edition_id is not None and not str(edition_id).isdigit():
        edition_id = None
    if field != "event":
        raise Http404
    options = list(edition_events(edition_id))
    chosen = request.GET.get(field, "")
    context = {"options": options, "chosen": chosen}
    return render(request, "pipeline/_options.html", context)


@require_POST
@permission_required("pipeline.change_deals")
def deal_move(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(pk)
    form = MoveForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.move_deal(
                deal=deal, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except PipelineError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Stage recorded."))
            return redirect("pipeline:deal_detail", pk=deal.pk)
    return _detail_page(request, deal, move_form=form)


@permission_required("pipeline.view_deals")
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """A stage event's evidence document, to those who may see deals."""
    event = get_object_or_404(StageEvent.objects.exclude(evidence_file=""), pk=pk)
    return file_response(event.evidence_file, download_name=f"evidence-{event.pk}")


@permission_required("pipeline.change_deals")
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(StageEvent.objects.select_related("deal"), pk=pk)
    initial = {
        f: getattr(event, f) for f in ("occurred_on", "evidence_link", "evidence_note", "reason")
    }
    form = EventEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_stage_event(
                event=event, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except PipelineError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("pipeline:deal_detail", pk=event.deal_id)
    return render(request, "pipeline/event_form.html", {"form": form, "event": event})


@require_POST
@permission_required("pipeline.change_deals")
def arrival_add(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(pk)
    form = ArrivalForm(request.POST)
    if form.is_valid():
        try:
            services.record_capital_arrival(
                deal=deal, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except PipelineError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Capital arrival recorded."))
            return redirect("pipeline:deal_detail", pk=deal.pk)
    return _detail_page(request, deal, arrival_form=form)


@require_POST
@permission_required("pipeline.change_deals")
def deal_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal(pk)
    form = DuplicateForm(request.POST, deal=deal)
    if not form.is_valid():
        return _detail_page(request, deal, duplicate_form=form)
    if form.cleaned_data["decision"] == "distinct":
        services.confirm_distinct(deal=deal, by=request.user)
    else:
        services.mark_duplicate(deal=deal, of=form.cleaned_data["duplicate_of"], by=request.user)
    messages.success(request, _("Decision recorded."))
    return redirect("pipeline:deal_detail", pk=deal.pk)


@permission_required("pipeline.manage_aftercare")
def aftercare(request: HttpRequest) -> HttpResponse:
    """The aftercare log: visits and issues of existing investors."""
    visits = AftercareVisit.objects.select_related("organisation", "staff", "deal")
    issues = AftercareIssue.objects.select_related("organisation", "owner")
    context = {
        "visits": Paginator(visits, 30).get_page(request.GET.get("page")),
        "open_issues": issues.filter(status=AftercareIssue.Status.OPEN)[:100],
        "resolved_issues": issues.filter(status=AftercareIssue.Status.RESOLVED)[:30],
    }
    return render(request, "pipeline/aftercare.html", context)


def _aftercare_entry(
    request: HttpRequest,
    form_class: type,
    date_field: str,
    record: Callable[..., object],
    title: str,
) -> HttpResponse:
    """Show ``form_class`` dated today; on a valid post, ``record`` it, back to aftercare."""
    form = form_class(request.POST or None, initial={date_field: timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            record(today=timezone.localdate(), **form.cleaned_data)
        except PipelineError as error:
            form.add_error(date_field, error.messages)
        else:
            return redirect("pipeline:aftercare")
    return render(request, "pipeline/simple_form.html", {"form": form, "title": title})


@permission_required("pipeline.manage_aftercare")
def visit_add(request: HttpRequest) -> HttpResponse:
    def record(**fields: object) -> object:
        return aftercare_services.record_visit(staff=request.user, **fields)

    return _aftercare_entry(request, VisitForm, "visited_on", record, _("Log a visit"))


@permission_required("pipeline.manage_aftercare")
def issue_add(request: HttpRequest) -> HttpResponse:
    def record(**fields: object) -> object:
        return aftercare_services.raise_issue(owner=request.user, **fields)

    return _aftercare_entry(request, IssueForm, "raised_on", record, _("Log an issue"))


@permission_required("pipeline.manage_aftercare")
def issue_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(AftercareIssue, pk=pk, status=AftercareIssue.Status.OPEN)
    form = ResolveForm(request.POST or None, initial={"resolved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            aftercare_services.resolve_issue(
                issue=issue, today=timezone.localdate(), **form.cleaned_data
            )
        except PipelineError as error:
            form.add_error("resolved_on", error.messages)
        else:
            return redirect("pipeline:aftercare")
    title = _("Resolve: %(issue)s") % {"issue": issue.title}
    return render(request, "pipeline/simple_form.html", {"form": form, "title": title})
