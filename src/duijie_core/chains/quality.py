"""Placement quality measured on the listed companies themselves.

For every company with main products: the truth is the set of chains whose links hold its
Shenwan industry; the prediction is the set of chains the lexical placer finds from its product
names alone (industry and product-to-industry links hidden). Per chain: true positives,
false positives, false negatives, precision and recall (None when undefined).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from duijie_core.chains.knowledge import KnowledgeGraph
from duijie_core.chains.model import Chain
from duijie_core.chains.placement import Placer


class Counts:
    """Precision, recall and F1 from true positives, false positives and false negatives
    (rates rounded to 4 places; None where undefined)."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP)."""
        found = self.true_positives + self.false_positives
        return round(self.true_positives / found, 4) if found else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN)."""
        actual = self.true_positives + self.false_negatives
        return round(self.true_positives / actual, 4) if actual else None

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 where both are 0 or undefined)."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return round(2 * p * r / (p + r), 4) if p + r else 0.0


@dataclass(frozen=True)
class ChainQuality(Counts):
    """Counts and rates for one chain."""

    chain: str
    true_positives: int
    false_positives: int
    false_negatives: int


@dataclass(frozen=True)
class Evaluation:
    """Per-chain quality, the companies evaluated and those without products."""

    chains: tuple[ChainQuality, ...]
    companies: int
    without_products: int


def evaluate(
    graph: KnowledgeGraph, chains: Sequence[Chain], *, min_confidence: float = 0.0
) -> Evaluation:
    """Place every company from its product names only and compare with its industry.

    Placements below `min_confidence` (0.7 = at least two keywords of one link) are dropped.
    """
    placer = Placer(chains)
    counts = {chain.id: [0, 0, 0] for chain in chains}
    evaluated = without = 0
    for company in graph.companies:
        if not company.products:
            without += 1
            continue
        evaluated += 1
        truth = {
            chain for code in company.industries for chain, _ in placer.by_industry.get(code, ())
        }
        placements = placer.place_text(company.code, (name for name, _ in company.products))
        found = {p.chain for p in placements if p.confidence >= min_confidence}
        for chain in truth | found:
            counts[chain][
                0 if chain in truth and chain in found else 1 if chain in found else 2
            ] += 1
    return Evaluation(
        tuple(ChainQuality(chain.id, *counts[chain.id]) for chain in chains), evaluated, without
    )


def evaluation_to_json(
    evaluation: Evaluation, chains: Sequence[Chain], language: str
) -> dict[str, Any]:
    """The ``duijie chains evaluate`` output."""
    names = {chain.id: chain.names.in_language(language) for chain in chains}
    return {
        "companies": evaluation.companies,
        "without_products": evaluation.without_products,
        "chains": [
            {
                "id": q.chain,
                "name": names[q.chain],
                "true_positives": q.true_positives,
                "false_positives": q.false_positives,
                "false_negatives": q.false_negatives,
                "precision": q.precision,
                "recall": q.recall,
            }
            for q in evaluation.chains
        ],
    }
