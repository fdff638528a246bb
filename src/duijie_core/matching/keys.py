"""Normalised keys and search tokens of many strings at once (for building indexes).

:func:`duijie_core.text.normalise` costs one OpenCC call per string; an index over
300,000 investors and 180,000 deals would make about a million of them.
:func:`normalise_all` gives exactly the same keys with one OpenCC call for all
distinct strings (joined by a private-use separator that no conversion rule
contains), and :func:`field_tokens` tokenises each distinct field value once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from duijie_core.matching.text_model import text_tokens
from duijie_core.text import normalise, to_simplified

SEPARATOR = "\ue000"  # Unicode private use: unchanged by NFKC, OpenCC and casefold
_WHITESPACE = re.compile(r"\s+")


def normalise_all(texts: Iterable[str]) -> dict[str, str]:
    """``{text: normalise(text)}`` for every distinct text, with one script conversion."""
    distinct = list(dict.fromkeys(texts))
    composed = [unicodedata.normalize("NFKC", t) for t in distinct]
    if any(SEPARATOR in t for t in composed):
        return {t: normalise(t) for t in distinct}
    converted = to_simplified(SEPARATOR.join(composed)).casefold().split(SEPARATOR)
    if len(converted) != len(distinct):  # pragma: no cover - a converter that ate the separator
        return {t: normalise(t) for t in distinct}
    return {
        t: _WHITESPACE.sub(" ", key).strip() for t, key in zip(distinct, converted, strict=True)
    }


def field_tokens(fields: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """Per document, the tokens of its fields joined by spaces, each distinct value tokenised once.

    Equal to ``set(text_tokens(" ".join(document)))``: fields are separated by a
    space, and tokens never span whitespace.
    """
    cache: dict[str, tuple[str, ...]] = {}
    out = []
    for document in fields:
        tokens: set[str] = set()
        for value in document:
            if value not in cache:
                cache[value] = _tokens(value) if value else ()
            tokens.update(cache[value])
        out.append(frozenset(tokens))
    return out


def _tokens(text: str) -> tuple[str, ...]:
    """``text_tokens`` without filling its (query-sized) cache with index documents."""
    return text_tokens.__wrapped__(text)
