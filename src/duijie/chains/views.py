"""Chain pages: the list, the chain map, a link's page, the firms behind a number, the
region comparison, the target list in xlsx, and the lead made from a target."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from duijie import localised
from duijie.accounts.access import permission_required
from duijie.chains import pages, services
from duijie.chains.adapters import (
    FIRM_KINDS,
    HOME_REGION,
    Listings,
    core_chains,
    firm_locality,
    kept_analysis,
    link_listings,
    link_trends,
    resolve_region,
)
from duijie.chains.models import Chain, Link, Placement, PlacementReview, ReviewDecision
from duijie.directory.models import Organisation
from duijie.history.services import history_sentences
from duijie.interchange.writer import write_xlsx
from duijie.localised import reader_language
from duijie.reference.models import AdminDivision, DivisionLevel
from duijie_core.chains.errors import ChainError
from duijie_core.chains.regions import Region
from duijie_core.chains.strength import Analysis, ChainStrength, LinkStrength
from duijie_core.chains.trend import Year, direction

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def region_choices() -> list[tuple[str, str]]:
    """Provinces and their cities for the region selector (code, name in the reader's script)."""
    rows = AdminDivision.objects.filter(level__in=(DivisionLevel.PROVINCE, DivisionLevel.CITY))
    return [(d.code.ljust(6, "0"), d.display_name()) for d in rows.order_by("code")]


def region_label(region: Region) -> str:
    """The region's name in the reader's language (the reference data's translated names)."""
    division = AdminDivision.objects.filter(code=region.city or region.province).first()
    return division.display_name() if division else region.name


def chosen_region(request: HttpRequest, key: str = "region") -> tuple[Region, str]:
    """The region of ``?region=`` (default Hunan) and a sentence when it was not understood."""
    try:
        return resolve_region(request.GET.get(key) or HOME_REGION), ""
    except ChainError:
        note = _("That region is not known; showing Hunan. Choose a province or a city.")
        return resolve_region(HOME_REGION), note


def region_notes(analysis: Analysis) -> list[str]:
    """What the numbers leave out, said in words (never a silent zero)."""
    notes = []
    if analysis.local_firms == 0:
        notes.append(
            _(
                "No firm of the directory is known to be headquartered in %(region)s: "
                "every link is missing here."
            )
            % {"region": region_label(analysis.region)}
        )
    if analysis.no_region_firms:
        notes.append(
            ngettext(
                "%(count)s firm has no known headquarters region; it is counted apart, "
                "never as outside the region.",
                "%(count)s firms have no known headquarters region; they are counted apart, "
                "never as outside the region.",
                analysis.no_region_firms,
            )
            % {"count": localised.number(analysis.no_region_firms)}
        )
    return notes


def _chain(code: str) -> Chain:
    return get_object_or_404(Chain, code=code)


def confirmed_only(request: HttpRequest) -> bool:
    """Whether the reader asked for link strength over staff-confirmed placements only."""
    return request.GET.get("basis") == "confirmed"


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    region, note = chosen_region(request)
    confirmed = confirmed_only(request)
    return {
        "region": region, "region_label": region_label(region), "region_note": note,
        "regions": region_choices(), "confirmed": confirmed, "show_basis": True,
        "query": f"region={region.code}" + ("&basis=confirmed" if confirmed else ""),
        **extra,
    }  # fmt: skip


@permission_required("chains.view_chains")
def chain_list(request: HttpRequest) -> HttpResponse:
    """Every chain with its label in the chosen region."""
    context = _context(request)
    analysis = kept_analysis(context["region"], confirmed=context["confirmed"])
    rows = Chain.objects.in_bulk(field_name="code")
    context |= {
        "rows": [(rows[s.chain], s, pages.LABELS[s.label]) for s in analysis.chains],
        "analysis": analysis,
        "notes": region_notes(analysis),
    }
    return render(request, "chains/chain_list.html", context)


def _analysed(
    request: HttpRequest, chain: Chain, *, evidence: bool = False
) -> tuple[dict[str, Any], ChainStrength]:
    context = _context(request, chain=chain)
    (core_chain,) = core_chains([chain])
    analysis = kept_analysis(
        context["region"], [core_chain], evidence=evidence, confirmed=context["confirmed"]
    )
    context |= {"analysis": analysis, "core_chain": core_chain, "notes": region_notes(analysis)}
    return context, analysis.chains[0]


@permission_required("chains.view_chains")
def chain_map(request: HttpRequest, chain: str) -> HttpResponse:
    """The chain map (an ECharts graph) and its links' numbers for the chosen region."""
    row = _chain(chain)
    context, strength = _analysed(request, row)
    links = _links_by_code(row)
    context |= {
        "strength": strength,
        "label": pages.LABELS[strength.label],
        "legend": list(pages.LABELS.items()),
        "links": [_link_row(links[s.link], s, context["core_chain"]) for s in strength.links],
    }
    trends = _trends(row, context["region"])
    context |= {
        "years": [y.year for y in next(iter(trends.values()), ())],
        "trends": [
            (links[s.link], trends[s.link], pages.TRENDS[direction(trends[s.link])])
            for s in strength.links
        ],
    }
    return render(request, "chains/chain_map.html", context)


TREND_YEARS = 5
LISTED_YEARS = 10


def _listings(link: Link, region: Region, *, confirmed: bool) -> Listings:
    last = timezone.localdate().year
    return link_listings(
        link, region, first=last - LISTED_YEARS + 1, last=last, confirmed=confirmed
    )


def _trends(chain: Chain, region: Region) -> dict[str, tuple[Year, ...]]:
    last = timezone.localdate().year
    return link_trends(chain, region, first=last - TREND_YEARS + 1, last=last)


def _links_by_code(chain: Chain) -> dict[str, Link]:
    return {link.code: link for link in Link.objects.filter(chain=chain)}


def _link_row(link: Link, strength: LinkStrength, core_chain: Any) -> dict[str, Any]:
    return {
        "link": link,
        "strength": strength,
        "label": pages.LABELS[strength.label],
        "action": pages.ACTIONS[strength.label],
        "sentence": pages.link_sentence(strength, core_chain),
    }


@permission_required("chains.view_chains")
def chain_graph(request: HttpRequest, chain: str) -> JsonResponse:
    """The chain map's nodes (coloured by label) and edges, as ECharts graph data."""
    row = _chain(chain)
    context, strength = _analysed(request, row)
    links = _links_by_code(row)
    depths = link_depths(context["core_chain"])
    nodes = [
        {
            "id": s.link,
            "name": links[s.link].display_name(),
            "category": s.label,
            "label_text": str(pages.LABELS[s.label]),
            "local": s.local_firms,
            "url": reverse("chains:link", args=[row.code, s.link]) + f"?{context['query']}",
            "depth": depths[s.link],
        }
        for s in strength.links
    ]
    edges = [
        {"source": u, "target": link.id}
        for link in context["core_chain"].links
        for u in link.upstream
    ]
    categories = [{"name": key, "label": str(text)} for key, text in pages.LABELS.items()]
    return JsonResponse({"nodes": nodes, "edges": edges, "categories": categories})


def link_depths(chain: Any) -> dict[str, int]:
    """How many links lie upstream of each link on its longest supply path (0: a source)."""
    depths: dict[str, int] = {}

    def depth(link_id: str) -> int:
        if link_id not in depths:
            depths[link_id] = 0  # a cycle cannot be saved; this only guards recursion
            upstream = chain.link(link_id).upstream
            depths[link_id] = 1 + max(map(depth, upstream)) if upstream else 0
        return depths[link_id]

    for link in chain.links:
        depth(link.id)
    return depths


def _link_strength(
    request: HttpRequest, chain: str, link: str
) -> tuple[dict[str, Any], Link, LinkStrength]:
    row = get_object_or_404(Link.objects.select_related("chain"), chain__code=chain, code=link)
    context, strength = _analysed(request, row.chain, evidence=True)
    found = next(s for s in strength.links if s.link == row.code)
    return context, row, found


@permission_required("chains.view_chains")
def link_detail(request: HttpRequest, chain: str, link: str) -> HttpResponse:
    """A link in a region: numbers, leaders (鏈主), upstream gaps, targets with evidence."""
    context, row, strength = _link_strength(request, chain, link)
    gaps = Link.objects.filter(chain=row.chain, code__in=strength.upstream_gaps)
    labels = {s.link: s.label for s in context["analysis"].chains[0].links}
    context |= {
        "link": row,
        "strength": strength,
        "label": pages.LABELS[strength.label],
        "legend": list(pages.LABELS.items()),
        "sentence": pages.link_sentence(strength, context["core_chain"]),
        "leaders": Organisation.objects.in_bulk([int(f.code) for f in strength.leaders]),
        "gaps": [(g, labels[g.code], pages.LABELS[labels[g.code]]) for g in gaps],
        "targets": pages.target_rows(strength.targets, user=request.user, where="chains.link"),
        "may_make_leads": request.user.has_perm("chains.make_leads"),
        "trend": _trends(row.chain, context["region"])[row.code],
        "listings": _listings(row, context["region"], confirmed=context["confirmed"]),
    }
    context["trend_word"] = pages.TRENDS[direction(context["trend"])]
    context["leaders"] = [context["leaders"][int(f.code)] for f in strength.leaders]
    return render(request, "chains/link_detail.html", context)


WHICH = ("local", "outside", "no_region", "all")


@permission_required("chains.view_chains")
def link_firms(request: HttpRequest, chain: str, link: str) -> HttpResponse:
    """The firms behind a number of a link: local, outside, of no known region, or all."""
    row = get_object_or_404(Link.objects.select_related("chain"), chain__code=chain, code=link)
    region, note = chosen_region(request)
    which = request.GET.get("which", "all")
    if which not in WHICH:
        raise Http404
    placed = Placement.objects.filter(link=row, organisation__kind__in=FIRM_KINDS)
    shown = [
        p
        for p in placed.select_related("organisation", "organisation__hq_division").order_by(
            "-confidence", "organisation__name"
        )
        if _is(which, p, region)
    ]
    context = {
        "link": row,
        "region": region,
        "region_label": region_label(region),
        "region_note": note,
        "which": which,
        "placements": [(p, pages.placement_method(p.evidence)) for p in shown],
        "regions": region_choices(),
        "keep": [("which", which)],
        "may_review": request.user.has_perm("chains.review_placements"),
        "rejected": PlacementReview.objects.filter(link=row, decision=ReviewDecision.REJECTED)
        .select_related("organisation", "reviewed_by")
        .order_by("-reviewed_at"),
        "history": history_sentences(row, user=request.user, language=reader_language()),
        "query": request.GET.urlencode(),
    }
    return render(request, "chains/link_firms.html", context)


def _is(which: str, placement: Placement, region: Region) -> bool:
    inside = firm_locality(placement.organisation, region)
    return which == "all" or {"local": True, "outside": False, "no_region": None}[which] is inside


@permission_required("chains.view_chains")
def targets_xlsx(request: HttpRequest, chain: str, link: str) -> HttpResponse:
    """The link's targets in the chosen region as an .xlsx file (the interchange writer)."""
    context, row, strength = _link_strength(request, chain, link)
    rows = pages.target_rows(strength.targets, user=request.user, where="chains.targets_xlsx")
    header = [
        _("Firm"),
        _("Stock code"),
        _("Score"),
        _("Why"),
        _("Financing rounds"),
        _("Warm introduction"),
    ]
    body = [
        [
            r["organisation"].name,
            r["organisation"].stock_code,
            r["score"],
            "；".join(r["reasons"]),
            "；".join(r["momentum"]),
            "；".join(r["warm"]),
        ]
        for r in rows
    ]
    content = write_xlsx(header, body, title=row.display_name())
    response = HttpResponse(content, content_type=XLSX)
    filename = f"targets-{row.chain.code}-{row.code}-{context['region'].code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@permission_required("chains.make_leads")
def make_lead(request: HttpRequest, chain: str, link: str) -> HttpResponse:
    """One click: the target becomes a pipeline lead tagged 產業鏈招商."""
    row = get_object_or_404(Link.objects.select_related("chain"), chain__code=chain, code=link)
    chosen = request.POST.get("organisation", "")
    organisation = get_object_or_404(Organisation, pk=int(chosen) if chosen.isdigit() else 0)
    region, _note = chosen_region(request)
    deal = services.make_lead(
        organisation=organisation,
        link=row,
        region_name=region.name,
        owner=request.user,
        today=timezone.localdate(),
    )
    messages.success(request, _("Lead opened in the pipeline: %(title)s") % {"title": deal.title})
    return redirect("pipeline:deal_detail", pk=deal.pk)


@permission_required("chains.view_chains")
def compare(request: HttpRequest) -> HttpResponse:
    """Two or three regions side by side, link by link, for one chain."""
    chain = Chain.objects.filter(code=request.GET.get("chain", "")).first() or Chain.objects.first()
    codes = [c for c in request.GET.getlist("regions") if c][:3] or ["430000", "420000", "440000"]
    regions, unknown = [], []
    for code in codes:
        try:
            regions.append(resolve_region(code))
        except ChainError:
            unknown.append(code)
    (core_chain,) = core_chains([chain])
    analyses = [kept_analysis(region, [core_chain]) for region in regions]
    rows = [
        (link, [_cell(a.chains[0].links[i], a.region) for a in analyses])
        for i, link in enumerate(Link.objects.filter(chain=chain).order_by("order", "code"))
    ]
    context = {
        "chain": chain,
        "chains": Chain.objects.all(),
        "regions": [region_label(region) for region in regions],
        "rows": rows,
        "choices": region_choices(),
        "unknown": unknown,
        "slots": [r.code for r in regions] + [""] * (3 - len(regions)),
        "notes": list(dict.fromkeys(n for a in analyses for n in region_notes(a))),
        "totals": [(a.chains[0], pages.LABELS[a.chains[0].label]) for a in analyses],
    }
    return render(request, "chains/compare.html", context)


def _cell(strength: LinkStrength, region: Region) -> tuple[LinkStrength, Any, str]:
    return strength, pages.LABELS[strength.label], region.code


def dashboard_section(request: Any) -> dict[str, object]:
    """The leadership dashboard's chain section: each chain's label in the home region."""
    if not request.user.has_perm("chains.view_chains"):
        return {"chains_rows": None}
    region = resolve_region(HOME_REGION)
    analysis = kept_analysis(region)
    names = Chain.objects.in_bulk(field_name="code")
    rows = [
        (
            names[s.chain],
            pages.LABELS[s.label],
            s,
            sum(1 for link in s.links if link.label != "strong"),
        )
        for s in analysis.chains
    ]
    return {
        "chains_rows": rows,
        "chains_region": region,
        "chains_region_label": region_label(region),
    }
