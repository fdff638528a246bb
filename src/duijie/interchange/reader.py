"""The one table reader: an uploaded .xlsx or .csv as a plain table of text cells, or what is wrong.

Pure: no Django (:mod:`duijie.interchange.problems` turns problems into sentences).
Problems are :class:`SheetProblem` codes with parameters (row numbers as the user sees
them in the sheet). Rules: the file must not exceed ``max_bytes``; an .xlsx must really
be one (a zip with a workbook, read with python-calamine, or with openpyxl ``read_only``
when a worksheet holds formula or error cells, so the formula cell can be named),
without merged cells or formulas on the imported (first) sheet; a .csv is UTF-8 (with
or without BOM), GB18030/GBK or Big5 (see :func:`decode_text`), and a cell written
formula-safe by :mod:`duijie_core.tabular` reads back as the value it escaped; the first
non-empty row holds the headers; empty rows are skipped; every cell is text (numbers
without a trailing ``.0``, dates as ``YYYY-MM-DD``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from duijie_core.tabular import unescape_cell

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL_CHARS = 10_000
_ZIP_MAGIC = b"PK\x03\x04"
_FORMULA_OR_ERROR = re.compile(rb"<(?:\w+:)?f[\s/>]|\st\s*=\s*[\"']e[\"']")


# A cell that empties a field of a record being updated (a blank cell leaves it alone).
CLEAR_MARKERS = frozenset({"(clear)", "(清除)", "（清除）", "(清空)", "（清空）"})


def is_clear(text: str) -> bool:
    """Whether a cell holds the clear marker (any case, half- or full-width brackets)."""
    return text.strip().casefold() in CLEAR_MARKERS


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong with a file: ``row`` 0 means the whole file; ``column`` may be empty."""

    row: int
    column: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)


def problem(row: int, column: str, code: str, **params: object) -> SheetProblem:
    """Build a problem; parameters become strings, sorted, so problems compare and hash."""
    return SheetProblem(row, column, code, tuple(sorted((k, str(v)) for k, v in params.items())))


class SheetError(Exception):
    """The file cannot be read as a table at all."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Table:
    """Headers as written, and the non-empty data rows with their sheet row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Table:
    """Read ``data`` (named ``filename``) into a :class:`Table`; raise SheetError if unreadable."""
    if len(data) > max_bytes:
        raise SheetError([problem(0, "", "file_too_large", size=len(data), limit=max_bytes)])
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _table(_xlsx_rows(data))
    if name.endswith(".csv"):
        return _table(_csv_rows(data))
    raise SheetError([problem(0, "", "unsupported_file_type", name=filename)])


def _table(rows: Iterator[tuple[int, list[str]]]) -> Table:
    headers: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if headers is None:
            headers = [cell.strip() for cell in cells]
            continue
        if len(body) >= MAX_ROWS:
            raise SheetError([problem(number, "", "too_many_rows", limit=MAX_ROWS)])
        body.append((number, cells))
    if headers is None:
        raise SheetError([problem(0, "", "empty_file")])
    return Table(headers, body)


# ------------------------------------------------------------------ xlsx


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    if not data.startswith(_ZIP_MAGIC):
        raise SheetError([problem(0, "", "not_an_xlsx")])
    archive = _open_zip(data)
    if _has_formulas_or_errors(archive):
        return _openpyxl_rows(data, archive)
    return _calamine_rows(data)


