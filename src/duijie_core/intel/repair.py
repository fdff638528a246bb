"""Repair Chinese text extracted from newspaper PDFs, recording every change.

Text pulled from a PDF's text layer breaks in a few regular ways (docs/intel.md):

* **fake bold**: a bold headline is drawn twice with a small offset, so each piece the
  PDF drew comes out twice — piece by piece (``55月月1515日日，，20252025年`` for
  ``5月15日，2025年``) or a whole run twice (``會上會上`` for a long run), sometimes
  with a line break in between;
* **hard wraps**: narrow columns end lines mid-word and mid-sentence, even across a blank
  line;
* **captions** repeat; **full-width digits and letters** and stray spaces between
  characters.

:func:`repair` undoes these in steps. Each step proposes replacements on the text it
receives; :class:`_Tracked` applies them while remembering, for every character of the
result, the character of the original it comes from. The edits a reviewer sees are
derived from that alignment at the end, so they are exact, and any offset in the
repaired text maps back to the original (:meth:`Repair.original_span`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Final

#: Edit kinds, in the order the steps run.
WIDTH: Final = "width"
SPACE: Final = "space"
DOUBLED: Final = "doubled"
CAPTION: Final = "caption"
JOIN: Final = "join"

#: A stretch of fake-bold pieces must hold at least this many doubled pieces: legitimate
#: Chinese has AA (謝謝, 濟濟) and AABB (高高興興) but not three doubled pieces in a row.
MIN_DOUBLED_PIECES: Final = 3
#: A run repeated whole must be at least this long and hold at least two Chinese characters
#: (研究研究, 一步一步 are Chinese; 5月15日，2025年 twice is fake bold).
MIN_REPEATED_RUN: Final = 4
MIN_REPEATED_HAN: Final = 2
MAX_REPEATED_RUN: Final = 80
#: A line repeated verbatim later in the document is a caption if it is at least this long.
MIN_CAPTION: Final = 6
#: A line is "full" (the column's width, so it was wrapped) at this share of the typical width.
FULL_LINE: Final = 0.8

_SENTENCE_END: Final = frozenset("。！？!?…」』”’）)】》〉.")
_CONTINUES: Final = frozenset("，,、；;：:《〈「『“‘（(【—-")
_CANNOT_START: Final = frozenset("，,。.、；;：:）)」』”’】》〉！!？?…%％")
_FULL_WIDTH_ALNUM: Final = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_WIDE: Final = r"[\u3001-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff20]"
_SPACE_BETWEEN_CJK: Final = re.compile(rf"(?<={_WIDE})[ \t\u00a0\u3000]+(?={_WIDE})")
_SPACES: Final = re.compile(r"[ \t\u00a0]{2,}")
_TRAILING: Final = re.compile(r"[ \t\u00a0\u3000]+(?=\n)|[ \t\u00a0\u3000]+\Z")
_ALNUM_RUN: Final = re.compile(r"[0-9A-Za-z]+")


def is_cjk(char: str) -> bool:
    """A Han character (the unified ideographs and extension A)."""
    return "\u3400" <= char <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: ``original[start:end]`` became ``repaired[repaired_start:repaired_end]``."""

    kind: str
    start: int
    end: int
    repaired_start: int
    repaired_end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Repair:
    """The repaired text, its edits and the map of each repaired character to the original."""

    original: str
    text: str
    edits: tuple[Edit, ...]
    origin: tuple[int, ...]

    def original_offset(self, offset: int) -> int:
        """The original offset of repaired ``offset`` (the end maps to the end)."""
        if offset >= len(self.origin):
            return len(self.original)
        return self.origin[offset]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of repaired ``[start, end)`` (end exclusive)."""
        if end <= start:
            at = self.original_offset(start)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def counts(self) -> dict[str, int]:
        """How many edits of each kind."""
        return dict(Counter(edit.kind for edit in self.edits))


@dataclass(frozen=True, slots=True)
class _Replace:
    start: int
    end: int
    new: str
    kind: str


class _Tracked:
    """Text being repaired, with each character's original offset and whether it is a copy."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self.origin = list(range(len(original)))
        self.copied = [True] * len(original)
        self.inserted_kind: list[str | None] = [None] * len(original)
        self.deleted_kind: dict[int, str] = {}

    def apply(self, replacements: list[_Replace]) -> None:
        """Apply non-overlapping ``replacements`` (sorted by start) to the text."""
        if not replacements:
            return
        text, origin, copied, kinds = [], [], [], []
        at = 0
        for rep in replacements:
            text.append(self.text[at : rep.start])
            origin.extend(self.origin[at : rep.start])
            copied.extend(self.copied[at : rep.start])
            kinds.extend(self.inserted_kind[at : rep.start])
            self._replace(rep, text, origin, copied, kinds)
            at = rep.end
        text.append(self.text[at:])
        origin.extend(self.origin[at:])
        copied.extend(self.copied[at:])
        kinds.extend(self.inserted_kind[at:])
        self.text = "".join(text)
        self.origin, self.copied, self.inserted_kind = origin, copied, kinds

    def _replace(
        self,
        rep: _Replace,
        text: list[str],
        origin: list[int],
        copied: list[bool],
        kinds: list[str | None],
    ) -> None:
        span = self.text[rep.start : rep.end]
        if not span:  # a pure insertion sits where the next character came from
            text.append(rep.new)
            origin.extend([self._origin_at(rep.start)] * len(rep.new))
            copied.extend([False] * len(rep.new))
            kinds.extend([rep.kind] * len(rep.new))
            return
        kept = _subsequence(rep.new, span)
        used: set[int] = set()
        for position, char in enumerate(rep.new):
            source = kept[position] if kept is not None else min(position, len(span) - 1)
            index = rep.start + source
            used.add(source)
            same = kept is not None and self.copied[index]
            text.append(char)
            origin.append(self.origin[index])
            copied.append(same)
            kinds.append(self.inserted_kind[index] if same else rep.kind)
        for offset in range(len(span)):
            if offset not in used:
                self.deleted_kind.setdefault(self.origin[rep.start + offset], rep.kind)

    def _origin_at(self, index: int) -> int:
        return self.origin[index] if index < len(self.origin) else len(self.original)

    def edits(self) -> tuple[Edit, ...]:
        """The changes from the original to the text, from the alignment of copied characters."""
        found: list[Edit] = []
        previous_original, previous_text = -1, -1
        for index in [*(i for i, c in enumerate(self.copied) if c), len(self.text)]:
            at_original = self.origin[index] if index < len(self.text) else len(self.original)
            if at_original != previous_original + 1 or index != previous_text + 1:
                found.append(
                    self._edit(previous_original + 1, at_original, previous_text + 1, index)
                )
            previous_original, previous_text = at_original, index
        return tuple(found)

    def _edit(self, start: int, end: int, repaired_start: int, repaired_end: int) -> Edit:
        kind = next(
            (k for k in self.inserted_kind[repaired_start:repaired_end] if k is not None),
            None,
        ) or next(
            (self.deleted_kind[o] for o in range(start, end) if o in self.deleted_kind), SPACE
        )
        return Edit(
            kind,
            start,
            end,
            repaired_start,
            repaired_end,
            self.original[start:end],
            self.text[repaired_start:repaired_end],
        )


