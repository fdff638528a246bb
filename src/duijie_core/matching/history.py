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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.keys import field_tokens, normalise_all
from duijie_core.matching.model import Deal
from duijie_core.matching.signals import NEUTRAL, log_amount, round_key
from duijie_core.matching.taxonomy import RELATION_SCORES, Industry, IndustryTaxonomy
from duijie_core.matching.text_model import Embedder, EmbeddingIndex, TfidfIndex
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
ArrayT = TypeVar("ArrayT", bound=NDArray[Any])


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
    """Map counts in [0, inf) to [0, 1): ``1 - exp(-x / scale)`` (computed on non-zeros only)."""
    out = np.zeros(len(x))
    nonzero = np.flatnonzero(x)
    out[nonzero] = 1.0 - np.exp(-x[nonzero] / scale)
    return out


class HistoryIndex:
    """Deals and investors as arrays; behaviour signals for one query over all investors."""

    def __init__(
        self,
        deals: Sequence[Deal],
        taxonomy: IndustryTaxonomy | None,
        investor_keys: dict[str, int],
        embedder: Embedder | None = None,
        name_keys: dict[str, str] | None = None,
    ) -> None:
        """Index ``deals``; ``name_keys`` (raw investor name -> normalised) saves recomputing."""
        self.deals = list(deals)
        self.taxonomy = taxonomy
        self.n_investors = len(investor_keys)
        self.day = np.array([d.date.toordinal() for d in self.deals], dtype=np.int64)
        self.log_amount = _log_amounts(self.deals)
        if name_keys is None:
            name_keys = normalise_all(n for d in self.deals for n in d.investors)
        self._build_pairs(investor_keys, name_keys)
        self._build_postings()
        self.text = TfidfIndex.from_tokens(
            field_tokens([(d.company, d.industry, d.description) for d in self.deals])
        )
        self.embedding = (
            EmbeddingIndex(embedder, [f"{d.company} {d.industry} {d.description}" for d in deals])
            if embedder is not None
            else None
        )
        self._by_day: dict[tuple[object, ...], NDArray[Any]] = {}

    def _build_pairs(self, investor_keys: dict[str, int], name_keys: dict[str, str]) -> None:
        inv_of = [investor_keys[name_keys[name]] for deal in self.deals for name in deal.investors]
        sizes = np.fromiter((len(d.investors) for d in self.deals), np.int64, len(self.deals))
        self.pair_deal = np.repeat(np.arange(len(self.deals), dtype=np.int64), sizes)
        self.pair_inv = np.asarray(inv_of, dtype=np.int64)
        self.deal_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        order = np.argsort(self.pair_inv, kind="stable")
        self.inv_pairs = order
        inv_counts = np.bincount(self.pair_inv, minlength=self.n_investors)
        self.inv_ptr = np.concatenate([[0], np.cumsum(inv_counts)]).astype(np.int64)
        # the pairs' deals in investor order; investors with one deal and that deal; the
        # deals of investors with several, in investor order, and where each one's start
        self.inv_deal = self.pair_deal[self.inv_pairs]
        self.one_deal_investors = np.flatnonzero(inv_counts == 1)
        self.one_deal = self.inv_deal[self.inv_ptr[self.one_deal_investors]]
        self.many_deal_investors = np.flatnonzero(inv_counts > 1)
        many = inv_counts[self.many_deal_investors]
        self.many_deal_starts = (np.cumsum(many) - many).astype(np.int64)
        self.many_deals = self.inv_deal[
            np.repeat(self.inv_ptr[self.many_deal_investors] - self.many_deal_starts, many)
            + np.arange(int(many.sum()), dtype=np.int64)
        ]
        first = np.full(self.n_investors, np.iinfo(np.int64).max)
        np.minimum.at(first, self.pair_inv, self.day[self.pair_deal])
        self.first_day = first

    def _build_postings(self) -> None:
        """Posting lists per key, each distinct field value looked up once (not once per deal)."""
        lists: dict[tuple[str, str], list[IntArray]] = defaultdict(list)
        for value, deals in _groups([d.industry for d in self.deals]).items():
            node = self.taxonomy.lookup(value) if self.taxonomy else None
            if node is not None:
                for level_key in _industry_keys(node, self.taxonomy):
                    lists[level_key].append(deals)
        for value, deals in _groups([d.round for d in self.deals]).items():
            lists[("round", round_key(value))].append(deals)
        for kind in ("city", "company"):
            values = [getattr(d, kind) for d in self.deals]
            keys = normalise_all(values)
            for value, deals in _groups(values).items():
                lists[(kind, keys[value])].append(deals)
        self.postings = {
            k: np.sort(np.concatenate(v)) if len(v) > 1 else v[0]
            for k, v in lists.items()
            if k[1] or k[0] not in ("round", "city", "company")
        }

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
        """Deals strictly before ``day`` (cached per day; do not modify)."""
        return self.cached(("visible", day), lambda: self.day < day)

    def decay(self, day: int, half_life: float) -> FloatArray:
        """Recency weight of every deal for a query on ``day`` (0 for later deals; cached)."""

        def compute() -> FloatArray:
            age = (day - self.day).astype(np.float64)
            return np.where(age > 0, np.power(0.5, np.maximum(age, 0.0) / half_life), 0.0)

        return self.cached(("decay", day, half_life), compute)

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
        return self.cached(
            ("activity", day),
            lambda: np.bincount(
                self.pair_inv, weights=decay[self.pair_deal], minlength=self.n_investors
            ),
        )

    def cached(self, key: tuple[object, ...], compute: Callable[[], ArrayT]) -> ArrayT:
        """``compute()``, remembered under ``key`` (the 128 most recently used kept, read-only).

        Keys hold the query day: the statistics of one day serve every query of
        that day (a batch of projects is usually run for one date).
        """
        value = self._by_day.pop(key, None)  # re-inserted below: least recently used goes first
        if value is None:
            value = compute()  # may itself remember arrays (e.g. activity before its score)
            value.flags.writeable = False
            while len(self._by_day) >= 128:
                self._by_day.pop(next(iter(self._by_day)))
        self._by_day[key] = value
        return cast(ArrayT, value)

    def activity_score(self, day: int, decay: FloatArray) -> FloatArray:
        """Activity as a score: ``log1p(activity) / log1p(max activity)`` (cached per day)."""

        def compute() -> FloatArray:
            activity = self.activity(day, decay)
            scale: float = np.log1p(max(float(activity.max()), 1e-9))
            return np.log1p(activity) / scale

        return self.cached(("activity_score", day), compute)

    def ticket_behaviour(self, day: int, visible: BoolArray, log_a: float) -> FloatArray:
        """Typical past ticket vs ``log_a``: ×0.5 per decade, 0.25 when none known (cached)."""

        def compute() -> FloatArray:
            typical = self.typical_ticket(day, visible)
            closeness = np.power(0.5, np.abs(typical - log_a))
            return np.where(np.isnan(typical), NEUTRAL * 0.5, closeness)

        return self.cached(("ticket_behaviour", day, log_a), compute)

    def seen_before(self, day: int) -> BoolArray:
        """Investors whose first deal is strictly before ``day`` (cached per day)."""
        return self.cached(("seen", day), lambda: self.first_day < day)

    def typical_ticket(self, day: int, visible: BoolArray) -> FloatArray:
        """Mean log10 CNY amount of each investor's visible deals with a known amount."""
        return self.cached(("ticket", day), lambda: self._typical_ticket(visible))

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
    ) -> tuple[FloatArray, FloatArray, BestDeals]:
        """Best lexical (and embedding) similarity of ``text`` to each investor's past deals.

        Also returns, per investor, the past deal with the best lexical score (-1 if none),
        found on demand for the investors asked for (:class:`BestDeals`).
        """
        deal_scores = self.text.scores(text, visible)
        lexical = self.best_per_investor(deal_scores)
        best_deal = BestDeals(self, deal_scores, lexical)
        if self.embedding is None:
            return lexical, np.zeros(self.n_investors), best_deal
        embedded = self.best_per_investor(self.embedding.scores(text, visible))
        return lexical, embedded, best_deal

    def best_per_investor(self, deal_scores: FloatArray) -> FloatArray:
        """Per investor the best positive score of its deals (0 when none is positive).

        An investor with one deal takes its score; one with several the maximum over its
        stretch of the investor-ordered pairs (``reduceat`` costs per stretch, and most
        investors have a single deal).
        """
        best = np.zeros(self.n_investors)
        best[self.one_deal_investors] = deal_scores[self.one_deal]
        if len(self.many_deal_investors):
            best[self.many_deal_investors] = np.maximum.reduceat(
                deal_scores[self.many_deals], self.many_deal_starts
            )
        return np.maximum(best, 0.0, out=best)

    def best_deals(
        self, deal_scores: FloatArray, best: FloatArray, investors: IntArray
    ) -> IntArray:
        """For each of ``investors``, its deal scoring ``best`` (its best positive score),
        the lowest index on ties; -1 when it has no deal scoring above 0."""
        starts, ends = self.inv_ptr[investors], self.inv_ptr[investors + 1]
        lengths = ends - starts
        out = np.full(len(investors), -1, dtype=np.int64)
        if not lengths.sum():
            return out
        offsets = np.cumsum(lengths) - lengths
        pairs = np.repeat(starts - offsets, lengths) + np.arange(lengths.sum())
        deals = self.inv_deal[pairs]
        target = np.repeat(best[investors], lengths)
        found = np.where((deal_scores[deals] == target) & (target > 0), deals, len(self.deals))
        some = lengths > 0
        lowest = np.minimum.reduceat(found, offsets[some])
        out[some] = np.where(lowest < len(self.deals), lowest, -1)
        return out

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


