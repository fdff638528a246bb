"""Behaviour learned from the deal history, computed for all investors at once.

:class:`HistoryIndex` keeps the deals as numpy arrays (one row per deal, one row
per deal–investor pair) plus posting lists by industry, round, city and company.
Every per-query statistic masks the deals dated *before the query's date* and
weights them by recency (half-life decay), so one index serves queries at any
date without leakage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.model import Deal
from duijie_core.matching.signals import log_amount, round_key
from duijie_core.matching.taxonomy import RELATION_SCORES, Industry, IndustryTaxonomy
from duijie_core.matching.text_model import Embedder, EmbeddingIndex, TfidfIndex
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class QueryKeys:
    """The normalised keys of a query that behaviour statistics look up."""

    day: int
    industry: Industry | None
    round: str
    city: str
    company: str
    text: str
    log_amount: float | None


def saturate(x: FloatArray, scale: float = 1.0) -> FloatArray:
    """Map counts in [0, inf) to [0, 1): ``1 - exp(-x / scale)``."""
    return 1.0 - np.exp(-x / scale)


class HistoryIndex:
    """Deals and investors as arrays; behaviour signals for one query over all investors."""

    def __init__(
        self,
        deals: Sequence[Deal],
        taxonomy: IndustryTaxonomy | None,
        investor_keys: dict[str, int],
        embedder: Embedder | None = None,
    ) -> None:
        self.deals = list(deals)
        self.taxonomy = taxonomy
        self.n_investors = len(investor_keys)
        self.day = np.array([d.date.toordinal() for d in self.deals], dtype=np.int64)
        self.log_amount = np.array([_or_nan(log_amount(d.amount)) for d in self.deals])
        self._build_pairs(investor_keys)
        self._build_postings()
        texts = [f"{d.company} {d.industry} {d.description}" for d in self.deals]
        self.text = TfidfIndex(texts)
        self.embedding = EmbeddingIndex(embedder, texts) if embedder is not None else None
        self._by_day: dict[tuple[str, int], FloatArray] = {}

    def _build_pairs(self, investor_keys: dict[str, int]) -> None:
        deal_of, inv_of = [], []
        for i, deal in enumerate(self.deals):
            for name in deal.investors:
                deal_of.append(i)
                inv_of.append(investor_keys[normalise(name)])
        self.pair_deal = np.asarray(deal_of, dtype=np.int64)
        self.pair_inv = np.asarray(inv_of, dtype=np.int64)
        counts = np.bincount(self.pair_deal, minlength=len(self.deals))
        self.deal_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        order = np.argsort(self.pair_inv, kind="stable")
        self.inv_pairs = order
        inv_counts = np.bincount(self.pair_inv, minlength=self.n_investors)
        self.inv_ptr = np.concatenate([[0], np.cumsum(inv_counts)]).astype(np.int64)
        first = np.full(self.n_investors, np.iinfo(np.int64).max)
        np.minimum.at(first, self.pair_inv, self.day[self.pair_deal])
        self.first_day = first

    def _build_postings(self) -> None:
        lists: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, deal in enumerate(self.deals):
            node = self.taxonomy.lookup(deal.industry) if self.taxonomy else None
            if node is not None:
                for level, key in _industry_keys(node, self.taxonomy):
                    lists[(level, key)].append(i)
            for kind, key in (
                ("round", round_key(deal.round)),
                ("city", normalise(deal.city)),
                ("company", normalise(deal.company)),
            ):
                if key:
                    lists[(kind, key)].append(i)
        self.postings = {k: np.asarray(v, dtype=np.int64) for k, v in lists.items()}

    def keys(
        self,
        *,
        date: dt.date,
        industry: str,
        round: str,
        city: str,
        company: str,
        text: str,
        amount_log: float | None,
    ) -> QueryKeys:
        """Normalise a query's fields once."""
        node = self.taxonomy.lookup(industry) if self.taxonomy and industry else None
        return QueryKeys(
            date.toordinal(),
            node,
            round_key(round),
            normalise(city),
            normalise(company),
            text,
            amount_log,
        )

    def visible_deals(self, day: int) -> BoolArray:
        """Deals strictly before ``day``."""
        return self.day < day

    def decay(self, day: int, half_life: float) -> FloatArray:
        """Recency weight of every deal for a query on ``day`` (0 for later deals)."""
        age = (day - self.day).astype(np.float64)
        return np.where(age > 0, np.power(0.5, np.maximum(age, 0.0) / half_life), 0.0)

    def per_investor(self, deals: IntArray, weights: FloatArray) -> FloatArray:
        """Sum ``weights[deal]`` over the investors of each deal in ``deals``."""
        if len(deals) == 0:
            return np.zeros(self.n_investors)
        starts, ends = self.deal_ptr[deals], self.deal_ptr[deals + 1]
        lengths = ends - starts
        pairs = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        w = np.repeat(weights[deals], lengths)
        return np.bincount(self.pair_inv[pairs], weights=w, minlength=self.n_investors)

    def posting(self, kind: str, key: str) -> IntArray:
        """Deals indexed under ``(kind, key)`` (empty when none)."""
        return self.postings.get((kind, key), np.zeros(0, dtype=np.int64))

    def industry_counts(self, q: QueryKeys, decay: FloatArray) -> FloatArray:
        """Recency-weighted count of past deals in related industries, weighted by closeness."""
        total = np.zeros(self.n_investors)
        if q.industry is None or self.taxonomy is None:
            return total
        taken = np.zeros(len(self.deals), dtype=np.bool_)
        for level, key in _industry_keys(q.industry, self.taxonomy):
            deals = self.posting(level, key)
            deals = deals[~taken[deals]]
            taken[deals] = True
            total += RELATION_SCORES[level] * self.per_investor(deals, decay)
        return total

    def activity(self, day: int, decay: FloatArray) -> FloatArray:
        """Recency-weighted number of past deals of every investor (cached per day)."""
        key = ("activity", day)
        if key not in self._by_day:
            self._remember(
                key,
                np.bincount(
                    self.pair_inv, weights=decay[self.pair_deal], minlength=self.n_investors
                ),
            )
        return self._by_day[key]

    def _remember(self, key: tuple[str, int], value: FloatArray) -> None:
        if len(self._by_day) >= 16:
            self._by_day.pop(next(iter(self._by_day)))
        self._by_day[key] = value

    def typical_ticket(self, day: int, visible: BoolArray) -> FloatArray:
        """Mean log10 CNY amount of each investor's visible deals with a known amount."""
        key = ("ticket", day)
        if key not in self._by_day:
            self._remember(key, self._typical_ticket(visible))
        return self._by_day[key]

    def _typical_ticket(self, visible: BoolArray) -> FloatArray:
        known = visible & ~np.isnan(self.log_amount)
        w = known[self.pair_deal].astype(np.float64)
        values = np.where(known, self.log_amount, 0.0)[self.pair_deal]
        total = np.bincount(self.pair_inv, weights=values * w, minlength=self.n_investors)
        count = np.bincount(self.pair_inv, weights=w, minlength=self.n_investors)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / np.maximum(count, 1.0), np.nan)

    def similar_text(
        self, text: str, visible: BoolArray
    ) -> tuple[FloatArray, FloatArray, IntArray]:
        """Best lexical (and embedding) similarity of ``text`` to each investor's past deals.

        Also returns, per investor, the past deal with the best lexical score (-1 if none).
        """
        lexical, best_deal = self._best_per_investor(self.text.scores(text, visible))
        if self.embedding is None:
            return lexical, np.zeros(self.n_investors), best_deal
        embedded, _ = self._best_per_investor(self.embedding.scores(text, visible))
        return lexical, embedded, best_deal

    def _best_per_investor(self, deal_scores: FloatArray) -> tuple[FloatArray, IntArray]:
        best = np.zeros(self.n_investors)
        best_deal = np.full(self.n_investors, -1, dtype=np.int64)
        hit = np.nonzero(deal_scores > 0)[0]
        if len(hit):
            lengths = self.deal_ptr[hit + 1] - self.deal_ptr[hit]
            pairs = np.repeat(
                self.deal_ptr[hit] - np.cumsum(lengths) + lengths, lengths
            ) + np.arange(lengths.sum())
            values = deal_scores[self.pair_deal[pairs]]
            order = np.lexsort(
                (-self.pair_deal[pairs], values)
            )  # ascending: the best is written last
            best[self.pair_inv[pairs[order]]] = values[order]
            best_deal[self.pair_inv[pairs[order]]] = self.pair_deal[pairs[order]]
        return best, best_deal

    def company_investors(self, company: str, visible: BoolArray) -> IntArray:
        """Investors in the company's visible earlier rounds."""
        deals = self.posting("company", company)
        deals = deals[visible[deals]]
        pairs = np.concatenate(
            [np.arange(self.deal_ptr[d], self.deal_ptr[d + 1]) for d in deals]
            or [np.zeros(0, dtype=np.int64)]
        )
        return np.unique(self.pair_inv[pairs.astype(np.int64)])

    def co_investment(self, partners: IntArray, visible: BoolArray) -> FloatArray:
        """How often each investor co-invested (visible deals) with any of ``partners``."""
        if len(partners) == 0:
            return np.zeros(self.n_investors)
        pairs = np.concatenate(
            [self.inv_pairs[self.inv_ptr[p] : self.inv_ptr[p + 1]] for p in partners]
        )
        deals = np.unique(self.pair_deal[pairs])
        deals = deals[visible[deals]]
        counts = self.per_investor(deals, np.ones(len(self.deals)))
        counts[partners] = 0.0
        return counts

    def deal_indices(self, investor: int, visible: BoolArray) -> IntArray:
        """Indices of the investor's visible deals."""
        deals = self.pair_deal[self.inv_pairs[self.inv_ptr[investor] : self.inv_ptr[investor + 1]]]
        return deals[visible[deals]]

    def deals_of(self, investor: int, visible: BoolArray) -> list[Deal]:
        """The investor's visible deals, newest first (for reasons)."""
        deals = self.deal_indices(investor, visible)
        return sorted((self.deals[int(d)] for d in deals), key=lambda d: d.date, reverse=True)


def _industry_keys(node: Industry, taxonomy: IndustryTaxonomy | None) -> list[tuple[str, str]]:
    """Posting keys of a node from the closest to the loosest relation."""
    keys = [("exact", node.code)]
    if node.group:
        keys.append(("group", node.group))
    if node.division:
        keys.append(("division", node.division))
    chain = taxonomy.key_industry(node) if taxonomy is not None else None
    if chain is not None:
        keys.append(("related", chain))
    keys.append(("section", node.section))
    return keys


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else value
