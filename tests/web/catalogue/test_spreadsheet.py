"""The pure spreadsheet reader and row validation (no database), fuzzed with hypothesis."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from duijie.catalogue.columns import COLUMNS, column_for, header
from duijie.catalogue.project_rows import Lookups, plan_import
from duijie.catalogue.spreadsheet import (
    SheetError,
    Table,
    problem,
    read_table,
    safe_cell,
    unquote_cell,
)
from duijie_core.money import Money
from tests.web.catalogue.sheets import HEADERS_EN, csv_bytes, row, xlsx

LOOKUPS = Lookups(
    cities={"长沙市": "4301", "长沙": "4301", "4301": "4301"},
    counties={("4301", "岳麓区"): "430104"},
    key_industries={"新能源": "new-energy", "new-energy": "new-energy", "new energy": "new-energy"},
    industries=frozenset({"4415", "C"}),
    promotion_methods={"产业链招商": "industry-chain"},
    choices={
        "instrument": {"股权": "equity", "equity": "equity"},
        "stage": {"在建": "construction"},
        "status": {},
    },
    existing_codes=frozenset({"HN-002"}),
)


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
    "2025-01-02T00:00:00",
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


def test_headers_match_in_every_language_and_script():
    assert [
        column_for(h)
        for h in [
            "項目編號",
            "项目编号",
            "Project code",
            " project  CODE ",
            "code",
            "總投資",
            "总投资",
        ]
    ] == ["code", "code", "code", "code", "code", "investment", "investment"]
    assert column_for("生產商") is None
    assert {header(c.key, lang) for c in COLUMNS for lang in ("en", "zh-hans", "zh-hant")} >= {
        "Project code",
        "项目编号",
        "項目編號",
    }


def test_plan_creates_and_updates_by_project_code():
    table = Table(
        ["項目編號", "項目名稱（繁體）", "總投資", "市州", "重點產業"],
        [(2, ["HN-001", "甲", "3.5億元", "長沙", "新能源"]), (3, ["HN-002", "乙", "", "", ""])],
    )
    plan = plan_import(table, LOOKUPS)
    assert plan.problems == []
    assert [(r.row, r.code, r.action) for r in plan.rows] == [
        (2, "HN-001", "create"),
        (3, "HN-002", "update"),
    ]
    assert plan.rows[0].values["investment"] == Money(Decimal(350_000_000), "CNY")
    assert (plan.rows[0].values["city_code"], plan.rows[0].values["key_industry_code"]) == (
        "4301",
        "new-energy",
    )


def test_plan_names_unknown_headers_and_missing_required_ones():
    plan = plan_import(Table(["項目名稱（繁體）", "生產商"], [(2, ["甲", "x"])]), LOOKUPS)
    assert plan.problems == [
        problem(1, "生產商", "unknown_header", header="生產商"),
        problem(1, "", "missing_header", name="項目編號"),
    ]


def test_plan_reports_every_bad_cell_as_row_and_column_and_writes_nothing():
    cells = [
        "bad code!",
        "",
        "三億",
        "火星市",
        "區塊鏈",
        "9999",
        "股票",
        "明年",
        "abc",
        "not-an-email",
        "1-2億元",
    ]
    headers = [
        "項目編號",
        "項目名稱（繁體）",
        "總投資",
        "市州",
        "重點產業",
        "國民經濟行業代碼",
        "融資方式",
        "項目階段",
        "投資回收期（年）",
        "聯繫郵箱",
        "擬融資金額",
    ]
    plan = plan_import(
        Table(
            headers, [(2, cells), (3, ["OK-1", "好", "1億元", "", "", "", "", "", "", "", "2億元"])]
        ),
        LOOKUPS,
    )
    assert plan.rows == []
    assert [(p.row, p.column, p.code) for p in plan.problems] == [
        (2, "項目編號", "bad_code"),
        (2, "項目名稱（繁體）", "name_required"),
        (2, "市州", "unknown_city"),
        (2, "重點產業", "unknown_key_industry"),
        (2, "國民經濟行業代碼", "unknown_industry"),
        (2, "融資方式", "unknown_instrument"),
        (2, "項目階段", "unknown_stage"),
        (2, "投資回收期（年）", "bad_payback"),
        (2, "聯繫郵箱", "bad_email"),
        (3, "擬融資金額", "financing_exceeds_investment"),
    ]


def test_plan_rejects_unreadable_amounts_and_duplicate_codes():
    table = Table(
        ["項目編號", "項目名稱（繁體）", "總投資"],
        [(2, ["A", "甲", "很多錢"]), (3, ["B", "乙", ""]), (5, ["B", "丙", ""])],
    )
    plan = plan_import(table, LOOKUPS, language="en")
    assert [(p.row, p.column, p.code) for p in plan.problems] == [
        (2, "總投資", "bad_amount"),
        (5, "項目編號", "duplicate_code"),
    ]


def test_formula_safe_cells_round_trip():
    for value in ["=HYPERLINK(1)", "+86 731", "-", "@SUM", "\tx", "普通", "'quoted"]:
        assert unquote_cell(safe_cell(value)) == value
    assert safe_cell("=1+1") == "'=1+1"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["f.xlsx", "f.csv"]))
def test_fuzz_reader_raises_only_sheet_errors(data, name):
    try:
        read_table(data, name)
    except SheetError as error:
        assert error.problems


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=6), max_size=6))
def test_fuzz_csv_then_plan_never_crashes(rows):
    headers = [
        "Project code",
        "Project name (zh-Hant)",
        "Total investment",
        "City",
        "Payback (years)",
        "Stage",
    ]
    try:
        table = read_table(csv_bytes(rows, headers=headers), "f.csv")
    except SheetError:
        return
    plan = plan_import(table, LOOKUPS)
    assert bool(plan.rows) != bool(plan.problems) or (not plan.rows and not plan.problems)
