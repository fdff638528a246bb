from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from duijie.accounts.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """The navigation for the current user and the language switcher's choices."""
    return {
        "nav_items": items_for(getattr(request, "user", None)),
        "site_languages": settings.LANGUAGES,
    }
