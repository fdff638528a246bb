"""The pair features of one query's candidates (stage 1 included).

:data:`FEATURES`: every signal of the matcher, its two interests and combined
score, graph features of the co-investment network (``graph.py``), the
investor's activity by period and follow-on record, and two ranks within the
query's candidates: the matcher's and the analyst heuristic's (earlier
investors, then co-investors, then recency-weighted popularity), as
``log2(1 + rank)`` with the best at 0. Ranks are comparable across queries
where raw scores are not (a busy company's candidates all score high).
All are computed over deals dated strictly before the query.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.engine import Matcher
from duijie_core.matching.graph import (
    DealGraph,
    activity_by_period,
    personalised_pagerank,
    shared_co_investors,
)
from duijie_core.matching.model import ProjectQuery
from duijie_core.matching.ranker.candidates import generate_candidates
from duijie_core.matching.reciprocity import owner_interest
from duijie_core.matching.score_table import ScoreTable
from duijie_core.matching.weights import SIGNALS

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
RANK_FEATURES = ("matcher_rank", "heuristic_rank")
FEATURES = (
    *SIGNALS,
    "investor_interest",
    "project_interest",
    "matcher_score",
    *GRAPH_FEATURES,
    *RANK_FEATURES,
)
MATCHER_SCORE = FEATURES.index("matcher_score")


@dataclass(frozen=True)
class QueryFeatures:
    """Candidates of one query (indices into ``matcher_.candidates_``) and their feature rows."""

    query: ProjectQuery
    table: ScoreTable
    candidates: IntArray
    features: FloatArray
    project_interest: FloatArray
    comparable: bool


def build_features(
    matcher: Matcher, graph: DealGraph, query: ProjectQuery, n: int, min_comparable: int
) -> QueryFeatures:
    """Stage 1 and the feature rows of ``query`` (at most ``n`` candidates)."""
    table = matcher.score_table(query)
    rows = generate_candidates(table, n)
    h, day = matcher.history_, table.keys.day
    visible = h.visible_deals(day)
    partners = (
        h.company_investors(table.keys.company, visible)
        if table.keys.company
        else np.zeros(0, np.int64)
    )
    owner, record = owner_interest(graph, table, day, rows)
    activity = activity_by_period(graph, day)
    columns = [table.signals[name][rows] for name in SIGNALS]
    columns += [table.investor[rows], table.project[rows], table.combined[rows]]
    columns += [
        shared_co_investors(graph, partners, visible)[rows],
        personalised_pagerank(graph, partners, day)[rows],
        *(activity[name][rows] for name in GRAPH_FEATURES[2:6]),
        record,
    ]
    signal = table.signals
    columns += [
        _log_rank([table.combined[rows]]),
        _log_rank(
            [signal["follow_on"][rows], signal["co_investment"][rows], signal["activity"][rows]]
        ),
    ]
    return QueryFeatures(
        query,
        table,
        rows,
        np.column_stack(columns),
        owner,
        comparable(matcher, table, len(partners), min_comparable),
    )


def _log_rank(keys: list[FloatArray]) -> FloatArray:
    """``log2(1 + rank)`` of each row ordered by ``keys`` (each descending, first key
    first; ties by position), the best row 0."""
    order = np.lexsort((np.arange(len(keys[0])), *(-k for k in reversed(keys))))
    rank = np.empty(len(order), dtype=np.float64)
    rank[order] = np.arange(len(order), dtype=np.float64)
    return np.log2(1.0 + rank)


def comparable(matcher: Matcher, table: ScoreTable, n_partners: int, minimum: int) -> bool:
    """Does the history know deals like this one (earlier investors, or enough peers)?"""
    if n_partners:
        return True
    h, keys = matcher.history_, table.keys
    visible = h.visible_deals(keys.day)
    postings = []
    if keys.industry is not None:
        node = keys.industry
        postings.append(
            h.posting("division", node.division) if node.division else h.posting("exact", node.code)
        )
    if not postings and keys.round:
        postings.append(h.posting("round", keys.round))
    seen = sum(int(visible[p].sum()) for p in postings)
    return seen >= minimum