def _log_amounts(deals: Sequence[Deal]) -> FloatArray:
    """log10 CNY of every deal's amount (NaN when unknown), each distinct amount read once."""
    known: dict[object, float] = {}
    out = np.empty(len(deals))
    for i, deal in enumerate(deals):
        value = known.get(deal.amount)
        if value is None:
            value = known[deal.amount] = _or_nan(log_amount(deal.amount))
        out[i] = value
    return out


def _groups(values: Sequence[str]) -> dict[str, IntArray]:
    """``value -> indices where it occurs`` (ascending), with one stable sort."""
    codes: dict[str, int] = {}
    coded = np.fromiter((codes.setdefault(v, len(codes)) for v in values), np.int64, len(values))
    order = np.argsort(coded, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(coded, minlength=len(codes)))])
    return {v: order[bounds[c] : bounds[c + 1]] for v, c in codes.items()}


class BestDeals:
    """Per investor, the past deal with its best text score (the lowest index on ties, -1
    when none scores above 0), worked out only for the investors asked for: indexed like
    an array by one investor or an array of them (the explanations need a few hundred of
    a query's investors, never all)."""

    def __init__(self, history: HistoryIndex, deal_scores: FloatArray, best: FloatArray):
        self.history, self.deal_scores, self.best = history, deal_scores, best

    def __getitem__(self, investors: int | IntArray) -> Any:
        found = self.history.best_deals(
            self.deal_scores, self.best, np.atleast_1d(np.asarray(investors, dtype=np.int64))
        )
        return found if np.ndim(investors) else found[0]