def _subsequence(new: str, span: str) -> list[int] | None:
    """Offsets in ``span`` of the characters of ``new`` if ``new`` is a subsequence of it."""
    found, at = [], 0
    for char in new:
        at = span.find(char, at)
        if at < 0:
            return None
        found.append(at)
        at += 1
    return found


def repair(original: str) -> Repair:
    """Repair PDF-extracted text; every change is kept as an :class:`Edit`."""
    tracked = _Tracked(original)
    for step in (
        _newlines,
        _widths,
        _spaces,
        _doubled_pieces,
        _repeated_runs,
        _captions,
        _wraps,
        _trailing,
    ):
        tracked.apply(step(tracked.text))
    return Repair(tracked.original, tracked.text, tracked.edits(), tuple(tracked.origin))


def repaired_text(original: str) -> str:
    """Only the repaired text."""
    return repair(original).text


# --- steps: each returns sorted, non-overlapping replacements on the text it is given ---


def _newlines(text: str) -> list[_Replace]:
    """Windows and old Mac line ends become ``\\n``."""
    return [_Replace(m.start(), m.end(), "\n", SPACE) for m in re.finditer(r"\r\n?", text)]


def _widths(text: str) -> list[_Replace]:
    """Full-width digits and Latin letters become ASCII (NFKC on those characters only)."""
    return [
        _Replace(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()), WIDTH)
        for m in _FULL_WIDTH_ALNUM.finditer(text)
    ]


