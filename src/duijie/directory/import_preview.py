"""What a directory import would do, row by row, made from the plan the commit writes.

Matched records get the rows applied in memory by the same functions the commit uses
(:func:`~duijie.directory.importing.absorb_row`, :func:`absorb_person_row`), so the
field-by-field diff shown is exactly what will be saved.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from duijie.directory.importers import ImportPlan
from duijie.directory.importing import (
    ORG_FILL,
    PERSON_FILL,
    absorb_person_row,
    absorb_row,
    split_outcomes,
)
from duijie.directory.models import ImportKind, Organisation, Person
from duijie.directory.privacy import PERSONAL_FIELDS, record_access
from duijie.directory.resolution import core_language
from duijie.interchange.preview import (
    NEW,
    REVIEW,
    SAME_AS,
    UNCHANGED,
    UPDATED,
    Change,
    Preview,
    RowPreview,
)
from duijie.reference.models import AdminDivision
from duijie_core.resolution import Resolution
from duijie_core.resolution.messages import describe_match

ORG_SHOWN = ("kind", "aliases", *ORG_FILL, "hq_division")


def import_preview(plan: ImportPlan) -> Preview:
    """The preview of a validated plan (its errors when it has any)."""
    if plan.errors:
        return Preview.of([], [str(error) for error in plan.errors])
    model = Organisation if plan.kind == ImportKind.ORGANISATIONS else Person
    apply = absorb_row if model is Organisation else absorb_person_row
    fields = ORG_SHOWN if model is Organisation else PERSON_FILL
    return Preview.of(_rows(plan, model, apply, fields))


def log_matched_people(plan: ImportPlan, *, user: Any, where: str) -> None:
    """Record the preview of a people import as a read of the stored people it matched
    (their personal values are shown beside the new ones).

    Side effect: one access record through the privacy boundary, when any were matched.
    """
    matched = matched_records(plan) if plan.kind == ImportKind.PEOPLE else []
    if matched:
        shown = [field for field in PERSON_FILL if field in PERSONAL_FIELDS]
        record_access(user=user, person_ids=matched, fields=shown, where=where)


def matched_records(plan: ImportPlan) -> list[int]:
    """Ids of the existing records the plan's rows matched: the preview shows their values."""
    return sorted(
        {
            int(resolution.existing_key)
            for resolution in plan.resolutions
            if resolution.outcome not in ("new", "review") and resolution.existing_key
        }
    )


def _rows(
    plan: ImportPlan, model: type[models.Model], apply: Callable[..., bool], fields: tuple[str, ...]
) -> list[RowPreview]:
    groups, _reviews, existing = split_outcomes(plan.resolutions)
    first = {i: indices[0] for indices in groups.values() for i in indices}
    records = model.objects.in_bulk(list(existing))
    names = _candidate_names(model, plan.resolutions)
    rows = []
    for index, (row, resolution) in enumerate(zip(plan.rows, plan.resolutions, strict=True)):
        label = plan.cleaned[index]["name"]
        if resolution.outcome == "new":
            earlier = first[index]
            same = earlier != index
            record = _("row %(row)s") % {"row": plan.rows[earlier].number} if same else ""
            rows.append(RowPreview(row.number, label, SAME_AS if same else NEW, record))
        elif resolution.outcome == "review":
            best = resolution.candidates[0] if resolution.candidates else None
            record = names.get(best.b, "") if best else ""
            rows.append(RowPreview(row.number, label, REVIEW, record, _evidence(resolution)))
        else:
            target = records[int(resolution.existing_key or 0)]
            changes = _changes(target, lambda t=target, i=index: apply(t, plan.cleaned[i]), fields)
            outcome = UPDATED if changes else UNCHANGED
            rows.append(
                RowPreview(row.number, label, outcome, str(target), _evidence(resolution), changes)
            )
    return rows


def _candidate_names(model: type[models.Model], resolutions: list[Resolution]) -> dict[str, str]:
    pks = {int(c.b) for r in resolutions for c in r.candidates[:1] if c.b.isdigit()}
    return {str(pk): str(record) for pk, record in model.objects.in_bulk(list(pks)).items()}


def _evidence(resolution: Resolution) -> tuple[str, ...]:
    best = resolution.candidates[0] if resolution.candidates else None
    return tuple(describe_match(best, core_language())) if best else ()


def _changes(
    record: models.Model, apply: Callable[[], bool], fields: tuple[str, ...]
) -> tuple[Change, ...]:
    """Apply a row to ``record`` (in memory, kept for the next row of the same record)."""
    before = copy.copy(record)
    apply()
    return tuple(
        Change(_label(record, name), _shown(before, name), _shown(record, name))
        for name in fields
        if _value(before, name) != _value(record, name)
    )


def _value(record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    return getattr(record, field.attname)


def _label(record: models.Model, name: str) -> str:
    return str(record._meta.get_field(name).verbose_name)


def _shown(record: models.Model, name: str) -> str:
    """A value as a person reads it: choice labels, place names, lists joined by “; ”."""
    field = record._meta.get_field(name)
    value = getattr(record, field.attname)
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(field, models.ForeignKey) and field.related_model is AdminDivision:
        division = AdminDivision.objects.filter(pk=value).first()
        return str(division or value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
