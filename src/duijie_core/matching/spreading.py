"""Load spreading: share recommendations out so a few popular investors are not swamped.

:func:`spread_load` is a greedy assignment with per-investor capacity: all
(project, candidate) pairs from each project's pool are taken best score first;
a pair is kept while the project still has room (``top_k``) and the candidate is
under its capacity. Greedy is within a factor 2 of the best total score for
this b-matching problem and runs in O(P log P) for P pooled pairs.
:func:`load_stats` describes the per-investor load before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class LoadStats:
    """How many recommendations each investor receives, summarised."""

    n_recommendations: int
    n_investors: int
    max: int
    mean: float
    p50: float
    p90: float
    p99: float
    top10_share: float
    gini: float


def spread_load(
    pools: Sequence[tuple[IntArray, FloatArray]],
    top_k: int,
    capacity: IntArray,
) -> list[IntArray]:
    """Per project, the candidate indices kept (best first), honouring ``capacity``.

    ``pools[q]`` holds project q's pooled candidates and their scores; ``capacity``
    the maximum number of projects per candidate (indexed like the candidates).
    """
    if not pools:
        return []
    q_index = np.concatenate([np.full(len(c), q, dtype=np.int64) for q, (c, _) in enumerate(pools)])
    cands = np.concatenate([c for c, _ in pools]).astype(np.int64)
    scores = np.concatenate([s for _, s in pools])
    order = np.lexsort((cands, q_index, -scores))
    load = np.zeros(len(capacity), dtype=np.int64)
    room = np.full(len(pools), top_k, dtype=np.int64)
    kept: list[list[int]] = [[] for _ in pools]
    for j in order.tolist():
        q, c = int(q_index[j]), int(cands[j])
        if room[q] > 0 and load[c] < capacity[c]:
            kept[q].append(c)
            room[q] -= 1
            load[c] += 1
    return [np.asarray(k, dtype=np.int64) for k in kept]


def load_stats(assignments: Sequence[Sequence[str]]) -> LoadStats:
    """Per-investor load distribution over all projects' recommendation lists."""
    counts: dict[str, int] = {}
    for names in assignments:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return LoadStats(0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    load = np.sort(np.array(list(counts.values()), dtype=np.float64))
    top = max(1, len(load) // 10)
    return LoadStats(
        n_recommendations=int(load.sum()),
        n_investors=len(load),
        max=int(load[-1]),
        mean=round(float(load.mean()), 3),
        p50=float(np.percentile(load, 50)),
        p90=float(np.percentile(load, 90)),
        p99=float(np.percentile(load, 99)),
        top10_share=round(float(load[-top:].sum() / load.sum()), 4),
        gini=round(_gini(load), 4),
    )


def _gini(sorted_load: FloatArray) -> float:
    n = len(sorted_load)
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * sorted_load).sum()) / (n * sorted_load.sum()) - (n + 1) / n)