def _spaces(text: str) -> list[_Replace]:
    """Spaces between Chinese characters go; runs of spaces become one."""
    found = [_Replace(m.start(), m.end(), "", SPACE) for m in _SPACE_BETWEEN_CJK.finditer(text)]
    taken = {(r.start, r.end) for r in found}
    for m in _SPACES.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(_Replace(m.start(), m.end(), " ", SPACE))
    return sorted(found, key=lambda r: r.start)


def _trailing(text: str) -> list[_Replace]:
    return [_Replace(m.start(), m.end(), "", SPACE) for m in _TRAILING.finditer(text)]


def _doubled_piece(text: str, at: int) -> tuple[int, int] | None:
    """The end of a doubled piece at ``at`` and the length of one copy, or None.

    A piece is a run of ASCII letters and digits (drawn as one: ``1515`` is ``15`` twice)
    or one other character (``月月``). Whitespace may separate the two copies of a
    one-character piece when a line break fell between them.
    """
    char = text[at]
    if char.isspace():
        return None
    run = _ALNUM_RUN.match(text, at)
    if run is not None:
        length = run.end() - at
        half = length // 2
        if length % 2 == 0 and text[at : at + half] == text[at + half : run.end()]:
            return run.end(), half
        return None
    after = at + 1
    while after < len(text) and text[after] in " \t\n" and after - at < 4:
        after += 1
    if after < len(text) and text[after] == char:
        return after + 1, 1
    return None


def _doubled_pieces(text: str) -> list[_Replace]:
    """Undo stretches of at least three consecutive doubled pieces (fake bold, piece by piece)."""
    found: list[_Replace] = []
    at = 0
    while at < len(text):
        stretch = _stretch(text, at)
        if len(stretch) >= MIN_DOUBLED_PIECES and any(
            not text[start].isascii() for start, _, _ in stretch
        ):
            for index, (start, end, half) in enumerate(stretch):
                found.append(_Replace(start, end, text[start : start + half], DOUBLED))
                gap_end = stretch[index + 1][0] if index + 1 < len(stretch) else end
                if gap_end > end and "\n" in text[end:gap_end]:  # the headline was wrapped
                    found.append(_Replace(end, gap_end, "", JOIN))
            at = stretch[-1][1]
        else:
            at += 1
    return found


def _stretch(text: str, at: int) -> list[tuple[int, int, int]]:
    """Consecutive doubled pieces from ``at`` (whitespace between pieces allowed)."""
    pieces: list[tuple[int, int, int]] = []
    while at < len(text):
        piece = _doubled_piece(text, at)
        if piece is None:
            break
        end, half = piece
        pieces.append((at, end, half))
        at = end
        while at < len(text) and text[at] in " \t\n" and pieces:
            at += 1
    return pieces


def _repeated_runs(text: str) -> list[_Replace]:
    """A run of at least four characters, two of them Chinese, written twice in a row."""
    compact, where = _compact(text)
    found: list[_Replace] = []
    at = 0
    while at < len(compact):
        length = _repeat_length(compact, at)
        if length:
            first_end = where[at + length - 1] + 1
            second_end = where[at + 2 * length - 1] + 1
            for gap in re.finditer(r"\s*\n\s*", text[where[at] : first_end]):
                # the second copy was written on one line: so was the first
                found.append(_Replace(where[at] + gap.start(), where[at] + gap.end(), "", JOIN))
            found.append(_Replace(first_end, second_end, "", DOUBLED))
            at += 2 * length
        else:
            at += 1
    return found


