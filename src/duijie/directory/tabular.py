"""Reading and writing spreadsheets: .xlsx and .csv (UTF-8, UTF-8 with BOM, GB18030).

Rows come back as dicts keyed by canonical column names (``COLUMN_ALIASES`` maps the
headers people write, in English or Chinese, to them); blank rows are skipped and every
row keeps its spreadsheet row number (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from duijie_core.text import normalise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The file cannot be read as a table; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number and its cells by canonical column."""

    number: int
    cells: dict[str, str]


def decode_csv(content: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else GB18030."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as error:
        raise TableError("encoding") from error


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableError("xlsx") from error
    for values in book.worksheets[0].iter_rows(values_only=True):
        yield [_cell_text(v) for v in values]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()  # type: ignore[union-attr]
    return str(value).strip()


def raw_rows(content: bytes, filename: str) -> Iterator[list[str]]:
    """The rows of a .xlsx or .csv file as lists of stripped strings."""
    if filename.lower().endswith(".xlsx"):
        yield from _xlsx_rows(content)
    elif filename.lower().endswith(".csv"):
        text = decode_csv(content)
        for values in csv.reader(io.StringIO(text, newline="")):
            yield [v.strip() for v in values]
    else:
        raise TableError("format")


def header_key(text: str) -> str:
    """The lookup key of a header cell."""
    return normalise(text).replace(" ", "_").strip("*")


@dataclass(frozen=True)
class Table:
    """The data rows of a file and, per canonical column, the header as the file wrote it."""

    rows: list[Row]
    headers: dict[str, str]


def read_table(content: bytes, filename: str, aliases: dict[str, str]) -> Table:
    """The data rows of a file, with headers mapped through ``aliases`` (unknown dropped)."""
    rows = raw_rows(content, filename)
    try:
        header = next(rows)
    except StopIteration:
        raise TableError("empty") from None
    except csv.Error as error:
        raise TableError("csv") from error
    columns = [aliases.get(header_key(h), "") for h in header]
    if not any(columns):
        raise TableError("header")
    headers = {c: h for c, h in zip(columns, header, strict=False) if c}
    return Table(list(_data_rows(rows, columns)), headers)


def _data_rows(rows: Iterator[list[str]], columns: list[str]) -> Iterator[Row]:
    try:
        for number, values in enumerate(rows, start=2):
            cells = {c: v for c, v in zip(columns, values, strict=False) if c and v}
            if cells:
                yield Row(number, cells)
    except csv.Error as error:
        raise TableError("csv") from error


def alias_map(columns: dict[str, Iterable[str]]) -> dict[str, str]:
    """{header key: column} from {column: the headers people write for it}."""
    return {
        header_key(h): column for column, headers in columns.items() for h in (column, *headers)
    }


def safe_cell(value: object) -> str:
    """A cell value that spreadsheet programs will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    """CSV bytes (UTF-8 with BOM, so Excel reads Chinese), formula-injection safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows: Iterable[list[object]]) -> bytes:
    """An .xlsx workbook with one sheet, formula-injection safe."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
