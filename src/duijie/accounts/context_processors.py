from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from duijie.accounts.navigation import grouped, items_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """The navigation for the current user (flat and grouped) and the language choices."""
    items = items_for(getattr(request, "user", None))
    return {"nav_items": items, "nav_groups": grouped(items), "site_languages": settings.LANGUAGES}
