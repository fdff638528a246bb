"""Spreadsheet import of projects: lookups from the database, preview, then all or nothing.

``preview_import`` reads and validates without writing; ``run_import`` does the
same and, only when there is no problem at all, writes every row in one
transaction. Owner organisations are found by their exact name or the directory's
exact-name key (``Organisation.match_key``), or created.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from duijie.catalogue.amounts import amount_columns
from duijie.catalogue.columns import COLUMNS, header
from duijie.catalogue.exporters import export_queryset, project_row
from duijie.catalogue.models import Instrument, Project, Stage, Status
from duijie.catalogue.project_rows import (
    IMPORT_STATES,
    ImportPlan,
    Lookups,
    RowPlan,
    plan_import,
)
from duijie.catalogue.search import index_projects
from duijie.catalogue.services import field_changes, snapshot
from duijie.directory.keys import fill_organisation_keys, organisation_match_key
from duijie.directory.models import Organisation, OrganisationKind
from duijie.history.records import record_bulk
from duijie.interchange.choices import choice_lookup
from duijie.interchange.preview import NEW, UNCHANGED, UPDATED, Change, RowPreview
from duijie.interchange.problems import accepted
from duijie.interchange.reader import MAX_BYTES, SheetError, read_table
from duijie.reference.models import (
    AdminDivision,
    DivisionLevel,
    Industry,
    KeyIndustry,
    PromotionMethod,
)
from duijie_core.text import normalise

REFERENCE_KEYS = {
    "city_code",
    "county_code",
    "key_industry_code",
    "industry_code",
    "promotion_method_codes",
    "owner",
}


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or would do): the plan, and whether it was written."""

    plan: ImportPlan
    written: bool


def _names(*values: str) -> list[str]:
    keys = {normalise(v) for v in values if v}
    return sorted(keys | {k.removesuffix("市") for k in keys if k.endswith("市") and len(k) > 2})


def build_lookups(edition: object) -> Lookups:
    """Everything validation needs from the database, in a handful of queries."""
    divisions = AdminDivision.objects.filter(level__in=[DivisionLevel.CITY, DivisionLevel.COUNTY])
    cities, counties = {}, {}
    for d in divisions.values("code", "name", "name_hant", "name_en", "level", "parent__code"):
        if d["level"] == DivisionLevel.CITY:
            cities.update(
                {
                    key: d["code"]
                    for key in _names(d["code"], d["name"], d["name_hant"], d["name_en"])
                }
            )
        else:
            counties.update(
                {
                    (d["parent__code"], key): d["code"]
                    for key in _names(d["code"], d["name"], d["name_hant"], d["name_en"])
                }
            )
    return Lookups(
        cities=cities,
        counties=counties,
        key_industries=_code_map(
            KeyIndustry.objects.values("code", "name", "name_hant", "name_en")
        ),
        industries=frozenset(Industry.objects.values_list("code", flat=True)),
        promotion_methods=_code_map(
            PromotionMethod.objects.values("code", "name", "name_hant", "name_en")
        ),
        choices={
            "instrument": choice_lookup(Instrument),
            "stage": choice_lookup(Stage),
            "status": choice_lookup(Status),
        },
        existing_codes=frozenset(
            Project.objects.filter(edition=edition).values_list("code", flat=True)
        ),
        accepted={
            "instrument": accepted([str(label) for value, label in Instrument.choices]),
            "stage": accepted([str(label) for value, label in Stage.choices]),
            "status": accepted(
                [str(label) for value, label in Status.choices if value in IMPORT_STATES]
            ),
            "key_industry": accepted([k.display_name() for k in KeyIndustry.objects.all()]),
            "promotion_methods": accepted(
                [m.display_name() for m in PromotionMethod.objects.all()]
            ),
        },
    )


def _code_map(rows) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        normalise(r[f]): r["code"]
        for r in rows
        for f in ("code", "name", "name_hant", "name_en")
        if r[f]
    }


def preview_import(
    *, data: bytes, filename: str, edition: object, language: str, max_bytes: int = MAX_BYTES
) -> ImportPlan:
    """Read and validate a file; write nothing. Unreadable files give a plan with only problems."""
    try:
        table = read_table(data, filename, max_bytes=max_bytes)
    except SheetError as error:
        return ImportPlan([], error.problems)
    return plan_import(table, build_lookups(edition), language=language)


