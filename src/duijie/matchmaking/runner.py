"""One matching run in memory, streamed: score each project once, keep a bounded pool.

Pure reading and computing (no writes): :func:`compute_run` returns plain
:class:`Row` values that :mod:`duijie.matchmaking.services` saves in one
transaction.

Memory is bounded by the pools, not by projects × candidates: each project's
full score table (every signal over every candidate) is computed once and
reduced at once to its ``pool_size = top × pool_factor`` best candidates
(``Matcher.stage``: the pool, their scores, a table restricted to them and the
exclusion counts). Both directions are read from these pools:

- project → investors: the pool's best ``top``, load-spread over all pools with
  ``spreading.spread_load`` when a capacity is given (every project covered first
  where capacity allows); a project left without suggestions is listed in the
  run's counts (``uncovered``) with why;
- investor → projects: for each investor with a profile that someone can read
  suggestions for (``readers``: see ``readers.readable_investors``), its best
  ``top`` projects among those whose pool holds it.

Staging and then the reasons run on the run's processes (``DUIJIE_MATCH_JOBS``,
``parallel.py``): the projects are staged in forked workers, spread here, and then
explained project by project in forked workers again (a worker drops each restricted
table as soon as its project is done). Rows come back in project order and are
handed to ``emit`` as they arrive (``services`` saves them in batches while the
workers go on), or collected in :attr:`RunResult.rows`.
With a pool that holds every candidate the result equals
:mod:`duijie.matchmaking.plain_runner` (kept as the yardstick) row for row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

from duijie.matchmaking.adapters import (
    Fitted,
    fitted_matcher,
    load_buyers,
    load_queries,
    load_suppliers,
)
from duijie.matchmaking.labels import localised_reasons, warm_labels
from duijie.matchmaking.models import Side
from duijie.matchmaking.providers import exchange_rates
from duijie.matchmaking.readers import readable_investors
from duijie.reference.models import Edition
from duijie_core.matching import Matcher, ProjectQuery
from duijie_core.matching import Recommendation as CoreRecommendation
from duijie_core.matching.engine import Staged as MatcherStaged
from duijie_core.matching.explain import explain
from duijie_core.matching.parallel import map_forked, stage_all
from duijie_core.matching.ranker import LearnedRanker, Staged
from duijie_core.matching.score_table import ScoreTable
from duijie_core.matching.spreading import load_stats, spread_load
from duijie_core.matching.suppliers import match_suppliers
from duijie_core.matching.supply_price import Rates
from duijie_core.matching.weights import SUPPLY_WEIGHTS

IntArray = np.ndarray
POOL_FACTOR = 20


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
    need_id: int | None = None


Emit = Callable[[Row], None]


@dataclass(frozen=True)
class RunResult:
    """Everything a run stores: rows (none when emitted), weights used, loads and counts."""

    rows: list[Row]
    weights: dict[str, float]
    load_before: dict[str, object]
    load_after: dict[str, object]
    loads: list[dict[str, object]]
    counts: dict[str, object] = field(default_factory=dict)
    ranker: dict[str, object] = field(default_factory=dict)


@dataclass
class Pool:
    """One project's bounded pool: candidates best first, scores, restricted table, exclusions.

    Ranked by the learned ranker, ``staged`` holds its candidates' features (and
    ``table`` is None); ranked by the matcher, ``table`` holds its signals.
    """

    query: ProjectQuery
    candidates: IntArray
    scores: np.ndarray
    table: ScoreTable | None
    excluded: dict[str, int]
    staged: Staged | None = None


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
    pool_factor: int = POOL_FACTOR,
    emit: Emit | None = None,
    supply_weights: dict[str, float] | None = None,
    learned: bool = True,
) -> RunResult:
    """Recommendations of all three sides for ``edition`` (reads only).

    Project ↔ investor pairs are ranked by the learned ranker trained on the
    financing events dated before ``today`` when it kept a model, else by the
    matcher (with ``learned=False`` always by the matcher); the result's
    ``ranker`` says which and why (:func:`ranker_summary`). The history is first
    checked against ``today`` (``adapters.checked_history``: later and repeated events
    left out); the counts' ``history`` says what was left out. With ``emit``, every
    row is handed to it as soon as it is made and the result's ``rows`` stay empty.
    ``supply_weights`` weigh the buyer–supplier signals (default ``SUPPLY_WEIGHTS``).
    """
    fitted = fitted_matcher(
        weights=weights, top_k=top, ranker_before=today if learned else None, today=today
    )
    projects, queries = load_queries(edition, today)
    readers = readable_investors(edition)
    result = project_sides(fitted, queries, top, capacity, pool_factor, readers, emit)
    supplier_rows, unserved = supplier_side(top, today, supply_weights)
    counts = {
        **result.counts,
        "projects": len(projects),
        "buyer_supplier": len(supplier_rows),
        "unserved_needs": unserved,
        "supply_weights": dict(supply_weights or SUPPLY_WEIGHTS),
        "history": fitted.history,
    }
    if emit is not None:
        for row in supplier_rows:
            emit(row)
        supplier_rows = []
    return dataclasses.replace(result, rows=result.rows + supplier_rows, counts=counts)


def learned_ranker(fitted: Fitted) -> LearnedRanker | None:
    """The fitted ranker when it ranks (it kept a boosting round), else None."""
    ranker = fitted.ranker
    return ranker if ranker is not None and ranker.model_ is not None else None


def ranker_summary(fitted: Fitted, cold: int = 0) -> dict[str, object]:
    """Which ranker ranked the project ↔ investor pairs, trained on what, and why not.

    ``used`` is "learned" or "engine"; ``why`` (for the engine) one of
    ``not_trained`` (the run did not ask for the ranker), ``too_few_training_queries``
    (fewer than ``min_queries`` past deals with an investor seen earlier) or
    ``no_round_kept`` (on the latest training queries no boosting round ranked better
    than the matcher's own order). ``cold``: projects with few comparable deals, which
    the learned ranker orders by mandate fit.
    """
    ranker = fitted.ranker
    if ranker is None:
        return {"used": "engine", "why": "not_trained", "deals": fitted.deals}
    summary: dict[str, object] = {
        "used": "learned" if ranker.model_ is not None else "engine",
        "why": "",
        "deals": fitted.deals,
        "trained_before": ranker.train_before.isoformat() if ranker.train_before else None,
        "train_queries": ranker.n_train_queries_,
        "min_queries": ranker.min_queries,
        "rounds": int(getattr(ranker, "n_rounds_", 0)) if ranker.model_ is not None else 0,
        "validation_share": ranker.validation_fraction,
        "reciprocity": bool(ranker.reciprocity and ranker.model_ is not None),
        "cold_projects": cold,
    }
    if ranker.model_ is None:
        few = any(p.code == "too_few_training_queries" for p in ranker.problems_)
        summary["why"] = "too_few_training_queries" if few else "no_round_kept"
    return summary


def reader_mask(fitted: Fitted, readers: Collection[int] | None) -> np.ndarray:
    """Per candidate: is it an organisation in ``readers`` (every candidate when None)?"""
    organisations = fitted.candidate_organisations
    if readers is None:
        return np.ones(len(organisations), dtype=bool)
    return np.isin(organisations, np.fromiter(readers, dtype=np.int64, count=len(readers)))


def project_sides(
    fitted: Fitted,
    queries: Sequence[ProjectQuery],
    top: int,
    capacity: int | None,
    pool_factor: int = POOL_FACTOR,
    readers: Collection[int] | None = None,
    emit: Emit | None = None,
) -> RunResult:
    """Project → investors (load-spread) and investor → projects, from bounded pools.

    Investor → project rows only for organisations in ``readers`` (all when None).
    """
    matcher = fitted.matcher
    if not queries or not matcher.candidates_:
        empty = dataclasses.asdict(load_stats([]))
        return RunResult(
            [], dict(matcher.weights_), empty, empty, [], {"candidates": 0}, ranker_summary(fitted)
        )
    with collector_paused():
        return _project_sides(fitted, queries, top, capacity, pool_factor, readers, emit)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block, as it was after it.

    A run allocates millions of short-lived, acyclic objects (signals, reasons,
    rows) that reference counting frees; the collector would only walk them (and
    the fitted matcher's profiles) again and again. Cycles made meanwhile are
    collected after the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _project_sides(
    fitted: Fitted,
    queries: Sequence[ProjectQuery],
    top: int,
    capacity: int | None,
    pool_factor: int,
    readers: Collection[int] | None,
    emit: Emit | None,
) -> RunResult:
    matcher, ranker = fitted.matcher, learned_ranker(fitted)
    if ranker is None:
        pools = [matcher_pool(s) for s in stage_all(matcher, queries, pool_factor, match_jobs())]
    else:
        pools = [ranked_pool(s) for s in stage_all(ranker, queries, pool_factor, match_jobs())]
    cold = sum(1 for p in pools if p.staged is not None and not p.staged.built.comparable)
    before = [p.candidates[:top] for p in pools]
    kept = spread(matcher, pools, top, capacity)
    investor_pairs = investor_choices(matcher, pools, top, reader_mask(fitted, readers))
    rows: list[Row] = []
    explain_all(fitted, ranker, pools, kept, investor_pairs, emit or rows.append)
    excluded = Counter[str]()
    for p in pools:
        excluded.update(p.excluded)
    counts = {"candidates": len(matcher.candidates_), "excluded": dict(sorted(excluded.items()))}
    counts["uncovered"] = uncovered_projects(pools, kept, capacity)
    return RunResult(
        rows,
        dict(matcher.weights_),
        load_stats_of(matcher, before),
        load_stats_of(matcher, kept),
        investor_loads(fitted, before, kept),
        counts,
        ranker_summary(fitted, cold),
    )


def uncovered_projects(
    pools: list[Pool], kept: list[IntArray], capacity: int | None
) -> list[dict[str, object]]:
    """Projects without a suggestion and why: every candidate removed by a hard filter
    (``all_excluded``, with the counts), or every candidate that fits already at its
    capacity (``capacity_full``, with how many fitted)."""
    found: list[dict[str, object]] = []
    for pool, chosen in zip(pools, kept, strict=True):
        if len(chosen):
            continue
        why = "all_excluded" if not len(pool.candidates) else "capacity_full"
        found.append(
            {
                "project_id": int(pool.query.id),
                "why": why,
                "candidates": len(pool.candidates),
                "excluded": dict(sorted(pool.excluded.items())),
                "capacity": capacity,
            }
        )
    return found


def match_jobs() -> int:
    """Processes staging a run's projects (``DUIJIE_MATCH_JOBS``; 0 = one per core)."""
    return int(settings.MATCH_JOBS)


def matcher_pool(staged: MatcherStaged) -> Pool:
    """A project's pool from the matcher: its ``top_k × pool_factor`` best over all
    candidates, with their restricted score table."""
    query, candidates, scores, table, (_listed, counts) = staged
    return Pool(query, candidates, scores, table, counts)


def ranked_pool(staged: Staged) -> Pool:
    """A project's pool from the learned ranker: stage 1's candidates re-ranked by the
    model (with the owner's side), the best ``top_k × pool_factor`` kept with their features."""
    return Pool(staged.built.query, staged.pool, staged.score, None, staged.exclusions[1], staged)


def spread(matcher: Matcher, pools: list[Pool], top: int, capacity: int | None) -> list[IntArray]:
    """Each project's candidates kept: the pool's best ``top``, load-spread under ``capacity``."""
    if capacity is None:
        return [p.candidates[:top] for p in pools]
    limits = np.array(
        [p.capacity if p.capacity is not None else capacity for p in matcher.candidates_],
        dtype=np.int64,
    )
    return spread_load([(p.candidates, p.scores) for p in pools], top, limits, cover_first=True)


def investor_choices(
    matcher: Matcher, pools: list[Pool], top: int, readable: np.ndarray
) -> np.ndarray:
    """Investor → projects: rows of (investor, project index, rank), investor then rank order.

    For each candidate with a profile that is ``readable`` (a mask over candidates),
    its best ``top`` projects among those whose pool holds it (best score first,
    ties by project order, as ``top_indices``).
    """
    project = np.concatenate([np.full(len(p.candidates), q) for q, p in enumerate(pools)])
    investor = np.concatenate([p.candidates for p in pools]).astype(np.int64)
    score = np.concatenate([p.scores for p in pools])
    profiled = matcher.has_profile_[investor] & readable[investor]
    project, investor, score = project[profiled], investor[profiled], score[profiled]
    order = np.lexsort((project, -score, investor))
    investor, project = investor[order], project[order]
    starts = np.flatnonzero(np.r_[True, investor[1:] != investor[:-1]])
    rank = np.arange(len(investor)) - np.repeat(starts, np.diff(np.r_[starts, len(investor)])) + 1
    chosen = rank <= top
    return np.stack([investor[chosen], project[chosen], rank[chosen]], axis=1).astype(np.int64)


def explain_all(
    fitted: Fitted,
    ranker: LearnedRanker | None,
    pools: list[Pool],
    kept: list[IntArray],
    investor_pairs: np.ndarray,
    emit: Emit,
) -> None:
    """Reasons for both directions, project by project, emitted in project order.

    Per project: its investors by rank, then the investors it is suggested to
    (investor order); a pair shown in both directions is explained once. The
    projects are explained by the run's processes (``parallel.map_forked``; the
    labels' reference names and catalogue words are read first, here), and each
    project's rows are emitted (saved) as they come back while the workers go on.
    """
    by_project: dict[int, list[tuple[int, int]]] = {}
    for i, q, rank in investor_pairs.tolist():
        by_project.setdefault(q, []).append((i, rank))
    warm_labels()

    def rows_of(q: int) -> list[Row]:
        suggested = by_project.get(q, [])
        if ranker is None:
            return explained_rows(fitted, pools[q], kept[q], suggested)
        return ranked_rows(fitted, ranker, pools[q], kept[q], suggested)

    for rows in map_forked(rows_of, range(len(pools)), match_jobs()):
        for row in rows:
            emit(row)


def explained_rows(
    fitted: Fitted, pool: Pool, kept: IntArray, suggested: list[tuple[int, int]]
) -> list[Row]:
    """One project's rows with the matcher's reasons: its kept investors by rank, then
    the ``suggested`` (investor, rank) pairs. The pool's table is dropped after use."""
    assert pool.table is not None
    matcher, project_id, rows = fitted.matcher, int(pool.query.id), []
    done: dict[int, CoreRecommendation] = {}
    for rank, i in enumerate(kept.tolist(), 1):
        done[i] = explain(matcher, pool.query, pool.table, i, rank, all_reasons=False)
        rows.append(_row(fitted, Side.PROJECT_INVESTOR, done[i], project_id, i))
    for i, rank in suggested:
        rec = done.get(i) or explain(matcher, pool.query, pool.table, i, rank, all_reasons=False)
        rec = dataclasses.replace(rec, rank=rank)
        rows.append(_row(fitted, Side.INVESTOR_PROJECT, rec, project_id, i))
    pool.table = None  # its reasons are built: free the table and its deal masks
    return rows


def ranked_rows(
    fitted: Fitted,
    ranker: LearnedRanker,
    pool: Pool,
    kept: IntArray,
    suggested: list[tuple[int, int]],
) -> list[Row]:
    """As :func:`explained_rows`, with the learned ranker's reasons (its top contributing
    features as sentences, then the matcher's) and scores (investor interest from the
    model, project interest = the owner's side). Only the reasons shown are built (rows
    keep the signals' scores, not their sentences), as the batch does."""
    assert pool.staged is not None
    project_id, rows = int(pool.query.id), []
    chosen = kept.astype(np.int64)
    shown = ranker.package(pool.staged, chosen, all_reasons=False).items
    done = dict(zip(chosen.tolist(), shown, strict=True))
    for i in chosen.tolist():
        rows.append(_row(fitted, Side.PROJECT_INVESTOR, done[i], project_id, i))
    extra = np.array([i for i, _rank in suggested if i not in done], dtype=np.int64)
    if len(extra):
        more = ranker.package(pool.staged, extra, all_reasons=False).items
        done.update(zip(extra.tolist(), more, strict=True))
    for i, rank in suggested:
        rec = dataclasses.replace(done[i], rank=rank)
        rows.append(_row(fitted, Side.INVESTOR_PROJECT, rec, project_id, i))
    pool.staged = None  # its reasons are built: free its features and table
    return rows


def _row(fitted: Fitted, side: str, rec: CoreRecommendation, project_id: int, i: int) -> Row:
    organisation = int(fitted.candidate_organisations[i])
    linked = organisation if organisation >= 0 else None
    return row_of(side, rec, project_id=project_id, organisation_id=linked)


def load_stats_of(matcher: Matcher, lists: list[IntArray]) -> dict[str, object]:
    """The load statistics of per-project candidate lists, as a plain dict."""
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


def supplier_side(
    top: int, today: dt.date, weights: dict[str, float] | None = None
) -> tuple[list[Row], list[dict[str, object]]]:
    """For every active buying need, the best ``top`` suppliers; and the needs left
    without one, with what removed their suppliers (``no_product``, hard filters).
    Prices in two currencies compare with the rates in force on ``today``."""
    buyers, buyer_orgs = load_buyers()
    suppliers, supplier_ids = load_suppliers()
    if not buyers:
        return [], []
    rates = Rates(tuple(exchange_rates()), today)
    answers = match_suppliers(buyers, suppliers, top, weights, rates)
    rows = [
        row_of(
            Side.BUYER_SUPPLIER,
            rec,
            buyer_id=buyer_orgs[answer.query_id],
            organisation_id=supplier_ids.get(rec.candidate),
            need_id=int(answer.query_id),
        )
        for answer in answers
        for rec in answer.items
    ]
    unserved = [
        {"need_id": int(a.query_id), "suppliers": len(suppliers), "excluded": a.exclusion_counts}
        for a in answers
        if not a.items
    ]
    return rows, unserved
