"""Figures from other apps (catalogue, matchmaking, trade week), read only if they exist.

Each returns None when the app has no data model or table yet, so the dashboard
says "not yet available" instead of showing a made-up number.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.db.models import Count

SUGGESTION_MODELS = (("matchmaking", "Suggestion"), ("matchmaking", "Match"))


def _model(app_label: str, name: str, tables: set[str]):  # type: ignore[no-untyped-def]
    try:
        model = apps.get_model(app_label, name)
    except LookupError:
        return None
    return model if model._meta.db_table in tables else None


def existing_tables() -> set[str]:
    """The database's table names (one query)."""
    return set(connection.introspection.table_names())


def projects_published(edition_id: int | None, tables: set[str]) -> int | None:
    """Published catalogue projects (of the edition, if given)."""
    model = _model("catalogue", "Project", tables)
    if model is None:
        return None
    rows = model.objects.filter(status="published")
    return rows.filter(edition_id=edition_id).count() if edition_id else rows.count()


def matches_suggested(edition_id: int | None, tables: set[str]) -> int | None:
    """Match suggestions made, if the matchmaking app stores them."""
    for app_label, name in SUGGESTION_MODELS:
        model = _model(app_label, name, tables)
        if model is not None:
            try:
                rows = model.objects.all()
                return rows.filter(edition_id=edition_id).count() if edition_id else rows.count()
            except FieldError:
                return model.objects.count()
    return None


def meetings_held(edition_id: int | None, tables: set[str]) -> int | None:
    """Trade-week meetings marked held."""
    model = _model("tradeweek", "Meeting", tables)
    if model is None:
        return None
    rows = model.objects.filter(status="held")
    return rows.filter(slot__edition_id=edition_id).count() if edition_id else rows.count()


def meeting_outcomes(edition_id: int | None, tables: set[str]) -> dict[str, int] | None:
    """How many meeting outcomes named each next step."""
    model = _model("tradeweek", "Outcome", tables)
    if model is None:
        return None
    rows = model.objects.all()
    if edition_id:
        rows = rows.filter(meeting__slot__edition_id=edition_id)
    counted = rows.values("next_step").annotate(n=Count("pk")).order_by("next_step")
    return {r["next_step"]: r["n"] for r in counted}
