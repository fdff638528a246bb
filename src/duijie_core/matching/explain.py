"""Reasons for the top k: turn signal values of one candidate into Signals and Reasons.

Only called for the few candidates shown, so it may look at the candidate's own
deals one by one.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from duijie_core.matching.candidates import FILTER_CODES
from duijie_core.matching.history import HistoryIndex
from duijie_core.matching.model import (
    InvestorProfile,
    ProjectQuery,
    Reason,
    Recommendation,
    Signal,
)
from duijie_core.matching.reasons import make_reason
from duijie_core.matching.score_table import ScoreTable
from duijie_core.matching.signals import (
    industry_fit,
    instrument_fit,
    owner_fit,
    region_fit,
    stage_fit,
    ticket_fit,
    ties_fit,
)
from duijie_core.matching.taxonomy import IndustryTaxonomy
from duijie_core.matching.weights import PROJECT_SIGNALS, SIGNALS
from duijie_core.money import Money
from duijie_core.text import normalise

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


class FittedMatcher(Protocol):
    """What an explanation reads of a fitted :class:`~duijie_core.matching.engine.Matcher`:
    its public parameters and learned attributes, nothing else."""

    @property
    def taxonomy(self) -> IndustryTaxonomy | None: ...
    @property
    def region_parents(self) -> dict[str, str] | None: ...
    @property
    def n_reasons(self) -> int: ...
    @property
    def candidates_(self) -> list[InvestorProfile]: ...
    @property
    def history_(self) -> HistoryIndex: ...
    @property
    def weights_(self) -> dict[str, float]: ...


UNKNOWN_NOTES = ("industry_unknown", "amount_unknown", "round_unknown", "city_unknown")
MIN_SHOWN = 0.05


def explain(
    matcher: FittedMatcher,
    query: ProjectQuery,
    table: ScoreTable,
    i: int,
    rank: int,
    *,
    all_reasons: bool = True,
) -> Recommendation:
    """The :class:`Recommendation` of candidate ``i`` at ``rank``.

    With ``all_reasons=False`` (batch runs) only the reasons shown are built and
    the signals carry no reason; scores, signals and shown reasons are the same.
    """
    row = table.row(i)
    if all_reasons:
        signals = tuple(_signal(matcher, query, table, name, i) for name in SIGNALS)
        reasons = _shown(matcher, signals)
    else:
        signals = _bare_signals(query, table, row)
        reasons = _shown_lazily(matcher, query, table, i, signals)
    score = float(table.combined[row])
    if not reasons:  # never a suggestion without a reason: say that no signal stands out
        reasons = [make_reason("no_strong_signal", score=round(score, 2))]
    return Recommendation(
        query.id,
        matcher.candidates_[i].name,
        rank,
        score,
        float(table.investor[row]),
        float(table.project[row]),
        signals,
        (*reasons, *_unknown_notes(query, table)),
    )


def _shown(matcher: FittedMatcher, signals: tuple[Signal, ...]) -> list[Reason]:
    """Reasons of the known signals worth showing, best weighted score first, at most n."""
    shown = [s for s in _by_weighted_score(matcher, signals) if s.reason is not None]
    return [s.reason for s in shown[: matcher.n_reasons] if s.reason is not None]


def _shown_lazily(
    matcher: FittedMatcher,
    query: ProjectQuery,
    table: ScoreTable,
    i: int,
    signals: tuple[Signal, ...],
) -> list[Reason]:
    """What :func:`_shown` gives, building reasons in that order until n are found."""
    reasons: list[Reason] = []
    for s in _by_weighted_score(matcher, signals):
        if len(reasons) == matcher.n_reasons:
            break
        reason = _reason(matcher, query, table, s.name, i)
        if reason is not None:
            reasons.append(reason)
    return reasons


def _by_weighted_score(matcher: FittedMatcher, signals: tuple[Signal, ...]) -> list[Signal]:
    """Known signals of at least :data:`MIN_SHOWN` and a positive weight, by weighted score.

    Ties keep the order of ``signals``.
    """
    weights = matcher.weights_
    return sorted(
        (s for s in signals if s.known and s.score >= MIN_SHOWN and weights.get(s.name, 0.0) > 0),
        key=lambda s: -weights.get(s.name, 0.0) * s.score,
    )


def _unknown_notes(query: ProjectQuery, table: ScoreTable) -> list[Reason]:
    missing = {
        "industry_unknown": table.keys.industry is None,
        "amount_unknown": table.keys.log_amount is None,
        "round_unknown": not table.keys.round,
        "city_unknown": not query.city,
    }
    return [make_reason(code) for code in UNKNOWN_NOTES if missing[code]]


def _signal(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, name: str, i: int
) -> Signal:
    score = float(table.signals[name][table.row(i)])
    side = "project" if name in PROJECT_SIGNALS else "investor"
    reason = _reason(matcher, query, table, name, i) if score > 0 else None
    known = _known(name, query, table)
    return Signal(name, score, side, reason, known)


def signal_reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, name: str, i: int
) -> Reason | None:
    """The reason signal ``name`` of candidate ``i`` gives (what :func:`explain` puts in
    its Signal), built alone: for callers that need only a few signals' reasons."""
    return (
        _reason(matcher, query, table, name, i) if table.signals[name][table.row(i)] > 0 else None
    )


