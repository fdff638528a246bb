"""Validate a spreadsheet table of projects into an import plan, or a list of problems.

Pure: no Django. Blank cells are left out of a row (an update leaves those fields alone);
a cell holding a clear marker (``(clear)``, see :func:`duijie.interchange.reader.is_clear`)
empties its field. The caller passes :class:`Lookups` (what the database knows:
cities, counties, industries, codes already in the edition); every reference is
resolved here, so a plan with no problems can be written without further checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from duijie.catalogue.columns import COLUMN_BY_KEY, column_for, header
from duijie.interchange.choices import choice_value
from duijie.interchange.reader import SheetProblem, Table, is_clear, problem
from duijie_core.money import Amount, AmountError, Money, MoneyRange, UnknownAmount, parse_amount
from duijie_core.text import normalise

INSTRUMENTS = ("equity", "debt", "ppp", "joint_venture", "merger", "other")
STAGES = ("concept", "preparation", "construction", "operating", "expansion")
IMPORT_STATES = ("draft", "submitted", "approved", "published", "archived")
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LIST_SEPARATORS = re.compile(r"[;；,，、|\n]+")
TEXT_LIMITS = {
    "name": 300,
    "park": 200,
    "expected_return": 100,
    "contact_name": 100,
    "contact_phone": 50,
}


@dataclass(frozen=True)
class Lookups:
    """What the database knows, as normalised-name → code maps (built by the importer)."""

    cities: dict[str, str] = field(default_factory=dict)
    counties: dict[tuple[str, str], str] = field(default_factory=dict)
    key_industries: dict[str, str] = field(default_factory=dict)
    industries: frozenset[str] = frozenset()
    promotion_methods: dict[str, str] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    existing_codes: frozenset[str] = frozenset()
    accepted: dict[str, str] = field(default_factory=dict)
    """Per closed column, its accepted values as the reader writes them (for errors)."""


@dataclass(frozen=True)
class RowPlan:
    """One valid row: its sheet row number, create or update, and clean values."""

    row: int
    code: str
    action: str
    values: dict[str, object]


@dataclass(frozen=True)
class ImportPlan:
    """The outcome of validation: rows to write, or problems (then nothing is written)."""

    rows: list[RowPlan]
    problems: list[SheetProblem]

    @property
    def creates(self) -> int:
        return sum(1 for r in self.rows if r.action == "create")

    @property
    def updates(self) -> int:
        return sum(1 for r in self.rows if r.action == "update")


def plan_import(table: Table, lookups: Lookups, *, language: str = "zh-hant") -> ImportPlan:
    """Check headers and every row of ``table``; collect every problem, not just the first."""
    keys, problems = _header_keys(table.headers, language)
    if problems:
        return ImportPlan([], problems)
    rows: list[RowPlan] = []
    seen: dict[str, int] = {}
    written = {key: h for h, key in zip(table.headers, keys, strict=True) if key}

    def column_name(key: str) -> str:
        return written.get(key) or header(key, language)

    for number, cells in table.rows:
        record = _record(cells, keys)
        row_plan, row_problems = _plan_row(number, record, lookups, column_name)
        if row_plan and row_plan.code in seen:
            first = seen[row_plan.code]
            row_problems.append(
                problem(number, column_name("code"), "duplicate_code", first_row=first)
            )
        problems.extend(row_problems)
        if row_plan and not row_problems:
            seen[row_plan.code] = number
            rows.append(row_plan)
    return ImportPlan(rows if not problems else [], problems)


def _header_keys(headers: list[str], language: str) -> tuple[list[str | None], list[SheetProblem]]:
    keys = [column_for(h) if h else None for h in headers]
    problems = [
        problem(1, h, "unknown_header", header=h)
        for h, k in zip(headers, keys, strict=True)
        if h and not k
    ]
    found = [k for k in keys if k]
    problems += [
        problem(1, "", "duplicate_header", name=header(k, language))
        for k in sorted(set(found))
        if found.count(k) > 1
    ]
    problems += [
        problem(1, "", "missing_header", name=header(c, language))
        for c in ("code",)
        if c not in found
    ]
    if "code" in found and not any(k and k.startswith("name_") for k in found):
        problems.append(problem(1, "", "missing_header", name=header("name_hant", language)))
    return keys, problems


def _record(cells: list[str], keys: list[str | None]) -> dict[str, str]:
    """The row's filled cells by column key; a clear marker becomes "" (empties the field).

    Blank cells are left out, so updating a project leaves those fields alone.
    """
    filled = {key: cells[i].strip() for i, key in enumerate(keys) if key and i < len(cells)}
    return {key: "" if is_clear(v) else v for key, v in filled.items() if v}


def _plan_row(
    number: int, record: dict[str, str], lookups: Lookups, column_name: Callable[[str], str]
) -> tuple[RowPlan | None, list[SheetProblem]]:
    problems: list[SheetProblem] = []
    values: dict[str, object] = {}

    def fail(key: str, code: str, **params: object) -> None:
        problems.append(problem(number, column_name(key), code, **params))

    code = record.get("code", "")
    if not CODE_PATTERN.fullmatch(code):
        fail("code", "bad_code", value=code)
    _texts(record, values, fail)
    if code not in lookups.existing_codes and not any(
        record.get(f"name_{s}") for s in ("hant", "hans", "en")
    ):
        fail("name_hant", "name_required")
    _references(record, values, lookups, fail)
    _amounts(record, values, fail)
    _details(record, values, lookups, fail)
    if problems:
        return RowPlan(number, code, "", {}), problems
    action = "update" if code in lookups.existing_codes else "create"
    return RowPlan(number, code, action, values), []


def _texts(record: dict[str, str], values: dict[str, object], fail) -> None:  # type: ignore[no-untyped-def]
    for key in COLUMN_BY_KEY:
        stem = key.rsplit("_", 1)[0]
        if key.endswith(("_hant", "_hans", "_en")) and key in record:
            limit = TEXT_LIMITS.get(stem)
            if limit and len(record[key]) > limit:
                fail(key, "too_long", limit=limit)
            values[key] = record[key]
    for key in ("park", "expected_return", "contact_name", "contact_phone", "owner"):
        if key in record:
            if len(record[key]) > TEXT_LIMITS.get(key, 300):
                fail(key, "too_long", limit=TEXT_LIMITS.get(key, 300))
            values[key] = record[key]


def _references(record: dict[str, str], values: dict[str, object], lookups: Lookups, fail) -> None:  # type: ignore[no-untyped-def]
    city = _resolve(record.get("city", ""), lookups.cities, "city", "unknown_city", fail)
    if "city" in record:
        values["city_code"] = city
    county_name = record.get("county", "")
    if county_name and city:
        values["county_code"] = lookups.counties.get((city, normalise(county_name)))
        if values["county_code"] is None:
            fail("county", "unknown_county", value=county_name)
    elif county_name:
        fail("county", "county_without_city", value=county_name)
    elif "county" in record:
        values["county_code"] = None
    if "key_industry" in record:
        values["key_industry_code"] = _resolve(
            record["key_industry"], lookups.key_industries, "key_industry",
            "unknown_key_industry", fail, values=lookups.accepted.get("key_industry", ""),
        )  # fmt: skip
    industry = record.get("industry_code", "").upper()
    if industry and industry not in lookups.industries:
        fail("industry_code", "unknown_industry", value=industry)
    if "industry_code" in record:
        values["industry_code"] = industry or None
    methods = [m for m in LIST_SEPARATORS.split(record.get("promotion_methods", "")) if m.strip()]
    values["promotion_method_codes"] = [
        _resolve(
            m,
            lookups.promotion_methods,
            "promotion_methods",
            "unknown_promotion_method",
            fail,
            values=lookups.accepted.get("promotion_methods", ""),
        )
        for m in methods
    ]
    if "policy_tags" in record:
        values["policy_tags"] = [
            t.strip() for t in LIST_SEPARATORS.split(record["policy_tags"]) if t.strip()
        ]


def _resolve(
    written: str, table: dict[str, str], key: str, code: str, fail, **params: str
) -> str | None:  # type: ignore[no-untyped-def]
    if not written:
        return None
    found = table.get(normalise(written))
    if found is None:
        fail(key, code, value=written, **params)
    return found


def _amounts(record: dict[str, str], values: dict[str, object], fail) -> None:  # type: ignore[no-untyped-def]
    parsed: dict[str, Amount] = {}
    for key in ("investment", "financing"):
        if key not in record:
            continue
        if not record[key]:
            values[key] = parsed[key] = UnknownAmount("")
            continue
        try:
            parsed[key] = parse_amount(record[key])
        except AmountError as error:
            fail(key, "bad_amount", value=record[key], reason=error.code)
            continue
        values[key] = parsed[key]
    if _exceeds(parsed.get("financing"), parsed.get("investment")):
        fail("financing", "financing_exceeds_investment")


def _exceeds(financing: Amount | None, investment: Amount | None) -> bool:
    """Financing sought above the total investment (same currency, both known)."""
    if financing is None or investment is None:
        return False
    if isinstance(financing, UnknownAmount) or isinstance(investment, UnknownAmount):
        return False
    low = financing.low if isinstance(financing, MoneyRange) else financing
    high = investment.high if isinstance(investment, MoneyRange) else investment
    return isinstance(low, Money) and low.currency == high.currency and low.amount > high.amount


def _details(record: dict[str, str], values: dict[str, object], lookups: Lookups, fail) -> None:  # type: ignore[no-untyped-def]
    for key, allowed in (("instrument", INSTRUMENTS), ("stage", STAGES), ("status", IMPORT_STATES)):
        written = record.get(key, "")
        if written:
            chosen = choice_value(written, lookups.choices.get(key, {})) or normalise(written)
            if chosen not in allowed:
                fail(key, f"unknown_{key}", value=written, values=lookups.accepted.get(key, ""))
            values[key] = chosen
    if "payback_years" in record:
        payback = record["payback_years"]
        values["payback_years"] = _payback(payback, fail) if payback else None
    email = record.get("contact_email", "")
    if email and not EMAIL_PATTERN.fullmatch(email):
        fail("contact_email", "bad_email", value=email)
    if "contact_email" in record:
        values["contact_email"] = email


def _payback(written: str, fail) -> Decimal | None:  # type: ignore[no-untyped-def]
    try:
        years = Decimal(written)
    except InvalidOperation:
        years = Decimal(-1)
    if not years.is_finite() or not Decimal(0) < years <= Decimal(100):
        fail("payback_years", "bad_payback", value=written)
        return None
    return years.quantize(Decimal("0.1"))
