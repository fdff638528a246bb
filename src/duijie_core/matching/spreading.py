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
    *,
    cover_first: bool = False,
) -> list[IntArray]:
    """Per project, the candidate indices kept (best first), honouring ``capacity``.

    ``pools[q]`` holds project q's pooled candidates and their scores; ``capacity``
    the maximum number of projects per candidate (indexed like the candidates).
    With ``cover_first`` a first greedy pass gives every project one candidate
    (best pairs first) before a second pass fills the lists, so popular candidates'
    capacity is not used up by projects that already have suggestions.
    """
    if not pools:
        return []
    q_index = np.concatenate([np.full(len(c), q, dtype=np.int64) for q, (c, _) in enumerate(pools)])
    cands = np.concatenate([c for c, _ in pools]).astype(np.int64)
    scores = np.concatenate([s for _, s in pools])
    order = np.lexsort((cands, q_index, -scores)).tolist()
    load = np.zeros(len(capacity), dtype=np.int64)
    taken = np.zeros(len(order), dtype=bool)
    kept: list[list[int]] = [[] for _ in pools]
    if cover_first:
        _assign(order, q_index, cands, capacity, load, taken, kept, 1)
        _cover_by_swaps(pools, capacity, load, kept)
        taken[:] = False  # the second pass must see the swaps: mark the pairs kept
        held = {(q, c) for q, k in enumerate(kept) for c in k}
        taken[[j for j in order if (int(q_index[j]), int(cands[j])) in held]] = True
    _assign(order, q_index, cands, capacity, load, taken, kept, top_k)
    if cover_first:  # each list best first again (the first pass put its pick in front)
        position = {int(j): n for n, j in enumerate(order)}
        rank = {(int(q_index[j]), int(cands[j])): position[j] for j in order if taken[j]}
        kept = [sorted(k, key=lambda c, q=q: rank[(q, c)]) for q, k in enumerate(kept)]  # type: ignore[misc]
    return [np.asarray(k, dtype=np.int64) for k in kept]


def _cover_by_swaps(
    pools: Sequence[tuple[IntArray, FloatArray]],
    capacity: IntArray,
    load: IntArray,
    kept: list[list[int]],
) -> None:
    """Projects left without a candidate after the first pass take one from a project
    that can switch to another candidate with room (an augmenting path of length two)."""
    holders: dict[int, list[int]] = {}
    for q, k in enumerate(kept):
        for c in k:
            holders.setdefault(c, []).append(q)
    for q, (candidates, _scores) in enumerate(pools):
        if not kept[q]:
            _swap_into(q, candidates.tolist(), pools, capacity, load, kept, holders)


def _swap_into(
    q: int,
    wanted: list[int],
    pools: Sequence[tuple[IntArray, FloatArray]],
    capacity: IntArray,
    load: IntArray,
    kept: list[list[int]],
    holders: dict[int, list[int]],
) -> None:
    for c in wanted:
        for p in holders.get(c, []):
            spare = next((d for d in pools[p][0].tolist() if load[d] < capacity[d]), None)
            if spare is not None and spare not in kept[p]:
                kept[p], kept[q] = [spare], [c]
                holders[c] = [h for h in holders[c] if h != p] + [q]
                holders.setdefault(spare, []).append(p)
                load[spare] += 1
                return


def _assign(
    order: list[int],
    q_index: IntArray,
    cands: IntArray,
    capacity: IntArray,
    load: IntArray,
    taken: NDArray[np.bool_],
    kept: list[list[int]],
    room: int,
) -> None:
    """One greedy pass: pairs in ``order`` kept while the project has fewer than ``room``."""
    for j in order:
        q, c = int(q_index[j]), int(cands[j])
        if not taken[j] and len(kept[q]) < room and load[c] < capacity[c]:
            kept[q].append(c)
            taken[j] = True
            load[c] += 1


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