def run_import(
    *,
    data: bytes,
    filename: str,
    edition: object,
    user: object,
    language: str,
    max_bytes: int = MAX_BYTES,
) -> ImportResult:
    """Validate, then write every row if (and only if) there is no problem.

    Side effects: creates/updates projects, their history, owners and search tokens,
    in one transaction.
    """
    plan = preview_import(
        data=data, filename=filename, edition=edition, language=language, max_bytes=max_bytes
    )
    if plan.problems or not plan.rows:
        return ImportResult(plan, written=False)
    with transaction.atomic():
        write_plan(plan=plan, edition=edition, user=user)
    return ImportResult(plan, written=True)


def write_plan(*, plan: ImportPlan, edition: object, user: object) -> list[Project]:
    """Write a problem-free plan (inside a transaction), in bulk; rows that would change
    nothing on their project are skipped (no save, no history entry).

    Side effects: see :func:`run_import`.
    """
    refs = _references(plan.rows)
    existing = _existing(plan, edition)
    befores: dict[str, dict[str, object]] = {}
    created, updated = [], []
    for row in plan.rows:
        project = existing.get(row.code) or Project(edition=edition, code=row.code)
        if project.pk:
            befores[row.code] = snapshot(project)
        _apply(project, row, refs)
        if project.pk and not _changed(project, befores[row.code], row):
            continue
        (updated if project.pk else created).append(project)
    _save_projects(created, updated)
    _set_methods(plan.rows, created + updated, refs["methods"])
    record_bulk(created, user=user)
    record_bulk(updated, user=user, update=True)
    index_projects(created + updated)
    return created + updated


def _existing(plan: ImportPlan, edition: object) -> dict[str, Project]:
    codes = [row.code for row in plan.rows]
    found = export_queryset(Project.objects.filter(edition=edition, code__in=codes))
    return {p.code: p for p in found}


def _changed(project: Project, before: dict[str, object], row: RowPlan) -> bool:
    """Whether applying ``row`` changed ``project`` (fields or promotion methods)."""
    return snapshot(project) != before or _methods_change(project, row) is not None


def _methods_change(project: Project, row: RowPlan) -> tuple[list[str], list[str]] | None:
    """(method codes now, codes after) when the row names other methods, else None."""
    wanted = list(dict.fromkeys(row.values.get("promotion_method_codes") or []))
    now = sorted(m.code for m in project.promotion_methods.all()) if project.pk else []
    return (now, sorted(wanted)) if wanted and sorted(wanted) != now else None


def preview_rows(*, plan: ImportPlan, edition: object, language: str) -> list[RowPreview]:
    """What :func:`write_plan` would do with each row, with the field-by-field changes as
    the export writes the values. Writes nothing (owners it would create stay unsaved)."""
    refs = _references(plan.rows, create_owners=False)
    existing = _existing(plan, edition)
    rows = []
    for row in plan.rows:
        project = existing.get(row.code)
        if project is None:
            rows.append(RowPreview(row.row, row.code, NEW))
            continue
        after = copy.copy(project)
        _apply(after, row, refs)
        changes = _shown_changes(project, after, row, language, refs["methods"])
        outcome = UPDATED if changes else UNCHANGED
        rows.append(RowPreview(row.row, row.code, outcome, _label(project), (), changes))
    return rows


def _label(project: Project) -> str:
    return f"{project.code} {project.name_hant or project.name_hans or project.name_en}"


def _shown_changes(
    project: Project, after: Project, row: RowPlan, language: str, names: dict[str, object]
) -> tuple[Change, ...]:
    before_cells, after_cells = project_row(project, language), project_row(after, language)
    changes = [
        Change(header(column.key, language), old, new)
        for column, old, new in zip(COLUMNS, before_cells, after_cells, strict=True)
        if old != new and column.key != "promotion_methods"
    ]
    if methods := _methods_change(project, row):
        now, wanted = ("; ".join(str(names.get(c, c)) for c in codes) for codes in methods)
        changes.append(Change(header("promotion_methods", language), now, wanted))
    if not changes and snapshot(project) != snapshot(after):
        fields = field_changes(snapshot(project), snapshot(after))
        changes = [Change(name, str(old), str(new)) for name, (old, new) in fields.items()]
    return tuple(changes)


