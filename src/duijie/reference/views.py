"""Small lookup endpoints used by forms (HTMX partials)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duijie.reference.models import AdminDivision


def division_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the children of the division ``parent`` (HTMX)."""
    parent = request.GET.get("parent", "")
    children = AdminDivision.objects.filter(parent__code=parent).order_by("code") if parent else []
    return render(request, "reference/division_options.html", {"divisions": children})
