"""Ports, corridors with their legs, and policy innovations as spreadsheets.

The same columns are exported and imported, so an exported file imports back unchanged.
Headers in any of the three languages or as the column keys. Every row goes through the
editor's form (``PortForm``, ``CorridorForm`` + ``LegForm``, ``InnovationForm``), so a row
is checked exactly as the page checks it, and problems read "Row N, column C: message" in
the reader's language. All-or-nothing: the plan writes nothing; one problem and the
commit never runs.

Corridors: one row per leg. A corridor's own columns (names, summary, runs, source, date,
sample) are read from its first row; on its other rows they must be blank or the same.
A row with no leg columns is a corridor without legs. Importing a corridor replaces its
legs by the file's: legs are matched by their order, legs the file leaves out are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from duijie.interchange.preview import NEW, UNCHANGED, UPDATED, Change, Preview, RowPreview
from duijie.interchange.problems import located
from duijie.interchange.reader import Table
from duijie.parks.forms import (
    CorridorForm,
    InnovationForm,
    LegForm,
    PortForm,
    known_places,
)
from duijie.parks.models import Corridor, Leg, Mode, PolicyInnovation, Port

YES, NO = "yes", "no"
_TRUE = {"yes", "y", "true", "1", "是", "x", "✓"}
_FALSE = {"no", "n", "false", "0", "否", ""}

PORT_COLUMNS: dict[str, Promise] = {
    "code": gettext_lazy("Code"),
    "name_hant": gettext_lazy("Name (Traditional)"),
    "name": gettext_lazy("Name (Simplified)"),
    "name_en": gettext_lazy("Name (English)"),
    "is_gba": gettext_lazy("Greater Bay Area port"),
}
CORRIDOR_COLUMNS: dict[str, Promise] = {
    "corridor": gettext_lazy("Corridor code"),
    "name_hant": gettext_lazy("Name (Traditional)"),
    "name": gettext_lazy("Name (Simplified)"),
    "name_en": gettext_lazy("Name (English)"),
    "summary_hant": gettext_lazy("Summary (Traditional)"),
    "summary_hans": gettext_lazy("Summary (Simplified)"),
    "summary_en": gettext_lazy("Summary (English)"),
    "runs_total": gettext_lazy("Runs so far"),
    "corridor_source": gettext_lazy("Corridor source"),
    "corridor_as_of": gettext_lazy("Corridor as of"),
    "corridor_sample": gettext_lazy("Sample corridor"),
    "order": gettext_lazy("Leg order"),
    "origin": pgettext_lazy("corridor leg", "From"),
    "destination": pgettext_lazy("corridor leg", "To"),
    "mode": gettext_lazy("Mode"),
    "hours": gettext_lazy("Transit time (hours)"),
    "runs_per_week": gettext_lazy("Runs per week"),
    "cost_amount": gettext_lazy("Cost per unit"),
    "cost_currency": gettext_lazy("Currency"),
    "cost_unit": gettext_lazy("Cost unit"),
    "source": gettext_lazy("Leg source"),
    "as_of": gettext_lazy("Leg as of"),
    "sample": gettext_lazy("Sample leg"),
}
CORRIDOR_FIELDS = {  # sheet column → CorridorForm field
    "corridor": "code",
    "name_hant": "name_hant",
    "name": "name",
    "name_en": "name_en",
    "summary_hant": "summary_hant",
    "summary_hans": "summary_hans",
    "summary_en": "summary_en",
    "runs_total": "runs_total",
    "corridor_source": "source",
    "corridor_as_of": "as_of",
    "corridor_sample": "sample",
}
LEG_FIELDS = {k: k for k in list(CORRIDOR_COLUMNS)[11:]}  # sheet column → LegForm field
INNOVATION_COLUMNS: dict[str, Promise] = {
    "code": gettext_lazy("Code"),
    "title_hant": gettext_lazy("Title (Traditional)"),
    "title_hans": gettext_lazy("Title (Simplified)"),
    "title_en": gettext_lazy("Title (English)"),
    "summary_hant": gettext_lazy("Summary (Traditional)"),
    "summary_hans": gettext_lazy("Summary (Simplified)"),
    "summary_en": gettext_lazy("Summary (English)"),
    "published_on": gettext_lazy("Published"),
    "source": gettext_lazy("Source"),
    "sample": gettext_lazy("Sample record"),
    "platform_codes": gettext_lazy("Platforms (codes)"),
}


def header(columns: Mapping[str, Promise]) -> list[str]:
    """The header row in the reader's language."""
    return [str(label) for label in columns.values()]


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _flag(text: str) -> bool | None:
    """A yes/no cell (yes, no, 是, 否, true, false, 1, 0; blank is no); None if unreadable."""
    folded = text.strip().casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


