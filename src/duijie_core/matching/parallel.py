"""Staging a batch of queries on several cores.

Scoring one project against every candidate is independent of the other projects,
so a batch (``recommend_all``, the web app's whole-edition run) stages its queries
in forked worker processes: each inherits the fitted index copy-on-write (nothing
is pickled on the way in but the queries) and sends back only each query's small
pool. Load spreading and the reasons run afterwards in the calling process, in
query order, so the result is the same as staging one query after the other.

Workers use ``fork`` (POSIX), are started per batch and stopped after it; they
only compute (no files, no database, no logging, no imports), and exit without
running the parent's exit handlers, so inherited connections are left alone.
Python warns that forking a process with other threads may deadlock the child (a
lock another thread held at the fork stays locked there). The web app's task worker
has one other thread, its heartbeat, which sleeps or writes one row; the locks it
can hold (the database driver's, logging's) are never taken by a child here, so the
warning is silenced for these forks only.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Sequence
from typing import Protocol, TypeVar, cast

from duijie_core.matching.model import ProjectQuery

StagedT = TypeVar("StagedT", covariant=True)

# Fewer queries than this per worker are staged in the calling process: starting
# the workers costs more than it saves.
MIN_QUERIES_PER_JOB = 8
CHUNKS_PER_JOB = 4
FORK_WARNING = r".*multi-threaded, use of fork\(\) may lead to deadlocks"


class Stager(Protocol[StagedT]):
    """What stages one query (the matcher, the learned ranker)."""

    def stage(self, query: ProjectQuery, pool_factor: int) -> StagedT: ...


_WORKER: tuple[Stager[object], int] | None = None


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
    jobs = min(usable_jobs(n_jobs), len(queries) // MIN_QUERIES_PER_JOB)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [stager.stage(q, pool_factor) for q in queries]
    global _WORKER
    size = -(-len(queries) // (jobs * CHUNKS_PER_JOB))
    chunks = [list(queries[i : i + size]) for i in range(0, len(queries), size)]
    _WORKER = (stager, pool_factor)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", FORK_WARNING, DeprecationWarning)
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                parts = cast(list[list[T]], pool.map(_stage_chunk, chunks))
    finally:
        _WORKER = None
    return [staged for part in parts for staged in part]


def _stage_chunk(queries: list[ProjectQuery]) -> list[object]:
    assert _WORKER is not None
    stager, pool_factor = _WORKER
    return [stager.stage(q, pool_factor) for q in queries]
