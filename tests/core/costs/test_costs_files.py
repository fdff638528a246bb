"""IND.csv, RATES.csv and PROFILE.json: every refusal names the file, line and column."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.costs import CostError, Profile, ProfileItem, Source, Status
from duijie_core.costs.files import dump_json, read_indicators, read_profile, read_rates

HEADER = "place,indicator,date,value,unit,currency,source\n"


def refusal(read: object, text: str) -> tuple[str, dict[str, str]]:
    with pytest.raises(CostError) as caught:
        read(text)  # type: ignore[operator]
    return caught.value.code, caught.value.params


def test_reads_rows_with_bom_crlf_blank_lines_and_optional_columns() -> None:
    text = (
        "\ufeffplace,indicator,date,value,unit,currency,source,status,publisher,published\r\n"
        "4301,rent,2025-01-01,12.50,CNY/m2/year,CNY,https://example.org/r.pdf,"
        "official,長沙市,2025-02-01\r\n"
        "\r\n"
        ' 4301 ,quality.talent,2025-01-01,80,score,,"Report, 2025",,,\r\n'
    )
    first, second = read_indicators(text)
    assert (first.place, first.indicator, first.on, first.value) == (
        "4301",
        "rent",
        date(2025, 1, 1),
        Decimal("12.50"),
    )
    assert first.source == Source("https://example.org/r.pdf", "長沙市", date(2025, 2, 1))
    assert first.status is Status.OFFICIAL
    assert (first.origin, first.line) == ("IND.csv", 2)
    assert (second.place, second.currency, second.status, second.line) == ("4301", "", None, 4)
    assert second.source.document == "Report, 2025"


def test_header_only_is_no_rows() -> None:
    assert read_indicators(HEADER) == ()


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("", "empty_file", {"where": "IND.csv"}),
        ("\ufeff\n\n", "empty_file", {"where": "IND.csv"}),
        (
            "place,indicator,date,value,unit,source\n",
            "missing_column",
            {"where": "IND.csv", "column": "currency"},
        ),
        (HEADER.strip() + ",vaule\n", "unknown_column", {"where": "IND.csv", "column": "vaule"}),
        (HEADER.strip() + ",place\n", "duplicate_column", {"where": "IND.csv", "column": "place"}),
    ],
)
def test_header_refusals(text: str, code: str, params: dict[str, str]) -> None:
    assert refusal(read_indicators, text) == (code, params)


@pytest.mark.parametrize(
    ("row", "code", "params"),
    [
        ("4301,rent,2025-01-01,12", "bad_row_length", {"expected": "7", "got": "4"}),
        ("4301,rent,2025-01-01,12,CNY/m2/year,CNY,", "missing_field", {"column": "source"}),
        ("4301,rent,,12,CNY/m2/year,CNY,s", "missing_field", {"column": "date"}),
        ("1,r,2025-13-01,1,CNY/kWh,CNY,s", "bad_date", {"column": "date", "value": "2025-13-01"}),
        ("1,r,20250101,1,CNY/kWh,CNY,s", "bad_date", {"column": "date", "value": "20250101"}),
        ("1,r,2025-01-01,1e3,CNY/kWh,CNY,s", "bad_number", {"column": "value", "value": "1e3"}),
        ("1,r,2025-01-01,-3,CNY/kWh,CNY,s", "bad_number", {"column": "value", "value": "-3"}),
        ("1,r,2025-01-01,3,CNY/m2/yr,CNY,s", "bad_unit", {"unit": "CNY/m2/yr"}),
        (
            "1,r,2025-01-01,3,CNY/kWh,HKD,s",
            "currency_mismatch",
            {"unit": "CNY/kWh", "currency": "HKD"},
        ),
    ],
)
def test_row_refusals(row: str, code: str, params: dict[str, str]) -> None:
    assert refusal(read_indicators, f"{HEADER}{row}\n") == (
        code,
        {"where": "IND.csv line 2", **params},
    )


def test_bad_status() -> None:
    text = HEADER.strip() + ",status\n1,r,2025-01-01,1,CNY/kWh,CNY,s,guess\n"
    assert refusal(read_indicators, text) == (
        "bad_status",
        {"where": "IND.csv line 2", "value": "guess"},
    )


def test_rates() -> None:
    (rate,) = read_rates("\ufeffdate,currency,cny_per_unit\n2025-01-02,HKD,0.9260\n")
    assert (rate.base, rate.quote, rate.rate, rate.on) == (
        "HKD",
        "CNY",
        Decimal("0.9260"),
        date(2025, 1, 2),
    )


@pytest.mark.parametrize(
    ("rows", "code", "params"),
    [
        (
            "2025-01-02,HKD,0.9\n2025-01-02,HKD,0.91\n",
            "duplicate_rate",
            {
                "first": "RATES.csv line 2",
                "second": "RATES.csv line 3",
                "currency": "HKD",
                "date": "2025-01-02",
            },
        ),
        (
            "2025-01-02,XYZ,0.9\n",
            "unknown_currency",
            {"where": "RATES.csv line 2", "currency": "XYZ"},
        ),
        ("2025-01-02,HKD,0\n", "bad_rate", {"where": "RATES.csv line 2", "rate": "0"}),
        (
            "2025-01-02,CNY,1\n",
            "bad_rate_pair",
            {"where": "RATES.csv line 2", "base": "CNY", "quote": "CNY"},
        ),
    ],
)
def test_rate_refusals(rows: str, code: str, params: dict[str, str]) -> None:
    assert refusal(read_rates, "date,currency,cny_per_unit\n" + rows) == (code, params)


def test_profile_numbers_are_exact_decimals() -> None:
    text = '\ufeff{"name": "工廠", "items": [{"indicator": "rent", "quantity": 0.1, "unit": "m2"}]}'
    assert read_profile(text) == Profile("工廠", (ProfileItem("rent", Decimal("0.1"), "m2"),))


def doc(*items: str, name: str = '"x"') -> str:
    """A profile document with these item objects (their inner text)."""
    return f'{{"name": {name}, "items": [{", ".join("{" + i + "}" for i in items)}]}}'


def where(**params: str) -> dict[str, str]:
    return {"where": "PROFILE.json", **params}


A = '"indicator": "a", '


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("", "bad_json", where(line="1", column="1", message="Expecting value")),
        ('{"items": [', "bad_json", where(line="1", column="12", message="Expecting value")),
        (
            doc(A + '"quantity": NaN, "unit": "m2"'),
            "bad_json",
            where(line="", column="", message="NaN is not a number"),
        ),
        ("[]", "field_not_object", where(field="(top)")),
        ('{"name": "x"}', "missing_field", where(column="items")),
        ('{"name": "x", "items": [], "y": 1}', "unknown_field", where(field="y")),
        (doc(name='" "'), "field_not_text", where(field="name")),
        (doc(), "field_not_list", where(field="items")),
        (
            doc(A + '"quantity": "3", "unit": "m2"'),
            "field_not_number",
            where(field="items[0].quantity"),
        ),
        (
            doc(A + '"quantity": true, "unit": "m2"'),
            "field_not_number",
            where(field="items[0].quantity"),
        ),
        (
            doc(A + '"quantity": -1, "unit": "m2"'),
            "bad_quantity",
            {"where": "PROFILE.json items[0]", "value": "-1", "indicator": "a"},
        ),
        (
            doc(A + '"quantity": 1, "unit": "m^2"'),
            "bad_quantity_unit",
            {"where": "PROFILE.json items[0]", "unit": "m^2"},
        ),
        (doc(A + '"quantity": 1'), "missing_field", where(column="items[0].unit")),
        (
            doc(A + '"quantity": 1, "unit": "m2"', A + '"quantity": 2, "unit": "m2"'),
            "duplicate_item",
            where(indicator="a"),
        ),
    ],
)
def test_profile_refusals(text: str, code: str, params: dict[str, str]) -> None:
    assert refusal(read_profile, text) == (code, params)


def test_dump_json_writes_decimals_digit_for_digit() -> None:
    data = {"a": Decimal("12345678901234567.89"), "b": [None, True, "長沙"], "c": {}, "d": []}
    assert dump_json(data) == (
        '{\n  "a": 12345678901234567.89,\n  "b": [\n    null,\n    true,\n    "長沙"\n  ],\n'
        '  "c": {},\n  "d": []\n}'
    )


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@given(st.lists(st.lists(cells, min_size=1, max_size=8), max_size=5), st.booleans())
def test_any_table_is_read_or_refused_with_a_code(rows: list[list[str]], header: bool) -> None:
    lines = ([HEADER.strip()] if header else []) + [",".join(row) for row in rows]
    for read in (read_indicators, read_rates):
        try:
            read("\n".join(lines))
        except CostError as error:
            assert error.code
            assert "where" in error.params or "first" in error.params


@given(st.text(max_size=80))
def test_any_text_is_a_profile_or_refused_with_a_code(text: str) -> None:
    try:
        read_profile(text)
    except CostError as error:
        assert error.params["where"].startswith("PROFILE.json")


KEYS = ["name", "items", "indicator", "quantity", "unit", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_any_json_is_a_profile_or_refused_with_a_code(data: object) -> None:
    try:
        read_profile(json.dumps(data))
    except CostError as error:
        assert error.params["where"].startswith("PROFILE.json")


def test_deeply_nested_json_is_bad_json() -> None:
    assert refusal(read_profile, "[" * 100_000)[0] == "bad_json"


def test_a_field_beyond_the_csv_limit_names_its_line() -> None:
    text = (
        HEADER
        + "1,r,2025-01-01,1,CNY/kWh,CNY,s\n"
        + "1,r,2025-01-02,1,CNY/kWh,CNY,"
        + "x" * 200_000
    )
    code, params = refusal(read_indicators, text)
    assert (code, params["where"]) == ("bad_csv", "IND.csv line 3")
    assert params["message"] == "field larger than field limit (131072)"
