"""Platforms as a spreadsheet: one row per platform, the same columns exported and imported.

Headers in any of the three languages or as the column keys. Each row goes through
:class:`~duijie.parks.forms.PlatformForm` (the editor's form), so a row is checked exactly
as the page checks it; references resolve by natural key (division code, key-industry code,
GB/T code, the contact organisation's exact name). All-or-nothing: one bad cell and nothing
is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.directory.models import Organisation
from duijie.interchange.problems import located
from duijie.interchange.reader import Table
from duijie.parks.forms import PlatformForm, split
from duijie.parks.models import SAMPLE_GROUPS, Platform, PlatformKind
from duijie.reference.models import KeyIndustry

COLUMNS = {
    "code": gettext_lazy("Code"),
    "kind": gettext_lazy("Kind"),
    "name_hant": gettext_lazy("Name (Traditional)"),
    "name": gettext_lazy("Name (Simplified)"),
    "name_en": gettext_lazy("Name (English)"),
    "division": gettext_lazy("Division code"),
    "key_industries": gettext_lazy("Key industries"),
    "industry_codes": gettext_lazy("GB/T 4754 codes"),
    "keyword_text": gettext_lazy("Industry keywords"),
    "land_hectares": gettext_lazy("Land available (ha)"),
    "factory_m2": gettext_lazy("Standard factory space (m²)"),
    "land_as_of": gettext_lazy("Land figures as of"),
    "land_source": gettext_lazy("Land figures source"),
    "incentives_hant": gettext_lazy("Incentives (Traditional)"),
    "incentives_hans": gettext_lazy("Incentives (Simplified)"),
    "incentives_en": gettext_lazy("Incentives (English)"),
    "contact_organisation": gettext_lazy("Contact organisation"),
    "website": gettext_lazy("Website"),
    "source": gettext_lazy("Source"),
    "sample_fields": gettext_lazy("Sample attributes"),
}
REQUIRED = ("code", "kind", "name", "division")


def header_row() -> list[str]:
    return [str(label) for label in COLUMNS.values()]


def platform_rows(
    platforms: Iterable[Platform], lists: dict[str, str] | None = None
) -> list[list[object]]:
    """The export rows (headers not included); ``lists`` overrides the two industry lists."""
    return [
        [
            p.code,
            p.kind,
            p.name_hant,
            p.name,
            p.name_en,
            p.division.code,
            lists["key_industries"] if lists else "、".join(k.code for k in p.key_industries.all()),
            lists["industry_codes"] if lists else "、".join(i.code for i in p.industries.all()),
            "、".join(p.keywords),
            p.land_hectares,
            p.factory_m2,
            p.land_as_of,
            p.land_source,
            p.incentives_hant,
            p.incentives_hans,
            p.incentives_en,
            p.contact_organisation.name if p.contact_organisation else "",
            p.website,
            p.source,
            "、".join(p.sample_fields),
        ]
        for p in platforms
    ]


def _header_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            keys |= {str(label).casefold(): key for key, label in COLUMNS.items()}
    return keys | {key: key for key in COLUMNS}


@dataclass
class PlatformPlan:
    """The checked forms of a file (row number, form, existing platform or None), or problems."""

    rows: list[tuple[int, PlatformForm, Platform | None]] = field(default_factory=list)
    unchanged: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def plan_platforms(table: Table) -> PlatformPlan:
    """Read ``table`` into one bound form per row and check them all; writes nothing."""
    keys = _header_keys()
    columns = [keys.get(h.strip().casefold(), "") for h in table.headers]
    plan = PlatformPlan()
    missing = [str(COLUMNS[k]) for k in REQUIRED if k not in columns]
    if missing:
        plan.problems.append(
            located(
                0, "", _("These columns are missing: %(columns)s") % {"columns": "、".join(missing)}
            )
        )
        return plan
    existing = {p.code: p for p in Platform.objects.all()}
    seen: set[str] = set()
    for number, cells in table.rows:
        values = {
            key: (cells[i].strip() if i < len(cells) else "")
            for i, key in enumerate(columns)
            if key
        }
        if values.get("code") in seen:
            plan.problems.append(
                located(number, str(COLUMNS["code"]), _("this code is already on an earlier row."))
            )
            continue
        seen.add(values.get("code", ""))
        _check_row(plan, number, values, existing.get(values.get("code", "")))
    return plan


def _check_row(
    plan: PlatformPlan, number: int, values: dict[str, str], before: Platform | None
) -> None:
    data, problems = _form_data(values)
    snapshot = platform_rows([before]) if before else None
    form = PlatformForm(data, instance=before or Platform())
    plan.problems.extend(located(number, column, text) for column, text in problems)
    for name, errors in form.errors.items():
        column = str(COLUMNS[name]) if name in COLUMNS else ""
        plan.problems.extend(located(number, column, str(error)) for error in errors)
    plan.rows.append((number, form, before))
    if snapshot is not None and form.is_valid() and snapshot == [_row_of(form)]:
        plan.unchanged.add(number)


def _form_data(values: dict[str, str]) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """The form's data from the cells, resolving natural keys; problems as (column, text)."""
    data: dict[str, object] = {
        k: v
        for k, v in values.items()
        if k not in {"key_industries", "contact_organisation", "sample_fields", "kind"}
    }
    problems: list[tuple[str, str]] = []
    data["kind"] = _kind(values.get("kind", ""))
    codes = split(values.get("key_industries", ""))
    found = dict(KeyIndustry.objects.filter(code__in=codes).values_list("code", "pk"))
    if unknown := [c for c in codes if c not in found]:
        problems.append(
            (
                str(COLUMNS["key_industries"]),
                _("unknown key industries: %(codes)s") % {"codes": "、".join(unknown)},
            )
        )
    data["key_industries"] = [found[c] for c in codes if c in found]
    if name := values.get("contact_organisation", ""):
        organisation = Organisation.objects.filter(name=name).order_by("pk").first()
        if organisation is None:
            problems.append(
                (
                    str(COLUMNS["contact_organisation"]),
                    _("no organisation in the directory has this exact name."),
                )
            )
        data["contact_organisation"] = organisation.pk if organisation else ""
    groups = split(values.get("sample_fields", ""))
    if unknown := [g for g in groups if g not in SAMPLE_GROUPS]:
        problems.append(
            (
                str(COLUMNS["sample_fields"]),
                _("unknown groups %(groups)s; use %(known)s")
                % {"groups": "、".join(unknown), "known": "、".join(SAMPLE_GROUPS)},
            )
        )
    data["sample_fields"] = [g for g in groups if g in SAMPLE_GROUPS]
    return data, problems


def _kind(text: str) -> str:
    """A kind from its value or its label in any language."""
    for value, label in PlatformKind.choices:
        for language in ("zh-hant", "zh-hans", "en"):
            with translation.override(language):
                if text.casefold() in {value, str(label).casefold()}:
                    return str(value)
    return text


def _row_of(form: PlatformForm) -> list[object]:
    """The export row the form would save (its instance, with the lists from the form)."""
    platform, data = form.instance, form.cleaned_data
    (row,) = platform_rows(
        [platform],
        lists={
            "key_industries": "、".join(k.code for k in data["key_industries"]),
            "industry_codes": "、".join(i.code for i in data["industry_codes"]),
        },
    )
    return row


@transaction.atomic
def commit_platforms(plan: PlatformPlan) -> int:
    """Side effects: every platform of the plan created or updated (with history)."""
    for _number, form, _before in plan.rows:
        form.save()
    return len(plan.rows)
