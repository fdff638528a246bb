"""Two-stage recommender: candidate generation, then a learned re-ranker (LightGBM lambdarank).

Stage 1 (:func:`generate_candidates`) keeps at most ``n_candidates`` per query,
the union of the best of several sources over the matcher's score table:
follow-on (the company's earlier investors), co-investment neighbours, industry
× round × city affinity, text neighbours, the matcher's own score (mandates)
and recency-weighted popularity.

Stage 2 scores those candidates with a LightGBM ``lambdarank`` model over pair
features (:data:`FEATURES`): every signal of the matcher, its two interests,
graph features of the co-investment network (``graph.py``), activity by period
and the owner's side (``reciprocity.py``). The model is trained on the history
itself: every past deal is a query answered with the deals dated strictly
before it (the matcher masks later deals), its investors the positives. Only
deals before ``train_before`` train the model, so an evaluation can hold out a
period. Same data and ``random_state`` → the same model (``deterministic=True``,
fixed ``num_threads``).

The final score is the harmonic mean of the investor's interest (the model's
score through a logistic) and the project owner's (:func:`reciprocity.owner_interest`),
so a one-sided fit ranks low. Reasons are the top contributing features
(LightGBM ``pred_contrib``) as sentences in three languages.

Cold start: a query with few comparable deals (no earlier investors, fewer
than ``min_comparable`` visible deals in its industry or round) is ranked by
the matcher's score, i.e. by mandate fit, and says so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import lightgbm
import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.engine import MANDATE_DEFAULTS, Matcher, harmonic
from duijie_core.matching.explain import MIN_SHOWN, UNKNOWN_NOTES, explain
from duijie_core.matching.graph import (
    DealGraph,
    activity_by_period,
    personalised_pagerank,
    shared_co_investors,
)
from duijie_core.matching.model import (
    Deal,
    Exclusion,
    InvestorProfile,
    ProjectQuery,
    Reason,
    Recommendation,
    Recommendations,
    Signal,
)
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.reciprocity import investor_interest, owner_interest
from duijie_core.matching.score_table import ScoreTable, top_indices
from duijie_core.matching.spreading import LoadStats, spread_load
from duijie_core.matching.weights import SIGNALS
from duijie_core.problems import Problem
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

GRAPH_FEATURES = (
    "shared_co_investors",
    "pagerank",
    "deals_last_year",
    "deals_1_3_years",
    "deals_earlier",
    "years_since_last_deal",
    "follow_on_record",
)
FEATURES = (*SIGNALS, "investor_interest", "project_interest", "matcher_score", *GRAPH_FEATURES)
MATCHER_SCORE = FEATURES.index("matcher_score")
SOURCES = (
    "follow_on",
    "co_investment",
    "history_text",
    "history_industry",
    "activity",
)


@dataclass(frozen=True)
class QueryFeatures:
    """Candidates of one query (indices into ``matcher_.candidates_``) and their feature rows."""

    query: ProjectQuery
    table: ScoreTable
    candidates: IntArray
    features: FloatArray
    project_interest: FloatArray
    comparable: bool


@dataclass(frozen=True)
class Staged:
    """One query's pool for batch runs: candidates, final scores, investor interests."""

    built: QueryFeatures
    pool: IntArray
    score: FloatArray
    interest: FloatArray
    exclusions: tuple[tuple[Exclusion, ...], dict[str, int]]
    eligible: int


