"""Importing deal history: past financing events from a spreadsheet.

Columns (SmoothNLP layout; English names also accepted): 事件资讯 (headline), 投资方
(investors, split by :mod:`duijie.directory.dealnames`), 融资方 (company), 融资时间 (date),
轮次 (round), 金额 (amount, read by ``duijie_core.money.parse_amount``); optional 行业
(industry) and 城市 (city). All or nothing: any bad row stops the import with
"row N, column: message". Every company and investor name is resolved against the
directory in one core call; names never seen create organisations (companies as
enterprises, investors as VC/PE). An event already imported (same company, date, round
and headline) is skipped before its names are read, so importing a file twice creates
nothing new (splitting investor cells depends on the names known at the time).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from duijie.directory.dealnames import split_investors
from duijie.directory.importers import ImportPlan, RowError, sheet_errors
from duijie.directory.importing import apply_organisation_rows, resolve_organisation_rows
from duijie.directory.models import FinancingEvent, ImportKind, Organisation, OrganisationKind
from duijie.directory.resolution import core_language
from duijie.directory.tabular import alias_map, read_table
from duijie.interchange.reader import SheetError
from duijie_core.money import AmountError, Money, MoneyRange, parse_amount
from duijie_core.text import normalise

EVENT_COLUMNS = {
    "headline": ["事件资讯", "事件"],
    "investors": ["投资方", "投资机构"],
    "company": ["融资方", "公司"],
    "occurred_on": ["融资时间", "日期", "date"],
    "round": ["轮次"],
    "amount": ["金额"],
    "industry": ["行业"],
    "city": ["城市"],
}
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m", "%Y%m%d"]
AMOUNT_MESSAGES = {
    "zh-Hant": "無法讀取金額「%s」",
    "zh-Hans": "无法读取金额“%s”",
    "en": "cannot read the amount '%s'",
}


class EventRowForm(forms.Form):
    """One financing event row."""

    headline = forms.CharField(max_length=500, required=False)
    investors = forms.CharField(max_length=1000, required=False)
    company = forms.CharField(max_length=300)
    occurred_on = forms.DateField(input_formats=DATE_FORMATS, required=False)
    round = forms.CharField(max_length=40, required=False)
    amount = forms.CharField(max_length=100, required=False)
    industry = forms.CharField(max_length=100, required=False)
    city = forms.CharField(max_length=100, required=False)

    def clean_amount(self) -> Any:
        text = self.cleaned_data["amount"]
        self.cleaned_data["amount_text"] = text
        try:
            return parse_amount(text or "未披露")
        except AmountError as error:
            raise ValidationError(AMOUNT_MESSAGES[core_language()] % text) from error

    def clean_round(self) -> str:
        return self.cleaned_data["round"].strip()


@dataclass
class EventPlan:
    """Validated event rows (nothing written)."""

    cleaned: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def plan_events(content: bytes, filename: str) -> EventPlan:
    """Read and validate an events file (all rows; nothing written)."""
    plan = EventPlan()
    try:
        table = read_table(content, filename, alias_map(EVENT_COLUMNS))
    except SheetError as error:
        plan.errors += sheet_errors(error)
        return plan
    for row in table.rows:
        form = EventRowForm(row.cells)
        if form.is_valid():
            plan.cleaned.append(form.cleaned_data)
        for name, messages in form.errors.items():
            plan.errors += [
                RowError(row.number, table.headers.get(name, name), m) for m in messages
            ]
    return plan


def event_key(row: dict[str, Any]) -> str:
    """The natural key of an event: company, date, round and headline, normalised."""
    parts = (row["company"], str(row.get("occurred_on") or ""), row["round"], row["headline"])
    return hashlib.sha1("|".join(normalise(p) for p in parts).encode()).hexdigest()


def known_latin_names() -> set[str]:
    """Normalised Latin names of organisations in the directory (for splitting cells)."""
    found: set[str] = set()
    for name, name_en in Organisation.objects.values_list("name", "name_en"):
        found |= {normalise(n) for n in (name, name_en) if n and n.isascii()}
    return found


def organisation_rows(cleaned: list[dict[str, Any]], known: set[str]) -> list[dict[str, Any]]:
    """One organisation row per distinct name (a company name makes it an enterprise)."""
    kinds: dict[str, str] = {}
    for row in cleaned:
        for name in row["investor_names"]:
            kinds.setdefault(name, OrganisationKind.VC_PE)
        kinds[row["company"]] = OrganisationKind.ENTERPRISE
    return [{"name": n, "kind": k, "aliases": []} for n, k in kinds.items()]


def _amount_fields(amount: Any) -> dict[str, Any]:
    if isinstance(amount, Money):
        return {"amount_low": amount.amount, "amount_high": amount.amount,
                "currency": amount.currency, "amount_approximate": amount.approximate}  # fmt: skip
    if isinstance(amount, MoneyRange):
        return {"amount_low": amount.low.amount, "amount_high": amount.high.amount,
                "currency": amount.currency, "amount_approximate": True}  # fmt: skip
    return {}


def new_event(
    row: dict[str, Any], ids: dict[str, int], *, source: str, is_demo: bool
) -> FinancingEvent:
    """An unsaved FinancingEvent from a cleaned row and {name: organisation pk}."""
    return FinancingEvent(
        company_id=ids[row["company"]], investors_text=row["investors"], headline=row["headline"],
        occurred_on=row["occurred_on"], round=row["round"], amount_text=row["amount_text"],
        industry=row["industry"], city=row["city"], source=source, event_key=row["key"],
        is_demo=is_demo, **_amount_fields(row["amount"]),
    )  # fmt: skip


@transaction.atomic
def import_events(
    plan: EventPlan, *, source: str = "events", is_demo: bool = False
) -> dict[str, int]:
    """Write a clean event plan: resolve all names once, create organisations and events.

    Side effects: organisations (new names), suspected duplicates (unsure names),
    FinancingEvent rows and their investor links. Returns counts.
    """
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    known = known_latin_names()
    for row in plan.cleaned:
        row["key"] = event_key(row)
    seen = set(
        FinancingEvent.objects.filter(event_key__in=[r["key"] for r in plan.cleaned]).values_list(
            "event_key", flat=True
        )
    )
    fresh = [row for row in plan.cleaned if row["key"] not in seen]
    for row in fresh:
        row["investor_names"] = split_investors(row["investors"], known)
    orgs = ImportPlan(kind=ImportKind.ORGANISATIONS, cleaned=organisation_rows(fresh, known))
    orgs.resolutions = resolve_organisation_rows(orgs)
    counts = apply_organisation_rows(orgs, source=source, is_demo=is_demo)
    ids = {row["name"]: pk for row, pk in zip(orgs.cleaned, orgs.record_ids, strict=True)}
    return counts | {"events": _save_events(fresh, ids, source=source, is_demo=is_demo)}


def _save_events(
    cleaned: list[dict[str, Any]], ids: dict[str, int], *, source: str, is_demo: bool
) -> int:
    seen = set(
        FinancingEvent.objects.filter(event_key__in=[r["key"] for r in cleaned]).values_list(
            "event_key", flat=True
        )
    )
    fresh = {r["key"]: r for r in cleaned if r["key"] not in seen}
    events = [new_event(r, ids, source=source, is_demo=is_demo) for r in fresh.values()]
    FinancingEvent.objects.bulk_create(events, batch_size=2000)
    through = FinancingEvent.investors.through
    links = [
        through(financingevent_id=event.pk, organisation_id=ids[name])
        for event, row in zip(events, fresh.values(), strict=True)
        for name in row["investor_names"]
    ]
    through.objects.bulk_create(links, batch_size=2000)
    return len(events)
