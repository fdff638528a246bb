"""Merging two organisation records into one, keeping history.

Every reference to the merged record, in any app, is re-pointed to the kept one: the
foreign keys are found through Django's model introspection (``_meta.get_fields`` with
hidden relations, which also yields the through tables of many-to-many fields), so
references added later by other apps are covered without changes here. A reference whose
re-pointing would break a uniqueness rule (the kept record already has the same link) is
dropped and counted.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
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


def _relation_label(relation: models.ForeignObjectRel) -> str:
    return f"{relation.related_model._meta.label_lower}.{relation.field.name}"


def repoint(
    relation: models.ForeignObjectRel, *, source: models.Model, target: models.Model
) -> int:
    """Point rows referencing ``source`` through ``relation`` at ``target``; returns moved."""
    manager = relation.related_model._base_manager
    name = relation.field.name
    rows = manager.filter(**{name: source})
    try:
        with transaction.atomic():
            return rows.update(**{name: target})
    except IntegrityError:
        return _repoint_one_by_one(manager, name, rows, target)


def _repoint_one_by_one(manager: Any, name: str, rows: Any, target: models.Model) -> int:
    """Re-point row by row; rows that would duplicate an existing link are deleted."""
    moved = 0
    for pk in list(rows.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                moved += manager.filter(pk=pk).update(**{name: target})
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
    """The merged record's own fields, JSON-storable."""
    data = model_to_dict(org, exclude=["key_industries", "industries"])
    return {k: (str(v) if v is not None and not isinstance(v, str | list | bool | int) else v)
            for k, v in data.items()}  # fmt: skip


@transaction.atomic
def merge_organisations(
    *, keep: Organisation, other: Organisation, user: Any = None, evidence: list[Evidence] = ()
) -> MergeRecord:
    """Merge ``other`` into ``keep``; raises :class:`MergeRefused` on conflicting identifiers.

    Side effects: re-points every reference to ``other`` (all apps), adds its names as
    aliases of ``keep`` and fills ``keep``'s blank fields, drops suspected-duplicate pairs
    involving ``other``, writes a :class:`MergeRecord`, deletes ``other``.
    """
    problems = merge_problems(keep, other)
    if problems:
        raise MergeRefused(problems)
    SuspectedDuplicate.objects.filter(models.Q(a=other) | models.Q(b=other)).delete()
    moved = {
        _relation_label(r): repoint(r, source=other, target=keep) for r in incoming_relations()
    }
    record = MergeRecord.objects.create(
        kept=keep,
        merged_pk=other.pk,
        merged_name=other.name,
        snapshot=snapshot(other),
        moved={label: count for label, count in moved.items() if count},
        evidence=evidence_to_json(evidence),
        merged_by=user,
    )
    absorb(keep, other)
    other.delete()
    return record


def dismiss_duplicate(*, pair: SuspectedDuplicate) -> None:
    """Mark a suspected pair of organisations as two different ones.

    Side effect: the pair's status becomes dismissed (later scans leave it dismissed)."""
    SuspectedDuplicate.objects.filter(pk=pair.pk).update(status=DuplicateStatus.DISMISSED)
