"""The cost-breakdown chart's legend: no item name runs into the next or past the edge
(the report's English legend ran "…leasing and business se" into the next name)."""

from __future__ import annotations

from duijie.environment.matrix import text_width
from duijie.environment.report import LEGEND_FONT, LEGEND_KEY, WIDTH, breakdown_chart

LONG = [
    "Average wage, manufacturing",
    "Average wage, information transmission, software and IT services",
    "Office rent, leasing and business services",
    "Industrial electricity",
    "Industrial land",
]


def _keys_apart(labels: list[str]) -> list[dict[str, object]]:
    legend = breakdown_chart([], labels)["legend"]
    for key in legend:
        end = float(key["text_x"]) + text_width(str(key["label"]), LEGEND_FONT)
        assert end <= WIDTH  # inside the picture
        same_row = [k for k in legend if k["y"] == key["y"] and float(k["x"]) > float(key["x"])]
        assert all(end < float(k["x"]) for k in same_row)  # before the next key on its row
    return legend


def test_long_english_names_take_one_key_per_row() -> None:
    legend = _keys_apart(LONG)
    assert [k["x"] for k in legend] == [10.0] * 5
    assert [k["y"] for k in legend] == [20, 38, 56, 74, 92]
    assert legend[0]["text_x"] == 10.0 + LEGEND_KEY


def test_short_names_share_a_row_three_at_a_time() -> None:
    legend = _keys_apart(["工資", "電價", "地價", "租金", "利率"])
    assert [(k["x"], k["y"]) for k in legend] == [
        (10.0, 20), (10.0 + 620 / 3, 20), (10.0 + 2 * 620 / 3, 20), (10.0, 38), (10.0 + 620 / 3, 38)
    ]  # fmt: skip


def test_a_dozen_items_get_a_dozen_colours() -> None:
    legend = breakdown_chart([], [f"item {n}" for n in range(12)])["legend"]
    assert len({k["colour"] for k in legend}) == 12
