"""Named entities in Chinese news: a character CRF trained on CLUENER-format data.

Method (docs/intel.md): each character is one token, labelled BIOES per entity type. Its
features are the characters around it (±2) and their bigrams and trigrams, its kind
(Han, digit, Latin, punctuation), the word the segmenter (rjieba) puts it in with its
position in that word, and whether it starts or ends a known place name (the
administrative divisions, optional). Training is L-BFGS with L1 + L2 regularisation on
python-crfsuite. Text in Traditional script is tagged through its Simplified form
(CLUENER is Simplified), character for character, so offsets stay those of the input.

Spans here are end-exclusive ``(start, end)``; the CLUENER file format has inclusive
ends and is converted at the edge (:func:`read_cluener`, :func:`to_cluener_label`).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from duijie_core.intel.errors import IntelError
from duijie_core.text import to_simplified

#: CLUENER's ten entity types.
CLUENER_TYPES: Final = (
    "address",
    "book",
    "company",
    "game",
    "government",
    "movie",
    "name",
    "organization",
    "position",
    "scene",
)

#: Training parameters (docs/intel.md has how they were chosen).
C1: Final = 0.05
C2: Final = 0.01
MAX_ITERATIONS: Final = 100


@dataclass(frozen=True, slots=True, order=True)
class Entity:
    """``text[start:end]`` is an entity of ``type``."""

    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence and its gold entities (for training and evaluation)."""

    id: str
    text: str
    entities: tuple[Entity, ...]


# --- CLUENER files ---


def read_cluener(path: Path) -> list[Example]:
    """Examples from a CLUENER JSON-lines file (``label`` optional; inclusive ends)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise IntelError("missing_file", where=str(path)) from error
    except UnicodeDecodeError as error:
        raise IntelError("not_utf8", where=str(path)) from error
    return [_example(line, number, path) for number, line in enumerate(lines, 1) if line.strip()]


def _example(line: str, number: int, path: Path) -> Example:
    try:
        row = json.loads(line)
        text = str(row["text"])
        entities = [
            Entity(int(start), int(end) + 1, kind, text[int(start) : int(end) + 1])
            for kind, found in (row.get("label") or {}).items()
            for spans in found.values()
            for start, end in spans
        ]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise IntelError(
            "bad_json", where=str(path), line=number, message=str(error)[:80]
        ) from error
    for entity in entities:
        if not 0 <= entity.start < entity.end <= len(text):
            raise IntelError("bad_span", where=str(path), line=number)
    return Example(str(row.get("id", number - 1)), text, tuple(sorted(entities)))


def to_cluener_label(entities: Iterable[Entity]) -> dict[str, dict[str, list[list[int]]]]:
    """``{type: {text: [[start, end_inclusive], …]}}`` as CLUENER writes it."""
    label: dict[str, dict[str, list[list[int]]]] = {}
    for entity in sorted(entities):
        label.setdefault(entity.type, {}).setdefault(entity.text, []).append(
            [entity.start, entity.end - 1]
        )
    return label


def split(
    examples: Sequence[Example], *, held_out: float = 0.1, seed: int = 2025
) -> tuple[list[Example], list[Example]]:
    """A reproducible random split: (training, held out)."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = round(len(order) * held_out)
    held = sorted(order[:cut])
    train = sorted(order[cut:])
    return [examples[i] for i in train], [examples[i] for i in held]


# --- features and labels ---


def _kind(char: str) -> str:
    if "\u3400" <= char <= "\u9fff":
        return "H"
    if char.isdigit():
        return "D"
    if char.isascii() and char.isalpha():
        return "L"
    if char.isspace():
        return "S"
    return "P"