def generate_candidates(table: ScoreTable, n: int) -> IntArray:
    """At most ``n`` eligible, unfiltered candidates: the best of each source, sorted."""
    allowed = table.eligible & (table.failed == 0)
    share = max(n // (len(SOURCES) + 1), 1)
    picked = [table.ranked(share)]
    for name in SOURCES:
        signal = table.signals[name]
        some = np.flatnonzero(signal)
        some = some[allowed[some]]
        picked.append(some[top_indices(signal[some], share)])
    chosen = np.unique(np.concatenate(picked))
    if len(chosen) < n:
        extra = np.setdiff1d(table.ranked(n), chosen, assume_unique=True)
        best_first = table.ranked(n)[np.isin(table.ranked(n), extra)]
        chosen = np.unique(np.concatenate([chosen, best_first[: n - len(chosen)]]))
    return chosen[:n].astype(np.int64)


class LearnedRanker:
    """Candidate generation plus a LightGBM lambdarank re-ranker (see the module docstring).

    ``matcher`` is an unfitted :class:`Matcher` (its parameters are used; it is
    fitted in :meth:`fit` as ``matcher_``). Learned attributes: ``matcher_``,
    ``graph_``, ``model_`` (a LightGBM booster, or None when the history had
    fewer than ``min_queries`` usable queries: then the matcher's score ranks),
    ``n_train_queries_``, ``problems_``.
    """

    def __init__(
        self,
        matcher: Matcher | None = None,
        *,
        top_k: int = 20,
        n_candidates: int = 300,
        n_train_candidates: int = 100,
        max_train_queries: int = 2000,
        train_before: dt.date | None = None,
        n_estimators: int = 150,
        learning_rate: float = 0.05,
        num_leaves: int = 7,
        min_child_samples: int = 50,
        validation_fraction: float = 0.2,
        base_scale: float = 10.0,
        min_queries: int = 20,
        min_comparable: int = 3,
        n_reasons: int = 3,
        reciprocity: bool = True,
        num_threads: int = 1,
        random_state: int = 0,
    ) -> None:
        self.matcher = matcher
        self.top_k = top_k
        self.n_candidates = n_candidates
        self.n_train_candidates = n_train_candidates
        self.max_train_queries = max_train_queries
        self.train_before = train_before
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.validation_fraction = validation_fraction
        self.base_scale = base_scale
        self.min_queries = min_queries
        self.min_comparable = min_comparable
        self.n_reasons = n_reasons
        self.reciprocity = reciprocity
        self.num_threads = num_threads
        self.random_state = random_state

    # --- fitting ------------------------------------------------------------------------

    def fit(
        self, history: Sequence[Deal], profiles: Sequence[InvestorProfile] = ()
    ) -> LearnedRanker:
        """Fit the matcher on ``history``, then train the re-ranker on past deals as queries."""
        self.matcher_ = (self.matcher or Matcher()).fit(history, profiles)
        self.graph_ = DealGraph(self.matcher_.history_)
        self.problems_: list[Problem] = []
        groups = [g for g in map(self._training_group, self._training_deals(history)) if g]
        self.n_train_queries_ = len(groups)
        self.model_: lightgbm.Booster | None = None
        if len(groups) < self.min_queries:
            self.problems_.append(
                Problem(
                    "too_few_training_queries", {"count": len(groups), "minimum": self.min_queries}
                )
            )
            return self
        self.model_, self.n_rounds_ = self._train(groups)
        return self

    def _train(
        self, groups: list[tuple[FloatArray, FloatArray]]
    ) -> tuple[lightgbm.Booster | None, int]:
        """Boost from the matcher's score; the number of rounds is chosen on the latest queries.

        The last ``validation_fraction`` of the training queries (by date) validate: the
        rounds that give the best NDCG@20 there are kept (the model trained on the
        earlier queries, cut at that round). When no round beats the matcher's own
        order on the validation queries, there is no model (the matcher's score ranks).
        """
        cut = int(len(groups) * (1 - self.validation_fraction))
        record: dict[str, dict[str, list[float]]] = {}
        booster = lightgbm.train(
            self._params(),
            self._dataset(groups[:cut]),
            num_boost_round=self.n_estimators,
            valid_sets=[self._dataset(groups[cut:])],
            valid_names=["later"],
            callbacks=[lightgbm.record_evaluation(record)],
        )
        curve = record["later"]["ndcg@20"]
        best = int(np.argmax(curve)) + 1
        if curve[best - 1] <= _ndcg20([(self._base(f), y) for f, y in groups[cut:]]):
            return None, 0
        return booster, best

    def _base(self, features: FloatArray) -> FloatArray:
        """The boosting's starting score: the matcher's score, scaled."""
        return features[:, MATCHER_SCORE] * self.base_scale

    def _dataset(self, groups: list[tuple[FloatArray, FloatArray]]) -> lightgbm.Dataset:
        features = np.vstack([f for f, _ in groups])
        return lightgbm.Dataset(
            features,
            label=np.concatenate([y for _, y in groups]),
            group=[len(y) for _, y in groups],
            init_score=self._base(features),
            feature_name=list(FEATURES),
            free_raw_data=False,
        )

    def _params(self) -> dict[str, object]:
        return {
            "objective": "lambdarank",
            "metric": "ndcg",
            "eval_at": [20],
            "learning_rate": self.learning_rate,
            "num_leaves": self.num_leaves,
            "min_child_samples": self.min_child_samples,
            "deterministic": True,
            "force_row_wise": True,
            "num_threads": self.num_threads,
            "seed": self.random_state,
            "verbosity": -1,
        }

    def _training_deals(self, history: Sequence[Deal]) -> list[tuple[int, Deal]]:
        """The most recent deals before ``train_before`` with an investor seen earlier."""
        h, keys = self.matcher_.history_, self.matcher_.candidate_keys_
        limit = self.train_before or dt.date.max
        usable = []
        for i, deal in enumerate(history):
            if deal.date >= limit:
                continue
            known = [keys[normalise(n)] for n in deal.investors if normalise(n) in keys]
            if any(h.first_day[k] < deal.date.toordinal() for k in known):
                usable.append((i, deal))
        usable.sort(key=lambda item: (item[1].date, item[0]))
        return usable[-self.max_train_queries :]

    def _training_group(self, item: tuple[int, Deal]) -> tuple[FloatArray, FloatArray] | None:
        i, deal = item
        query = ProjectQuery(
            id=f"train{i}",
            date=deal.date,
            company=deal.company,
            industry=deal.industry,
            city=deal.city,
            round=deal.round,
            amount=deal.amount,
            description=deal.description,
        )
        built = self.features(query, self.n_train_candidates)
        keys = self.matcher_.candidate_keys_
        positive = {keys[normalise(n)] for n in deal.investors if normalise(n) in keys}
        labels = np.array([float(int(c) in positive) for c in built.candidates])
        return (built.features, labels) if labels.any() else None

    # --- features -----------------------------------------------------------------------

    def features(self, query: ProjectQuery, n: int) -> QueryFeatures:
        """Stage 1 and the feature rows of ``query`` (at most ``n`` candidates)."""
        m = self.matcher_
        table = m.score_table(query)
        rows = generate_candidates(table, n)
        h, day = m.history_, table.keys.day
        visible = h.visible_deals(day)
        partners = (
            h.company_investors(table.keys.company, visible)
            if table.keys.company
            else np.zeros(0, np.int64)
        )
        graph = {
            "shared_co_investors": shared_co_investors(self.graph_, partners, visible),
            "pagerank": personalised_pagerank(self.graph_, partners, day),
            **activity_by_period(self.graph_, day),
        }
        owner, record = owner_interest(self.graph_, table, day, rows)
        graph["follow_on_record"] = record
        columns = [table.signals[name][rows] for name in SIGNALS]
        columns += [table.investor[rows], table.project[rows], table.combined[rows]]
        columns += [graph[name][rows] for name in GRAPH_FEATURES[:-1]] + [record]
        return QueryFeatures(
            query,
            table,
            rows,
            np.column_stack(columns),
            owner,
            self._comparable(table, len(partners)),
        )

    def _comparable(self, table: ScoreTable, n_partners: int) -> bool:
        """Does the history know deals like this one (earlier investors, or enough peers)?"""
        if n_partners:
            return True
        h, keys = self.matcher_.history_, table.keys
        visible = h.visible_deals(keys.day)
        postings = []
        if keys.industry is not None:
            node = keys.industry
            postings.append(
                h.posting("division", node.division)
                if node.division
                else h.posting("exact", node.code)
            )
        if not postings and keys.round:
            postings.append(h.posting("round", keys.round))
        seen = sum(int(visible[p].sum()) for p in postings)
        return seen >= self.min_comparable

    # --- ranking ------------------------------------------------------------------------

    def scores(self, built: QueryFeatures) -> tuple[FloatArray, FloatArray]:
        """Final score and investor interest of each candidate of ``built``."""
        if self.model_ is None or not built.comparable:
            interest = built.table.investor[built.candidates]
        else:
            raw = self._base(built.features) + np.asarray(
                self.model_.predict(
                    built.features, num_iteration=self.n_rounds_, num_threads=self.num_threads
                )
            )
            interest = investor_interest(raw)
            cold = ~self._has_deals(built)[built.candidates]
            if cold.any() and not cold.all():
                interest[cold] = _placed_by_mandate(
                    built.table.investor[built.candidates][~cold],
                    interest[~cold],
                    self._mandate_fit(built.table, built.candidates[cold]),
                )
        if not self.reciprocity:
            return interest, interest
        return harmonic(interest, built.project_interest), interest

    def rank(self, query: ProjectQuery, k: int) -> list[str]:
        """Names of the best ``k`` candidates (no reasons; for the evaluation)."""
        built = self.features(query, self.n_candidates)
        score, _ = self.scores(built)
        best = built.candidates[top_indices(score, k)]
        return [self.matcher_.candidates_[int(i)].name for i in best]

    def recommend(self, query: ProjectQuery) -> Recommendations:
        """The top ``top_k`` with reasons (the top contributing features), as the matcher's."""
        staged = self.stage(query, 1)
        return self.package(staged, staged.pool[: self.top_k])

    def stage(self, query: ProjectQuery, pool_factor: int) -> Staged:
        """Score one query; keep its best ``top_k * pool_factor`` candidates and a small table."""
        built = self.features(query, self.n_candidates)
        score, interest = self.scores(built)
        best = top_indices(score, self.top_k * pool_factor)
        exclusions = self.matcher_.exclusions(query, built.table)
        eligible = int(built.table.eligible.sum())
        small = replace(
            built,
            table=built.table.restrict(built.candidates),
            candidates=built.candidates[best],
            features=built.features[best],
            project_interest=built.project_interest[best],
        )
        return Staged(
            small, built.candidates[best], score[best], interest[best], exclusions, eligible
        )

    def package(self, staged: Staged, kept: IntArray) -> Recommendations:
        """Recommendations with reasons for the kept candidates (indices, best first)."""
        position = {int(c): j for j, c in enumerate(staged.pool)}
        order = np.array([position[int(c)] for c in kept], dtype=np.int64)
        contributions = self._contributions(staged.built, order)
        items = tuple(
            self._item(
                staged.built,
                int(j),
                rank,
                float(staged.score[j]),
                float(staged.interest[j]),
                None if contributions is None else contributions[rank - 1],
            )
            for rank, j in enumerate(order, 1)
        )
        listed, counts = staged.exclusions
        return Recommendations(staged.built.query.id, items, listed, counts, staged.eligible)

    def recommend_all(
        self, queries: Sequence[ProjectQuery], capacity: int | None = None, pool_factor: int = 20
    ) -> tuple[list[Recommendations], LoadStats, LoadStats]:
        """Recommendations for every query, load-spread when ``capacity`` is given."""
        staged = [self.stage(q, pool_factor) for q in queries]
        pools = [(s.pool, s.score) for s in staged]
        before = [pool[: self.top_k] for pool, _ in pools]
        kept = before
        if capacity is not None:
            kept = spread_load(pools, self.top_k, self.matcher_._capacities(capacity))
        results = [self.package(s, k) for s, k in zip(staged, kept, strict=True)]
        return results, self.matcher_._load(before), self.matcher_._load(kept)

    def _contributions(self, built: QueryFeatures, order: IntArray) -> FloatArray | None:
        if self.model_ is None or not built.comparable or len(order) == 0:
            return None
        return np.asarray(
            self.model_.predict(
                built.features[order], num_iteration=self.n_rounds_, pred_contrib=True
            )
        )

    def _item(
        self,
        built: QueryFeatures,
        j: int,
        rank: int,
        score: float,
        interest: float,
        contribution: FloatArray | None,
    ) -> Recommendation:
        i = int(built.candidates[j])
        base = explain(self.matcher_, built.query, built.table, i, rank)
        notes = tuple(r for r in base.reasons if r.code in UNKNOWN_NOTES)
        if self.model_ is None:
            reasons: tuple[Reason, ...] = tuple(r for r in base.reasons if r not in notes)
        elif contribution is None or not self._has_deals(built)[i]:
            lead = self._cold_reason(built, i)
            shown = [r for r in base.reasons if r.code not in UNKNOWN_NOTES]
            reasons = (lead, *shown[: self.n_reasons - 1])
        else:
            reasons = tuple(self._reasons(base, built.features[j], contribution))
        return replace(
            base,
            score=round(score, 6),
            investor_interest=round(interest, 6),
            project_interest=float(built.project_interest[j]),
            reasons=(*reasons, *notes),
        )

    def _mandate_fit(self, table: ScoreTable, rows: IntArray) -> FloatArray:
        """Weighted mean of the mandate signals (industry, ticket, stage, region, …)."""
        weights = self.matcher_.weights_
        names = [n for n in MANDATE_DEFAULTS if weights.get(n, 0.0) > 0]
        total = sum(weights[n] for n in names)
        fit = sum(weights[n] * table.signals[n][rows] for n in names)
        return np.asarray(fit, dtype=np.float64) / total if total else np.full(len(rows), 0.5)

    def _has_deals(self, built: QueryFeatures) -> NDArray[np.bool_]:
        """Candidates with a deal before the query's date."""
        return self.matcher_.history_.seen_before(built.table.keys.day)

    def _cold_reason(self, built: QueryFeatures, i: int) -> Reason:
        if not self._has_deals(built)[i]:
            return make_reason("no_deals_yet")
        return make_reason("few_comparable_deals")

    def _reasons(
        self, base: Recommendation, values: FloatArray, contribution: FloatArray
    ) -> list[Reason]:
        """Reasons of the features that pushed the score up most, then the matcher's own."""
        by_signal = {s.name: s for s in base.signals}
        out: list[Reason] = []
        for f in np.argsort(-contribution[: len(FEATURES)], kind="stable"):
            if contribution[f] <= 0 or len(out) == self.n_reasons:
                break
            reason = _feature_reason(FEATURES[f], float(values[f]), by_signal)
            if reason is not None and reason.code not in {r.code for r in out}:
                out.append(reason)
        for reason in base.reasons:
            if len(out) < self.n_reasons and reason.code not in UNKNOWN_NOTES and reason not in out:
                out.append(reason)
        return out


def _feature_reason(name: str, value: float, by_signal: dict[str, Signal]) -> Reason | None:
    """The sentence for one feature's contribution (None when it has nothing to say)."""
    signal = by_signal.get(name)
    if signal is not None:
        return signal.reason if signal.known and signal.score >= MIN_SHOWN else None
    if name == "shared_co_investors" and value >= 1:
        return make_reason("network_shared", count=int(value))
    if name == "pagerank" and value > 0:
        return make_reason("network_near")
    if name == "deals_last_year" and value >= 1:
        return make_reason("recently_active", count=int(value))
    if name == "follow_on_record" and value > 0:
        return make_reason("follows_on", pct=math.floor(value * 100 + 0.5))
    return None


def _placed_by_mandate(matcher: FloatArray, learned: FloatArray, fit: FloatArray) -> FloatArray:
    """Interests for investors without deals (the model knows nothing of them): each takes
    the place its mandate fit ``fit`` has among the others' weighted-signal interests
    ``matcher``, i.e. the learned interest found at that quantile among the others."""
    above = (matcher[None, :] > fit[:, None]).mean(axis=1)
    return np.asarray(np.quantile(learned, 1.0 - above), dtype=np.float64)


def _ndcg20(groups: list[tuple[FloatArray, FloatArray]]) -> float:
    """Mean NDCG@20 of ranking each group by its score (binary labels, ties by order)."""
    values = []
    for score, labels in groups:
        order = np.argsort(-score, kind="stable")[:20]
        gain = float((labels[order] / np.log2(np.arange(2, len(order) + 2))).sum())
        ideal_n = min(int(labels.sum()), 20)
        ideal = float((1.0 / np.log2(np.arange(2, ideal_n + 2))).sum())
        values.append(gain / ideal if ideal else 0.0)
    return float(np.mean(values)) if values else 0.0
