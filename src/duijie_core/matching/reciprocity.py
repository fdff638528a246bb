"""The project owner's side of a pair, for reciprocal ranking (as in RECON).

An investor that wants a project is only worth a meeting if the owner wants
the investor too. The owner's interest is the weighted mean of what the owner
states and what the history shows:

- ``owner``: strategic vs financial investor, currency, the investor's location
  (the matcher's ``owner`` signal; 0.5 when the owner states no wish);
- ``ties``: shared hometown, school or an earlier meeting (warm introduction);
- ``follow_on_record``: how often the investor backed its companies again in a
  later round (:func:`graph.follow_on_record`), a sign it stays for the next round.

The ranker combines it with the investor's interest by the harmonic mean, so a
pair that only one side wants ranks low. :func:`auc` measures how well a score
separates accepted from declined meeting requests.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.graph import DealGraph, follow_on_record
from duijie_core.matching.score_table import ScoreTable

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
OWNER_WEIGHTS = {"owner": 2.0, "ties": 1.0, "follow_on_record": 1.0}


def owner_interest(
    graph: DealGraph, table: ScoreTable, day: int, rows: IntArray
) -> tuple[FloatArray, FloatArray]:
    """The owner's interest in candidates ``rows`` (0.5 = nothing known either way), and
    the follow-on record it used.

    Each part is 0.5 when unknown: ``ties`` lifts from 0.5 (no tie) towards 1; the
    follow-on record is compared with the median record of all investors as
    ``record / (record + median)`` (0.5 for an average investor or one with few deals).
    """
    everyone = follow_on_record(graph, day)
    median = graph.history.cached(
        ("follow_on_median", day),
        lambda: np.array([np.median(everyone) if len(everyone) else 0.0]),
    )
    base = max(float(median[0]) if len(everyone) else 0.0, 1e-6)
    record = everyone[rows]
    parts = {
        "owner": table.signals["owner"][rows],
        "ties": 0.5 + 0.5 * table.signals["ties"][rows],
        "follow_on_record": record / (record + base),
    }
    total = sum(OWNER_WEIGHTS.values())
    interest = sum(OWNER_WEIGHTS[name] * values for name, values in parts.items()) / total
    return np.asarray(interest, dtype=np.float64), record


def investor_interest(raw: FloatArray) -> FloatArray:
    """A query's ranker scores mapped to [0, 1]: the best candidate 1, the worst 0."""
    if len(raw) == 0:
        return raw
    low, high = float(raw.min()), float(raw.max())
    return (raw - low) / (high - low) if high > low else np.ones(len(raw))


def auc(scores: Sequence[float], accepted: Sequence[bool]) -> float | None:
    """Area under the ROC curve: P(an accepted pair outscores a declined one), ties count ½.

    None when one of the two classes is empty.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(accepted, dtype=np.bool_)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(s, kind="stable")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    # average ranks over ties
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    average = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(average, counts)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))
