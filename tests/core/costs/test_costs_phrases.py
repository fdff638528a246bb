"""Every code the cost model raises has a sentence in the three languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

from duijie_core.costs import phrases
from duijie_core.costs.phrases import describe
from duijie_core.files import FILE_PHRASES

SOURCE = Path(phrases.__file__).parent


def raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in SOURCE.glob("*.py"):
        codes |= set(re.findall(r'CostError\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    return codes


def test_every_raised_code_has_phrases_with_the_same_placeholders() -> None:
    table = phrases._PHRASES | FILE_PHRASES
    assert raised_codes() - set(table) == set()
    for code, sentences in table.items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(s) if f} for s in sentences]
        assert fields[0] == fields[1] == fields[2], code


def test_describe() -> None:
    params = {"where": "IND.csv", "column": "currency"}
    assert describe("missing_column", params) == "IND.csv：缺少欄「currency」"
    assert describe("missing_column", params, "zh-Hans") == "IND.csv：缺少列“currency”"
    assert describe("missing_column", params, "en") == "IND.csv: the column “currency” is missing"
    assert describe("no_weight", {}, "en") == "the quality weights add up to 0"
    assert describe("missing_source", {}, "en") == "a value without a source is refused"
    assert describe("made_up", {"a": "1"}) == "made_up {'a': '1'}"
    assert describe("field_not_object", {"where": "P.json", "field": "(top)"}, "en") == (
        "P.json: “(top)” must be a JSON object {…}"
    )
    assert describe("bad_unit", {}, "en").startswith("unit “{unit}”")
