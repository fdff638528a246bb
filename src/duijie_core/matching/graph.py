"""Features of the co-investment network and of investor behaviour over time.

All are computed over the deals dated strictly before the query (the same
``visible`` mask as every other history statistic), for all investors at once:

- :func:`shared_co_investors`: with how many of the company's earlier investors
  each investor has invested together;
- :func:`personalised_pagerank`: a random walk investor → deal → investor that
  restarts at the company's earlier investors (sparse power iteration);
- :func:`activity_by_period`: deals in the last year, in the two years before,
  earlier, and years since the last deal;
- :func:`follow_on_record`: the share of companies an investor backed more than
  once (smoothed), the owner's question "will they stay for the next round?".
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from duijie_core.matching.history import HistoryIndex

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
YEAR = 365


class DealGraph:
    """The investor × deal incidence matrix of a :class:`HistoryIndex` (built once)."""

    def __init__(self, history: HistoryIndex) -> None:
        self.history = history
        n_deals = len(history.deals)
        ones = np.ones(len(history.pair_inv))
        self.incidence = sp.csr_matrix(
            (ones, (history.pair_inv, history.pair_deal)), shape=(history.n_investors, n_deals)
        )
        self.by_deal = self.incidence.T.tocsr()
        sizes = np.diff(history.deal_ptr).astype(np.float64)
        self.deal_size = np.maximum(sizes, 1.0)
        self.company = _company_ids(history)

    def visible_degree(self, day: int) -> FloatArray:
        """Number of visible deals of every investor (cached per day)."""
        h = self.history
        return h.cached(
            ("graph_degree", day),
            lambda: np.asarray(self.incidence @ h.visible_deals(day).astype(np.float64)),
        )


def shared_co_investors(graph: DealGraph, partners: IntArray, visible: BoolArray) -> FloatArray:
    """For every investor, how many of ``partners`` it has co-invested with (visible deals)."""
    h = graph.history
    out = np.zeros(h.n_investors)
    for p in partners:
        deals = h.deal_indices(int(p), visible)
        if len(deals):
            met = np.unique(graph.by_deal[deals].indices)
            out[met] += 1.0
    out[partners] = 0.0
    return out


def personalised_pagerank(
    graph: DealGraph,
    seeds: IntArray,
    day: int,
    restart: float = 0.3,
    steps: int = 4,
) -> FloatArray:
    """Visiting probability of a walk from ``seeds`` over visible deals, restarting at them.

    ``steps`` rounds of power iteration on sparse vectors (a walk of up to
    ``steps`` investor → deal → investor hops); the seeds themselves are set to 0.
    """
    h = graph.history
    out = np.zeros(h.n_investors)
    if len(seeds) == 0:
        return out
    visible = h.visible_deals(day).astype(np.float64)
    degree = graph.visible_degree(day)
    # sparse vectors as (sorted indices, values): only the walked rows are touched,
    # each sum taken in the order a sparse matrix product takes it (same bits)
    share = 1.0 / len(seeds)
    seeds = np.unique(seeds)
    start = np.full(len(seeds), share)
    at, x = seeds, start.copy()
    for _ in range(steps):
        keep = x != 0
        active, spread = at[keep], x[keep] / np.maximum(degree[at[keep]], 1.0)
        deals, weight = _walk(graph.incidence, active, spread)
        weight = weight * visible[deals] / graph.deal_size[deals]
        keep = weight != 0
        reached, walked = _walk(graph.by_deal, deals[keep], weight[keep])
        at = np.union1d(seeds, reached)
        x = np.zeros(len(at))
        x[np.searchsorted(at, seeds)] = restart * start
        x[np.searchsorted(at, reached)] += (1 - restart) * walked
    out[at] = x
    out[seeds] = 0.0
    return out


def _walk(
    matrix: sp.csr_matrix, rows: IntArray, weights: FloatArray
) -> tuple[IntArray, FloatArray]:
    """``matrix[rows].T @ weights`` as (sorted non-empty columns, sums)."""
    starts, stops = matrix.indptr[rows], matrix.indptr[rows + 1]
    counts = stops - starts
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    where = offsets + np.arange(int(counts.sum()))
    columns = matrix.indices[where]
    values = np.repeat(weights, counts) * matrix.data[where]
    width = matrix.shape[1]
    if len(columns) > width // 8:  # a dense sum is cheaper than sorting the columns
        sums = np.bincount(columns, weights=values, minlength=width)
        unique = np.flatnonzero(np.bincount(columns, minlength=width))
        return unique.astype(np.int64), sums[unique]
    unique, position = np.unique(columns, return_inverse=True)
    return unique.astype(np.int64), np.bincount(position, weights=values, minlength=len(unique))


def activity_by_period(graph: DealGraph, day: int) -> dict[str, FloatArray]:
    """Deals per investor in the last year, one to three years ago, earlier; years idle."""
    h = graph.history

    def compute() -> FloatArray:
        age = day - h.day[h.pair_deal]
        seen = age > 0
        out = np.zeros((4, h.n_investors))
        for row, (low, high) in enumerate(((0, YEAR), (YEAR, 3 * YEAR), (3 * YEAR, 10**9))):
            inside = seen & (age > low) & (age <= high)
            out[row] = np.bincount(h.pair_inv[inside], minlength=h.n_investors)
        latest = np.full(h.n_investors, 10**9, dtype=np.int64)
        np.minimum.at(latest, h.pair_inv[seen], age[seen])
        out[3] = np.minimum(latest, 20 * YEAR) / YEAR
        return out

    table = h.cached(("activity_by_period", day), compute)
    return {
        "deals_last_year": table[0],
        "deals_1_3_years": table[1],
        "deals_earlier": table[2],
        "years_since_last_deal": table[3],
    }


def follow_on_record(graph: DealGraph, day: int, prior: float = 2.0) -> FloatArray:
    """Smoothed share of an investor's companies it backed in more than one round.

    ``(repeat + prior * base) / (companies + prior)`` where ``base`` is the share
    over all investors, so an investor with one deal sits near the average.
    """
    h = graph.history

    def compute() -> FloatArray:
        seen = h.day[h.pair_deal] < day
        inv, comp = h.pair_inv[seen], graph.company[h.pair_deal[seen]]
        width = len(h.deals) + 1
        keys, counts = np.unique(inv * width + comp, return_counts=True)
        owner = keys // width
        companies = np.bincount(owner, minlength=h.n_investors).astype(np.float64)
        repeat = np.bincount(owner, weights=(counts > 1), minlength=h.n_investors)
        base = float(repeat.sum() / companies.sum()) if companies.sum() else 0.0
        return (repeat + prior * base) / (companies + prior)

    return h.cached(("follow_on_record", day, prior), compute)


def _company_ids(history: HistoryIndex) -> IntArray:
    """A dense id per normalised company name, one per deal."""
    ids = np.arange(len(history.deals), dtype=np.int64)  # a deal without company is its own
    for (kind, _), deals in history.postings.items():
        if kind == "company":
            ids[deals] = deals[0]
    return ids
