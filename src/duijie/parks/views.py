"""Pages that read platforms, policy innovations and corridors, and the route finder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from duijie.accounts.access import permission_required
from duijie.directory.privacy import may_read
from duijie.history.services import history_sentences
from duijie.localised import reader_language
from duijie.parks import logistics
from duijie.parks.forms import SAMPLE_LABELS, InnovationSearchForm, RouteForm
from duijie.parks.models import Corridor, Mode, Platform, PlatformKind, PolicyInnovation
from duijie.parks.services import search_innovations
from duijie_core.logistics import model as core
from duijie_core.logistics.model import LogisticsError, Path
from duijie_core.logistics.paths import cheapest_path, fastest_path
from duijie_core.logistics.phrases import describe


@permission_required("parks.view_parks")
def platform_list(request: HttpRequest) -> HttpResponse:
    """Every platform, by kind, with place, leading industries and land."""
    kind = request.GET.get("kind", "")
    platforms = Platform.objects.select_related("division").prefetch_related("key_industries")
    if kind in PlatformKind.values:
        platforms = platforms.filter(kind=kind)
    in_order = Case(*(When(kind=k, then=Value(n)) for n, k in enumerate(PlatformKind.values)))
    ordered = platforms.alias(kind_order=in_order).order_by("kind_order", "code")
    page = Paginator(ordered, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": PlatformKind.choices,
        "kind": kind,
        "count": page.paginator.count,
        "query": urlencode({"kind": kind}),
    }
    return render(request, "parks/platform_list.html", context)


@permission_required("parks.view_parks")
def platform_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One platform: industries, land, incentives, contacts, innovations, history."""
    platform = get_object_or_404(
        Platform.objects.select_related("division", "contact_organisation"), code=code
    )
    people = list(platform.contact_people.all()) if may_read(request.user) else []
    context = {
        "platform": platform,
        "people": people,
        "sample_labels": SAMPLE_LABELS,
        "innovations": platform.innovations.all(),
        "incentives": _incentives(platform),
        "history": history_sentences(platform, user=request.user, language=reader_language()),
        "reach": reach(platform, reader_language()),
    }
    return render(request, "parks/platform_detail.html", context)


def reach(platform: Platform, language: str) -> dict[str, object]:
    """Time and cost from ``platform`` to every GBA port and destination beyond Hunan.

    Per destination: the fastest path (hours, and its cost when every leg is priced in the
    unit most legs use) and the cheapest path in that unit; a cost that cannot be known is
    given with its reason, never as 0.
    """
    legs = logistics.core_legs()
    nodes = {c for leg in legs for c in (leg.origin, leg.destination)}
    origin = logistics.platform_node(platform, nodes)
    units = Counter(leg.cost.unit for leg in legs if leg.cost)
    unit = units.most_common(1)[0][0] if units else None
    found: dict[str, object] = {"origin": origin, "unit": unit, "rows": []}
    if origin is None:
        return found
    names = logistics.node_names(nodes, language)
    found["origin_name"] = names[origin]  # the city or province the corridors leave from
    gba = logistics.gba_ports()
    rates = logistics.core_rates()
    rows = []
    for end in logistics.destinations(legs):
        if end == origin or (end.isdigit() and end.startswith(origin[:2])):
            continue  # places in the platform's own province are feeders, not markets
        fastest = fastest_path(legs, origin=origin, destination=end, unit=unit, rates=rates)
        if fastest is None:
            continue
        row: dict[str, object] = {
            "code": end,
            "name": names[end],
            "gba": end in gba,
            "fastest": _shown(fastest, language, names),
            "via": " → ".join(names[leg.destination] for leg in fastest.legs[:-1]),
        }
        if unit:
            try:
                cheapest = cheapest_path(
                    legs, origin=origin, destination=end, unit=unit, rates=rates
                )
            except LogisticsError as refused:
                row["cheapest_refused"] = describe(
                    refused.code, _named(refused.params, names), language
                )
            else:
                row["cheapest"] = _shown(cheapest, language, names)
        rows.append(row)
    found["rows"] = rows
    return found


def _incentives(platform: Platform) -> str:
    language = get_language() or "zh-hant"
    order = {"zh-hans": ("hans", "hant", "en"), "en": ("en", "hant", "hans")}
    for suffix in order.get(language, ("hant", "hans", "en")):
        text = getattr(platform, f"incentives_{suffix}")
        if text:
            return str(text)
    return ""


