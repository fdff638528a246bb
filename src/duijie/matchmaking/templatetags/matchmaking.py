"""``{% project_suggestions project %}``: the project page's "Suggested investors" section.

Renders an HTMX placeholder that loads ``matchmaking:project_suggestions`` after the
page, for readers who may see the suggestions (staff, the project's owner), and
nothing for everyone else.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("matchmaking/partials/placeholder.html", takes_context=True)
def project_suggestions(context: template.Context, project: object) -> dict[str, object]:
    """The placeholder for ``project``'s suggested investors (empty when not allowed)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = user is not None and user.has_perm("matchmaking.view_project_suggestions", project)
    return {"project": project, "allowed": allowed}
