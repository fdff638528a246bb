"""Reading IND.csv, RATES.csv and PROFILE.json, and writing the comparison as JSON.

The readers take the file's text (the caller reads the file) and a name used in
messages. They accept a UTF-8 byte-order mark, skip blank lines, and refuse the whole
file on the first bad row with a `CostError` whose `where` parameter names the file and
line (``IND.csv line 7``). Numbers are plain decimals (``12.5``; no signs, exponents or
thousands separators), dates ISO (``2025-05-14``).

IND.csv: ``place,indicator,date,value,unit,currency,source`` and optionally ``status``
(official, estimated or sample), ``publisher``, ``published`` (a date).
RATES.csv: ``date,currency,cny_per_unit``.
PROFILE.json: ``{"name": str, "items": [{"indicator": str, "quantity": number, "unit": str}]}``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from duijie_core.costs.compare import Comparison, ItemCost, PlaceCost, ten_year_cost
from duijie_core.costs.errors import CostError
from duijie_core.costs.model import IndicatorValue, Profile, ProfileItem, Source, Status
from duijie_core.money import AmountError, ExchangeRate

__all__ = [
    "comparison_to_json",
    "dump_json",
    "indicator_row",
    "read_indicators",
    "read_profile",
    "read_rates",
]

INDICATOR_COLUMNS = ("place", "indicator", "date", "value", "unit", "currency", "source")
INDICATOR_OPTIONAL = ("status", "publisher", "published")
RATE_COLUMNS = ("date", "currency", "cny_per_unit")
CENT = Decimal("0.01")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Row = dict[str, str]


def _rows(
    text: str, name: str, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[int, Row]]:
    """Yield (line number, row) for each non-blank row after a checked header."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    records = _records(reader, name)
    header = [cell.strip() for cell in next(records, [])]
    if not any(header):
        raise CostError("empty_file", where=name)
    for position, column in enumerate(header):
        if column in header[:position]:
            raise CostError("duplicate_column", where=name, column=column)
        if column not in required and column not in optional:
            raise CostError("unknown_column", where=name, column=column)
    for column in required:
        if column not in header:
            raise CostError("missing_column", where=name, column=column)
    for cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            where = _where(name, reader.line_num)
            raise CostError(
                "bad_row_length", where=where, expected=str(len(header)), got=str(len(cells))
            )
        yield reader.line_num, {c: cell.strip() for c, cell in zip(header, cells, strict=True)}


def _records(reader: Any, name: str) -> Iterator[list[str]]:
    """The reader's records; a CSV syntax error (a field over 128 KiB …) names its line."""
    try:
        yield from reader
    except csv.Error as error:
        raise CostError(
            "bad_csv", where=_where(name, reader.line_num), message=str(error)
        ) from None


def _where(name: str, line: int) -> str:
    return f"{name} line {line}" if name else ""


def _required(row: Row, column: str, where: str) -> str:
    if not row[column]:
        raise CostError("missing_field", where=where, column=column)
    return row[column]


def _number(row: Row, column: str, where: str) -> Decimal:
    text = _required(row, column, where)
    if _NUMBER.fullmatch(text) is None:
        raise CostError("bad_number", where=where, column=column, value=text)
    return Decimal(text)


def _date(text: str, column: str, where: str) -> date:
    try:
        if _DATE.fullmatch(text) is None:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise CostError("bad_date", where=where, column=column, value=text) from None


def _at(error: CostError, where: str) -> CostError:
    """`error` with `where` naming the row (kept when it already names one)."""
    return CostError(error.code, **{"where": where, **error.params})


def read_indicators(text: str, name: str = "IND.csv") -> tuple[IndicatorValue, ...]:
    """Every row of an indicator table, checked; see the module docstring for the format."""
    values = []
    for line, row in _rows(text, name, INDICATOR_COLUMNS, INDICATOR_OPTIONAL):
        values.append(_indicator(row, name, line))
    return tuple(values)


def indicator_row(row: Mapping[str, str]) -> IndicatorValue:
    """One indicator row (IND.csv's columns; absent optional ones count as empty), checked.

    For readers of other tables (the web import): the error's ``where`` is empty, and
    ``column`` names the column when the code is about one cell.
    """
    cells = {column: "" for column in (*INDICATOR_COLUMNS, *INDICATOR_OPTIONAL)} | dict(row)
    return _indicator(cells, "", 0)


def _indicator(row: Row, name: str, line: int) -> IndicatorValue:
    where = _where(name, line)
    for column in ("place", "indicator", "unit", "source"):
        _required(row, column, where)
    status = row.get("status", "")
    if status and status not in Status.__members__.values():
        raise CostError("bad_status", where=where, value=status)
    published = row.get("published", "")
    try:
        source = Source(
            row["source"],
            row.get("publisher", ""),
            _date(published, "published", where) if published else None,
        )
        return IndicatorValue(
            place=row["place"],
            indicator=row["indicator"],
            on=_date(_required(row, "date", where), "date", where),
            value=_number(row, "value", where),
            unit=row["unit"],
            currency=row["currency"],
            source=source,
            status=Status(status) if status else None,
            origin=name,
            line=line,
        )
    except CostError as error:
        raise _at(error, where) from None


