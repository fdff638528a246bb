"""Limits on how often one visitor may try: login lockout and request rates on password
reset, registration and the public catalogue search, all through one counter.

The counter (``hit``) is a row of ``RateCount`` per limit and visitor, raised by **one**
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement (PostgreSQL; SQLite ≥ 3.35): atomic,
so two web processes counting at once both count, and shared by every web process because
it is in the database. Django's database cache, which counted here before, spent 5 queries
per hit on SQLite and 11 on PostgreSQL (a ``COUNT(*)`` and a cull before every write).
Keys are SHA-256 digests, so the table holds no address, account or e-mail. Expired rows
are overwritten by the next hit of the same key and deleted by ``prune_rate_counts``.

The client's address is the connection's, or, with ``DUIJIE_BEHIND_PROXY=1``, the one our
proxy appended last to ``X-Forwarded-For`` (the earlier entries are the client's to forge).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Rates: count/period, the period in s, m, h or d (e.g. 120/m: 120 a minute).
PASSWORD_RESET_PER_ADDRESS = "3/h"
PASSWORD_RESET_PER_IP = "10/h"
REGISTRATION_PER_IP = "20/h"
PUBLIC_SEARCH_PER_IP = "120/m"
LOGIN_LOCKOUT_SECONDS = 15 * 60  # after the last wrong password (the lockout page says so)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

Key = Callable[[str, HttpRequest], str]


def parse_rate(rate: str) -> tuple[int, int]:
    """``"120/m"`` → (120, 60): the number of hits allowed and the period in seconds."""
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit]


def _digest(group: str, visitor: str) -> str:
    return hashlib.sha256(f"{group}\x00{visitor}".encode()).hexdigest()


def _table() -> str:
    from duijie.accounts.models import RateCount

    return connection.ops.quote_name(RateCount._meta.db_table)


def hit(group: str, visitor: str, period: int, *, sliding: bool = False) -> int:
    """Counts one hit of ``visitor`` against ``group`` and returns the count in the current
    period (1 for the first). The period starts at the first hit, or with ``sliding`` at
    every hit (the count then lasts until ``period`` after the last one). One query."""
    now = time.time()
    table = _table()
    kept = "excluded.expires" if sliding else f"{table}.expires"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, hits, expires) VALUES (%s, 1, %s) "
            f"ON CONFLICT (key) DO UPDATE SET "
            f"hits = CASE WHEN {table}.expires > %s THEN {table}.hits + 1 ELSE 1 END, "
            f"expires = CASE WHEN {table}.expires > %s THEN {kept} ELSE excluded.expires END "
            f"RETURNING hits",
            [_digest(group, visitor), now + period, now, now],
        )
        return int(cursor.fetchone()[0])


def count(group: str, visitor: str) -> int:
    """The current count of ``visitor`` against ``group``, without counting. One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT hits FROM {_table()} WHERE key = %s AND expires > %s",
            [_digest(group, visitor), time.time()],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def clear(group: str, visitor: str) -> None:
    """Forgets the count of ``visitor`` against ``group``."""
    from duijie.accounts.models import RateCount

    RateCount.objects.filter(key=_digest(group, visitor)).delete()


def prune() -> int:
    """Deletes the counts whose period is over; returns how many."""
    from duijie.accounts.models import RateCount

    return RateCount.objects.filter(expires__lte=time.time()).delete()[0]


def enabled() -> bool:
    return bool(getattr(settings, "RATE_LIMITS_ENABLED", True))


def over_limit(request: HttpRequest, group: str, key: Key, rate: str) -> bool:
    """Counts this request against ``group`` for its visitor (``key``) and says whether it
    goes over ``rate``."""
    if not enabled():
        return False
    allowed, period = parse_rate(rate)
    return hit(group, key(group, request), period) > allowed


def rate_limit(group: str, key: Key, rate: str, method: str = "POST") -> Callable[..., Any]:
    """View decorator: requests of ``method`` beyond ``rate`` per visitor get the 429 page."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == method and over_limit(request, group, key, rate):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def client_ip(request: HttpRequest) -> str:
    """The visitor's IP address (see the module's note on proxies)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


def ip_key(group: str, request: HttpRequest) -> str:
    """Rate-limit key: the client's address."""
    return client_ip(request)


def visitor_key(group: str, request: HttpRequest) -> str:
    """Rate-limit key: the signed-in user, else the client's address.

    Participants at a venue share one address behind its Wi-Fi's NAT; counting them
    by account gives each the limit instead of the whole hall one.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return client_ip(request)


def email_key(group: str, request: HttpRequest) -> str:
    """Rate-limit key: the e-mail address posted (case and spaces ignored)."""
    return request.POST.get("email", "").strip().lower()


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page for a request over its rate limit (429), in the reader's language."""
    return render(request, "accounts/too_many.html", status=429)


# Login: LOGIN_FAILURE_LIMIT wrong passwords in a row for one address from one client lock
# that pair out until LOGIN_LOCKOUT_SECONDS after the last one; a right password clears it.
LOGIN_GROUP = "accounts.login"


def _login_visitor(request: HttpRequest | None, username: object) -> str | None:
    if request is None or not username:
        return None
    return f"{str(username).strip().lower()}\x00{client_ip(request)}"


def login_locked(request: HttpRequest | None, username: object) -> bool:
    visitor = _login_visitor(request, username)
    if visitor is None or not enabled():
        return False
    return count(LOGIN_GROUP, visitor) >= settings.LOGIN_FAILURE_LIMIT


class LoginLockoutBackend:
    """First authentication backend: refuses a locked-out login before any password is
    checked (Django then stops asking the other backends). It has no ``get_user``, so
    sessions name the backend that found the user, not this one."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **credentials: Any
    ) -> None:
        if login_locked(request, username):
            raise PermissionDenied
        return None


@receiver(user_login_failed, dispatch_uid="duijie.accounts.throttle.count_failure")
def _count_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    visitor = _login_visitor(request, credentials.get("username"))
    if visitor is not None and enabled():
        hit(LOGIN_GROUP, visitor, LOGIN_LOCKOUT_SECONDS, sliding=True)


@receiver(user_logged_in, dispatch_uid="duijie.accounts.throttle.clear_failures")
def _clear_failures(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    username = request.POST.get("username") if request is not None else None
    visitor = _login_visitor(request, username)
    if visitor is not None and enabled():
        clear(LOGIN_GROUP, visitor)


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
