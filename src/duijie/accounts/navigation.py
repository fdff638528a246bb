"""The per-role navigation: each app registers its entries in ``AppConfig.ready``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from duijie.accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation, shown to the listed roles (and on their home page)."""

    url_name: str
    label: str | Promise
    roles: frozenset[str]
    description: str | Promise = ""
    order: int = 100
    public: bool = False


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    """Add ``item`` to the navigation (idempotent per url name)."""
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: entry.order)


def items_for(user: object) -> list[dict[str, object]]:
    """The navigation entries ``user`` may see, with resolved URLs."""
    authenticated = bool(getattr(user, "is_authenticated", False))
    role = getattr(user, "role", None) if authenticated else None
    visible = [i for i in _ITEMS if i.public or (role is not None and role in i.roles)]
    return [entry for entry in map(_resolve, visible) if entry is not None]


def _resolve(item: NavItem) -> dict[str, object] | None:
    try:
        url = reverse(item.url_name)
    except NoReverseMatch:
        return None
    return {"url": url, "label": item.label, "description": item.description, "name": item.url_name}


# Menu headings, by the URL namespace of the entries they gather.
GROUP_LABELS: dict[str, str | Promise] = {
    "directory": _("Directory"),
    "catalogue": _("Projects"),
    "matchmaking": _("Matching"),
    "tradeweek": _("Trade week"),
    "pipeline": _("Deals"),
}
FLAT_MENU_LIMIT = 7


def grouped(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """``items`` gathered under their app's heading, in order of first appearance.

    A short menu stays flat: each entry is its own group of one.
    """
    if len(items) <= FLAT_MENU_LIMIT:
        return [{"label": item["label"], "items": [item]} for item in items]
    groups: dict[str, dict[str, object]] = {}
    for item in items:
        namespace = str(item["name"]).split(":", 1)[0]
        label = GROUP_LABELS.get(namespace, item["label"])
        group = groups.setdefault(namespace, {"label": label, "items": []})
        group["items"].append(item)  # type: ignore[attr-defined]
    return list(groups.values())


ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.ORGANISER, Role.ADMIN})
