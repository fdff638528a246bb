"""The cost × quality matrix: every name apart from the others and the dots, inside the picture."""

from __future__ import annotations

from itertools import combinations

from duijie.environment.matrix import MARGIN, SIZE, Box, place_labels, text_width

WIDTH = SIZE + 40
FRAME = Box(0, MARGIN - 2, WIDTH, SIZE - 24)


def _assert_apart(points: list[tuple[float, float, str]]) -> list[dict[str, object]]:
    labels = place_labels(points, width=WIDTH)
    boxes = [label["box"] for label in labels]
    assert all(box.inside(FRAME) for box in boxes)  # type: ignore[attr-defined]
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))  # type: ignore[attr-defined]
    for index, box in enumerate(boxes):
        for other, (x, y, _name) in enumerate(points):
            if other != index:
                assert not box.overlaps(Box(x - 5, y - 5, x + 5, y + 5))  # type: ignore[attr-defined]
    return labels


def test_the_demo_places_names_apart_and_hong_kong_inside_the_picture() -> None:
    points = [
        (96.3, 166.0, "Changsha"), (120.0, 240.0, "Wuhan"), (90.0, 140.0, "Nanchang"),
        (110.0, 200.0, "Hefei"), (101.0, 185.0, "Zhengzhou"), (94.5, 168.0, "Taiyuan"),
        (410.0, 75.0, "香港特別行政區"),
    ]  # fmt: skip
    labels = _assert_apart(points)
    assert [label["anchor"] for label in labels] == [
        "start", "start", "start", "start", "start", "end", "end",
    ]  # fmt: skip
    assert labels[6]["box"] == Box(
        410.0 - 5 - 4 - text_width("香港特別行政區"), 75.0 - 7.5, 410.0 - 9, 75.0 + 7.5
    )


def test_eight_places_on_one_spot_side_by_side_then_up_and_down_with_leader_lines() -> None:
    points = [(200.0, 200.0, f"Place {n}") for n in range(8)]
    labels = _assert_apart(points)
    assert [label["leader"] is not None for label in labels] == [False] * 2 + [True] * 6
    assert [label["anchor"] for label in labels] == ["start", "end"] * 4


def test_a_chinese_character_counts_one_em_a_latin_letter_less() -> None:
    assert text_width("長沙") == 24
    assert text_width("ab") == 2 * 0.62 * 12
