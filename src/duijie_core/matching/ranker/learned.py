"""The learned ranker: stage 1 and features, the trained re-ranker, reciprocity, reasons.

See the package docstring for the whole; this module holds :class:`LearnedRanker`
(fitting and ranking) and the batch path (:meth:`LearnedRanker.recommend_all`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import lightgbm
import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.engine import MANDATE_DEFAULTS, Matcher, harmonic
from duijie_core.matching.explain import UNKNOWN_NOTES, explain
from duijie_core.matching.graph import DealGraph
from duijie_core.matching.model import (
    Deal,
    Exclusion,
    InvestorProfile,
    ProjectQuery,
    Reason,
    Recommendation,
    Recommendations,
)
from duijie_core.matching.parallel import stage_all
from duijie_core.matching.ranker.explaining import contribution_reasons
from duijie_core.matching.ranker.features import FEATURES, QueryFeatures, build_features
from duijie_core.matching.ranker.training import (
    Boosting,
    Validation,
    train,
    training_deals,
    training_group,
)
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.reciprocity import investor_interest
from duijie_core.matching.score_table import ScoreTable, top_indices
from duijie_core.matching.spreading import LoadStats, spread_load
from duijie_core.problems import Problem

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Staged:
    """One query's pool for batch runs: candidates, final scores, investor interests."""

    built: QueryFeatures
    pool: IntArray
    score: FloatArray
    interest: FloatArray
    exclusions: tuple[tuple[Exclusion, ...], dict[str, int]]
    eligible: int


