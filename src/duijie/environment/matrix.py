"""The cost × quality matrix as SVG geometry, for the comparison page and the report alike.

Each place is a dot at (cost index, quality index) with the peer average (100, 100) as
dashed lines. Every name is placed where it overlaps no other name and no other dot and
stays inside the picture: beside its dot (right, else left), above or below it, else
further up or down with a leader line back to the dot. Text widths are estimated (a
Chinese character one em, other characters 0.62 em), generously enough for the fonts
the page and WeasyPrint use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from duijie.environment.pages import PlaceColumn

# Fourteen colours told apart: the cost breakdown has a dozen items (eight repeated two).
PALETTE = (
    "#3b6fb6", "#e08a2e", "#2e9e5b", "#c0392b", "#7d5ba6", "#8c6d31", "#17a2b8",
    "#d46a9f", "#8a8a8a", "#b8b23a", "#0b5563", "#f4a6a6", "#93c47d", "#1f3a68",
)  # fmt: skip
SIZE, MARGIN, RIGHT = 420, 40, 40  # the square plot with its margins; room for "100" right
FONT, RADIUS, GAP = 12, 5, 4
LINE = FONT + 3  # a label's height, and the step of a label moved up or down
STEPS = 12  # how many lines up or down a crowded label may move


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, right, bottom (SVG units, y downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, frame: Box) -> bool:
        return (
            frame.left <= self.left
            and self.right <= frame.right
            and frame.top <= self.top
            and self.bottom <= frame.bottom
        )


def text_width(text: str, font: float = FONT) -> float:
    """An upper estimate of the drawn width of `text` at `font` size."""
    return sum(font if ord(char) >= 0x2E80 else 0.62 * font for char in text)


def matrix_chart(columns: Sequence[PlaceColumn]) -> dict[str, Any]:
    """Cost index (x, lower is better) against quality index (y), names placed apart."""
    points = [c for c in columns if c.index is not None and c.quality_index is not None]
    along_x = _scale([float(c.index or 0) for c in points])
    along_y = _scale([float(c.quality_index or 0) for c in points])
    spots = [
        (along_x(float(c.index or 0)), SIZE - along_y(float(c.quality_index or 0)), c.name)
        for c in points
    ]
    mid_y = SIZE - along_y(100.0)
    marker = Box(SIZE - MARGIN + 2, mid_y - FONT, SIZE - MARGIN + 26, mid_y + 3)  # its "100"
    labels = place_labels(spots, width=SIZE + RIGHT, reserved=[marker])
    dots = [
        {"name": c.name, "cost": c.index, "quality": c.quality_index, "x": x, "y": y,
         "colour": PALETTE[i % len(PALETTE)], **label}
        for i, (c, (x, y, _name), label) in enumerate(zip(points, spots, labels, strict=True))
    ]  # fmt: skip
    return {
        "size": SIZE, "width": SIZE + RIGHT, "margin": MARGIN, "far": SIZE - MARGIN,
        "plot": SIZE - 2 * MARGIN, "font": FONT, "radius": RADIUS,
        "dots": dots,
        "mid": along_x(100.0), "mid_y": mid_y,
    }  # fmt: skip


def place_labels(
    points: Sequence[tuple[float, float, str]],
    *,
    width: float,
    height: float = SIZE,
    reserved: Sequence[Box] = (),
) -> list[dict[str, Any]]:
    """For each (x, y, name): where its name is written (``text_x``, ``text_y`` baseline,
    ``anchor``) and, when moved away from its dot, the leader line's end (``leader``);
    names are kept off the `reserved` boxes too."""
    frame = Box(0, MARGIN - 2, width, height - 2 * FONT)  # between the titles above and below
    dots = [Box(x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS) for x, y, _name in points]
    taken = list(reserved)
    placed: list[dict[str, Any]] = []
    for index, (x, y, name) in enumerate(points):
        others = [dot for i, dot in enumerate(dots) if i != index]
        candidates = _candidates(x, y, text_width(name))
        free = [c for c in candidates if _fits(c[0], frame, taken, others)]
        box, anchor, moved = (free or [_least_bad(candidates, frame, taken, others)])[0]
        taken.append(box)
        placed.append(_label(box, anchor, moved, x, y))
    return placed


def _candidates(x: float, y: float, width: float) -> list[tuple[Box, str, bool]]:
    """Right, left, above, below the dot, then a line further up or down each step."""

    def right(top: float) -> Box:
        return Box(x + RADIUS + GAP, top, x + RADIUS + GAP + width, top + LINE)

    def left(top: float) -> Box:
        return Box(x - RADIUS - GAP - width, top, x - RADIUS - GAP, top + LINE)

    middle = y - LINE / 2
    near = [
        (right(middle), "start", False),
        (left(middle), "end", False),
        (Box(x - width / 2, y - RADIUS - LINE, x + width / 2, y - RADIUS), "middle", False),
        (Box(x - width / 2, y + RADIUS, x + width / 2, y + RADIUS + LINE), "middle", False),
    ]
    far = [
        (side(middle + sign * step * LINE), anchor, True)
        for step in range(1, STEPS + 1)
        for sign in (-1, 1)
        for side, anchor in ((right, "start"), (left, "end"))
    ]
    return near + far


def _fits(box: Box, frame: Box, taken: list[Box], dots: list[Box]) -> bool:
    return box.inside(frame) and not any(box.overlaps(other) for other in [*taken, *dots])


def _least_bad(
    candidates: list[tuple[Box, str, bool]], frame: Box, taken: list[Box], dots: list[Box]
) -> tuple[Box, str, bool]:
    """Inside the picture, overlapping as few names and dots as can be (a last resort)."""
    inside = [c for c in candidates if c[0].inside(frame)] or candidates
    return min(inside, key=lambda c: sum(c[0].overlaps(o) for o in [*taken, *dots]))


def _label(box: Box, anchor: str, moved: bool, x: float, y: float) -> dict[str, Any]:
    text_x = {"start": box.left, "end": box.right, "middle": (box.left + box.right) / 2}[anchor]
    label: dict[str, Any] = {
        "text_x": text_x, "text_y": box.bottom - 4, "anchor": anchor, "box": box, "leader": None,
    }  # fmt: skip
    if moved:
        label["leader"] = {"x": text_x, "y": (box.top + box.bottom) / 2}
    return label


def _scale(values: list[float]) -> Callable[[float], float]:
    """A linear map of `values` and 100 (with a tenth of the span around) onto the plot."""
    low, high = min([*values, 100.0]), max([*values, 100.0])
    pad = (high - low) / 10 or 10.0
    low, high = low - pad, high + pad

    def at(value: float) -> float:
        return MARGIN + (value - low) / (high - low) * (SIZE - 2 * MARGIN)

    return at
