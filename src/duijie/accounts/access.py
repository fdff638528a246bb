"""The one permission decorator of every app's views.

Anonymous visitors go to the login page (and come back after logging in); a
logged-in user without the permission gets 403. Object permissions are checked
inside the view, once the object is loaded (``request.user.has_perm(perm, obj)``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def permission_required(perm: str) -> Callable[[View], View]:
    """Log in first (redirect), then 403 unless the user has the object-free ``perm``."""

    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate
