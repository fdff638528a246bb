"""Training the re-ranker on the history itself: past deals as queries, rolling time splits.

Every past deal before ``train_before`` with an investor seen earlier is a
query on its own date (the matcher masks later deals, so each query sees only
its past); its investors among the candidates are the positives.

The number of boosting rounds is chosen by **rolling-origin validation** inside
the training period: the latest ``validation_fraction`` of the queries (by
date) is cut into ``n_folds`` consecutive blocks; each block is predicted by a
model trained on every query before it, and the rounds with the best mean
NDCG@20 over the blocks are kept. When no round beats the matcher's own order
on those blocks, there is no model (unless ``require_gain`` is off: benchmarks
that time the model's cost on data without signal). Otherwise the final model is trained on
**all** training queries with that many rounds. Same data and seed → the same
model (``deterministic=True``, fixed ``num_threads``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import lightgbm
import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.engine import Matcher
from duijie_core.matching.model import Deal, ProjectQuery
from duijie_core.matching.ranker.features import FEATURES, QueryFeatures
from duijie_core.text import normalise

FloatArray = NDArray[np.float64]
Group = tuple[FloatArray, FloatArray]

# Features whose increase can only raise the score (+1) or lower it (-1), with monotone=True.
MONOTONE = {
    "matcher_score": 1,
    "investor_interest": 1,
    "follow_on": 1,
    "co_investment": 1,
    "shared_co_investors": 1,
    "matcher_rank": -1,
    "heuristic_rank": -1,
}


@dataclass(frozen=True)
class Boosting:
    """LightGBM lambdarank settings and how its rounds are validated."""

    features: tuple[str, ...] = FEATURES
    n_estimators: int = 150
    learning_rate: float = 0.05
    num_leaves: int = 7
    min_child_samples: int = 50
    lambda_l2: float = 0.0
    monotone: bool = False
    base_scale: float = 10.0
    validation_fraction: float = 0.2
    n_folds: int = 1
    require_gain: bool = True
    num_threads: int = 1
    random_state: int = 0

    @property
    def columns(self) -> list[int]:
        return [FEATURES.index(name) for name in self.features]

    def base(self, features: FloatArray) -> FloatArray:
        """The boosting's starting score: the matcher's score, scaled (0: from scratch)."""
        return features[:, FEATURES.index("matcher_score")] * self.base_scale

    def params(self) -> dict[str, object]:
        params: dict[str, object] = {
            "objective": "lambdarank",
            "metric": "ndcg",
            "eval_at": [20],
            "learning_rate": self.learning_rate,
            "num_leaves": self.num_leaves,
            "min_child_samples": self.min_child_samples,
            "lambda_l2": self.lambda_l2,
            "deterministic": True,
            "force_row_wise": True,
            "num_threads": self.num_threads,
            "seed": self.random_state,
            "verbosity": -1,
        }
        if self.monotone:
            params["monotone_constraints"] = [MONOTONE.get(name, 0) for name in self.features]
        return params

    def dataset(self, groups: Sequence[Group]) -> lightgbm.Dataset:
        features = np.vstack([f for f, _ in groups])
        return lightgbm.Dataset(
            features[:, self.columns],
            label=np.concatenate([y for _, y in groups]),
            group=[len(y) for _, y in groups],
            init_score=self.base(features),
            feature_name=list(self.features),
            free_raw_data=False,
        )


@dataclass(frozen=True)
class Validation:
    """What the rolling validation saw: mean NDCG@20 of the matcher's order and of the
    model at the kept rounds, over ``n_queries`` validation queries in ``n_folds`` blocks."""

    n_folds: int
    n_queries: int
    base_ndcg: float
    model_ndcg: float
    rounds: int


def train(boosting: Boosting, groups: list[Group]) -> tuple[lightgbm.Booster | None, Validation]:
    """Choose the rounds by rolling validation, then train on every group (see the module)."""
    blocks = _blocks(len(groups), boosting.validation_fraction, boosting.n_folds)
    curves, weights, bases = [], [], []
    for start, stop in blocks:
        record: dict[str, dict[str, list[float]]] = {}
        lightgbm.train(
            boosting.params(),
            boosting.dataset(groups[:start]),
            num_boost_round=boosting.n_estimators,
            valid_sets=[boosting.dataset(groups[start:stop])],
            valid_names=["later"],
            callbacks=[lightgbm.record_evaluation(record)],
        )
        curves.append(record["later"]["ndcg@20"])
        weights.append(stop - start)
        bases.append(ndcg20([(boosting.base(f), y) for f, y in groups[start:stop]]))
    curve = np.average(np.array(curves), axis=0, weights=weights)
    base = float(np.average(bases, weights=weights))
    best = int(np.argmax(curve)) + 1
    seen = Validation(len(blocks), sum(weights), base, float(curve[best - 1]), best)
    if curve[best - 1] <= base and boosting.require_gain:
        return None, Validation(seen.n_folds, seen.n_queries, base, base, 0)
    model = lightgbm.train(boosting.params(), boosting.dataset(groups), num_boost_round=best)
    return model, seen


def _blocks(n: int, fraction: float, folds: int) -> list[tuple[int, int]]:
    """``folds`` consecutive validation blocks covering the last ``fraction`` of ``n``."""
    first = max(int(n * (1 - fraction)), 1)
    edges = np.linspace(first, n, folds + 1).round().astype(int)
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges.tolist()) if b > a]


def training_deals(
    matcher: Matcher,
    history: Sequence[Deal],
    train_before: dt.date | None,
    max_queries: int,
) -> list[tuple[int, Deal]]:
    """The most recent deals before ``train_before`` with an investor seen earlier."""
    h, keys = matcher.history_, matcher.candidate_keys_
    limit = train_before or dt.date.max
    usable = []
    for i, deal in enumerate(history):
        if deal.date >= limit:
            continue
        known = [keys[normalise(n)] for n in deal.investors if normalise(n) in keys]
        if any(h.first_day[k] < deal.date.toordinal() for k in known):
            usable.append((i, deal))
    usable.sort(key=lambda item: (item[1].date, item[0]))
    return usable[-max_queries:]


def training_group(
    matcher: Matcher,
    build: Callable[[ProjectQuery], QueryFeatures],
    item: tuple[int, Deal],
) -> Group | None:
    """Features and labels of one past deal as a query (None: no investor among candidates)."""
    i, deal = item
    query = ProjectQuery.of_deal(deal, f"train{i}")
    built = build(query)
    keys = matcher.candidate_keys_
    positive = {keys[normalise(n)] for n in deal.investors if normalise(n) in keys}
    labels = np.array([float(int(c) in positive) for c in built.candidates])
    return (built.features, labels) if labels.any() else None


def ndcg20(groups: Sequence[Group]) -> float:
    """Mean NDCG@20 of ranking each group by its score (binary labels, ties by order)."""
    values = []
    for score, labels in groups:
        order = np.argsort(-score, kind="stable")[:20]
        gain = float((labels[order] / np.log2(np.arange(2, len(order) + 2))).sum())
        ideal_n = min(int(labels.sum()), 20)
        ideal = float((1.0 / np.log2(np.arange(2, ideal_n + 2))).sum())
        values.append(gain / ideal if ideal else 0.0)
    return float(np.mean(values)) if values else 0.0
