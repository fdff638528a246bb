"""Chinese-aware text keys for matching and search.

Users type Traditional or Simplified Chinese, full-width or half-width
characters, upper or lower case; the same project must be found either way.
`normalise` produces the *key* for comparing and searching text. It is never
shown to anyone: proper names are displayed as the source wrote them.

Script conversion uses OpenCC (configs ``t2s`` and ``s2hk``); the converters
are built lazily, once per process. Word segmentation uses rjieba.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import opencc
import rjieba
from pypinyin import lazy_pinyin

from duijie_core import hk_glossary

__all__ = [
    "normalise",
    "pinyin",
    "search_tokens",
    "simplified_only",
    "to_simplified",
    "to_traditional",
]

# Han ideographs: CJK Unified (incl. Extension A), Compatibility, and the supplementary planes.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD = re.compile(rf"(?:(?![{_HAN}])[^\W_])+")
_PIECE = re.compile(rf"[{_HAN}]+|(?:(?![{_HAN}])[^\W_])+")
_WHITESPACE = re.compile(r"\s+")


@functools.cache
def _converter(config: str) -> Any:
    """Return the OpenCC converter for `config`, built on first use and then reused."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (OpenCC ``t2s``); other text is unchanged."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Convert Simplified Chinese to Hong Kong Traditional: OpenCC ``s2hk``, then
    our Hong Kong glossary (:mod:`duijie_core.hk_glossary`: 匯入, 發佈, 活動週 …)."""
    return hk_glossary.apply(str(_converter("s2hk").convert(text)))


def simplified_only(text: str) -> list[str]:
    """The characters of ``text`` that Traditional Chinese does not use, in order, distinct.

    A character counts when OpenCC ``s2t`` changes it and it is not one of the
    characters Hong Kong also writes (:data:`duijie_core.hk_glossary.ALSO_TRADITIONAL`).
    """
    found: dict[str, None] = {}
    for char in _HAN_RUN.findall(text):
        for c in char:
            if c not in hk_glossary.ALSO_TRADITIONAL and _converter("s2t").convert(c) != c:
                found.setdefault(c, None)
    return list(found)


def pinyin(text: str, *, name: bool = False) -> str:
    """Hanyu Pinyin of the Han characters in ``text``, one lower-case word per rjieba word
    (``name=True``: one word per run of Han characters, as a proper name is written).

    Other characters are kept; no tone marks; a syllable starting with a, e or o
    inside a word gets an apostrophe (xi'an). For search keys and romanised
    names (callers capitalise); it is a romanisation, never a translation. (Entity
    resolution compares names on every reading of a heteronym instead:
    :func:`duijie_core.resolution.romanise.pinyin_keys`.)
    """
    pieces = []
    for piece in _PIECE.findall(unicodedata.normalize("NFKC", to_simplified(text))):
        if not _HAN_RUN.fullmatch(piece):
            pieces.append(piece)
            continue
        pieces += [_syllables(word) for word in ([piece] if name else rjieba.cut(piece))]
    return " ".join(pieces)


def _syllables(word: str) -> str:
    syllables = lazy_pinyin(word)
    return syllables[0] + "".join(f"'{s}" if s[:1] in "aeo" else s for s in syllables[1:])


def normalise(text: str) -> str:
    """Return the matching/search key of `text`; never use it for display.

    Steps, in order: Unicode NFKC (full-width letters, digits and punctuation
    become half-width), Traditional → Simplified, casefold, and every run of
    whitespace becomes one space (leading/trailing whitespace removed).
    """
    key = unicodedata.normalize("NFKC", text)
    key = to_simplified(key).casefold()
    return _WHITESPACE.sub(" ", key).strip()


def search_tokens(text: str) -> list[str]:
    """Return the search tokens of `text`, normalised, without duplicates, in order of appearance.

    - a run of letters/digits outside Han script is one token (``"5g"``, ``"bydx"``);
    - a run of Han characters gives its rjieba words, then every character
      bigram (so any 2-character query such as 电池 is found inside longer
      words), then every single character (so 1-character queries are found).

    A query and a document go through the same function, so Traditional and
    Simplified spellings give the same tokens.
    """
    tokens: dict[str, None] = {}
    for piece in _PIECE.findall(normalise(text)):
        for token in _piece_tokens(piece):
            tokens.setdefault(token, None)
    return list(tokens)


def _piece_tokens(piece: str) -> list[str]:
    """Tokens of one piece: a Han run (words, bigrams, characters) or one latin/digit word."""
    if not _HAN_RUN.fullmatch(piece):
        return [piece]
    words = [word for word in rjieba.cut(piece) if len(word) > 1]
    bigrams = [piece[i : i + 2] for i in range(len(piece) - 1)]
    return [*words, *bigrams, *piece]
