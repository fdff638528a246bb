"""The pure spreadsheet reader and row validation (no database), fuzzed with hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from duijie.catalogue.columns import COLUMNS, column_for, header
from duijie.catalogue.project_rows import Lookups, plan_import
from duijie.interchange.reader import SheetError, Table, problem, read_table
from duijie_core.money import Money
from tests.web.interchange.sheets import csv_bytes

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
