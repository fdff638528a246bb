"""The one formula-safe writer: what it writes, the reader reads back unchanged."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from duijie.interchange.reader import read_table
from duijie.interchange.writer import Sheet, write_csv, write_workbook, write_xlsx

TRICKY = ["=1+1", "+852 95550001", "-3", "@SUM(A1)", "'quoted", "普通", "\tx"]


def test_xlsx_stores_text_as_text_without_an_apostrophe_and_numbers_as_numbers():
    data = write_xlsx(
        ["text", "number"], [[value, 3] for value in TRICKY] + [["x", Decimal("2.5")]]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet["A"]] == ["text", *TRICKY, "x"]
    assert {c.data_type for c in sheet["A"]} == {"s"}
    assert [c.value for c in sheet["B"]][1:] == [3] * len(TRICKY) + [2.5]
    assert {c.data_type for c in sheet["B"][1:]} == {"n"}
    assert read_table(data, "x.xlsx").rows[0] == (2, ["=1+1", "3"])


def test_csv_escapes_formula_starts_and_the_reader_undoes_it():
    data = write_csv(["text"], [[value] for value in TRICKY] + [[None], [dt.date(2025, 5, 1)]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[1:4] == ["'=1+1", "'+852 95550001", "'-3"]
    rows = [cells[0] for _number, cells in read_table(data, "x.csv").rows]
    assert rows == [*TRICKY, "2025-05-01"]  # the blank row is skipped


def test_a_workbook_has_one_sheet_per_table_with_safe_titles():
    data = write_workbook([Sheet("Headline: 2025/26", [["a", 1]]), Sheet("", [["b"]])])
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Headline 202526", "Sheet2"]


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    data = write_xlsx(["text"], [["a\x00b\x1fc"]])
    assert load_workbook(io.BytesIO(data)).active["A2"].value == "abc"


def test_text_whose_quotes_lead_to_a_formula_start_round_trips_through_csv():
    """Found by the property below: "'=" was written as it is and read back as "="."""
    values = ["'=", "''+1", "'quoted", "'", "=1"]
    data = write_csv(["text"], [[value] for value in values])
    written = ["''=", "'''+1", "'quoted", "'", "'=1"]
    assert data.decode("utf-8-sig").splitlines()[1:] == written
    assert [cells[0] for _n, cells in read_table(data, "x.csv").rows] == values


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))), max_size=5))
def test_any_text_round_trips_through_csv_and_xlsx(values):
    rows = [["h"], *[[v] for v in values]]
    expected = [v for v in values if v.strip()]
    for fmt, data in (
        ("csv", write_csv(rows[0], rows[1:])),
        ("xlsx", write_xlsx(rows[0], rows[1:])),
    ):
        got = [cells[0] for _n, cells in read_table(data, f"x.{fmt}").rows]
        assert got == expected, fmt