def _plain(value: object) -> object:
    """A number without trailing zeros, for cells (``16.0`` → 16)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else value.normalize()
    return "" if value is None else value


# --- rows as exported ---------------------------------------------------------------------


def port_rows(ports: Iterable[Port]) -> list[list[object]]:
    return [[p.code, p.name_hant, p.name, p.name_en, _yes_no(p.is_gba)] for p in ports]


def _corridor_cells(c: Corridor) -> list[object]:
    return [
        c.code,
        c.name_hant,
        c.name,
        c.name_en,
        c.summary_hant,
        c.summary_hans,
        c.summary_en,
        _plain(c.runs_total),
        c.source,
        _plain(c.as_of),
        _yes_no(c.sample),
    ]


def _leg_cells(leg: Leg) -> list[object]:
    return [
        leg.order,
        leg.origin,
        leg.destination,
        leg.mode,
        _plain(leg.hours),
        _plain(leg.runs_per_week),
        _plain(leg.cost_amount),
        leg.cost_currency,
        leg.cost_unit,
        leg.source,
        _plain(leg.as_of),
        _yes_no(leg.sample),
    ]


def corridor_rows(corridors: Iterable[Corridor]) -> list[list[object]]:
    """One row per leg (a corridor without legs: one row with blank leg columns)."""
    rows: list[list[object]] = []
    for corridor in corridors:
        legs = sorted(corridor.legs.all(), key=lambda leg: leg.order)
        own = _corridor_cells(corridor)
        rows.extend([*own, *_leg_cells(leg)] for leg in legs)
        if not legs:
            rows.append([*own, *[""] * len(LEG_FIELDS)])
    return rows


def innovation_rows(innovations: Iterable[PolicyInnovation]) -> list[list[object]]:
    return [
        [
            i.code,
            i.title_hant,
            i.title_hans,
            i.title_en,
            i.summary_hant,
            i.summary_hans,
            i.summary_en,
            _plain(i.published_on),
            i.source,
            _yes_no(i.sample),
            "、".join(sorted(p.code for p in i.platforms.all())),
        ]
        for i in innovations
    ]


# --- reading ------------------------------------------------------------------------------


@dataclass
class SheetPlan:
    """What a file would do: preview rows and, per record, the function that writes it."""

    rows: list[RowPreview] = field(default_factory=list)
    writes: list[Callable[[], object]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def preview(self) -> Preview:
        return Preview.of([] if self.problems else self.rows, self.problems)


def _keys(columns: Mapping[str, Promise]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            keys |= {str(label).casefold(): key for key, label in columns.items()}
    return keys | {key: key for key in columns}


def _records(
    table: Table, columns: Mapping[str, Promise], required: Sequence[str], plan: SheetPlan
) -> list[tuple[int, dict[str, str]]]:
    """The rows as {column key: text}; a missing required column is a problem."""
    keys = _keys(columns)
    found = [keys.get(h.strip().casefold(), "") for h in table.headers]
    missing = [str(columns[k]) for k in required if k not in found]
    if missing:
        text = _("These columns are missing: %(columns)s") % {"columns": "、".join(missing)}
        plan.problems.append(located(0, "", text))
        return []
    return [
        (
            number,
            {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(found) if k},
        )
        for number, cells in table.rows
    ]


def _form_problems(
    plan: SheetPlan, number: int, form: forms.BaseForm, labels: Mapping[str, str]
) -> None:
    """The form's errors located at the row and the column of the field."""
    for name, errors in form.errors.items():
        plan.problems.extend(located(number, labels.get(name, ""), str(e)) for e in errors)


def _flags(
    plan: SheetPlan,
    number: int,
    values: dict[str, str],
    columns: Mapping[str, Promise],
    *names: str,
) -> None:
    """Yes/no cells read in place; an unreadable one is a problem."""
    for name in names:
        flag = _flag(values.get(name, ""))
        if flag is None:
            text = _("write yes or no (是 or 否), not “%(value)s”.") % {"value": values[name]}
            plan.problems.append(located(number, str(columns[name]), text))
        values[name] = "on" if flag else ""


