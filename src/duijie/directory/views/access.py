"""Access checks shared by the directory views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def check(request: HttpRequest, perm: str, obj: object) -> None:
    """403 unless the user has ``perm`` on ``obj``."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def page_of(request: HttpRequest, items: Any) -> Page:
    """The requested page of ``items``."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current query string without ``page`` (for pagination links)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