def _save_projects(created: list[Project], updated: list[Project]) -> None:
    """New and changed projects in bulk (the caller records their history rows)."""
    Project.objects.bulk_create(created, batch_size=500)
    now = timezone.now()
    for project in updated:
        project.updated_at = now
    fields = [
        f.name
        for f in Project._meta.concrete_fields
        if not f.primary_key and f.name != "created_at"
    ]
    Project.objects.bulk_update(updated, fields, batch_size=500)


def _set_methods(rows: list[RowPlan], projects: list[Project], methods: dict[str, object]) -> None:
    """Replace the promotion methods of the written rows that name some."""
    by_code = {p.code: p for p in projects}
    named = [
        (by_code[r.code], r.values["promotion_method_codes"])
        for r in rows
        if r.values.get("promotion_method_codes") and r.code in by_code
    ]
    through = Project.promotion_methods.through
    through.objects.filter(project_id__in=[p.pk for p, _codes in named]).delete()
    links = [
        through(project_id=p.pk, promotionmethod_id=methods[c].pk)
        for p, codes in named
        for c in dict.fromkeys(codes)
    ]  # type: ignore[attr-defined]
    through.objects.bulk_create(links, batch_size=1000)


def _references(rows: list[RowPlan], *, create_owners: bool = True) -> dict[str, dict[str, object]]:
    """Load every referenced object once: divisions, industries, key industries, methods,
    owners (missing owners are created, or left unsaved when ``create_owners`` is False)."""
    wanted = {
        key: {r.values.get(key) for r in rows} - {None, ""}
        for key in ("city_code", "county_code", "key_industry_code", "industry_code", "owner")
    }
    divisions = AdminDivision.objects.in_bulk(
        wanted["city_code"] | wanted["county_code"], field_name="code"
    )
    return {
        "divisions": divisions,
        "provinces": {
            d.code: d.parent
            for d in AdminDivision.objects.filter(code__in=wanted["city_code"]).select_related(
                "parent"
            )
        },
        "industries": Industry.objects.in_bulk(wanted["industry_code"], field_name="code"),
        "key_industries": KeyIndustry.objects.in_bulk(
            wanted["key_industry_code"], field_name="code"
        ),
        "methods": PromotionMethod.objects.in_bulk(field_name="code"),
        "owners": _owners(wanted["owner"], create=create_owners),
    }


def _owners(names: set[object], *, create: bool) -> dict[str, Organisation]:
    """Organisations by name as written: found by the exact name or by the directory's
    exact-name key, else new enterprises (saved only when ``create``)."""
    keys = {str(n): organisation_match_key(str(n)) for n in names}
    matches = Organisation.objects.filter(Q(match_key__in=keys.values()) | Q(name__in=keys))
    by_key = {o.match_key: o for o in matches}
    by_name = {o.name: o for o in matches if o.name in keys}
    owners = {}
    for name, key in sorted(keys.items()):
        owner = by_name.get(name) or by_key.get(key)
        if owner is None:
            owner = Organisation(kind=OrganisationKind.ENTERPRISE, name=name)
            fill_organisation_keys(owner)
            if create:
                owner.save()
            by_key[key] = owner
        owners[name] = owner
    return owners


def _apply(project: Project, row: RowPlan, refs: dict[str, dict[str, object]]) -> None:
    for key, value in row.values.items():
        if key in ("investment", "financing"):
            for name, column_value in amount_columns(key, value).items():  # type: ignore[arg-type]
                setattr(project, name, column_value)
        elif key not in REFERENCE_KEYS:
            setattr(project, key, "" if value is None and key != "payback_years" else value)
    values = row.values
    if "city_code" in values:
        project.city = refs["divisions"].get(values["city_code"])  # type: ignore[assignment]
        project.province = refs["provinces"].get(values["city_code"])  # type: ignore[assignment]
    if "county_code" in values:
        project.county = refs["divisions"].get(values["county_code"])  # type: ignore[assignment]
    if "key_industry_code" in values:
        project.key_industry = refs["key_industries"].get(values["key_industry_code"])  # type: ignore[assignment]
    if "industry_code" in values:
        project.industry = refs["industries"].get(values["industry_code"])  # type: ignore[assignment]
    if values.get("owner"):
        project.owner_organisation = refs["owners"][values["owner"]]  # type: ignore[assignment]
