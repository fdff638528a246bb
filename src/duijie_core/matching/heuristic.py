"""The analyst's heuristic: the baseline any learned ranker has to beat.

What an analyst does in three lines, for a company raising a new round:

1. the company's **earlier investors** (most recent activity first);
2. then **their co-investors**, weighted by how often they invested together;
3. then the **most active investors**, each past deal weighted by recency
   (``0.5 ** (age / half_life_days)``).

Only deals dated strictly before the query count, so one fitted heuristic
serves queries at any date (the evaluation's time split needs no refit).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from duijie_core.matching.history import HistoryIndex
from duijie_core.matching.keys import normalise_all
from duijie_core.matching.model import Deal, ProjectQuery
from duijie_core.text import normalise


class AnalystHeuristic:
    """Follow-on, then co-investors, then recency-weighted popularity.

    Parameters: ``half_life_days`` of the popularity decay. ``fit(history)``
    indexes the deals (``names_``, ``history_``); ``rank(query, k)`` returns
    up to ``k`` investor names, best first (ties by first appearance).
    """

    def __init__(self, half_life_days: float = 365.0) -> None:
        self.half_life_days = half_life_days

    def fit(self, history: Sequence[Deal]) -> AnalystHeuristic:
        """Index ``history`` (investor names as first written)."""
        raw = [name for deal in history for name in deal.investors]
        keys = normalise_all(raw)
        names: dict[str, str] = {}
        for name in raw:
            names.setdefault(keys[name], name)
        self.names_ = list(names.values())
        index = {key: i for i, key in enumerate(names)}
        self.history_ = HistoryIndex(history, None, index, name_keys=keys)
        return self

    def scores(self, query: ProjectQuery) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The three tiers for every investor: follow-on, co-investment count, popularity."""
        h = self.history_
        day = query.date.toordinal()
        visible = h.visible_deals(day)
        company = normalise(query.company) if query.company else ""
        partners = h.company_investors(company, visible) if company else np.zeros(0, np.int64)
        follow = np.zeros(h.n_investors)
        follow[partners] = 1.0
        co_counts = h.co_investment(partners, visible)
        popularity = h.activity(day, h.decay(day, self.half_life_days))
        return follow, co_counts, popularity

    def rank(self, query: ProjectQuery, k: int) -> list[str]:
        """The best ``k`` investors seen before the query's date."""
        follow, co_counts, popularity = self.scores(query)
        seen = np.flatnonzero(self.history_.seen_before(query.date.toordinal()))
        order = np.lexsort((seen, -popularity[seen], -co_counts[seen], -follow[seen]))
        return [self.names_[int(i)] for i in seen[order[:k]]]
