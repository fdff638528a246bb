"""Offline evaluation: temporal split of a deal history, ranking metrics, baselines.

Each held-out deal becomes a query dated on its own date; a ranker sees only
deals before that date; the relevant answers are the deal's named investors.
Metrics: recall@k, NDCG@10, MRR (first relevant) and catalogue coverage (share
of candidates recommended to at least one query in the top 20).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from duijie_core.matching.engine import Matcher
from duijie_core.matching.model import Deal, ProjectQuery
from duijie_core.matching.taxonomy import IndustryTaxonomy
from duijie_core.text import normalise

Ranker = Callable[[ProjectQuery, int], list[str]]
KS = (10, 20, 50)


@dataclass(frozen=True)
class Scores:
    """One row of the evaluation table."""

    method: str
    n_queries: int
    recall: dict[int, float]
    ndcg10: float
    mrr: float
    coverage: float


def temporal_split(
    deals: Sequence[Deal], test_fraction: float = 0.2
) -> tuple[list[Deal], list[Deal]]:
    """Deals before and from the date at the ``1 - test_fraction`` quantile."""
    ordered = sorted(deals, key=lambda d: d.date)
    cutoff = ordered[int(len(ordered) * (1 - test_fraction))].date
    return [d for d in ordered if d.date < cutoff], [d for d in ordered if d.date >= cutoff]


def as_query(deal: Deal, i: int) -> ProjectQuery:
    """The query a held-out deal stands for (its investors hidden)."""
    return ProjectQuery.of_deal(deal, f"q{i}")


def evaluate(
    name: str,
    ranker: Ranker,
    test: Sequence[Deal],
    known: Callable[[Deal], set[str]],
    n_candidates: int,
) -> Scores:
    """Score ``ranker`` on held-out deals; only investors seen before count as relevant."""
    recalls: dict[int, list[float]] = {k: [] for k in KS}
    ndcgs, rrs, shown = [], [], set()
    for i, deal in enumerate(test):
        relevant = known(deal)
        if not relevant:
            continue
        ranked = [normalise(n) for n in ranker(as_query(deal, i), max(KS))]
        shown.update(ranked[:20])
        for k in KS:
            recalls[k].append(len(relevant & set(ranked[:k])) / len(relevant))
        ndcgs.append(_ndcg(ranked[:10], relevant))
        rrs.append(next((1.0 / r for r, n in enumerate(ranked, 1) if n in relevant), 0.0))
    return Scores(
        name,
        len(rrs),
        {k: _mean(v) for k, v in recalls.items()},
        _mean(ndcgs),
        _mean(rrs),
        round(len(shown) / max(n_candidates, 1), 4),
    )


def _mean(values: Sequence[float]) -> float:
    return round(float(np.mean(values)) if values else 0.0, 4)


def _ndcg(ranked: list[str], relevant: set[str]) -> float:
    gain = sum(1.0 / math.log2(r + 1) for r, n in enumerate(ranked, 1) if n in relevant)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), len(ranked)) + 1))
    return gain / ideal if ideal else 0.0


class Baselines:
    """Popularity baselines over the history before each query's date."""

    def __init__(
        self, deals: Sequence[Deal], taxonomy: IndustryTaxonomy | None, half_life: float = 365.0
    ) -> None:
        self.deals = sorted(deals, key=lambda d: d.date)
        self.taxonomy = taxonomy
        self.half_life = half_life

    def _visible(self, query: ProjectQuery) -> list[Deal]:
        return [d for d in self.deals if d.date < query.date]

    def popularity(self, query: ProjectQuery, k: int) -> list[str]:
        """Most deals overall."""
        return _top(Counter(n for d in self._visible(query) for n in d.investors), k)

    def recent_popularity(self, query: ProjectQuery, k: int) -> list[str]:
        """Most deals, each weighted by 0.5 ** (age / half-life)."""
        counts: dict[str, float] = defaultdict(float)
        for d in self._visible(query):
            for n in d.investors:
                counts[n] += 0.5 ** ((query.date - d.date).days / self.half_life)
        return _top(counts, k)

    def industry_popularity(self, query: ProjectQuery, k: int) -> list[str]:
        """Most deals in the same GB/T division, then overall popularity."""
        division = self._division(query.industry)
        same = Counter(
            n
            for d in self._visible(query)
            if division and self._division(d.industry) == division
            for n in d.investors
        )
        first = _top(same, k)
        return (
            first
            + [n for n in self.popularity(query, k + len(first)) if n not in set(first)][
                : k - len(first)
            ]
        )

    def _division(self, label: str) -> str:
        node = self.taxonomy.lookup(label) if self.taxonomy and label else None
        return node.division or node.code if node is not None else ""


def _top(counts: dict[str, float] | Counter[str], k: int) -> list[str]:
    return [n for n, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k]]


def matcher_ranker(matcher: Matcher) -> Ranker:
    """A ranker from a fitted matcher (scores only, no reasons: faster)."""

    def rank(query: ProjectQuery, k: int) -> list[str]:
        table = matcher.score_table(query)
        return [matcher.candidates_[int(i)].name for i in table.ranked(k)]

    return rank


def known_investors(deals: Sequence[Deal]) -> Callable[[Deal], set[str]]:
    """For a held-out deal, its investors that appear in an earlier deal."""
    first: dict[str, object] = {}
    for d in sorted(deals, key=lambda d: d.date):
        for n in d.investors:
            first.setdefault(normalise(n), d.date)
    return lambda deal: {normalise(n) for n in deal.investors if first[normalise(n)] < deal.date}  # type: ignore[operator]


def training_pairs(
    matcher: Matcher, queries: Sequence[tuple[ProjectQuery, set[str]]], negatives: int, seed: int
) -> tuple[list[dict[str, float]], list[bool]]:
    """Signal vectors of true investors (positives) and of random eligible others (negatives)."""
    rng = np.random.default_rng(seed)
    vectors: list[dict[str, float]] = []
    outcomes: list[bool] = []
    for query, relevant in queries:
        table = matcher.score_table(query)
        pool = np.nonzero(table.eligible)[0]
        names = [matcher.candidates_[int(i)].name for i in rng.permutation(pool)[: negatives * 2]]
        neg = [n for n in names if normalise(n) not in relevant]
        chosen = list(rng.permutation(neg)[:negatives]) if neg else []
        pos = [n for n in (matcher.candidates_[matcher.candidate_keys_[r]].name for r in relevant)]
        for row, outcome in zip(
            matcher.signal_vector(query, pos + chosen),
            [True] * len(pos) + [False] * len(chosen),
            strict=True,
        ):
            vectors.append(row)
            outcomes.append(outcome)
    return vectors, outcomes