def _bare_signals(query: ProjectQuery, table: ScoreTable, row: int) -> tuple[Signal, ...]:
    """The row's signals without reasons; equal values share one (frozen) Signal per table."""
    shared = table.bare_signals
    signals = []
    for name, score in zip(SIGNALS, _signal_values(table, row), strict=True):
        key = (name, score, math.copysign(1.0, score))  # 0.0 and -0.0 are equal keys
        signal = shared.get(key)
        if signal is None:
            signal = shared[key] = _bare_signal(query, table, name, score)
        signals.append(signal)
    return tuple(signals)


def _signal_values(table: ScoreTable, row: int) -> list[float]:
    """The row's signal values, in :data:`SIGNALS` order.

    A restricted (pool) table converts all its rows once; a full table reads one row.
    """
    if table.rows is None:
        return [float(table.signals[name][row]) for name in SIGNALS]
    if table.signal_rows is None:
        table.signal_rows = np.stack([table.signals[name] for name in SIGNALS], axis=1).tolist()
    return table.signal_rows[row]


def _bare_signal(query: ProjectQuery, table: ScoreTable, name: str, score: float) -> Signal:
    side = "project" if name in PROJECT_SIGNALS else "investor"
    return Signal(name, score, side, None, _known(name, query, table))


def _known(name: str, query: ProjectQuery, table: ScoreTable) -> bool:
    if name in ("industry", "history_industry"):
        return table.keys.industry is not None
    if name in ("ticket", "history_ticket"):
        return table.keys.log_amount is not None
    if name in ("stage", "history_round"):
        return bool(table.keys.round)
    if name in ("region", "history_city"):
        return bool(query.city)
    return True


MANDATE_SIGNALS = (
    "industry",
    "ticket",
    "stage",
    "region",
    "instrument",
    "thesis",
    "thesis_embedding",
)


def _reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, name: str, i: int
) -> Reason | None:
    profile = matcher.candidates_[i]
    if name in MANDATE_SIGNALS:
        return _mandate_reason(matcher, query, name, profile)
    if name == "owner":
        reason = owner_fit(query, profile).reason
    elif name == "ties":
        reason = ties_fit(query.ties, profile.ties, profile.name).reason
    else:
        reason = _history_reason(matcher, query, table, name, i)
    return None if reason is None or reason.code.endswith("_unknown") else reason


def _mandate_reason(
    matcher: FittedMatcher, query: ProjectQuery, name: str, profile: InvestorProfile
) -> Reason | None:
    mandate = profile.mandate
    reason: Reason | None = None
    if name == "industry" and mandate.industries and matcher.taxonomy is not None:
        reason = industry_fit(matcher.taxonomy, query.industry, mandate.industries).reason
    elif name == "ticket" and (mandate.ticket_min or mandate.ticket_max):
        reason = ticket_fit(query.amount, mandate.ticket_min, mandate.ticket_max).reason
    elif name == "stage" and mandate.stages:
        reason = stage_fit(query.round, mandate.stages).reason
    elif name == "region" and mandate.regions:
        reason = region_fit(query.city, mandate.regions, matcher.region_parents).reason
    elif name == "instrument" and mandate.instruments:
        reason = instrument_fit(query.instrument, mandate.instruments).reason
    elif name in ("thesis", "thesis_embedding") and profile.thesis:
        reason = make_reason("thesis_text")
    return None if reason is None or reason.code.endswith("_unknown") else reason


def _history_reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, name: str, i: int
) -> Reason | None:
    h = matcher.history_
    masks = _query_masks(matcher, query, table)
    idx = h.deal_indices(i, masks["visible"])
    if len(idx) == 0:
        return None
    if name in ("history_industry", "history_round", "history_city"):
        return _similar_deals_reason(matcher, query, table, name, idx)
    if name in ("history_text", "history_embedding"):
        best = table.best_text_deal[table.row(i)] if table.best_text_deal is not None else -1
        return (
            make_reason("history_text", company=h.deals[int(best)].company) if best >= 0 else None
        )
    if name == "history_ticket":
        logs = h.log_amount[idx]
        logs = logs[~np.isnan(logs)]
        if len(logs) == 0:
            return None
        return _ticket_reason(float(logs.mean()), table.keys.log_amount, query)
    if name == "follow_on":
        own = np.intersect1d(idx, h.posting("company", table.keys.company))
        deal = h.deals[int(own[-1])] if len(own) else None
        return (
            make_reason("follow_on", company=deal.company, round=deal.round or "?")
            if deal
            else None
        )
    if name == "co_investment":
        return _co_investor_reason(matcher, query, table, idx)
    recent = int(((table.keys.day - h.day[idx]) <= 365).sum())
    return (
        make_reason("recently_active", count=recent)
        if recent
        else make_reason("popular", count=len(idx))
    )


