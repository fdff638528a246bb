"""Small lookup endpoints used by forms (HTMX partials)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duijie.reference.models import AdminDivision
from duijie.reference.pickers import SOURCES, chosen_records, shown_records, value_of


def division_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the children of the division ``parent`` (HTMX)."""
    parent = request.GET.get("parent", "")
    children = AdminDivision.objects.filter(parent__code=parent).order_by("code") if parent else []
    return render(request, "reference/division_options.html", {"divisions": children})


RESERVED = frozenset({"field", "to", "multiple"})


@require_GET
@login_required
def pick(request: HttpRequest, source: str) -> HttpResponse:
    """HTMX: the ``<option>`` elements of a picker for what was typed (best matches first).

    With a search text the best match is selected and the former choice stays at the end;
    without one the chosen value(s) and the source's defaults. Sources say who may search
    them (403 otherwise) and what each user may see.
    """
    found = SOURCES.get(source)
    if found is None:
        raise Http404
    if not found.allowed(request.user):
        raise PermissionDenied
    field = request.GET.get("field", "")
    to_field = request.GET.get("to", "pk")
    to_field = "pk" if to_field in ("pk", "id") else to_field
    if to_field not in ("pk", "code"):
        raise Http404
    text = request.GET.get(f"{field}__q", "")[:100]
    params = {k: v for k, v in request.GET.items() if k not in RESERVED and not k.endswith("__q")}
    params.pop(field, None)
    chosen = request.GET.getlist(field)
    records = found.records(request.user, params)
    shown = shown_records(found, records, [] if text.strip() else chosen, to_field, text)
    if text.strip():
        shown += [r for r in chosen_records(records, chosen, to_field) if r not in shown]
    if found.on_read is not None:
        found.on_read(request.user, shown, request.path)
    options = [(value_of(r, to_field), found.label(r)) for r in shown]
    selected = set(chosen) if not text.strip() or request.GET.get("multiple") else set()
    if text.strip() and options and not request.GET.get("multiple"):
        selected = {options[0][0]}
    context = {"options": options, "selected": selected, "searched": bool(text.strip()),
               "multiple": bool(request.GET.get("multiple"))}  # fmt: skip
    return render(request, "reference/picker_options.html", context)
