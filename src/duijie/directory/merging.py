"""Merging two organisation records into one, keeping history.

Every reference to the merged record, in any app, is re-pointed to the kept one: the
foreign keys are found through Django's model introspection (``_meta.get_fields`` with
hidden relations, which also yields the through tables of many-to-many fields), so
references added later by other apps are covered without changes here. A reference whose
re-pointing would break a uniqueness rule (the kept record already has the same link) is
dropped and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
from django.utils.text import capfirst
from simple_history.models import HistoricalChanges

from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import DuplicateStatus, MergeRecord, Organisation, SuspectedDuplicate
from duijie.directory.resolution import evidence_to_json, organisation_record
from duijie_core.problems import Problem
from duijie_core.resolution import Evidence, check_merge

FILLABLE = (
    "short_name", "name_en", "credit_code", "hk_cr_no", "stock_code", "hq_division",
    "website", "description", "size",
)  # fmt: skip


class MergeRefused(Exception):
    """The two records may not be merged; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


def merge_problems(keep: Organisation, other: Organisation) -> list[Problem]:
    """Why ``keep`` and ``other`` may not be merged (empty when they may)."""
    return check_merge(organisation_record(keep), organisation_record(other))


def incoming_relations(
    model: type[models.Model] = Organisation, skip: type[models.Model] = SuspectedDuplicate
) -> list[models.ForeignObjectRel]:
    """Every one-to-many / one-to-one relation pointing at ``model``, hidden ones too
    (except from ``skip``, the suspected-pair table, and from change-history rows, which
    keep what was true when they were written)."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one)
        and not issubclass(field.related_model, (skip, HistoricalChanges))
    ]


def relation_label(relation: models.ForeignObjectRel) -> str:
    return f"{relation.related_model._meta.label_lower}.{relation.field.name}"


def repoint(
    relation: models.ForeignObjectRel, *, source: models.Model, target: models.Model
) -> int:
    """Point rows referencing ``source`` through ``relation`` at ``target``; returns moved."""
    return len(repoint_rows(relation, source=source, target=target)[0])


def repoint_rows(
    relation: models.ForeignObjectRel, *, source: models.Model, target: models.Model
) -> tuple[list[Any], int]:
    """Re-point like :func:`repoint`; returns the moved rows' ids and how many were dropped."""
    manager = relation.related_model._base_manager
    name = relation.field.name
    ids = list(manager.filter(**{name: source}).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            manager.filter(pk__in=ids).update(**{name: target})
        return ids, 0
    except IntegrityError:
        moved = _repoint_one_by_one(manager, name, ids, target)
        return moved, len(ids) - len(moved)


def _repoint_one_by_one(manager: Any, name: str, ids: list[Any], target: models.Model) -> list[Any]:
    """Re-point row by row; rows that would duplicate an existing link are deleted."""
    moved = []
    for pk in ids:
        try:
            with transaction.atomic():
                manager.filter(pk=pk).update(**{name: target})
            moved.append(pk)
        except IntegrityError:
            manager.filter(pk=pk).delete()
    return moved


def absorb(keep: Organisation, other: Organisation) -> None:
    """Give ``keep`` the names of ``other`` as aliases and fill its blank fields."""
    known = {keep.name, keep.short_name, *keep.aliases}
    extra = [n for n in (other.name, other.short_name, *other.aliases) if n and n not in known]
    keep.aliases = [*keep.aliases, *dict.fromkeys(extra)]
    for field in FILLABLE:
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    keep.needs_review = False
    fill_organisation_keys(keep)
    keep.save()


def snapshot(org: Organisation) -> dict[str, Any]:
    """The record's own fields (and its industry links), JSON-storable."""
    data = model_to_dict(org, exclude=["key_industries", "industries"])
    data = {k: (str(v) if v is not None and not isinstance(v, str | list | bool | int) else v)
            for k, v in data.items()}  # fmt: skip
    data["key_industries"] = list(org.key_industries.values_list("pk", flat=True))
    data["industries"] = list(org.industries.values_list("pk", flat=True))
    return data


# Fields staff choose between when both records have a value and the values differ.
CHOOSABLE = ("name", "short_name", "name_en", "kind", "hq_division", "size", "website",
             "description", "stock_code")  # fmt: skip


@dataclass(frozen=True)
class FieldRow:
    """One line of the side-by-side preview: the field and both records' values as shown."""

    field: str
    label: str
    kept: str
    other: str

    @property
    def conflict(self) -> bool:
        """Both have a value and they differ: staff pick one (else the value is kept/filled)."""
        return bool(self.kept and self.other and self.kept != self.other)


def _shown(record: models.Model, field: str) -> str:
    value = getattr(record, field)
    display = getattr(record, f"get_{field}_display", None)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(display() if display and value else ("" if value is None else value))


def field_rows(
    keep: models.Model, other: models.Model, fields: Iterable[str] = (*CHOOSABLE, *FILLABLE)
) -> list[FieldRow]:
    """Every one of ``fields`` either record has, side by side (organisations: choosable
    ones and identifiers; people pass theirs)."""
    rows = []
    for field in dict.fromkeys(fields):
        label = capfirst(str(type(keep)._meta.get_field(field).verbose_name))
        row = FieldRow(field, label, _shown(keep, field), _shown(other, field))
        if row.kept or row.other:
            rows.append(row)
    return rows


def planned_moves(
    other: models.Model, relations: list[models.ForeignObjectRel] | None = None
) -> dict[str, int]:
    """What a merge would move: rows referencing ``other`` per relation (labels as stored;
    ``relations`` default to those of organisations)."""
    counts = {
        relation_label(r): r.related_model._base_manager.filter(**{r.field.name: other}).count()
        for r in (incoming_relations() if relations is None else relations)
    }
    return {label: n for label, n in counts.items() if n}


def describe_moves(moved: dict[str, int]) -> list[tuple[str, int]]:
    """``[(what, count)]`` in the reader's language: "deals (investor)", 3."""
    lines = []
    for label, count in moved.items():
        app, model, field = label.split(".")
        try:
            meta = apps.get_model(app, model)._meta
            named = meta.get_field(field)
        except (LookupError, FieldDoesNotExist):
            lines.append((label, count))
            continue
        what = capfirst(str(meta.verbose_name_plural))
        if not isinstance(named.verbose_name, str):  # a role given a name of its own
            what = f"{what} ({named.verbose_name})"
        lines.append((what, count))
    return sorted(lines)


def _take_chosen(keep: Organisation, other: Organisation, chosen: list[str]) -> None:
    """Give ``keep`` the values staff chose from ``other``; a replaced name stays an alias."""
    for field in chosen:
        if field == "name" and keep.name not in keep.aliases:
            keep.aliases = [*[a for a in keep.aliases if a != other.name], keep.name]
        setattr(keep, field, getattr(other, field))
    if chosen:
        fill_organisation_keys(keep)
        keep.save()


@transaction.atomic
def merge_organisations(
    *, keep: Organisation, other: Organisation, user: Any = None, evidence: list[Evidence] = (),
    take: Iterable[str] = (),
) -> MergeRecord:  # fmt: skip
    """Merge ``other`` into ``keep``; raises :class:`MergeRefused` on conflicting identifiers.

    ``take``: fields (of :data:`CHOOSABLE`) whose value comes from ``other``.
    Side effects: re-points every reference to ``other`` (all apps), adds its names as
    aliases of ``keep``, fills ``keep``'s blank fields and takes the chosen values, drops
    suspected-duplicate pairs involving ``other``, writes a :class:`MergeRecord` (with
    what an unmerge needs), records the change in ``keep``'s history, deletes ``other``.
    """
    problems = merge_problems(keep, other)
    if problems:
        raise MergeRefused(problems)
    chosen = [f for f in CHOOSABLE if f in set(take)]
    before, other_fields = snapshot(keep), snapshot(other)
    SuspectedDuplicate.objects.filter(models.Q(a=other) | models.Q(b=other)).delete()
    results = {
        relation_label(r): repoint_rows(r, source=other, target=keep) for r in incoming_relations()
    }
    record = MergeRecord.objects.create(
        kept=keep, merged_pk=other.pk, merged_name=other.name, snapshot=other_fields,
        moved={label: len(ids) for label, (ids, _d) in results.items() if ids},
        moved_rows={label: ids for label, (ids, _d) in results.items() if ids},
        dropped={label: n for label, (_ids, n) in results.items() if n},
        kept_before=before, chosen=chosen, evidence=evidence_to_json(evidence), merged_by=user,
    )  # fmt: skip
    keep._history_user = other._history_user = user
    absorb(keep, other)
    _take_chosen(keep, other, chosen)
    other.delete()
    return record


def dismiss_duplicate(*, pair: SuspectedDuplicate) -> None:
    """Mark a suspected pair of organisations as two different ones.

    Side effect: the pair's status becomes dismissed (later scans leave it dismissed)."""
    SuspectedDuplicate.objects.filter(pk=pair.pk).update(status=DuplicateStatus.DISMISSED)
