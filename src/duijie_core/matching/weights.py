"""Signal weights: the documented defaults, and fitting them from outcomes.

``DEFAULT_WEIGHTS`` is the one configuration of how much each soft signal
counts (see docs/matching.md). :func:`fit_weights` learns weights from outcomes
(meetings accepted, deals signed) by L2-regularised logistic regression on the
signal vectors, in plain numpy (Newton steps); negative coefficients are clipped
to 0 so that every weight still reads "more of this signal is better".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from duijie_core.problems import Problem

FloatArray = NDArray[np.float64]

INVESTOR_SIGNALS = (
    "industry",
    "ticket",
    "stage",
    "region",
    "instrument",
    "thesis",
    "thesis_embedding",
    "history_industry",
    "history_round",
    "history_city",
    "history_text",
    "history_embedding",
    "history_ticket",
    "follow_on",
    "co_investment",
    "activity",
)
PROJECT_SIGNALS = ("owner", "ties")
SIGNALS = INVESTOR_SIGNALS + PROJECT_SIGNALS

DEFAULT_WEIGHTS: dict[str, float] = {
    "industry": 3.0,  # mandate industries vs the project's GB/T code
    "ticket": 1.0,  # mandate ticket range vs the amount sought (log scale)
    "stage": 1.0,  # mandate stages vs the round
    "region": 1.0,  # mandate focus regions vs the project's city
    "instrument": 0.5,  # equity / debt / convertible …
    "thesis": 1.5,  # TF-IDF: project text vs the investor's thesis
    "thesis_embedding": 1.5,  # sentence embeddings of the same (when a model is set)
    "history_industry": 2.0,  # past deals in the same or related industries
    "history_round": 1.0,  # past deals at the same stage
    "history_city": 1.0,  # past deals in the same city
    "history_text": 2.0,  # past deals in similar companies (TF-IDF)
    "history_embedding": 1.5,  # the same with sentence embeddings
    "history_ticket": 1.0,  # typical past ticket vs the amount sought
    "follow_on": 4.0,  # invested in this company before
    "co_investment": 1.5,  # co-invested with this company's investors
    "activity": 1.5,  # recency-weighted number of deals (a prior)
    "owner": 1.0,  # project side: strategic/financial, currency, location
    "ties": 1.0,  # hometown, school, previous meeting (both sides)
}

MIN_OUTCOMES = 30


@dataclass(frozen=True)
class FittedWeights:
    """Weights learnt from outcomes, for use and for display."""

    weights: dict[str, float]
    intercept: float
    n_outcomes: int
    n_positive: int


def fit_weights(
    vectors: Sequence[dict[str, float]],
    outcomes: Sequence[bool],
    *,
    l2: float = 1.0,
    iterations: int = 25,
    min_outcomes: int = MIN_OUTCOMES,
    signals: Sequence[str] = SIGNALS,
) -> FittedWeights | Problem:
    """Fit weights by logistic regression of ``outcomes`` on signal ``vectors``; the
    columns are the ``signals`` (investor matching's, or :data:`SUPPLY_SIGNALS`) that
    occur in some vector.

    Returns a :class:`Problem` (``too_few_outcomes``) when there are fewer than
    ``min_outcomes`` outcomes or only one class. Deterministic (Newton's method).
    """
    n_pos = sum(bool(o) for o in outcomes)
    if len(outcomes) < min_outcomes or n_pos in (0, len(outcomes)):
        return Problem(
            "too_few_outcomes", {"n": len(outcomes), "positive": n_pos, "needed": min_outcomes}
        )
    names = [s for s in signals if any(s in v for v in vectors)]
    x = np.array([[v.get(s, 0.0) for s in names] for v in vectors])
    y = np.array([1.0 if o else 0.0 for o in outcomes])
    coef = _newton_logistic(np.hstack([x, np.ones((len(x), 1))]), y, l2, iterations)
    weights = {s: max(float(c), 0.0) for s, c in zip(names, coef[:-1], strict=True)}
    return FittedWeights(weights, float(coef[-1]), len(outcomes), n_pos)


def _newton_logistic(x: FloatArray, y: FloatArray, l2: float, iterations: int) -> FloatArray:
    """Coefficients minimising log-loss + l2/2 |w|² (intercept not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


# Supply–demand matching (duijie_core.matching.supply_fit): buyer side, then supplier side.
SUPPLY_WEIGHTS: dict[str, float] = {
    "product": 3.0,  # the product wanted, in any script or language
    "volume": 2.0,  # capacity in each needed month against the monthly volume
    "season": 1.0,  # share of the needed months in season
    "delivery": 1.0,  # delivery time to the buyer's market known and within the limit
    "price": 1.0,  # the price against the buyer's target or maximum (when the buyer states one)
    "serves": 1.0,  # supplier side: serves the buyer's city
}
# Every signal a buyer–supplier pair can carry (the weight fit's columns); the
# certification and cold-chain signals (1 when required and held) count 0 by default:
# their hard filters already decide.
SUPPLY_SIGNALS = (
    "product",
    "volume",
    "season",
    "certification",
    "cold_chain",
    "delivery",
    "price",
    "serves",
)


# --- checking a fit on held-out outcomes -------------------------------------------------


def auc(scores: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """Area under the ROC curve (Mann–Whitney, ties counted half); ``None`` with one class."""
    y = np.array([bool(o) for o in outcomes])
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    _values, inverse, counts = np.unique(
        np.asarray(scores, dtype=float), return_inverse=True, return_counts=True
    )
    ends = np.cumsum(counts)
    average_rank = (ends - (counts - 1) / 2.0)[inverse]
    return float((average_rank[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def weighted_scores(vectors: Sequence[dict[str, float]], weights: dict[str, float]) -> list[float]:
    """Each vector's weighted sum (the order the matcher's weighted mean gives)."""
    return [sum(weights.get(k, 0.0) * v for k, v in vector.items()) for vector in vectors]


@dataclass(frozen=True)
class WeightCheck:
    """A fit checked on outcomes it did not learn from."""

    n_train: int
    n_holdout: int
    auc_fitted: float | None
    auc_current: float | None
    adopted: bool
    zeroed: tuple[str, ...]


def holdout_split(n: int, share: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices to learn from and to check on: a seeded shuffle, ``share`` held out."""
    order = np.random.default_rng(seed).permutation(n).tolist()
    cut = round(n * share)
    return sorted(order[cut:]), sorted(order[:cut])


def fit_and_check(
    vectors: Sequence[dict[str, float]],
    outcomes: Sequence[bool],
    current: dict[str, float],
    *,
    holdout: float = 0.25,
    seed: int = 0,
    min_outcomes: int = MIN_OUTCOMES,
    signals: Sequence[str] = SIGNALS,
) -> tuple[FittedWeights | Problem, WeightCheck | None]:
    """Fit on part of the outcomes, then compare the fitted and the ``current`` weights on
    the held-out rest (AUC of the weighted score). The fit is adopted only when it ranks
    the held-out outcomes at least as well; with one class held out it is not adopted.
    """
    train, test = holdout_split(len(outcomes), holdout, seed)
    result = fit_weights(
        [vectors[i] for i in train],
        [outcomes[i] for i in train],
        min_outcomes=min_outcomes,
        signals=signals,
    )
    if isinstance(result, Problem):
        return result, None
    held_vectors, held = [vectors[i] for i in test], [outcomes[i] for i in test]
    fitted_auc = auc(weighted_scores(held_vectors, result.weights), held)
    current_auc = auc(weighted_scores(held_vectors, current), held)
    adopted = fitted_auc is not None and current_auc is not None and fitted_auc >= current_auc
    zeroed = tuple(name for name, weight in result.weights.items() if weight == 0.0)
    check = WeightCheck(len(train), len(test), fitted_auc, current_auc, adopted, zeroed)
    return result, check