# "Close" means within a factor of 3 (half a decade on the log scale the signal uses).
TICKET_CLOSE_LOG10 = math.log10(3)


def _ticket_reason(typical_log: float, amount_log: float | None, query: ProjectQuery) -> Reason:
    """The typical past ticket against the amount sought, worded by how far apart they are."""
    typical = Money(Decimal(f"{10**typical_log:.2g}"), "CNY")
    gap = typical_log - amount_log if amount_log is not None else 0.0
    code = "ticket_typical"
    if gap < -TICKET_CLOSE_LOG10:
        code = "ticket_typical_below"
    elif gap > TICKET_CLOSE_LOG10:
        code = "ticket_typical_above"
    return make_reason(code, typical=typical, amount=query.amount)


def _similar_deals_reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, name: str, idx: IntArray
) -> Reason | None:
    masks = {k: v[idx] for k, v in _query_masks(matcher, query, table).items() if k != "visible"}
    if name == "history_industry" and "industry" not in masks:
        return None
    if len(masks) >= 2:
        count = int(np.logical_and.reduce(list(masks.values())).sum())
        if count:
            return make_reason(
                "history_similar",
                count=count,
                city=query.city if "city" in masks else "",
                industry=_industry_label(matcher, query) if "industry" in masks else "",
                round=query.round if "round" in masks else "",
            )
    field = {"history_industry": "industry", "history_round": "round", "history_city": "city"}[name]
    count = int(masks[field].sum()) if field in masks else 0
    params = {"industry": _industry_label(matcher, query), "round": query.round, "city": query.city}
    return make_reason(name, count=count, **{field: params[field]}) if count else None


def _query_masks(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable
) -> dict[str, BoolArray]:
    """Per deal: visible, same industry, same round, same city (computed once per table)."""
    if table.deal_masks:
        return table.deal_masks
    h, node = matcher.history_, table.keys.industry
    table.deal_masks["visible"] = h.visible_deals(table.keys.day)
    keys = {"round": [("round", table.keys.round)], "city": [("city", table.keys.city)]}
    if node is not None:
        keys["industry"] = [
            ("exact", node.code),
            ("group", node.group),
            ("division", node.division),
        ]
    for name, postings in keys.items():
        if all(key for _, key in postings[:1]):
            mask = np.zeros(len(h.deals), dtype=np.bool_)
            for kind, key in postings:
                mask[h.posting(kind, key)] = bool(key)
            table.deal_masks[name] = mask
    return table.deal_masks


def _industry_label(matcher: FittedMatcher, query: ProjectQuery) -> str:
    node = matcher.taxonomy.lookup(query.industry) if matcher.taxonomy else None
    return node.name if node is not None and query.industry.isascii() else query.industry


def _co_investor_reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, idx: IntArray
) -> Reason | None:
    h = matcher.history_
    visible = table.deal_masks["visible"]
    best, count = "", 0
    for p in h.company_investors(table.keys.company, visible).tolist():
        shared = len(np.intersect1d(h.deal_indices(p, visible), idx))
        if shared > count:
            best, count = matcher.candidates_[p].name, shared
    return (
        make_reason("co_investor", company=query.company, partner=best, count=count)
        if count
        else None
    )


def exclusion_reason(
    matcher: FittedMatcher, query: ProjectQuery, table: ScoreTable, i: int
) -> Reason:
    """The stated reason why candidate ``i`` was removed by a hard filter."""
    code = FILTER_CODES[int(table.failed[i]) - 1]
    mandate = matcher.candidates_[i].mandate
    if code == "excluded_industry":
        return make_reason(code, industry=query.industry)
    if code == "excluded_region":
        return make_reason(code, region=query.city)
    if code == "excluded_ticket":
        return make_reason(
            code, amount=query.amount, low=mandate.ticket_min or "…", high=mandate.ticket_max or "…"
        )
    if code == "excluded_instrument":
        return make_reason(code, instrument=query.instrument)
    held = {normalise(c) for c in query.certifications}
    missing = next(c for c in mandate.required_certifications if normalise(c) not in held)
    return make_reason(code, certification=missing)
