"""Staff pages: edit and create platforms, import and export them, rank sites, attach to deals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.catalogue.models import Project
from duijie.directory.models import Mandate
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import NEW, UNCHANGED, UPDATED, Preview, RowPreview
from duijie.interchange.problems import problem_text
from duijie.interchange.reader import SheetError, read_table
from duijie.interchange.views import ImportView
from duijie.interchange.writer import write_xlsx
from duijie.localised import reader_language
from duijie.parks import logistics, services
from duijie.parks.factors import site_factors
from duijie.parks.forms import PlatformForm, SuggestForm
from duijie.parks.models import Platform, SiteSuggestion
from duijie.parks.siting import (
    SiteSubject,
    Suggestion,
    subject_of_mandate,
    subject_of_project,
    suggest,
)
from duijie.parks.spreadsheet import (
    PlatformPlan,
    commit_platforms,
    header_row,
    plan_platforms,
    platform_rows,
)
from duijie.pipeline.models import Deal
from duijie.reference.models import KeyIndustry
from duijie_core.siting.phrases import LANGUAGES, describe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MARKET = "81"  # Hong Kong
SHOWN = 30  # platforms listed on the suggestion page (the best ones)


@permission_required("parks.change_parks")
def platform_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create a platform, or change one (its history below the form)."""
    platform = get_object_or_404(Platform, code=code) if code else Platform()
    form = PlatformForm(request.POST or None, instance=platform)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Platform saved."))
        return redirect("parks:detail", code=saved.code)
    return render(request, "parks/platform_form.html", {"form": form, "platform": platform})


@method_decorator(permission_required("parks.change_parks"), name="dispatch")
class PlatformImportView(ImportView):
    """Platforms from a spreadsheet (one row per platform): upload → preview → confirm."""

    kind = "parks.platforms"
    title = gettext_lazy("Import open platforms")
    intro = gettext_lazy(
        "Upload an .xlsx or .csv file with one row per platform (the export has the columns). "
        "A row whose code exists changes that platform; a new code adds one. You will see a "
        "preview first; nothing is saved until you confirm, and nothing at all if any row "
        "has a problem."
    )
    success_url = "parks:list"
    done = gettext_lazy("Imported %(count)s platforms.")

    def make_plan(self, pending: PendingUpload) -> PlatformPlan:
        try:
            table = read_table(bytes(pending.content), pending.filename)
        except SheetError as error:
            return PlatformPlan(problems=[problem_text(p) for p in error.problems])
        return plan_platforms(table)

    def make_preview(self, plan: PlatformPlan) -> Preview:
        if plan.problems:
            return Preview.of([], plan.problems)
        rows = []
        for number, form, before in plan.rows:
            outcome = NEW if before is None else UNCHANGED if number in plan.unchanged else UPDATED
            rows.append(
                RowPreview(
                    number, form.cleaned_data.get("name_hant") or form.cleaned_data["name"], outcome
                )
            )
        return Preview.of(rows)

    def commit(self, plan: PlatformPlan, pending: PendingUpload) -> dict[str, int]:
        return {"count": commit_platforms(plan)}


@permission_required("parks.change_parks")
def export_platforms(request: HttpRequest) -> HttpResponse:
    """Every platform as the spreadsheet the import reads."""
    platforms = Platform.objects.select_related(
        "division", "contact_organisation"
    ).prefetch_related("key_industries", "industries")
    content = write_xlsx(header_row(), platform_rows(platforms), title=_("Open platforms"))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="platforms.xlsx"'
    return response


def reason_names() -> dict[str, dict[str, str]]:
    """Display names of key industries and corridor nodes, per language, for the reasons."""
    nodes = logistics.known_nodes()
    found: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        django = language.lower()
        names = {k.code: k.display_name(django) for k in KeyIndustry.objects.all()}
        for factor in site_factors():
            if factor.names is not None:
                names |= factor.names(django)
        found[language] = names | logistics.node_names(nodes, django)
    return found


def _suggest_form(
    data: Any, names: dict[str, str]
) -> tuple[SuggestForm, str, dict[str, float] | None, dict[str, str]]:
    """The ranking form (market, factor weights, factor choices) read from ``data``;
    ``names``: the reader's language's names of `reason_names`."""
    ends = logistics.destinations(logistics.core_legs())
    market = default_market(ends)
    if data and "market" not in data:  # a link that sets only weights or a profile
        data = data.copy()
        data["market"] = market
    factors = site_factors()
    form = SuggestForm(
        data or None,
        initial={"market": market},
        markets=[(e, names.get(e, e)) for e in ends],
        factors=[(f.name, weight_label(f.label), f.weight) for f in factors],
        options=[
            (f.name, f.option_label or f.label, f.options())
            for f in factors
            if f.options is not None
        ],
    )
    if form.is_valid():
        return form, form.cleaned_data["market"], form.weights(), form.choices()
    typed = form["market"].value()  # a wrong weight keeps the market the reader chose
    return form, typed if typed in ends else market, None, {}