@permission_required("parks.view_parks")
def innovation_list(request: HttpRequest) -> HttpResponse:
    """Policy innovations, searched in any script and filtered by platform."""
    form = InnovationSearchForm(request.GET or None)
    found = PolicyInnovation.objects.prefetch_related("platforms")
    if form.is_valid():
        found = search_innovations(form.cleaned_data["q"], found)
        if form.cleaned_data["platform"]:
            found = found.filter(platforms=form.cleaned_data["platform"])
    page = Paginator(found.order_by("-published_on", "code"), 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(
        request, "parks/innovation_list.html", {"form": form, "page": page, "query": query}
    )


@permission_required("parks.view_parks")
def corridor_list(request: HttpRequest) -> HttpResponse:
    """Every corridor with its legs in order, their times, frequencies, costs and sources."""
    corridors = list(Corridor.objects.prefetch_related("legs"))
    legs = {c.pk: logistics.core_legs(c.legs.all()) for c in corridors}
    codes = {
        code for found in legs.values() for leg in found for code in (leg.origin, leg.destination)
    }
    names = logistics.node_names(codes, reader_language())
    rows = [(c, leg_rows(legs[c.pk], names)) for c in corridors]
    return render(request, "parks/corridor_list.html", {"rows": rows})


def leg_rows(legs: Iterable[core.Leg], names: dict[str, str]) -> list[dict[str, object]]:
    """Legs with their ends named and their mode worded, for ``parks/_legs.html``."""
    return [
        {
            "leg": leg,
            "origin": names.get(leg.origin, leg.origin),
            "destination": names.get(leg.destination, leg.destination),
            "mode": Mode(leg.mode).label,
        }
        for leg in legs
    ]


@permission_required("parks.view_parks")
def route(request: HttpRequest) -> HttpResponse:
    """Time and cost from a platform to a port or destination: fastest and cheapest path."""
    legs = logistics.core_legs()
    ends = logistics.destinations(legs)
    language = reader_language()
    names = logistics.node_names(
        {*ends, *(c for leg in legs for c in (leg.origin, leg.destination))}, language
    )
    units = sorted({leg.cost.unit for leg in legs if leg.cost})
    form = RouteForm(request.GET or None, destinations=[(e, names[e]) for e in ends], units=units)
    context: dict[str, object] = {"form": form, "names": names}
    if form.is_valid():
        context |= _paths(form, legs, language, names)
    return render(request, "parks/route.html", context)


def _paths(
    form: RouteForm, legs: list[core.Leg], language: str, names: dict[str, str]
) -> dict[str, object]:
    platform = form.cleaned_data["platform"]
    origin = logistics.platform_node(
        platform, {c for leg in legs for c in (leg.origin, leg.destination)}
    )
    found: dict[str, object] = {"platform": platform, "origin": origin, "asked": True}
    if origin is None:
        return found
    unit = form.cleaned_data["unit"] or None
    destination = form.cleaned_data["destination"]
    rates = logistics.core_rates()
    fastest = fastest_path(legs, origin=origin, destination=destination, unit=unit, rates=rates)
    found["fastest"] = _shown(fastest, language, names)
    if unit:
        try:
            cheapest = cheapest_path(
                legs, origin=origin, destination=destination, unit=unit, rates=rates
            )
        except LogisticsError as refused:
            found["cheapest_refused"] = describe(
                refused.code, _named(refused.params, names), language
            )
        else:
            found["cheapest"] = _shown(cheapest, language, names)
    return found


def _shown(path: Path | None, language: str, names: dict[str, str]) -> dict[str, object] | None:
    if path is None:
        return None
    gap = (
        describe(path.cost_gap[0], _named(path.cost_gap[1], names), language)
        if path.cost_gap
        else ""
    )
    left_out = [describe(code, _named(params, names), language) for code, params in path.left_out]
    return {
        "path": path,
        "gap": gap,
        "left_out": left_out,
        "legs": leg_rows(path.legs, names),
        "sample": any(leg.sample for leg in path.legs),
    }


def _named(params: Mapping[str, object], names: dict[str, str]) -> dict[str, object]:
    return {k: names.get(str(v), v) for k, v in params.items()}
