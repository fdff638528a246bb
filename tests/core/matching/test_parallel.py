"""Staging a batch on several processes (``parallel.py``): the same pools in query order."""

from __future__ import annotations

import datetime as dt
import os
import threading
import warnings

import pytest

from duijie_core.matching import parallel
from duijie_core.matching.datasets import synthetic_history
from duijie_core.matching.engine import Matcher
from duijie_core.matching.evaluation import as_query, temporal_split
from duijie_core.matching.model import ProjectQuery
from duijie_core.matching.ranker import LearnedRanker


@pytest.fixture(scope="module")
def synthetic() -> tuple[list, list]:  # type: ignore[type-arg]
    return temporal_split(synthetic_history(n_investors=80, n_companies=400, seed=2), 0.2)


class WhereStaged:
    """Stages a query as (its id, the pool factor, the process that staged it)."""

    def stage(self, query: ProjectQuery, pool_factor: int) -> tuple[str, int, int]:
        return query.id, pool_factor, os.getpid()


def queries(n: int) -> list[ProjectQuery]:
    return [ProjectQuery(id=f"q{i}", date=dt.date(2024, 1, 1)) for i in range(n)]


def test_a_large_batch_is_staged_in_two_worker_processes_in_query_order() -> None:
    staged = parallel.stage_all(WhereStaged(), queries(40), 7, n_jobs=2)
    assert [s[0] for s in staged] == [f"q{i}" for i in range(40)]
    assert {s[1] for s in staged} == {7}
    workers = {s[2] for s in staged}
    # Two workers share 8 chunks; a busy machine may let one of them take them all.
    assert 1 <= len(workers) <= 2 and os.getpid() not in workers


@pytest.mark.parametrize(("n", "n_jobs"), [(40, 1), (15, 2), (1, 0)])
def test_one_job_or_a_small_batch_stays_in_this_process(n: int, n_jobs: int) -> None:
    """Fewer than 8 queries per worker: forking would cost more than it saves."""
    staged = parallel.stage_all(WhereStaged(), queries(n), 3, n_jobs=n_jobs)
    assert [s[0] for s in staged] == [f"q{i}" for i in range(n)]
    assert {s[2] for s in staged} == {os.getpid()}


def test_a_mapped_batch_comes_back_in_item_order_from_the_workers() -> None:
    """The work is not pickled (a closure over local data is fine); results are."""
    offset = {"by": 100}
    done = list(parallel.map_forked(lambda n: (n + offset["by"], os.getpid()), range(40), 2))
    assert [n for n, _pid in done] == list(range(100, 140))
    assert os.getpid() not in {pid for _n, pid in done}


def test_a_mapped_batch_closed_early_stops_its_workers() -> None:
    results = parallel.map_forked(lambda n: os.getpid(), range(40), 2)
    worker = next(results)
    assert worker != os.getpid()
    results.close()  # the pool is closed and its workers joined with the generator
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


def test_zero_jobs_means_one_per_usable_core() -> None:
    assert parallel.usable_jobs(0) == len(os.sched_getaffinity(0))
    assert parallel.usable_jobs(3) == 3


def test_the_ranker_batch_on_two_processes_is_the_batch_on_one(synthetic) -> None:  # type: ignore[no-untyped-def]
    """Ranks, scores, reasons and the load figures are those of staging in one process."""
    train, test = synthetic
    batch = [as_query(d, i) for i, d in enumerate(test[:20])]
    results = []
    for jobs in (1, 2):
        ranker = LearnedRanker(
            Matcher(n_jobs=jobs),
            top_k=8,
            train_before=test[0].date,
            n_estimators=30,
            min_queries=10,
            validation_fraction=0.3,
        ).fit(train + test)
        assert ranker.model_ is not None
        results.append(ranker.recommend_all(batch, capacity=2))
    assert results[0] == results[1]
    assert len(results[0][0]) == 20 and all(r.items for r in results[0][0])


def test_the_matcher_batch_on_two_processes_is_the_batch_on_one(synthetic) -> None:  # type: ignore[no-untyped-def]
    train, test = synthetic
    batch = [as_query(d, i) for i, d in enumerate(test[:20])]
    one, two = (
        Matcher(top_k=8, n_jobs=jobs).fit(train).recommend_all(batch, capacity=2) for jobs in (1, 2)
    )
    assert one == two and all(r.items for r in one[0])


def test_forking_beside_another_thread_stays_quiet() -> None:
    """The task worker stages runs while its heartbeat thread sleeps: no fork warning."""
    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)
    beside.start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            staged = parallel.stage_all(WhereStaged(), queries(20), 1, n_jobs=2)
    finally:
        stop.set()
        beside.join()
    assert [str(w.message) for w in caught] == []
    assert [s[0] for s in staged] == [f"q{i}" for i in range(20)]
    assert os.getpid() not in {s[2] for s in staged}
