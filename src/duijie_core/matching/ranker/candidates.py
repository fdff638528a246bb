"""Stage 1: candidate generation over the matcher's score table of one query.

At most ``n`` candidates, the union of the best ``n / 6`` of each source:
the matcher's own score (mandates, round, city, ticket), follow-on (the
company's earlier investors), co-investment neighbours, text neighbours,
industry affinity and recency-weighted popularity; eligible and unfiltered
only. When the union is short, the matcher's ranking fills it up.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.score_table import ScoreTable, top_indices

IntArray = NDArray[np.int64]

SOURCES = (
    "follow_on",
    "co_investment",
    "history_text",
    "history_industry",
    "activity",
)


def generate_candidates(table: ScoreTable, n: int) -> IntArray:
    """At most ``n`` eligible, unfiltered candidates: the best of each source, sorted."""
    allowed = table.eligible & (table.failed == 0)
    share = max(n // (len(SOURCES) + 1), 1)
    ranked = table.ranked(n)
    picked = [ranked[:share]]
    for name in SOURCES:
        signal = table.signals[name]
        useful = allowed & (signal != 0)
        # the best `share` useful rows, ties by lower index: over the whole column when
        # most rows are useful (no gather), else over the useful rows alone
        if np.count_nonzero(useful) > len(useful) // 16:
            picked.append(top_indices(np.where(useful, signal, -np.inf), share))
        else:
            some = np.flatnonzero(useful)
            picked.append(some[top_indices(signal[some], share)])
    chosen = np.unique(np.concatenate(picked))
    if len(chosen) < n:
        # the matcher's best that are not chosen yet, best first, fill up to n
        extra = ranked[~np.isin(ranked, chosen)]
        chosen = np.unique(np.concatenate([chosen, extra[: n - len(chosen)]]))
    return chosen[:n].astype(np.int64)
