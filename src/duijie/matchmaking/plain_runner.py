"""The yardstick: the first runner, which keeps every project's full score table.

Memory grows with projects × candidates (about 40–55 MB per project at 300,000
candidates), so the app uses :mod:`duijie.matchmaking.runner` instead. This
module is kept, unchanged in what it computes, for the tests (the streamed runner
must give the same recommendations when the pool holds every candidate) and for
``scripts/bench_matchmaking_run.py`` (memory ratio). It does not touch suppliers.
Like the streamed runner, it suggests projects only to investors in ``readers``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np

from duijie.matchmaking.adapters import Fitted
from duijie.matchmaking.models import Side
from duijie.matchmaking.runner import (
    Row,
    RunResult,
    investor_loads,
    load_stats_of,
    ranker_summary,
    reader_mask,
    row_of,
)
from duijie_core.matching import Matcher, ProjectQuery
from duijie_core.matching.explain import explain
from duijie_core.matching.score_table import ScoreTable, top_indices
from duijie_core.matching.spreading import spread_load

IntArray = np.ndarray


def plain_project_sides(
    fitted: Fitted,
    queries: Sequence[ProjectQuery],
    top: int,
    capacity: int | None,
    pool_factor: int = 20,
    readers: Collection[int] | None = None,
) -> RunResult:
    """Both project sides with every full score table held until the end."""
    matcher = fitted.matcher
    tables = [matcher.score_table(q) for q in queries]
    before, kept = _spread(matcher, tables, top, capacity, pool_factor)
    rows, excluded = [], Counter[str]()
    for query, table, chosen in zip(queries, tables, kept, strict=True):
        answer = matcher.package(query, table, chosen)
        excluded.update(answer.exclusion_counts)
        rows += [
            row_of(
                Side.PROJECT_INVESTOR,
                rec,
                project_id=int(query.id),
                organisation_id=fitted.organisation_of(rec.candidate),
            )
            for rec in answer.items
        ]
    rows += _investor_side(fitted, queries, tables, top, reader_mask(fitted, readers))
    return RunResult(
        rows,
        dict(matcher.weights_),
        load_stats_of(matcher, before),
        load_stats_of(matcher, kept),
        investor_loads(fitted, before, kept),
        {"candidates": len(matcher.candidates_), "excluded": dict(sorted(excluded.items()))},
        ranker_summary(fitted),  # always the matcher: the yardstick of the engine's path
    )


def _spread(
    matcher: Matcher, tables: list[ScoreTable], top: int, capacity: int | None, pool_factor: int
) -> tuple[list[IntArray], list[IntArray]]:
    pools = [t.ranked(top * pool_factor) for t in tables]
    before = [pool[:top] for pool in pools]
    if capacity is None:
        return before, before
    limits = np.array(
        [p.capacity if p.capacity is not None else capacity for p in matcher.candidates_],
        dtype=np.int64,
    )
    scored = [(pool, t.combined[pool]) for pool, t in zip(pools, tables, strict=True)]
    return before, spread_load(scored, top, limits, cover_first=True)


def _investor_side(
    fitted: Fitted,
    queries: Sequence[ProjectQuery],
    tables: list[ScoreTable],
    top: int,
    readable: np.ndarray,
) -> list[Row]:
    """For every readable investor with a profile, its best ``top`` projects over all projects."""
    matcher = fitted.matcher
    investors = np.nonzero(matcher.has_profile_ & readable)[0]
    if len(investors) == 0:
        return []
    grid = np.stack(
        [np.where(t.failed[investors] == 0, t.combined[investors], -np.inf) for t in tables]
    )
    rows = []
    for column, i in enumerate(investors.tolist()):
        for rank, q in enumerate(top_indices(grid[:, column], top).tolist(), 1):
            rec = explain(matcher, queries[q], tables[q], i, rank)
            rows.append(
                row_of(
                    Side.INVESTOR_PROJECT,
                    rec,
                    project_id=int(queries[q].id),
                    organisation_id=fitted.organisation_of(rec.candidate),
                )
            )
    return rows
