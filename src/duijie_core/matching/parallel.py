"""A batch's independent per-query work on several cores.

Scoring one project against every candidate is independent of the other projects,
and so is explaining one project's chosen pairs once the load is spread, so a batch
(``recommend_all``, the web app's whole-edition run) does both in forked worker
processes: each inherits the fitted index and the pools copy-on-write (nothing is
pickled on the way in but the items) and sends back only each item's result (a
query's small pool, a project's rows). Load spreading runs between the two in the
calling process, and results come back in item order, so the outcome is the same as
doing one item after the other; the caller can use each result (save a project's
rows) while the workers go on with the next ones.

Workers use ``fork`` (POSIX), are started per batch and stopped after it; they
only compute (no files, no database, no logging, no imports: whatever the work
reads lazily is read before the fork), and exit without running the parent's exit
handlers, so inherited connections are left alone. Python warns that forking a
process with other threads may deadlock the child (a lock another thread held at
the fork stays locked there). The web app's task worker has one other thread, its
heartbeat, which sleeps or writes one row; the locks it can hold (the database
driver's, logging's) are never taken by a child here, so the warning is silenced
for these forks only.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar, cast

from duijie_core.matching.model import ProjectQuery

StagedT = TypeVar("StagedT", covariant=True)

# Fewer items than this per worker are done in the calling process: starting
# the workers costs more than it saves.
MIN_ITEMS_PER_JOB = 8
CHUNKS_PER_JOB = 4
FORK_WARNING = r".*multi-threaded, use of fork\(\) may lead to deadlocks"


class Stager(Protocol[StagedT]):
    """What stages one query (the matcher, the learned ranker)."""

    def stage(self, query: ProjectQuery, pool_factor: int) -> StagedT: ...


_WORK: Callable[[object], object] | None = None


def usable_jobs(n_jobs: int) -> int:
    """``n_jobs`` as a number of processes: 0 or less means one per available core."""
    if n_jobs > 0:
        return n_jobs
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def stage_all[T](
    stager: Stager[T], queries: Sequence[ProjectQuery], pool_factor: int, n_jobs: int
) -> list[T]:
    """``stager.stage(q, pool_factor)`` for every query, in query order, on ``n_jobs``
    forked processes (0: one per core) when the batch is large enough."""
    stage = functools.partial(_stage, stager, pool_factor)
    return list(map_forked(stage, queries, n_jobs))


def _stage[T](stager: Stager[T], pool_factor: int, query: ProjectQuery) -> T:
    return stager.stage(query, pool_factor)


def map_forked[I, R](work: Callable[[I], R], items: Sequence[I], n_jobs: int) -> Iterator[R]:
    """``work(item)`` for every item, yielded in item order as the results arrive, done by
    ``n_jobs`` forked processes (0: one per core) when there are at least
    ``MIN_ITEMS_PER_JOB`` items per process, else here, one after the other.

    ``work`` is not pickled (the workers inherit it); its results are. The workers
    stop when the iterator is exhausted or closed (closed early, after the chunks
    already handed out).
    """
    jobs = min(usable_jobs(n_jobs), len(items) // MIN_ITEMS_PER_JOB)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, items)
        return
    global _WORK
    size = -(-len(items) // (jobs * CHUNKS_PER_JOB))
    chunks: list[list[object]] = [list(items[i : i + size]) for i in range(0, len(items), size)]
    _WORK = cast(Callable[[object], object], work)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", FORK_WARNING, DeprecationWarning)
            pool = multiprocessing.get_context("fork").Pool(jobs)
        try:
            for part in pool.imap(_work_chunk, chunks):
                yield from cast(list[R], part)
        finally:
            # Closed, not terminated: killing a worker in the middle of a chunk can leave
            # the pool's queue lock held and hang the caller; stopped early, the chunks
            # already handed out are finished first.
            pool.close()
            pool.join()
    finally:
        _WORK = None


def _work_chunk(items: list[object]) -> list[object]:
    assert _WORK is not None
    return [_WORK(item) for item in items]
