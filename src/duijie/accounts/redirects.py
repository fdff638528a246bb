"""Where to go after a form: the ``next`` the page asked for, if it stays on this site.

Every view that reads a ``next`` parameter goes through :func:`safe_next`, so a link or
form from elsewhere cannot send a user on to another site (an open redirect).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def on_this_site(request: HttpRequest, url: str) -> bool:
    """Whether ``url`` is a path or a URL of this site (of the request's host and scheme)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def page_before(request: HttpRequest, fallback: str = "accounts:home") -> str:
    """The page the user came from (Referer) when it is on this site, else ``fallback``."""
    referer = request.headers.get("Referer", "")
    return referer if on_this_site(request, referer) else resolve_url(fallback)


def safe_next(request: HttpRequest, fallback: str, *, field: str = "next") -> str:
    """``request``'s ``next`` (POST, else GET) when it is a URL of this site, else ``fallback``.

    ``fallback`` may be a URL or a URL name (as for ``redirect``).
    """
    target = request.POST.get(field) or request.GET.get(field) or ""
    return target if on_this_site(request, target) else resolve_url(fallback)
