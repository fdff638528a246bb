"""The score table of one query over all candidates, and picking its best rows.

Shared by the matcher (which fills tables), the explanations (which read them)
and the web runners (which rank tables of many queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.history import BestDeals, QueryKeys
from duijie_core.matching.model import Signal

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass
class ScoreTable:
    """Internal: every signal and score for one query over all candidates (numpy)."""

    keys: QueryKeys
    signals: dict[str, FloatArray]
    investor: FloatArray
    project: FloatArray
    combined: FloatArray
    failed: IntArray
    eligible: BoolArray
    # per candidate, its past deal with the best text score (-1 if none); found on demand
    # in a full table, stored for its rows in a restricted one
    best_text_deal: IntArray | BestDeals | None = None
    rows: dict[int, int] | None = None
    deal_masks: dict[str, BoolArray] = field(default_factory=dict)
    ranked_memo: dict[int, IntArray] = field(default_factory=dict)
    # Reused by explain(..., all_reasons=False): rows of a restricted table, Signals by value.
    signal_rows: list[list[float]] | None = None
    bare_signals: dict[tuple[str, float, float], Signal] = field(default_factory=dict)

    def row(self, i: int) -> int:
        """Position of candidate ``i`` in this table's arrays."""
        return i if self.rows is None else self.rows[i]

    def restrict(self, keep: IntArray) -> ScoreTable:
        """A small table holding only the candidates in ``keep`` (for batch runs)."""
        rows = {int(i): j for j, i in enumerate(keep)}
        return ScoreTable(
            self.keys,
            {k: v[keep] for k, v in self.signals.items()},
            self.investor[keep],
            self.project[keep],
            self.combined[keep],
            self.failed[keep],
            self.eligible[keep],
            None if self.best_text_deal is None else self.best_text_deal[keep],
            rows,
        )

    def ranked(self, k: int) -> IntArray:
        """Indices of the best ``k`` eligible, unfiltered candidates, best first (memoised)."""
        for have, best in self.ranked_memo.items():
            if have >= k:
                return best[:k]
        score = np.where(self.eligible & (self.failed == 0), self.combined, -np.inf)
        best = self.ranked_memo[k] = top_indices(score, k)
        return best


def top_indices(score: FloatArray, k: int) -> IntArray:
    """The ``k`` best finite scores, best first; ties broken by lower index.

    The k-th best value is found by partitioning a small pool: every 16th score
    gives a floor (its k-th best is at most the true k-th best), and only the
    scores above the floor are partitioned and sorted.
    """
    k = min(k, int(np.isfinite(score).sum()))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    pool = _pool(score, k)
    values = score[pool]
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = pool[values > kth]
    above = above[np.lexsort((above, -score[above]))]
    tied = pool[values == kth][: k - len(above)]
    return np.concatenate([above, tied]).astype(np.int64)


def _pool(score: FloatArray, k: int, stride: int = 16) -> IntArray:
    """Ascending indices of a superset of the ``k`` best scores."""
    sample = score[::stride]
    if len(sample) < 4 * k:
        return np.arange(len(score))
    floor = np.partition(sample, len(sample) - k)[len(sample) - k]
    return np.flatnonzero(score >= floor)
