"""``{% ask_to_meet project=… %}`` / ``{% ask_to_meet organisation=… %}``: the one path
from a page of a lower app (catalogue, directory, matchmaking) to a meeting request.

Those apps sit below the trade week and cannot import it; their templates load this
library instead. The button shows only to participants of the current edition with a
counterpart behind the project or organisation; an open request or meeting of the pair
is linked instead of a second request.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from duijie.tradeweek.services.requests import live_meeting_of, meeting_path, open_request_url

register = template.Library()


@register.inclusion_tag("tradeweek/_ask_to_meet.html", takes_context=True)
def ask_to_meet(
    context: template.Context, project: object = None, organisation: object = None
) -> dict[str, object]:
    """The "Request a meeting" button (or the link to the pair's open request)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"path": None}
    path = meeting_path(
        user,
        project_id=getattr(project, "pk", None),
        organisation_id=getattr(organisation, "pk", None),
    )
    if path is None:
        return {"path": None}
    existing = path.existing
    if existing is None:
        url = reverse("tradeweek:request_new", args=[path.target.pk])
    else:
        url = open_request_url(existing)
    meeting = existing is not None and live_meeting_of(existing) is not None
    return {"path": path, "url": url, "meeting": meeting, "existing": existing}