def read_rates(text: str, name: str = "RATES.csv") -> tuple[ExchangeRate, ...]:
    """Exchange rates into CNY; two rows for one currency and date are an error naming both."""
    rates: list[ExchangeRate] = []
    seen: dict[tuple[str, date], str] = {}
    for line, row in _rows(text, name, RATE_COLUMNS):
        where = _where(name, line)
        on = _date(_required(row, "date", where), "date", where)
        currency = _required(row, "currency", where)
        if currency == "CNY":
            raise CostError("bad_rate_pair", where=where, base=currency, quote="CNY")
        if (first := seen.get((currency, on))) is not None:
            raise CostError(
                "duplicate_rate", first=first, second=where, currency=currency, date=str(on)
            )
        seen[(currency, on)] = where
        rate = _number(row, "cny_per_unit", where)
        try:
            rates.append(ExchangeRate(currency, "CNY", rate, on))
        except AmountError as error:
            raise CostError(error.code, where=where, **error.params) from None
    return tuple(rates)


def _reject_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not a number")


def read_profile(text: str, name: str = "PROFILE.json") -> Profile:
    """An operation profile from JSON; quantities are read as exact decimals."""
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),
            parse_float=Decimal,
            parse_int=Decimal,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as error:
        raise CostError(
            "bad_json",
            where=name,
            line=str(error.lineno),
            column=str(error.colno),
            message=error.msg,
        ) from None
    except (ValueError, RecursionError) as error:
        raise CostError("bad_json", where=name, line="", column="", message=str(error)) from None
    fields = _object(data, ("name", "items"), name, "")
    if not isinstance(fields["name"], str) or not fields["name"].strip():
        raise CostError("field_not_text", where=name, field="name")
    if not isinstance(fields["items"], list) or not fields["items"]:
        raise CostError("field_not_list", where=name, field="items")
    items = tuple(_item(item, name, f"items[{n}]") for n, item in enumerate(fields["items"]))
    try:
        return Profile(fields["name"], items)
    except CostError as error:
        raise _at(error, name) from None


def _object(data: Any, keys: Sequence[str], name: str, path: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CostError("field_not_object", where=name, field=path or "(top)")
    for key in data:
        if key not in keys:
            raise CostError("unknown_field", where=name, field=f"{path}{key}")
    for key in keys:
        if key not in data:
            raise CostError("missing_field", where=name, column=f"{path}{key}")
    return data


def _item(data: Any, name: str, path: str) -> ProfileItem:
    fields = _object(data, ("indicator", "quantity", "unit"), name, f"{path}.")
    for key, expected in (("indicator", str), ("quantity", Decimal), ("unit", str)):
        if not isinstance(fields[key], expected) or fields[key] == "":
            code = "field_not_number" if expected is Decimal else "field_not_text"
            raise CostError(code, where=name, field=f"{path}.{key}")
    try:
        return ProfileItem(fields["indicator"], fields["quantity"], fields["unit"])
    except CostError as error:
        raise _at(error, f"{name} {path}") from None


# ---------------------------------------------------------------- output


def _money(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _item_json(cost: ItemCost, escalation: Decimal) -> dict[str, Any]:
    value = cost.value
    return {
        "indicator": cost.item.indicator,
        "annual_cost": _money(cost.annual_cost),
        "ten_year_cost": _money(ten_year_cost(cost.annual_cost, escalation)),
        "source": value.source.document,
        "date": value.on.isoformat(),
        "status": value.status.value if value.status else None,
        "stale": cost.stale,
    }


def _place_json(cost: PlaceCost, escalation: Decimal) -> dict[str, Any]:
    total = cost.annual_cost
    return {
        "code": cost.place,
        "annual_cost": _money(total),
        "ten_year_cost": None if total is None else _money(ten_year_cost(total, escalation)),
        "index": _money(cost.index),
        "items": [_item_json(item, escalation) for item in cost.items],
        "missing": list(cost.missing),
    }


def comparison_to_json(
    comparison: Comparison, today: date, escalation: Decimal = Decimal(0)
) -> dict[str, Any]:
    """The CLI's output document; amounts and indexes rounded to 2 places here and only here.

    Ten-year costs grow by `escalation` a year (`compare.ten_year_cost`).
    """
    return {
        "profile": comparison.profile,
        "currency": "CNY",
        "today": today.isoformat(),
        "peers": list(comparison.peers),
        "peer_average": _money(comparison.peer_average),
        "excluded_peers": list(comparison.excluded_peers),
        "escalation": escalation,
        "places": [_place_json(cost, escalation) for cost in comparison.places],
    }


def dump_json(data: Any, indent: str = "") -> str:
    """JSON text of `data`; a `Decimal` is written as the JSON number it is, digit for digit."""
    inner = indent + "  "
    if isinstance(data, Decimal):
        return format(data, "f")
    if isinstance(data, Mapping) and data:
        members = (
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump_json(v, inner)}"
            for k, v in data.items()
        )
        return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(inner + dump_json(v, inner) for v in data) + f"\n{indent}]"
    return json.dumps(data, ensure_ascii=False)
