"""Splitting the investors cell of a financing-event spreadsheet into organisation names.

The source writes several investors in one cell, separated by spaces, commas or 、 — but
English names contain spaces ("Lightspeed Venture Partners Accel Partners"). The rule:

1. split on hard separators: ``,`` ``，`` ``、`` ``;`` ``；`` ``/`` and line breaks;
2. split on a space when the character before or after it is not Latin (Han, full-width
   brackets …): ``IDG资本 名信中国成长基金`` → two names, ``Venrock 通和资本`` → two;
3. a run of Latin words is split where a *known name* (an organisation already in the
   directory, compared normalised) starts or ends — longest known name first; the rest of
   the run is split after a suffix word (Capital, Ventures, Partners, Fund, VC …) unless
   the next word is a suffix word too (``Lightspeed Venture Partners`` stays one name);
4. placeholders (未披露机构, 个人投资者, 投资方未知 …) are dropped.

Pure Python (no Django) so it can be fuzzed on its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from duijie_core.text import normalise

HARD_SEPARATORS = re.compile(r"[,，、;；/\n]+")
LATIN = re.compile(r"[A-Za-z0-9&.'\-+!()]")
SUFFIX_WORDS = frozenset(
    [
        "capital",
        "ventures",
        "venture",
        "partners",
        "partner",
        "fund",
        "funds",
        "vc",
        "invest",
        "investment",
        "investments",
        "group",
        "corp",
        "corporation",
        "labs",
        "lab",
        "angels",
        "holdings",
        "management",
        "accelerator",
        "foundation",
        "limited",
        "ltd",
        "inc",
        "llc",
        "co.",
        "co",
        "plc",
        "advisors",
        "equity",
        "growth",
    ]
)
PLACEHOLDERS = frozenset(
    normalise(p)
    for p in [
        "未披露机构",
        "未披露",
        "未透露",
        "不详",
        "个人投资者",
        "个人天使",
        "投资方未知",
        "未知",
    ]
)


def _is_latin(char: str) -> bool:
    return bool(LATIN.fullmatch(char))


def latin_runs(part: str) -> list[list[str]]:
    """Words of ``part`` grouped into runs; a space next to a non-Latin character splits."""
    runs: list[list[str]] = []
    for word in part.split():
        if runs and _is_latin(runs[-1][-1][-1]) and _is_latin(word[0]):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _known_length(words: list[str], start: int, known: Collection[str]) -> int:
    """How many words from ``start`` form the longest known name (0 if none)."""
    for end in range(len(words), start, -1):
        if normalise(" ".join(words[start:end])) in known:
            return end - start
    return 0


def split_run(words: list[str], known: Collection[str] = ()) -> list[str]:
    """Names in one run of Latin words (rule 3 of the module docstring)."""
    names: list[str] = []
    current: list[str] = []
    position = 0
    while position < len(words):
        length = _known_length(words, position, known)
        if length:
            names += [" ".join(current)] if current else []
            names.append(" ".join(words[position : position + length]))
            current, position = [], position + length
            continue
        current.append(words[position])
        following = words[position + 1] if position + 1 < len(words) else ""
        if words[position].casefold() in SUFFIX_WORDS and following.casefold() not in SUFFIX_WORDS:
            names.append(" ".join(current))
            current = []
        position += 1
    return names + ([" ".join(current)] if current else [])


def split_investors(cell: str, known: Collection[str] = ()) -> list[str]:
    """The investor names written in ``cell``, in order, without placeholders or repeats.

    ``known`` holds normalised names (``duijie_core.text.normalise``) of known organisations.
    """
    names: list[str] = []
    for part in HARD_SEPARATORS.split(cell or ""):
        for run in latin_runs(part):
            names += split_run(run, known) if len(run) > 1 else run
    kept = (n.strip() for n in names)
    return list(dict.fromkeys(n for n in kept if n and normalise(n) not in PLACEHOLDERS))
