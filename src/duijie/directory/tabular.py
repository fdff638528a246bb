"""Directory spreadsheets as rows keyed by canonical column names.

The file is read by the one reader (:mod:`duijie.interchange.reader`: .xlsx or .csv,
formula cells refused); ``COLUMN_ALIASES``-style maps turn the headers people write, in
English or Chinese, into canonical columns. Blank rows are skipped and every row keeps
its spreadsheet row number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from duijie.interchange import reader
from duijie.interchange.reader import SheetError, problem
from duijie_core.text import normalise


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number and its non-blank cells by canonical column."""

    number: int
    cells: dict[str, str]


def header_key(text: str) -> str:
    """The lookup key of a header cell."""
    return normalise(text).replace(" ", "_").strip("*")


@dataclass(frozen=True)
class Table:
    """The data rows of a file and, per canonical column, the header as the file wrote it."""

    rows: list[Row]
    headers: dict[str, str]


def read_table(content: bytes, filename: str, aliases: dict[str, str]) -> Table:
    """The data rows of a file, headers mapped through ``aliases`` (unknown ones dropped).

    Raises SheetError (see the reader; ``no_known_header`` when no header is known).
    """
    table = reader.read_table(content, filename)
    columns = [aliases.get(header_key(h), "") for h in table.headers]
    if not any(columns):
        raise SheetError([problem(1, "", "no_known_header")])
    headers = {c: h for c, h in zip(columns, table.headers, strict=False) if c}
    rows = [Row(number, _cells(columns, values)) for number, values in table.rows]
    return Table([row for row in rows if row.cells], headers)


def _cells(columns: list[str], values: list[str]) -> dict[str, str]:
    pairs = zip(columns, (v.strip() for v in values), strict=False)
    return {column: value for column, value in pairs if column and value}


def alias_map(columns: dict[str, Iterable[str]]) -> dict[str, str]:
    """{header key: column} from {column: the headers people write for it}."""
    return {
        header_key(h): column for column, headers in columns.items() for h in (column, *headers)
    }