def _segments(text: str) -> list[tuple[str, str]]:
    """(word, BMES position) of each character, from the segmenter."""
    import rjieba

    marks: list[tuple[str, str]] = []
    for word in rjieba.cut(text):
        if len(word) == 1:
            marks.append((word, "S"))
        else:
            marks.extend(
                (word, "B" if i == 0 else "E" if i == len(word) - 1 else "M")
                for i in range(len(word))
            )
    if len(marks) != len(text):  # the segmenter dropped or merged something: no word features
        return [("", "")] * len(text)
    return marks


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names whose occurrence is a feature: places (``address``), organisations …"""

    names: dict[str, str]
    longest: int

    @classmethod
    def of(cls, names: dict[str, str]) -> Gazetteer:
        kept = {name: kind for name, kind in names.items() if len(name) >= 2}
        return cls(kept, max(map(len, kept), default=0))

    def marks(self, text: str) -> list[str]:
        """For each character, ``B-kind``/``I-kind`` of the longest listed name covering it."""
        marks = [""] * len(text)
        at = 0
        while at < len(text):
            for length in range(min(self.longest, len(text) - at), 1, -1):
                kind = self.names.get(text[at : at + length])
                if kind is not None:
                    marks[at] = f"B-{kind}"
                    for inside in range(at + 1, at + length):
                        marks[inside] = f"I-{kind}"
                    at += length
                    break
            else:
                at += 1
        return marks


NO_GAZETTEER: Final = Gazetteer({}, 0)


def features(text: str, gazetteer: Gazetteer = NO_GAZETTEER) -> list[list[str]]:
    """The feature strings of each character of ``text`` (already Simplified)."""
    padded = f"\x02\x02{text}\x03\x03"
    words = _segments(text)
    places = gazetteer.marks(text) if gazetteer.longest else [""] * len(text)
    rows = []
    for i, char in enumerate(text):
        p = i + 2
        word, position = words[i]
        row = [
            "bias",
            f"c={char}",
            f"k={_kind(char)}",
            f"c-1={padded[p - 1]}",
            f"c+1={padded[p + 1]}",
            f"c-2={padded[p - 2]}",
            f"c+2={padded[p + 2]}",
            f"b-1={padded[p - 1 : p + 1]}",
            f"b+1={padded[p : p + 2]}",
            f"b-2={padded[p - 2 : p]}",
            f"b+2={padded[p + 1 : p + 3]}",
            f"t0={padded[p - 1 : p + 2]}",
            f"t-1={padded[p - 2 : p + 1]}",
            f"t+1={padded[p : p + 3]}",
            f"k3={_kind(padded[p - 1])}{_kind(char)}{_kind(padded[p + 1])}",
            f"wp={position}",
            f"wl={min(len(word), 5)}{position}",
        ]
        if word and len(word) <= 6:
            row.append(f"w={word}")
            row.append(f"w1={word[-1]}")
        if places[i]:
            row.append(f"g={places[i]}")
        rows.append(row)
    return rows


def labels(text: str, entities: Iterable[Entity]) -> list[str]:
    """BIOES labels of each character."""
    tags = ["O"] * len(text)
    for entity in entities:
        if entity.end - entity.start == 1:
            tags[entity.start] = f"S-{entity.type}"
            continue
        tags[entity.start] = f"B-{entity.type}"
        for inside in range(entity.start + 1, entity.end - 1):
            tags[inside] = f"I-{entity.type}"
        tags[entity.end - 1] = f"E-{entity.type}"
    return tags


def entities_from_labels(text: str, tags: Sequence[str]) -> list[Entity]:
    """Entities from BIOES labels; a span whose labels stop without an ``E`` ends there."""
    found: list[Entity] = []
    start, kind = -1, ""

    def close(end: int) -> None:
        nonlocal start
        if start >= 0:
            found.append(Entity(start, end, kind, text[start:end]))
        start = -1

    for i, tag in enumerate(tags):
        mark, _, tag_kind = tag.partition("-")
        if mark in {"I", "E"} and start >= 0 and tag_kind == kind:
            if mark == "E":
                close(i + 1)
            continue
        close(i)
        if mark == "S":
            found.append(Entity(i, i + 1, tag_kind, text[i]))
        elif mark in {"B", "I"}:
            start, kind = i, tag_kind
        elif mark == "E":
            found.append(Entity(i, i + 1, tag_kind, text[i]))
    close(len(tags))
    return found


# --- training and tagging ---


def simplified_view(text: str) -> str:
    """``text`` in Simplified script when that keeps every offset, else ``text`` itself."""
    converted = to_simplified(text)
    return converted if len(converted) == len(text) else text


def train(
    examples: Iterable[Example],
    model_path: Path,
    *,
    gazetteer: Gazetteer = NO_GAZETTEER,
    max_iterations: int = MAX_ITERATIONS,
) -> Path:
    """Train a CRF on ``examples`` and write it to ``model_path`` (deterministic)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        text = simplified_view(example.text)
        trainer.append(features(text, gazetteer), labels(text, example.entities))
    trainer.set_params(
        {
            "c1": C1,
            "c2": C2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    partial = model_path.with_name(model_path.name + ".part")
    trainer.train(str(partial))
    partial.replace(model_path)
    return model_path


class Tagger:
    """A trained model that finds entities in text."""

    def __init__(self, model_path: Path, gazetteer: Gazetteer = NO_GAZETTEER) -> None:
        import pycrfsuite

        if not model_path.is_file():
            raise IntelError("no_model", where=str(model_path))
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self.gazetteer = gazetteer

    def entities(self, text: str) -> list[Entity]:
        """Entities in ``text`` (any script), with offsets into ``text``."""
        found: list[Entity] = []
        for start, sentence in sentences(text):
            view = simplified_view(sentence)
            tags = self._tagger.tag(features(view, self.gazetteer))
            found.extend(
                Entity(
                    start + e.start, start + e.end, e.type, text[start + e.start : start + e.end]
                )
                for e in entities_from_labels(view, tags)
            )
        return found


_BREAKS: Final = frozenset("。！？!?；;\n")


def sentences(text: str, longest: int = 200) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pieces of ``text``; long ones are cut at commas or at ``longest``."""
    start = 0
    for i, char in enumerate(text):
        if char in _BREAKS or i - start + 1 >= longest:
            if text[start : i + 1].strip():
                yield start, text[start : i + 1]
            start = i + 1
    if text[start:].strip():
        yield start, text[start:]


# --- evaluation ---


@dataclass(frozen=True, slots=True)
class Score:
    """Exact-span precision, recall and F1 of one entity type (or of all, ``type == "all"``)."""

    type: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def evaluate(gold: Sequence[Example], predicted: Sequence[Sequence[Entity]]) -> list[Score]:
    """Per-type and overall exact-match scores (CLUENER's own measure: micro over spans)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for example, found in zip(gold, predicted, strict=True):
        expected = {(e.start, e.end, e.type) for e in example.entities}
        got = {(e.start, e.end, e.type) for e in found}
        for _, _, kind in expected:
            counts[kind][0] += 1
        for _, _, kind in got:
            counts[kind][1] += 1
        for _, _, kind in expected & got:
            counts[kind][2] += 1
    scores = [Score(kind, *counts[kind]) for kind in sorted(counts)]
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return [*scores, Score("all", *total)]
