"""Reasons of the learned ranker: the top contributing features as sentences.

LightGBM ``pred_contrib`` gives each feature's contribution to a candidate's
score; the features that pushed it up most become sentences (a matcher signal
its own reason, the network and activity features their templates in
``reasons.TEMPLATES``), then the matcher's own reasons fill up to ``n``.
Signal reasons are built only when a contribution asks for them, so the
matcher's explanation may be the lazy one (``explain(..., all_reasons=False)``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.explain import MIN_SHOWN, UNKNOWN_NOTES, FittedMatcher, signal_reason
from duijie_core.matching.model import ProjectQuery, Reason, Recommendation
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.score_table import ScoreTable

FloatArray = NDArray[np.float64]


def contribution_reasons(
    matcher: FittedMatcher,
    query: ProjectQuery,
    table: ScoreTable,
    i: int,
    base: Recommendation,
    features: Sequence[str],
    values: FloatArray,
    contribution: FloatArray,
    n: int,
) -> list[Reason]:
    """Reasons of the features that pushed candidate ``i``'s score up most, then the
    matcher's own (``base.reasons``), at most ``n``. ``values`` and ``contribution``
    are in the order of ``features``."""
    by_signal = {s.name: s for s in base.signals}
    out: list[Reason] = []
    for f in np.argsort(-contribution[: len(features)], kind="stable"):
        if contribution[f] <= 0 or len(out) == n:
            break
        name = features[f]
        signal = by_signal.get(name)
        if signal is not None:
            shown = signal.known and signal.score >= MIN_SHOWN
            reason = signal_reason(matcher, query, table, name, i) if shown else None
        else:
            reason = _feature_reason(name, float(values[f]))
        if reason is not None and reason.code not in {r.code for r in out}:
            out.append(reason)
    for reason in base.reasons:
        if len(out) < n and reason.code not in UNKNOWN_NOTES and reason not in out:
            out.append(reason)
    return out


def _feature_reason(name: str, value: float) -> Reason | None:
    """The sentence for one non-signal feature (None when it has nothing to say)."""
    if name == "shared_co_investors" and value >= 1:
        return make_reason("network_shared", count=int(value))
    if name == "pagerank" and value > 0:
        return make_reason("network_near")
    if name == "deals_last_year" and value >= 1:
        return make_reason("recently_active", count=int(value))
    if name == "follow_on_record" and value > 0:
        return make_reason("follows_on", pct=math.floor(value * 100 + 0.5))
    return None