def _duplicate(plan: SheetPlan, number: int, column: Promise) -> None:
    plan.problems.append(located(number, str(column), _("this code is already on an earlier row.")))


def plan_ports(table: Table) -> SheetPlan:
    """Ports from ``table``: created, or changed by code; writes nothing."""
    return _plan_by_code(
        table, PORT_COLUMNS, ("code", "name", "name_en"), "is_gba",
        existing={p.code: p for p in Port.objects.all()}, form_class=PortForm,
        rows=port_rows, label=lambda port: port.name_hant or port.name,
    )  # fmt: skip


def plan_innovations(table: Table) -> SheetPlan:
    """Policy innovations from ``table``: created, or changed by code; writes nothing."""

    def rows_after(form: Any) -> list[list[object]]:
        after = innovation_rows([form.instance])
        after[0][-1] = "、".join(sorted(p.code for p in form.cleaned_data["platform_codes"]))
        return after

    return _plan_by_code(
        table, INNOVATION_COLUMNS, ("code", "title_hans"), "sample",
        existing={i.code: i for i in PolicyInnovation.objects.prefetch_related("platforms")},
        form_class=InnovationForm, rows=innovation_rows, rows_after=rows_after,
        label=lambda innovation: innovation.title_hant or innovation.title_hans,
    )  # fmt: skip


def _plan_by_code(
    table: Table,
    columns: Mapping[str, Promise],
    required: tuple[str, ...],
    flag: str,
    *,
    existing: Mapping[str, Any],
    form_class: Any,
    rows: Callable[[list[Any]], list[list[object]]],
    label: Callable[[Any], str],
    rows_after: Callable[[Any], list[list[object]]] | None = None,
) -> SheetPlan:
    """Rows of one object each, keyed by code: a known code changes that object, a new one
    adds it; a code twice, a bad flag or a form's error is a problem of its row."""
    plan = SheetPlan()
    labels = {k: str(v) for k, v in columns.items()}
    seen: set[str] = set()
    for number, values in _records(table, columns, required, plan):
        if values.get("code") in seen:
            _duplicate(plan, number, columns["code"])
            continue
        seen.add(values.get("code", ""))
        _flags(plan, number, values, columns, flag)
        before = existing.get(values.get("code", ""))
        snapshot = rows([before]) if before else None  # before the form changes it
        form = form_class(values, instance=before or form_class._meta.model())
        if not form.is_valid():
            _form_problems(plan, number, form, labels)
            continue
        after = (rows_after or (lambda f: rows([f.instance])))(form) if before else None
        outcome = _outcome(snapshot, after)
        plan.rows.append(RowPreview(number, label(form.instance), outcome))
        plan.writes.append(form.save)
    return plan


def _outcome(before: list[list[object]] | None, after: list[list[object]] | None) -> str:
    if before is None:
        return NEW
    return UNCHANGED if before == after else UPDATED


# --- corridors ---------------------------------------------------------------------------


def _mode(text: str) -> str:
    """A mode from its value or its label in any language."""
    folded = text.strip().casefold()
    for value, label in Mode.choices:
        for language in ("zh-hant", "zh-hans", "en"):
            with translation.override(language):
                if folded in {value, str(label).casefold()}:
                    return str(value)
    return text


def plan_corridors(table: Table) -> SheetPlan:
    """Corridors and their legs from ``table`` (one row per leg); writes nothing."""
    plan = SheetPlan()
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    required = ("corridor", "name", "name_en", "order", "origin", "destination", "mode", "hours")
    for number, values in _records(table, CORRIDOR_COLUMNS, required, plan):
        groups.setdefault(values.get("corridor", ""), []).append((number, values))
    existing = {c.code: c for c in Corridor.objects.prefetch_related("legs")}
    nodes = known_places()
    for code, rows in groups.items():
        _plan_corridor(plan, code, rows, existing.get(code), nodes)
    return plan