def _calamine_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """The first worksheet through python-calamine (Rust; ≈ 20× faster than openpyxl).

    Only for sheets without formula or error cells, which calamine reads as their
    cached value or as empty; :func:`_openpyxl_rows` reads those and names the cell.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [s.name for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
        if not names:
            raise SheetError([problem(0, "", "empty_file")])
        sheet = workbook.get_sheet_by_name(names[0])
        if sheet.merged_cell_ranges:
            raise SheetError([problem(0, "", "merged_cells")])
        rows = sheet.to_python(skip_empty_area=False)
    except SheetError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic arrives as pyo3 PanicException(BaseException)
        raise SheetError([problem(0, "", "not_an_xlsx")]) from None
    return (
        (number, [_calamine_text(value) for value in row])
        for number, row in enumerate(rows, start=1)
    )


def _calamine_text(value: object) -> str:
    return _text(value)[:MAX_CELL_CHARS]


def _has_formulas_or_errors(archive: zipfile.ZipFile) -> bool:
    """Whether any worksheet holds a formula (``<f>``) or an error cell (``t="e"``)."""
    names = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    try:
        for name in names:
            with archive.open(name) as stream:
                if _stream_matches(stream, _FORMULA_OR_ERROR):
                    return True
    except Exception:  # a damaged or encrypted member: zipfile, zlib or lzma errors
        raise SheetError([problem(0, "", "not_an_xlsx")]) from None
    return False


def _stream_matches(stream: IO[bytes], pattern: re.Pattern[bytes]) -> bool:
    tail = b""
    while chunk := stream.read(1 << 16):
        if pattern.search(tail + chunk):
            return True
        tail = chunk[-64:]
    return False


def _openpyxl_rows(data: bytes, archive: zipfile.ZipFile) -> Iterator[tuple[int, list[str]]]:
    """The first worksheet through openpyxl (read-only), refusing the first formula cell."""
    workbook = _open_workbook(data)
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise SheetError([problem(0, "", "empty_file")])
    path = getattr(sheet, "_worksheet_path", "")
    if _has_merged_cells(archive, path):
        raise SheetError([problem(0, "", "merged_cells")])
    return _sheet_rows(sheet)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise SheetError([problem(0, "", "not_an_xlsx")]) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise SheetError(
            [problem(0, "", "file_too_large", size=unzipped, limit=MAX_UNZIPPED_BYTES)]
        )
    return archive


def _open_workbook(data: bytes):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise SheetError([problem(0, "", "not_an_xlsx")]) from None


def _has_merged_cells(archive: zipfile.ZipFile, path: str) -> bool:
    names = (
        [path.lstrip("/")]
        if path
        else [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    )
    for name in names:
        try:
            with archive.open(name) as stream:
                if _stream_contains(stream, b"<mergeCell "):
                    return True
        except KeyError:
            continue
    return False


def _stream_contains(stream: IO[bytes], needle: bytes) -> bool:
    tail = b""
    while chunk := stream.read(1 << 16):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


def _sheet_rows(sheet) -> Iterator[tuple[int, list[str]]]:  # type: ignore[no-untyped-def]
    try:
        for number, row in enumerate(sheet.iter_rows(), start=1):
            yield number, [_cell_text(cell, number) for cell in row]
    except SheetError:
        raise
    except Exception:
        raise SheetError([problem(0, "", "not_an_xlsx")]) from None


def _cell_text(cell, row: int) -> str:  # type: ignore[no-untyped-def]
    if getattr(cell, "data_type", None) == "f":
        raise SheetError([problem(row, getattr(cell, "column_letter", ""), "formula_cell")])
    return _text(getattr(cell, "value", None))[:MAX_CELL_CHARS]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # a date cell (openpyxl reads it as midnight)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)).normalize(), "f")


# ------------------------------------------------------------------ csv


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = decode_text(data)
    if "\x00" in text:
        raise SheetError([problem(0, "", "binary_file")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [
            (number, [unescape_cell(cell[:MAX_CELL_CHARS]) for cell in row])
            for number, row in enumerate(reader, start=1)
        ]
    except csv.Error:
        raise SheetError([problem(0, "", "malformed_csv")]) from None
    return iter(rows)


def decode_text(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else GB18030 or Big5.

    Chinese legacy encodings overlap (most Big5 bytes are also valid GBK), so when both
    decode, the one whose ideographs are more often among that encoding's common
    characters wins: GB2312 level 1 for GB18030, Big5's frequent-character block for Big5.
    """
    if data.startswith(_ZIP_MAGIC):
        raise SheetError([problem(0, "", "binary_file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    decoded = [(text, block) for block in _COMMON_BLOCKS if (text := _decoded(data, block[0]))]
    if not decoded:
        raise SheetError([problem(0, "", "unknown_encoding")])
    return max(decoded, key=lambda pair: _common_share(*pair))[0]


# (encoding, codec of its common characters, first lead byte, last lead byte)
_COMMON_BLOCKS = (("gb18030", "gb2312", 0xB0, 0xD7), ("big5", "big5", 0xA4, 0xC6))


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _common_share(text: str, block: tuple[str, str, int, int]) -> float:
    """Of the ideographs in ``text``, the share whose lead byte falls in ``block``."""
    _encoding, codec, low, high = block
    ideographs = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not ideographs:
        return 0.0
    return sum(_in_block(c, codec, low, high) for c in ideographs) / len(ideographs)


def _in_block(char: str, codec: str, low: int, high: int) -> bool:
    try:
        return low <= char.encode(codec)[0] <= high
    except UnicodeEncodeError:
        return False
