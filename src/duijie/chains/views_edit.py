"""Staff pages that change chains: the editor (with history), import, export, re-placing firms."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.chains import services
from duijie.chains.adapters import core_chains
from duijie.chains.forms import ChainForm, LinkFormSet, draft_from, link_initial
from duijie.chains.models import Chain, Placement, ReviewDecision
from duijie.chains.pages import problem_sentences
from duijie.chains.spreadsheet import ChainPlan, chain_rows, header_row, plan_chains
from duijie.chains.tasks import JOB_KIND
from duijie.history.services import history_sentences
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import NEW, UNCHANGED, UPDATED, Preview, RowPreview
from duijie.interchange.problems import problem_text
from duijie.interchange.reader import SheetError, read_table
from duijie.interchange.views import ImportView
from duijie.interchange.writer import write_xlsx
from duijie.jobs.services import enqueue
from duijie.localised import reader_language

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required("chains.change_chains")
def chain_edit(request: HttpRequest, chain: str) -> HttpResponse:
    """Rename the chain, add, remove and rename links, change their mappings and edges."""
    row = get_object_or_404(Chain, code=chain)
    (current,) = core_chains([row])
    initial = {"name": row.name, "name_hant": row.name_hant, "name_en": row.name_en}
    form = ChainForm(request.POST or None, initial=initial)
    links = LinkFormSet(request.POST or None, initial=link_initial(current), prefix="links")
    problems: list[str] = []
    if request.method == "POST" and form.is_valid() and links.is_valid():
        draft = draft_from(row.code, form, links, current.kinds)
        try:
            services.save_chain(draft=draft)
        except services.ChainRejected as error:
            problems = problem_sentences(error.problems)
        else:
            messages.success(request, _("Chain saved. Place the firms again to update the maps."))
            return redirect("chains:edit", chain=row.code)
    context = {
        "chain": row, "form": form, "links": links, "problems": problems,
        "history": history_sentences(row, user=request.user, language=reader_language()),
    }  # fmt: skip
    return render(request, "chains/chain_edit.html", context)


@method_decorator(permission_required("chains.change_chains"), name="dispatch")
class ChainImportView(ImportView):
    """Chains from a spreadsheet (one row per link): upload → preview → confirm."""

    kind = "chains.chains"
    title = gettext_lazy("Import industry chains")
    intro = gettext_lazy(
        "Upload an .xlsx or .csv file with one row per link (the export has the columns). "
        "A chain of the file replaces the chain with the same code, links and edges included. "
        "You will see a preview first; nothing is saved until you confirm, and nothing at all "
        "if any chain has a cycle, an upstream link that is not in it, or a link with no "
        "industry code or keyword."
    )
    success_url = "chains:list"
    done = gettext_lazy("Imported %(count)s chains.")

    def make_plan(self, pending: PendingUpload) -> ChainPlan:
        try:
            table = read_table(bytes(pending.content), pending.filename)
        except SheetError as error:
            return ChainPlan(problems=[problem_text(p) for p in error.problems])
        return plan_chains(table)

    def make_preview(self, plan: ChainPlan) -> Preview:
        if plan.problems:
            return Preview.of([], plan.problems)
        existing = {c.id: c for c in core_chains()}
        rows = []
        for draft in plan.drafts:
            before = existing.get(draft.code)
            outcome = (
                NEW
                if before is None
                else UNCHANGED
                if before.links == draft.links and before.names == draft.names
                else UPDATED
            )
            rows.append(
                RowPreview(
                    plan.rows[draft.code][0], draft.names.in_language(reader_language()), outcome
                )
            )
        return Preview.of(rows)

    def commit(self, plan: ChainPlan, pending: PendingUpload) -> dict[str, int]:
        with transaction.atomic():
            for draft in plan.drafts:
                services.save_chain(draft=draft)
        return {"count": len(plan.drafts)}


@permission_required("chains.change_chains")
def export_chains(request: HttpRequest) -> HttpResponse:
    """Every chain (or ``?chain=code``) as the spreadsheet the import reads."""
    chosen = Chain.objects.filter(code=request.GET["chain"]) if request.GET.get("chain") else None
    content = write_xlsx(header_row(), chain_rows(core_chains(chosen)), title=_("Industry chains"))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="chains.xlsx"'
    return response


@require_POST
@permission_required("chains.change_chains")
def place(request: HttpRequest) -> HttpResponse:
    """Queue the task that places every firm again."""
    enqueue(kind=JOB_KIND, params={}, user=request.user)
    messages.success(request, _("Placing the firms on the links; the maps update when it is done."))
    return redirect("chains:list")


@require_POST
@permission_required("chains.review_placements")
def review(request: HttpRequest, chain: str, link: str) -> HttpResponse:
    """Staff confirm or reject a firm's automatic placement on the link."""
    chosen = request.POST.get("organisation", "")
    placement = get_object_or_404(
        Placement.objects.select_related("organisation"),
        link__chain__code=chain, link__code=link,
        organisation_id=int(chosen) if chosen.isdigit() else 0,
    )  # fmt: skip
    decision = request.POST.get("decision", "")
    if decision not in ReviewDecision.values:
        return HttpResponseBadRequest(_("Choose whether to confirm or reject the placement."))
    services.review_placement(
        placement=placement, decision=decision, user=request.user, now=timezone.now()
    )
    firm = placement.organisation.name
    if decision == ReviewDecision.CONFIRMED:
        messages.success(request, _("%(firm)s is confirmed on this link.") % {"firm": firm})
    else:
        messages.success(
            request,
            _("%(firm)s is taken off this link; it comes back only if its evidence changes.")
            % {"firm": firm},
        )
    back = reverse("chains:firms", args=[chain, link])
    return redirect(f"{back}?{request.GET.urlencode()}")