def _plan_corridor(
    plan: SheetPlan,
    code: str,
    rows: list[tuple[int, dict[str, str]]],
    before: Corridor | None,
    nodes: set[str],
) -> None:
    labels = {CORRIDOR_FIELDS[k]: str(CORRIDOR_COLUMNS[k]) for k in CORRIDOR_FIELDS}
    leg_labels = {LEG_FIELDS[k]: str(CORRIDOR_COLUMNS[k]) for k in LEG_FIELDS}
    first_number, first = rows[0]
    problems = len(plan.problems)
    for number, values in rows[1:]:
        for key in CORRIDOR_FIELDS:
            if values.get(key) and values[key] != first.get(key, ""):
                text = _("differs from row %(row)s of the same corridor.") % {"row": first_number}
                plan.problems.append(located(number, str(CORRIDOR_COLUMNS[key]), text))
    for number, values in rows:
        _flags(plan, number, values, CORRIDOR_COLUMNS, "corridor_sample", "sample")
    old_legs = {leg.order: leg for leg in before.legs.all()} if before else {}
    snapshot = corridor_rows([before]) if before else None
    own = {field: first.get(key, "") for key, field in CORRIDOR_FIELDS.items()}
    corridor_form = CorridorForm(own, instance=before or Corridor())
    if not corridor_form.is_valid():
        _form_problems(plan, first_number, corridor_form, labels)
    leg_forms: list[tuple[int, LegForm]] = []
    orders: dict[str, int] = {}
    for number, values in rows:
        if not any(values.get(k) for k in LEG_FIELDS if k != "sample"):
            if len(rows) > 1:
                text = _("a corridor with several rows needs a leg on each.")
                plan.problems.append(located(number, str(CORRIDOR_COLUMNS["order"]), text))
            continue
        if values.get("order") in orders:
            text = _("row %(row)s of this corridor has the same leg order.") % {
                "row": orders[values["order"]]
            }
            plan.problems.append(located(number, str(CORRIDOR_COLUMNS["order"]), text))
            continue
        orders[values.get("order", "")] = number
        data = {field: values.get(key, "") for key, field in LEG_FIELDS.items()}
        data["mode"] = _mode(data["mode"])
        form = LegForm(data, nodes=nodes)
        if form.is_valid():
            form.instance = old_legs.get(form.cleaned_data["order"]) or Leg()
            form = LegForm(data, nodes=nodes, instance=form.instance)
            form.is_valid()
        _form_problems(plan, number, form, leg_labels)
        leg_forms.append((number, form))
    if len(plan.problems) > problems:
        return
    corridor = corridor_form.instance
    after_rows = _rows_after(corridor, [f.instance for _n, f in leg_forms])
    changes = _leg_changes(snapshot or [], after_rows)
    outcome = NEW if before is None else UNCHANGED if snapshot == after_rows else UPDATED
    label = corridor.name_hant or corridor.name
    plan.rows.append(RowPreview(first_number, label, outcome, changes=changes))
    keep = {f.cleaned_data["order"] for _n, f in leg_forms}
    plan.writes.append(lambda: _write_corridor(corridor_form, [f for _n, f in leg_forms], keep))


def _rows_after(corridor: Corridor, legs: list[Leg]) -> list[list[object]]:
    own = _corridor_cells(corridor)
    ordered = sorted(legs, key=lambda leg: leg.order)
    rows = [[*own, *_leg_cells(leg)] for leg in ordered]
    return rows or [[*own, *[""] * len(LEG_FIELDS)]]


def _leg_changes(before: list[list[object]], after: list[list[object]]) -> tuple[Change, ...]:
    """Each leg added, changed or removed, as ``order: from → to`` before and after."""
    width = len(CORRIDOR_FIELDS)

    def legs(rows: list[list[object]]) -> dict[str, str]:
        return {
            str(r[width]): " · ".join(str(c) for c in r[width + 1 : width + 10] if c != "")
            for r in rows
            if r[width] != ""
        }

    old, new = legs(before), legs(after)
    label = str(CORRIDOR_COLUMNS["order"])
    return tuple(
        Change(f"{label} {order}", old.get(order, ""), new.get(order, ""))
        for order in sorted({*old, *new}, key=lambda o: int(o))
        if old.get(order) != new.get(order)
    )


def _write_corridor(corridor_form: CorridorForm, leg_forms: list[LegForm], keep: set[int]) -> None:
    corridor = corridor_form.save()
    corridor.legs.exclude(order__in=keep).delete()
    for form in leg_forms:
        leg = form.save(commit=False)
        leg.corridor = corridor
        leg.save()


@transaction.atomic
def commit(plan: SheetPlan) -> int:
    """Side effects: every record of the plan written (with history), in one transaction."""
    for write in plan.writes:
        write()
    return len(plan.writes)
