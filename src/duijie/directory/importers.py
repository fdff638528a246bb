"""Importing organisations and people from spreadsheets: all or nothing, resolved.

:func:`plan_import` reads a file, validates every row through a row form and, when no row
has an error, resolves the rows against the directory (entity resolution); nothing is
written. :func:`apply_plan` writes a clean plan in one transaction: rows resolved to an
existing record replace its values with the row's filled cells (blank cells leave a value
alone, ``(clear)`` empties it) and add names as aliases (so importing the same list twice
creates nothing new); new rows create one record per resolved group;
rows the resolver is unsure about create a record flagged for review, and the pairs go
to the duplicates page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from duijie.directory import importing
from duijie.directory.models import ImportBatch, ImportKind
from duijie.directory.rowforms import Lookup, OrganisationRowForm, PersonRowForm
from duijie.directory.tabular import Row, Table, alias_map, read_table
from duijie.interchange.problems import READER_MESSAGES, located, message
from duijie.interchange.reader import SheetError, is_clear
from duijie_core.resolution import Resolution
from duijie_core.text import normalise

ORGANISATION_COLUMNS = {
    "name": ["名称", "机构名称", "公司名称", "organisation", "organization"],
    "kind": ["类型", "机构类型", "type"],
    "short_name": ["简称", "short name"],
    "name_en": ["英文名称", "english name"],
    "aliases": ["曾用名", "别名", "former names", "other names"],
    "credit_code": ["统一社会信用代码", "信用代码", "credit code", "uscc"],
    "hk_cr_no": ["公司注册编号", "香港公司注册编号", "cr no", "cr no."],
    "stock_code": ["股票代码", "stock code"],
    "hq_division": ["总部", "所在地", "headquarters", "location"],
    "key_industries": ["重点产业", "key industries"],
    "website": ["网站", "网址"],
    "size": ["规模"],
    "description": ["简介", "介绍"],
}
PERSON_COLUMNS = {
    "name": ["姓名", "名称"],
    "name_en": ["英文名", "英文姓名", "english name"],
    "other_names": ["别名", "other names"],
    "birth_year": ["出生年份", "birth year"],
    "hometown": ["籍贯", "家乡"],
    "location": ["所在地", "常住地", "lives in"],
    "schools": ["学校", "毕业院校", "school"],
    "languages": ["语言", "language"],
    "key_industries": ["行业", "产业", "industries", "industry"],
    "organisation": ["单位", "机构", "公司", "organization", "affiliation"],
    "title": ["职务", "职位"],
    "phone": ["电话", "手机"],
    "email": ["电邮", "邮箱", "e-mail"],
    "wechat": ["微信"],
    "address": ["地址"],
    "consent": ["同意", "同意状态"],
    "consent_purpose": ["同意用途", "consent covers"],
}
FORMS = {ImportKind.ORGANISATIONS: OrganisationRowForm, ImportKind.PEOPLE: PersonRowForm}
COLUMNS = {ImportKind.ORGANISATIONS: ORGANISATION_COLUMNS, ImportKind.PEOPLE: PERSON_COLUMNS}
MAX_ERRORS = 200
# A cell that empties the field of a matched record (a blank cell leaves it alone).
CLEAR_MARKERS = frozenset(
    normalise(m) for m in ("(clear)", "（清除）", "(清除)", "（清空）", "(清空)")
)
CLEARABLE = {
    ImportKind.ORGANISATIONS: frozenset({*importing.ORG_FILL, "hq_division"}),
    ImportKind.PEOPLE: frozenset(importing.PERSON_FILL),
}
CANNOT_CLEAR = gettext_lazy("this column cannot be cleared; leave the cell blank to keep it")


@dataclass(frozen=True)
class RowError:
    """A problem in one cell (``column`` as the file wrote it; empty for the whole row)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return located(self.row, self.column, self.message)


