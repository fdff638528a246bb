"""One matching run in memory: score each project once, spread the load, read all three sides.

Pure reading and computing (no writes): :func:`compute_run` returns plain
:class:`Row` values that :mod:`duijie.matchmaking.services` saves in one
transaction. Each project's score table is computed once and serves both the
project → investor lists (load-spread) and the investor → project lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from duijie.matchmaking.adapters import (
    Fitted,
    fitted_matcher,
    load_buyers,
    load_queries,
    load_suppliers,
)
from duijie.matchmaking.labels import localised_reasons
from duijie.matchmaking.models import Side
from duijie.reference.models import Edition
from duijie_core.matching import Matcher, ProjectQuery
from duijie_core.matching import Recommendation as CoreRecommendation
from duijie_core.matching.engine import ScoreTable, top_indices
from duijie_core.matching.explain import explain
from duijie_core.matching.spreading import load_stats, spread_load
from duijie_core.matching.suppliers import match_suppliers

IntArray = np.ndarray


@dataclass(frozen=True)
class Row:
    """One recommendation as plain values, ready to be saved."""

    side: str
    rank: int
    candidate_name: str
    score: float
    investor_interest: float
    project_interest: float
    reasons: list[dict[str, object]]
    signals: dict[str, float]
    project_id: int | None = None
    organisation_id: int | None = None
    buyer_id: int | None = None


@dataclass(frozen=True)
class RunResult:
    """Everything a run stores: rows, weights used, load before/after and counts."""

    rows: list[Row]
    weights: dict[str, float]
    load_before: dict[str, object]
    load_after: dict[str, object]
    loads: list[dict[str, object]]
    counts: dict[str, object] = field(default_factory=dict)


def row_of(side: str, rec: CoreRecommendation, **links: int | None) -> Row:
    """A :class:`Row` from one core recommendation."""
    return Row(
        side=side,
        rank=rec.rank,
        candidate_name=rec.candidate,
        score=round(rec.score, 6),
        investor_interest=round(rec.investor_interest, 6),
        project_interest=round(rec.project_interest, 6),
        reasons=localised_reasons(rec.reasons),
        signals={s.name: round(s.score, 6) for s in rec.signals},
        **links,
    )


def compute_run(
    *,
    edition: Edition,
    today: dt.date,
    top: int = 20,
    capacity: int | None = None,
    weights: dict[str, float] | None = None,
    pool_factor: int = 20,
) -> RunResult:
    """Recommendations of all three sides for ``edition`` (reads only)."""
    fitted = fitted_matcher(weights=weights, top_k=top)
    projects, queries = load_queries(edition, today)
    result = _project_sides(fitted, queries, top, capacity, pool_factor)
    supplier_rows = supplier_side(top)
    counts = {**result.counts, "projects": len(projects), "buyer_supplier": len(supplier_rows)}
    return dataclasses.replace(result, rows=result.rows + supplier_rows, counts=counts)


def _project_sides(
    fitted: Fitted,
    queries: Sequence[ProjectQuery],
    top: int,
    capacity: int | None,
    pool_factor: int,
) -> RunResult:
    matcher = fitted.matcher
    if not queries or not matcher.candidates_:
        empty = dataclasses.asdict(load_stats([]))
        return RunResult([], dict(matcher.weights_), empty, empty, [], {"candidates": 0})
    tables = [matcher.score_table(q) for q in queries]
    before, kept = spread(matcher, tables, top, capacity, pool_factor)
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
    rows += investor_side(fitted, queries, tables, top)
    return RunResult(
        rows,
        dict(matcher.weights_),
        _stats(matcher, before),
        _stats(matcher, kept),
        investor_loads(fitted, before, kept),
        {"candidates": len(matcher.candidates_), "excluded": dict(sorted(excluded.items()))},
    )


def spread(
    matcher: Matcher, tables: list[ScoreTable], top: int, capacity: int | None, pool_factor: int
) -> tuple[list[IntArray], list[IntArray]]:
    """Each project's top candidates before spreading, and those kept after."""
    pools = [t.ranked(top * pool_factor) for t in tables]
    before = [pool[:top] for pool in pools]
    if capacity is None:
        return before, before
    limits = np.array(
        [p.capacity if p.capacity is not None else capacity for p in matcher.candidates_],
        dtype=np.int64,
    )
    scored = [(pool, t.combined[pool]) for pool, t in zip(pools, tables, strict=True)]
    return before, spread_load(scored, top, limits)


def _stats(matcher: Matcher, lists: list[IntArray]) -> dict[str, object]:
    names = [[matcher.candidates_[int(i)].name for i in idx] for idx in lists]
    return dataclasses.asdict(load_stats(names))


def investor_loads(
    fitted: Fitted, before: list[IntArray], kept: list[IntArray]
) -> list[dict[str, object]]:
    """Per investor: how many projects list it before and after spreading (most loaded first)."""
    b = Counter(int(i) for idx in before for i in idx)
    a = Counter(int(i) for idx in kept for i in idx)
    names = fitted.matcher.candidates_
    rows = [
        {
            "name": names[i].name,
            "organisation_id": fitted.organisation_of(names[i].name),
            "before": b[i],
            "after": a[i],
        }
        for i in set(b) | set(a)
    ]
    return sorted(rows, key=lambda r: (-int(r["before"]), -int(r["after"]), str(r["name"])))


def investor_side(
    fitted: Fitted, queries: Sequence[ProjectQuery], tables: list[ScoreTable], top: int
) -> list[Row]:
    """For every investor with a profile, its best ``top`` projects (hard filters applied)."""
    matcher = fitted.matcher
    investors = np.nonzero(matcher.has_profile_)[0]
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


def supplier_side(top: int) -> list[Row]:
    """For every active buying need, the best ``top`` suppliers."""
    buyers, buyer_orgs = load_buyers()
    suppliers, supplier_ids = load_suppliers()
    if not buyers or not suppliers:
        return []
    return [
        row_of(
            Side.BUYER_SUPPLIER,
            rec,
            buyer_id=buyer_orgs[answer.query_id],
            organisation_id=supplier_ids.get(rec.candidate),
        )
        for answer in match_suppliers(buyers, suppliers, top)
        for rec in answer.items
    ]