class LearnedRanker:
    """Candidate generation plus a LightGBM lambdarank re-ranker (see the package docstring).

    ``matcher`` is an unfitted :class:`Matcher` (its parameters are used; it is
    fitted in :meth:`fit` as ``matcher_``). Learned attributes: ``matcher_``,
    ``graph_``, ``model_`` (a LightGBM booster, or None when the history had
    fewer than ``min_queries`` usable queries or no round validated better than
    the matcher: then the matcher's score ranks), ``n_rounds_``,
    ``n_train_queries_``, ``validation_`` (:class:`Validation`), ``problems_``.
    """

    def __init__(
        self,
        matcher: Matcher | None = None,
        *,
        top_k: int = 20,
        n_candidates: int = 300,
        n_train_candidates: int = 300,
        max_train_queries: int = 2000,
        train_before: dt.date | None = None,
        features: tuple[str, ...] = FEATURES,
        n_estimators: int = 150,
        learning_rate: float = 0.05,
        num_leaves: int = 3,
        min_child_samples: int = 100,
        lambda_l2: float = 10.0,
        monotone: bool = True,
        validation_fraction: float = 0.5,
        n_folds: int = 3,
        require_gain: bool = True,
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
        self.features_used = features
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.lambda_l2 = lambda_l2
        self.monotone = monotone
        self.validation_fraction = validation_fraction
        self.n_folds = n_folds
        self.require_gain = require_gain
        self.base_scale = base_scale
        self.min_queries = min_queries
        self.min_comparable = min_comparable
        self.n_reasons = n_reasons
        self.reciprocity = reciprocity
        self.num_threads = num_threads
        self.random_state = random_state

    @property
    def boosting(self) -> Boosting:
        """The LightGBM settings of this ranker."""
        return Boosting(
            features=self.features_used,
            n_estimators=self.n_estimators,
            learning_rate=self.learning_rate,
            num_leaves=self.num_leaves,
            min_child_samples=self.min_child_samples,
            lambda_l2=self.lambda_l2,
            monotone=self.monotone,
            base_scale=self.base_scale,
            validation_fraction=self.validation_fraction,
            n_folds=self.n_folds,
            require_gain=self.require_gain,
            num_threads=self.num_threads,
            random_state=self.random_state,
        )

    # --- fitting ------------------------------------------------------------------------

    def fit(
        self, history: Sequence[Deal], profiles: Sequence[InvestorProfile] = ()
    ) -> LearnedRanker:
        """Fit the matcher on ``history``, then train the re-ranker on past deals as queries."""
        self.matcher_ = (self.matcher or Matcher()).fit(history, profiles)
        self.graph_ = DealGraph(self.matcher_.history_)
        self.problems_: list[Problem] = []
        deals = training_deals(self.matcher_, history, self.train_before, self.max_train_queries)
        groups = [
            g
            for g in (
                training_group(
                    self.matcher_, lambda q: self.features(q, self.n_train_candidates), item
                )
                for item in deals
            )
            if g
        ]
        self.n_train_queries_ = len(groups)
        self.model_: lightgbm.Booster | None = None
        self.n_rounds_ = 0
        self.validation_: Validation | None = None
        if len(groups) < self.min_queries:
            self.problems_.append(
                Problem(
                    "too_few_training_queries", {"count": len(groups), "minimum": self.min_queries}
                )
            )
            return self
        self.model_, self.validation_ = train(self.boosting, groups)
        self.n_rounds_ = self.validation_.rounds
        return self

    def _training_deals(self, history: Sequence[Deal]) -> list[tuple[int, Deal]]:
        """The deals that train the model (see :func:`training.training_deals`)."""
        return training_deals(self.matcher_, history, self.train_before, self.max_train_queries)

    # --- features -----------------------------------------------------------------------

    def features(self, query: ProjectQuery, n: int) -> QueryFeatures:
        """Stage 1 and the feature rows of ``query`` (at most ``n`` candidates)."""
        return build_features(self.matcher_, self.graph_, query, n, self.min_comparable)

    # --- ranking ------------------------------------------------------------------------

    def _predict(self, features: FloatArray, **kw: bool) -> FloatArray:
        assert self.model_ is not None
        columns = self.boosting.columns
        return np.asarray(
            self.model_.predict(
                features[:, columns],
                num_iteration=self.n_rounds_,
                num_threads=self.num_threads,
                **kw,
            )
        )

    def scores(self, built: QueryFeatures) -> tuple[FloatArray, FloatArray]:
        """Final score and investor interest of each candidate of ``built``."""
        if self.model_ is None or not built.comparable:
            interest = built.table.investor[built.candidates]
        else:
            raw = self.boosting.base(built.features) + self._predict(built.features)
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

    def package(
        self, staged: Staged, kept: IntArray, *, all_reasons: bool = True
    ) -> Recommendations:
        """Recommendations with reasons for the kept candidates (indices, best first).

        ``all_reasons=False`` (batch runs): the signals carry no reason of their own;
        ranks, scores, signal values and the reasons shown are the same.
        """
        position = {int(c): j for j, c in enumerate(staged.pool)}
        order = np.array([position[int(c)] for c in kept], dtype=np.int64)
        contributions = self._contributions(staged.built, order)
        columns = self.boosting.columns
        items = tuple(
            self._item(
                staged.built,
                int(j),
                rank,
                float(staged.score[j]),
                float(staged.interest[j]),
                None if contributions is None else contributions[rank - 1],
                all_reasons,
                columns,
            )
            for rank, j in enumerate(order, 1)
        )
        listed, counts = staged.exclusions
        return Recommendations(staged.built.query.id, items, listed, counts, staged.eligible)

    def recommend_all(
        self, queries: Sequence[ProjectQuery], capacity: int | None = None, pool_factor: int = 20
    ) -> tuple[list[Recommendations], LoadStats, LoadStats]:
        """Recommendations for every query, load-spread when ``capacity`` is given.

        The signals of the batch's recommendations carry no reason of their own
        (``package(..., all_reasons=False)``, as the web runs); the reasons shown are
        those :meth:`recommend` gives. The queries are staged on the matcher's
        ``n_jobs`` processes (``parallel.py``).
        """
        staged = stage_all(self, queries, pool_factor, self.matcher_.n_jobs)
        pools = [(s.pool, s.score) for s in staged]
        before = [pool[: self.top_k] for pool, _ in pools]
        kept = before
        if capacity is not None:
            kept = spread_load(pools, self.top_k, self.matcher_._capacities(capacity))
        results = [self.package(s, k, all_reasons=False) for s, k in zip(staged, kept, strict=True)]
        return results, self.matcher_._load(before), self.matcher_._load(kept)

    def _contributions(self, built: QueryFeatures, order: IntArray) -> FloatArray | None:
        if self.model_ is None or not built.comparable or len(order) == 0:
            return None
        return self._predict(built.features[order], pred_contrib=True)

    def _item(
        self,
        built: QueryFeatures,
        j: int,
        rank: int,
        score: float,
        interest: float,
        contribution: FloatArray | None,
        all_reasons: bool,
        columns: list[int],
    ) -> Recommendation:
        i = int(built.candidates[j])
        base = explain(self.matcher_, built.query, built.table, i, rank, all_reasons=all_reasons)
        notes = tuple(r for r in base.reasons if r.code in UNKNOWN_NOTES)
        if self.model_ is None:
            reasons: tuple[Reason, ...] = tuple(r for r in base.reasons if r not in notes)
        elif contribution is None or not self._has_deals(built)[i]:
            lead = self._cold_reason(built, i)
            shown = [r for r in base.reasons if r.code not in UNKNOWN_NOTES]
            reasons = (lead, *shown[: self.n_reasons - 1])
        else:
            values = built.features[j, columns]
            reasons = tuple(
                contribution_reasons(
                    self.matcher_,
                    built.query,
                    built.table,
                    i,
                    base,
                    self.features_used,
                    values,
                    contribution,
                    self.n_reasons,
                )
            )
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


def _placed_by_mandate(matcher: FloatArray, learned: FloatArray, fit: FloatArray) -> FloatArray:
    """Interests for investors without deals (the model knows nothing of them): each takes
    the place its mandate fit ``fit`` has among the others' weighted-signal interests
    ``matcher``, i.e. the learned interest found at that quantile among the others."""
    above = (matcher[None, :] > fit[:, None]).mean(axis=1)
    return np.asarray(np.quantile(learned, 1.0 - above), dtype=np.float64)