@dataclass
class ImportPlan:
    """A validated (and, when clean, resolved) file; nothing written yet."""

    kind: str
    rows: list[Row] = field(default_factory=list)
    cleaned: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    record_ids: list[int] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows resolve to existing records, new ones, or need review."""
        found = {"rows": len(self.rows), "existing": 0, "new": 0, "review": 0}
        for resolution in self.resolutions:
            found[resolution.outcome] += 1
        return found


FILE_MESSAGES = {
    **READER_MESSAGES,
    "no_known_header": gettext_lazy("No known column in the first row."),
}


def sheet_errors(error: SheetError) -> list[RowError]:
    """The reader's problems as row errors in the user's language."""
    return [
        RowError(p.row, p.column, message(p.code, p.params_dict, FILE_MESSAGES))
        for p in error.problems
    ]


def validate_rows(kind: str, table: Table, lookup: Lookup) -> ImportPlan:
    """Run every row through the row form; collect cleaned data and "row N" errors.

    A cell holding a clear marker (:func:`~duijie.interchange.reader.is_clear`) is not
    validated; its column
    goes to ``cleaned["clear"]`` (only columns in :data:`CLEARABLE` may be cleared).
    """
    plan = ImportPlan(kind=kind, rows=table.rows)
    reusable = FORMS[kind]({}, lookup=lookup)
    for row in table.rows:
        markers = {c for c, v in row.cells.items() if is_clear(v)}
        form = reusable.rebind({c: v for c, v in row.cells.items() if c not in markers})
        refused = sorted(markers - CLEARABLE[kind])
        plan.errors += [
            RowError(row.number, table.headers.get(c, c), str(CANNOT_CLEAR)) for c in refused
        ]
        if form.is_valid() and not refused:
            plan.cleaned.append(form.cleaned_data | {"clear": frozenset(markers)})
            continue
        for name, messages in form.errors.items():
            column = table.headers.get(name, name) if name != "__all__" else ""
            if name not in refused:
                plan.errors += [RowError(row.number, column, str(m)) for m in messages]
    if not table.rows:
        plan.errors.append(RowError(0, "", str(READER_MESSAGES["empty_file"])))
    return plan


def plan_import(kind: str, content: bytes, filename: str) -> ImportPlan:
    """Read, validate and (when every row is valid) resolve a file. Writes nothing."""
    try:
        table = read_table(content, filename, alias_map(COLUMNS[kind]))
    except SheetError as error:
        return ImportPlan(kind=kind, errors=sheet_errors(error))
    plan = validate_rows(kind, table, Lookup())
    if not plan.errors:
        plan.resolutions = resolve_plan(plan)
    plan.errors = plan.errors[:MAX_ERRORS]
    return plan


def resolve_plan(plan: ImportPlan) -> list[Resolution]:
    """Resolve the plan's cleaned rows against the directory (one core call)."""
    if plan.kind == ImportKind.ORGANISATIONS:
        return importing.resolve_organisation_rows(plan)
    return importing.resolve_person_rows(plan)


def apply_plan(
    plan: ImportPlan, *, source: str = "import", is_demo: bool = False, user: Any = None
) -> dict[str, int]:
    """Write a clean, resolved plan in one transaction; returns the counts.

    The change history names ``user`` (None: the system) as having imported each record.
    """
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    if plan.kind == ImportKind.ORGANISATIONS:
        return importing.apply_organisation_rows(plan, source=source, is_demo=is_demo, user=user)
    return importing.apply_person_rows(plan, is_demo=is_demo, user=user)


@transaction.atomic
def commit_plan(*, plan: ImportPlan, filename: str, user: Any) -> dict[str, int]:
    """Write ``plan`` and record its import batch, all or nothing; returns the counts.

    Side effects: the writes of :func:`apply_plan`; creates an :class:`ImportBatch`."""
    counts = apply_plan(plan, source=filename[:100], user=user)
    ImportBatch.objects.create(
        kind=plan.kind, filename=filename[:255], summary=counts, created_by=user,
        imported_at=timezone.now(),
    )  # fmt: skip
    return counts