def _compact(text: str) -> tuple[str, list[int]]:
    where = [i for i, char in enumerate(text) if not char.isspace()]
    return "".join(text[i] for i in where), where


def _repeat_length(compact: str, at: int) -> int:
    """The longest L with compact[at:at+L] == compact[at+L:at+2L] and enough Chinese in it."""
    char = compact[at]
    if not char.isalnum():  # a run starts with a word, not with the punctuation before it
        return 0
    best = 0
    limit = min(MAX_REPEATED_RUN, (len(compact) - at) // 2)
    position = compact.find(char, at + MIN_REPEATED_RUN)
    while position >= 0 and position - at <= limit:
        # (the longest match wins: 一丁一丁 twice is one run of four, not four runs of two)
        length = position - at
        run = compact[at:position]
        if run == compact[position : position + length] and _han_count(run) >= MIN_REPEATED_HAN:
            best = length
        position = compact.find(char, position + 1)
    return best


def _han_count(text: str) -> int:
    return sum(map(is_cjk, text))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the newline excluded."""
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _captions(text: str) -> list[_Replace]:
    """A line repeated verbatim later in the document: the later copies go, with their newline."""
    seen: set[str] = set()
    found: list[_Replace] = []
    for start, end in _lines(text):
        line = text[start:end].strip()
        if len(line) < MIN_CAPTION:
            continue
        if line in seen:
            found.append(_Replace(start, min(end + 1, len(text)), "", CAPTION))
        seen.add(line)
    return found


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _typical_width(text: str, lines: list[tuple[int, int]]) -> float:
    widths = sorted(_width(text[s:e].strip()) for s, e in lines if text[s:e].strip())
    if not widths:
        return 0.0
    return float(widths[(len(widths) * 3) // 4])


def _wraps(text: str) -> list[_Replace]:
    """Join lines broken inside a sentence; keep paragraph breaks."""
    lines = _lines(text)
    typical = _typical_width(text, lines)
    found: list[_Replace] = []
    index = 0
    while index < len(lines) - 1:
        start, end = lines[index]
        after = index + 1
        while after < len(lines) and not text[lines[after][0] : lines[after][1]].strip():
            after += 1
        if after == len(lines):
            break
        line = text[start:end].rstrip()
        following = text[lines[after][0] : lines[after][1]]
        # across a blank line only a line inside a block of lines can be a wrapped one
        # (a headline stands alone above its article)
        blank = after > index + 1
        alone = index == 0 or not text[lines[index - 1][0] : lines[index - 1][1]].strip()
        if line and _joins(line, following, alone, blank, typical):
            cut = start + len(line)
            resume = lines[after][0] + (len(following) - len(following.lstrip(" \u3000\t")))
            found.append(_Replace(cut, resume, _glue(line[-1], following.lstrip()[:1]), JOIN))
        index = after
    return found


def _glue(last: str, first: str) -> str:
    """A space between two Latin words; nothing inside a number, after a hyphen, or in Chinese."""
    if not (last.isascii() and first.isascii()) or last == "-":
        return ""
    return "" if last.isdigit() and first.isdigit() else " "


def _joins(line: str, following: str, alone: bool, blank: bool, typical: float) -> bool:
    """Whether ``following`` continues the sentence that ``line`` leaves unfinished.

    ``blank``: a blank line lies between them; ``alone``: ``line`` has no line above it in
    its block (a headline, a caption).
    """
    nxt = following.lstrip(" \t")
    if not nxt or nxt[0] == "\u3000" or following[:1] in " \t":
        return False  # an indented line starts a paragraph
    last, first = line[-1], nxt[0]
    if first in _CANNOT_START or last in _CONTINUES:
        return True
    if last in _SENTENCE_END:
        return False
    full = typical > 0 and _width(line.strip()) >= FULL_LINE * typical
    if blank:
        return full and not alone and is_cjk(last) and is_cjk(first)
    return full
