"""Indicator values as a spreadsheet: IND.csv's columns plus status, publisher, publication date.

The same columns are exported and imported; headers may be the column keys of IND.csv
(``place``, ``indicator`` …) or their labels in any of the three languages. Each row is
checked by the cost model's own row reader (:func:`duijie_core.costs.files.indicator_row`:
missing source or date, a unit outside the grammar, a currency that is not the unit's …),
whose codes become "Row N, column X: …" sentences in the reader's language, and then
against the stored data: a known place and indicator, the indicator's unit (a typo like
``CNY/sqm/year`` for ``CNY/m2/year`` is refused; another currency is fine), a rate into
CNY for a foreign currency, no date in the future, one row per place, indicator and date.
An import is all-or-nothing: one problem and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.environment.models import Indicator, IndicatorValue, ValueStatus, plain
from duijie.interchange.problems import located
from duijie.interchange.reader import Table
from duijie.localised import reader_language
from duijie.pipeline.models import ExchangeRate
from duijie.reference.models import AdminDivision
from duijie_core import costs
from duijie_core.costs.files import INDICATOR_COLUMNS, indicator_row
from duijie_core.costs.phrases import describe
from duijie_core.costs.units import parse_unit

COLUMNS = {
    "place": gettext_lazy("Place code"),
    "indicator": gettext_lazy("Indicator code"),
    "date": gettext_lazy("Date"),
    "value": gettext_lazy("Value"),
    "unit": gettext_lazy("Unit"),
    "currency": gettext_lazy("Currency"),
    "source": gettext_lazy("Source (document or URL)"),
    "status": gettext_lazy("Status (official, estimated or sample)"),
    "publisher": gettext_lazy("Publisher"),
    "published": gettext_lazy("Publication date"),
}
REQUIRED = (*INDICATOR_COLUMNS, "status")
# The column a core code is about, when its parameters do not name one.
CODE_COLUMNS = {
    "missing_source": "source",
    "missing_date": "date",
    "bad_value": "value",
    "bad_unit": "unit",
    "currency_mismatch": "currency",
    "bad_status": "status",
}


@dataclass(frozen=True)
class PlannedValue:
    """A checked row: the core value, the sheet row it came from, the stored row it updates."""

    number: int
    value: costs.IndicatorValue
    existing: IndicatorValue | None


@dataclass
class ValuePlan:
    """The rows of a file, or the problems that stop the import."""

    rows: list[PlannedValue] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def header_row() -> list[str]:
    return [str(label) for label in COLUMNS.values()]


def _header_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for language in ("zh-hant", "zh-hans", "en"):
        with translation.override(language):
            keys |= {str(label).casefold(): key for key, label in COLUMNS.items()}
    return keys | {key: key for key in COLUMNS}


def value_rows(values: Sequence[IndicatorValue]) -> list[list[object]]:
    """The export rows of `values` (select_related indicator and place), headers not included."""
    return [
        [
            v.place.code,
            v.indicator.code,
            v.on,
            plain(v.value),
            v.unit,
            v.currency,
            v.source,
            v.status,
            v.publisher,
            v.published or "",
        ]
        for v in values
    ]


def plan_values(table: Table, *, today: dt.date) -> ValuePlan:
    """Read and check every row of `table` against the stored data; writes nothing."""
    keys = _header_keys()
    columns = [keys.get(header.strip().casefold(), "") for header in table.headers]
    plan = ValuePlan()
    missing = [str(COLUMNS[key]) for key in REQUIRED if key not in columns]
    if missing:
        text = _("These columns are missing: %(columns)s") % {"columns": "、".join(missing)}
        plan.problems.append(located(0, "", text))
        return plan
    context = _Context.load()
    seen: dict[tuple[str, str, dt.date], int] = {}
    for number, cells in table.rows:
        cells_by_key = {
            key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(columns) if key
        }
        row, problems = _checked_row(number, cells_by_key, context, today)
        if row is not None:
            problems += _repeat(number, row.value, seen)
        plan.problems.extend(problems)
        if row is not None and not problems:
            plan.rows.append(row)
    return plan


@dataclass(frozen=True)
class _Context:
    """What rows are checked against: indicators, places, currencies with a rate, stored rows."""

    indicators: Mapping[str, Indicator]
    places: frozenset[str]
    first_rate: Mapping[str, dt.date]
    stored: Mapping[tuple[str, str, dt.date], IndicatorValue]

    @classmethod
    def load(cls) -> _Context:
        first_rate: dict[str, dt.date] = {}
        for base, on in ExchangeRate.objects.filter(quote="CNY").values_list("base", "on"):
            first_rate[base] = min(on, first_rate.get(base, on))
        stored = IndicatorValue.objects.select_related("indicator", "place")
        return cls(
            {i.code: i for i in Indicator.objects.all()},
            frozenset(AdminDivision.objects.values_list("code", flat=True)),
            first_rate,
            {(v.place.code, v.indicator.code, v.on): v for v in stored},
        )


def _checked_row(
    number: int, cells: dict[str, str], context: _Context, today: dt.date
) -> tuple[PlannedValue | None, list[str]]:
    try:
        value = indicator_row(cells)
    except costs.CostError as error:
        return None, [_core_problem(number, error)]
    problems = _stored_problems(number, value, cells, context, today)
    if problems:
        return None, problems
    existing = context.stored.get((value.place, value.indicator, value.on))
    return PlannedValue(number, value, existing), []


def _core_problem(number: int, error: costs.CostError) -> str:
    column = error.params.get("column") or CODE_COLUMNS.get(error.code, "")
    params = {k: v for k, v in error.params.items() if k != "where"}
    label = str(COLUMNS[column]) if column in COLUMNS else ""
    if error.code == "missing_field" and label:
        return located(number, label, _("this cell may not be empty."))
    if "column" in params and column in COLUMNS:
        params["column"] = label
    return located(number, label, describe(error.code, params, reader_language()))


def _stored_problems(
    number: int,
    value: costs.IndicatorValue,
    cells: dict[str, str],
    context: _Context,
    today: dt.date,
) -> list[str]:
    found: list[tuple[str, str]] = []
    if value.place not in context.places:
        found.append(
            ("place", _("“%(code)s” is not a known division code.") % {"code": value.place})
        )
    indicator = context.indicators.get(value.indicator)
    if indicator is None:
        text = _("“%(code)s” is not a known indicator; add it first.") % {"code": value.indicator}
        found.append(("indicator", text))
    elif not _same_measure(value.unit, indicator.unit):
        text = _("“%(unit)s” is not the unit of this indicator (%(expected)s).") % {
            "unit": value.unit, "expected": indicator.unit,
        }  # fmt: skip
        found.append(("unit", text))
    if not cells.get("status"):
        found.append(("status", _("this cell may not be empty.")))
    found += _date_problems(value, today)
    found += _rate_problems(value, context)
    return [located(number, str(COLUMNS[column]), text) for column, text in found]


def _same_measure(unit: str, expected: str) -> bool:
    """Whether `unit` measures what `expected` does (any currency: it is converted)."""
    given, wanted = parse_unit(unit), parse_unit(expected)
    return (given.currency is None) == (wanted.currency is None) and (given.per, given.period) == (
        wanted.per,
        wanted.period,
    )


def _date_problems(value: costs.IndicatorValue, today: dt.date) -> list[tuple[str, str]]:
    found = []
    for column, day in (("date", value.on), ("published", value.source.published)):
        if day is not None and day > today:
            text = _("%(date)s is in the future; give the date the value was known.") % {
                "date": day.isoformat()
            }
            found.append((column, text))
    return found


def _rate_problems(value: costs.IndicatorValue, context: _Context) -> list[tuple[str, str]]:
    if not value.currency or value.currency == "CNY":
        return []
    first = context.first_rate.get(value.currency)
    if first is not None and first <= value.on:
        return []
    text = _(
        "there is no %(currency)s to CNY exchange rate on or before %(date)s, so the value "
        "cannot be compared; add the rate first or give the value in CNY."
    ) % {"currency": value.currency, "date": value.on.isoformat()}
    return [("currency", text)]


def _repeat(
    number: int, value: costs.IndicatorValue, seen: dict[tuple[str, str, dt.date], int]
) -> list[str]:
    key = (value.place, value.indicator, value.on)
    if key in seen:
        text = _("the same place, indicator and date as row %(row)s; keep one of them.") % {
            "row": seen[key]
        }
        return [located(number, "", text)]
    seen[key] = number
    return []


def stored_fields(value: costs.IndicatorValue) -> dict[str, object]:
    """The model fields a core value sets (besides indicator, place and date)."""
    source = value.source
    return {
        "value": value.value,
        "unit": value.unit,
        "currency": value.currency,
        "source": source.document,
        "publisher": source.publisher,
        "published": source.published,
        "status": value.status.value if value.status else ValueStatus.ESTIMATED,
    }


def changed_fields(row: IndicatorValue, value: costs.IndicatorValue) -> dict[str, tuple[str, str]]:
    """Field → (now, after) for the fields `value` would change on `row`."""
    changes = {}
    for name, after in stored_fields(value).items():
        before = getattr(row, name)
        if isinstance(before, Decimal) and isinstance(after, Decimal):
            if before == after:
                continue
        elif before == after or (before in ("", None) and after in ("", None)):
            continue
        changes[name] = (_shown(before), _shown(after))
    return changes


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)
