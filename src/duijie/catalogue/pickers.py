"""Picker source of the catalogue: an edition's projects (for the deal form; staff only).

The edition is a filter the page supplies: the deal form's project picker follows the
edition chosen on the same page (``Picker(follow=…)`` sends that select's value with
every search, and asks again when it changes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from duijie.accounts.rules import is_organiser
from duijie.catalogue.models import Project
from duijie.catalogue.search import search
from duijie.reference.pickers import SHOWN, PickerSource, register_picker


def may_pick_projects(user: Any) -> bool:
    """Agency staff (every project, published or not, of the edition)."""
    return bool(is_organiser(user))


def edition_projects(user: Any, params: Mapping[str, str]) -> QuerySet[Project]:
    """The projects of the edition ``params["edition"]`` (none without one), by code."""
    edition = str(params.get("edition") or "")
    found = Project.objects.order_by("code")
    return found.filter(edition_id=edition) if edition.isdigit() else found.none()


def find_projects(records: QuerySet[Project], text: str) -> list[Project]:
    """The catalogue search (either script, English, Pinyin), else code or name contains."""
    text = text.strip()
    found = list(search(records, text)[:SHOWN])
    if found:
        return found
    contains = Q(code__icontains=text) | Q(name_hant__icontains=text)
    contains |= Q(name_hans__icontains=text) | Q(name_en__icontains=text)
    return list(records.filter(contains)[:SHOWN])


def register() -> None:
    register_picker(
        PickerSource(
            name="projects", allowed=may_pick_projects, records=edition_projects,
            find=find_projects, defaults=lambda r: r, label=str,
            hint=_("Project code or name"),
        )
    )  # fmt: skip
