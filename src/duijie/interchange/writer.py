"""The one formula-safe writer: CSV and .xlsx files that re-import as they were written.

CSV: UTF-8 with a BOM (so Excel opens Chinese correctly); text cells go through
:func:`duijie_core.tabular.escape_cell`, which the reader undoes. .xlsx: text is stored
as a text cell (never a formula, and without a visible apostrophe), numbers as numbers,
dates as dates; characters XML cannot hold are dropped. Big tables are written in
openpyxl's write-only mode, row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from duijie_core.tabular import escape_cell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
SHEET_TITLE_CHARS = 31


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its title (cut to Excel's 31 characters) and its rows, header first."""

    title: str
    rows: Iterable[Sequence[object]]


def write_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV bytes (UTF-8 with BOM) with every text cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_cell(value: object) -> str:
    """One value as CSV text: empty for None, numbers as written, text escaped."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return escape_cell(str(value))


def write_xlsx(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, title: str = ""
) -> bytes:
    """A one-sheet .xlsx workbook; see :func:`write_workbook`."""
    return write_workbook([Sheet(title, _with_header(header, rows))])


def _with_header(
    header: Sequence[object], rows: Iterable[Sequence[object]]
) -> Iterable[Sequence[object]]:
    yield header
    yield from rows


def write_workbook(sheets: Iterable[Sheet]) -> bytes:
    """An .xlsx workbook, one worksheet per :class:`Sheet`, every text cell stored as text."""
    book = Workbook(write_only=True)
    for number, sheet in enumerate(sheets, start=1):
        worksheet = book.create_sheet(_title(sheet.title, number))
        for row in sheet.rows:
            worksheet.append([xlsx_cell(worksheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(title: str, number: int) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_TITLE_CHARS]
    return cleaned or f"Sheet{number}"


def xlsx_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    """A cell: numbers stay numbers (Decimal as float), dates dates, anything else text."""
    if isinstance(value, Decimal):
        value = float(value)
    if value is None or isinstance(value, bool | int | float | dt.date | dt.time):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"  # a leading "=" stays text: no formula, no apostrophe
    return cell
