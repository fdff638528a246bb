"""The one table reader: every file type, encoding and refusal, fuzzed with hypothesis."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from duijie.interchange.reader import SheetError, problem, read_table
from duijie_core.tabular import escape_cell, unescape_cell
from tests.web.interchange.sheets import HEADERS_EN, csv_bytes, row, xlsx


def codes(excinfo) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in excinfo.value.problems]


def test_reads_xlsx_with_chinese_headers_and_skips_empty_rows():
    table = read_table(xlsx([row(), [None] * 9, row("HN-002")]), "p.xlsx")
    assert table.headers[:2] == ["項目編號", "項目名稱（繁體）"]
    assert [(number, cells[0]) for number, cells in table.rows] == [(2, "HN-001"), (4, "HN-002")]


def test_numbers_in_xlsx_become_plain_text():
    table = read_table(xlsx([["A1", 3.0, 2.5, 12345678901]]), "p.xlsx")
    assert table.rows[0][1][:4] == ["A1", "3", "2.5", "12345678901"]


def mixed_sheet(*, extra: Callable[[Workbook], None] | None = None) -> bytes:
    """Headers in row 3 from column B, and a row of every cell type."""
    workbook = Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"], sheet["D3"] = "項目編號", "項目名稱（繁體）", "總投資"
    values = [
        "HN-1",
        3.0,
        2.5,
        12345678901,
        True,
        dt.date(2025, 1, 2),
        dt.datetime(2025, 1, 2, 3, 4, 5),
        dt.time(3, 4, 5),
        " 長沙 ",
    ]
    for column, value in enumerate(values, start=2):
        sheet.cell(row=5, column=column, value=value)
    if extra:
        extra(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MIXED_ROW = [
    "",
    "HN-1",
    "3",
    "2.5",
    "12345678901",
    "TRUE",
    "2025-01-02",
    "2025-01-02T03:04:05",
    "03:04:05",
    " 長沙 ",
]


def test_reads_the_first_worksheet_with_sheet_row_numbers_and_every_cell_type():
    table = read_table(mixed_sheet(), "p.xlsx")
    assert table.headers == ["", "項目編號", "項目名稱（繁體）", "總投資", *[""] * 6]
    assert table.rows == [(5, MIXED_ROW)]


def test_a_formula_anywhere_reads_through_openpyxl_with_the_same_result():
    def formula_on_second_sheet(workbook: Workbook) -> None:
        workbook.create_sheet("Sums")["A1"] = "=1+1"

    def error_cell(workbook: Workbook) -> None:
        workbook.worksheets[0]["K5"] = "#N/A"  # openpyxl stores it as an error cell (t="e")

    assert read_table(mixed_sheet(extra=formula_on_second_sheet), "p.xlsx").rows == [(5, MIXED_ROW)]
    assert read_table(mixed_sheet(extra=error_cell), "p.xlsx").rows == [(5, [*MIXED_ROW, "#N/A"])]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_reads_csv_in_every_supported_encoding(encoding):
    table = read_table(csv_bytes([row()], encoding=encoding), "p.csv")
    assert table.headers == HEADERS_EN
    assert table.rows == [(2, row())]


def test_rejects_merged_cells():
    with pytest.raises(SheetError) as excinfo:
        read_table(xlsx([row(), row("HN-002")], merge="A2:B2"), "p.xlsx")
    assert codes(excinfo) == ["merged_cells"]


def test_rejects_formulas_with_row_and_column():
    with pytest.raises(SheetError) as excinfo:
        read_table(xlsx([row(investment="=1+1")]), "p.xlsx")
    assert excinfo.value.problems == [problem(2, "F", "formula_cell")]


def test_rejects_binary_renamed_xlsx_and_csv():
    with pytest.raises(SheetError) as excinfo:
        read_table(b"\x7fELF\x02\x01\x01" + bytes(range(256)), "p.xlsx")
    assert codes(excinfo) == ["not_an_xlsx"]
    with pytest.raises(SheetError) as excinfo:
        read_table(b"PK\x03\x04 not really a zip", "p.xlsx")
    assert codes(excinfo) == ["not_an_xlsx"]
    with pytest.raises(SheetError) as excinfo:
        read_table(b"a,b\x00,c\n", "p.csv")
    assert codes(excinfo) == ["binary_file"]


def test_rejects_files_over_the_size_limit_before_reading():
    with pytest.raises(SheetError) as excinfo:
        read_table(b"x" * (50 * 1024 * 1024), "big.xlsx")
    assert excinfo.value.problems == [
        problem(0, "", "file_too_large", size=50 * 1024 * 1024, limit=10 * 1024 * 1024)
    ]


def test_rejects_other_file_types_and_empty_files():
    for data, name, code in [
        (b"x", "p.xls", "unsupported_file_type"),
        (b"", "p.csv", "empty_file"),
        (b"\n,,\n", "p.csv", "empty_file"),
    ]:
        with pytest.raises(SheetError) as excinfo:
            read_table(data, name)
        assert codes(excinfo) == [code]


def test_formula_safe_cells_round_trip():
    for value in ["=HYPERLINK(1)", "+86 731", "-", "@SUM", "\tx", "普通", "'quoted"]:
        assert unescape_cell(escape_cell(value)) == value
    assert escape_cell("=1+1") == "'=1+1"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["f.xlsx", "f.csv"]))
def test_fuzz_reader_raises_only_sheet_errors(data, name):
    try:
        read_table(data, name)
    except SheetError as error:
        assert error.problems


@pytest.mark.parametrize(
    "text",
    ["名稱,總部\n湖南華聯瓷業股份有限公司,香港特別行政區\n", "名称,总部\n湖南华联瓷业,长沙市\n"],
)
@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_chinese_legacy_encodings_are_told_apart(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("Big5 has no Simplified characters")
    table = read_table(data, "p.csv")
    assert [table.headers, *[cells for _n, cells in table.rows]] == [
        line.split(",") for line in text.splitlines()
    ]
