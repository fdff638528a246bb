"""Limits on how often one visitor may try: login lockout (django-axes) and request rates
(django-ratelimit) on password reset, registration and the public catalogue search.

Both count in shared storage (axes: its database table; ratelimit: the project's cache,
a database table by default, so every web process sees the same counts). The client's
address is the connection's, or, with ``DUIJIE_BEHIND_PROXY=1``, the one our proxy
appended last to ``X-Forwarded-For`` (the earlier entries are the client's to forge).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Rates as django-ratelimit writes them: count/period (s, m, h, d).
PASSWORD_RESET_PER_ADDRESS = "3/h"
PASSWORD_RESET_PER_IP = "10/h"
REGISTRATION_PER_IP = "20/h"
PUBLIC_SEARCH_PER_IP = "120/m"


def client_ip(request: HttpRequest) -> str:
    """The visitor's IP address (see the module's note on proxies)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


def ip_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the client's address."""
    return client_ip(request)


def visitor_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the signed-in user, else the client's address.

    Participants at a venue share one address behind its Wi-Fi's NAT; counting them
    by account gives each the limit instead of the whole hall one.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return client_ip(request)


def email_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key: the e-mail address posted (case and spaces ignored)."""
    return request.POST.get("email", "").strip().lower()


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page for a request over its rate limit (429), in the reader's language."""
    return render(request, "accounts/too_many.html", status=429)


class RequestSizeCap:
    """Refuses a request whose declared body is over ``DUIJIE_UPLOAD_MAX_BYTES`` (413) before
    any of it is read; the upload forms then check their own, smaller caps."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.UPLOAD_MAX_BYTES
        if declared > limit:
            context = {"mb": limit >> 20}
            return render(request, "accounts/too_large.html", context, status=413)
        return self.get_response(request)