def default_market(ends: list[str]) -> str:
    """The market a first view ranks for: Hong Kong when a corridor reaches it, else the
    first destination (GBA ports first); none only when no corridor ends anywhere."""
    if DEFAULT_MARKET in ends:
        return DEFAULT_MARKET
    return ends[0] if ends else ""


def weight_label(label: object) -> str:
    """The weight field's label: "Operating cost (weight)" (the choice field says what it is)."""
    return _("%(factor)s (weight)") % {"factor": label}


def _ranking(request: HttpRequest, subject_of: Any, about: Any, kind: str) -> HttpResponse:
    names = reason_names()  # once per request: every language's (an attachment keeps all)
    language = reader_language()
    form, market, weights, choices = _suggest_form(request.GET, names[language])
    subject: SiteSubject = subject_of(about, market=market, choices=choices)
    suggestion = suggest(subject=subject, today=timezone.localdate(), weights=weights)
    context = {
        "form": form,
        "subject": subject,
        "about": about,
        "kind": kind,
        "rows": _rows(suggestion, names[language], language),
        "factors": site_factors(),
        "deals": _deals(about, kind),
        "market_name": names[language].get(market, market),
    }
    return render(request, "parks/suggest.html", context)


def _rows(suggestion: Suggestion, names: dict[str, str], language: str) -> list[dict[str, Any]]:
    return [
        {
            "rank": number,
            "item": item,
            "platform": suggestion.platforms[item.platform],
            "factors": [
                (name, factor.score, [describe(r, language, names) for r in factor.reasons])
                for name, factor in item.factors.items()
            ],
        }
        for number, item in enumerate(suggestion.ranked[:SHOWN], 1)
    ]


def _deals(about: Any, kind: str) -> list[Deal]:
    deals = Deal.objects.order_by("-pk")
    if kind == "project":
        related = deals.filter(project=about)
    else:
        related = deals.filter(investor=about.organisation)
    return list(related[:50])


@permission_required("parks.suggest_sites")
def suggest_for_project(request: HttpRequest, pk: int) -> HttpResponse:
    """Platforms ranked for a catalogue project."""
    project = get_object_or_404(Project.objects.select_related("key_industry", "industry"), pk=pk)
    return _ranking(request, subject_of_project, project, "project")


@permission_required("parks.suggest_sites")
def suggest_for_mandate(request: HttpRequest, pk: int) -> HttpResponse:
    """Platforms ranked for an investor's mandate."""
    mandate = get_object_or_404(Mandate.objects.select_related("organisation"), pk=pk)
    return _ranking(request, subject_of_mandate, mandate, "mandate")


@require_POST
@permission_required("parks.suggest_sites")
def attach(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Attach the chosen platforms, with their reasons now, to a deal (ranked with the
    market, weights and choices the page was ranked with)."""
    names = reason_names()
    _form, market, weights, choices = _suggest_form(request.POST, names[reader_language()])
    if kind == "project":
        subject = subject_of_project(
            get_object_or_404(Project, pk=pk), market=market, choices=choices
        )
    elif kind == "mandate":
        subject = subject_of_mandate(
            get_object_or_404(Mandate, pk=pk), market=market, choices=choices
        )
    else:
        raise Http404
    deal = Deal.objects.filter(pk=_number(request.POST.get("deal"))).first()
    chosen = [n for n in (_number(v) for v in request.POST.getlist("platform")) if n]
    if deal is None or not chosen:
        messages.error(request, _("Choose a deal and at least one platform, then attach again."))
        return redirect(f"parks:suggest_{kind}", pk=pk)
    suggestion = suggest(subject=subject, today=timezone.localdate(), weights=weights)
    services.attach_suggestion(
        deal=deal,
        suggestion=suggestion,
        platform_ids=chosen,
        names=names,
        user=request.user,
    )
    messages.success(request, _("Suggestion attached to the deal."))
    return redirect("parks:deal", pk=deal.pk)


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@permission_required("pipeline.view_deals")
def deal_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The platforms suggested for one deal, with the reasons as they were when attached."""
    deal = get_object_or_404(Deal, pk=pk)
    context = {"deal": deal, "suggestions_section": deal_section(request, deal)}
    return render(request, "parks/deal_suggestions.html", context)


def deal_section(request: HttpRequest, deal: Deal) -> dict[str, object]:
    """The context of the deal page's section (and of the page above)."""
    language = reader_language()
    rows = SiteSuggestion.objects.filter(deal=deal).select_related("platform")
    return {"suggestions": [(s, s.sentences.get(language, [])) for s in rows]}
