"""Outcomes of suggested pairs and fitting the signal weights from them.

Two kinds of fit, one mechanism (:class:`~duijie.matchmaking.models.FitKind`):
investor matching's signals learn from (project, investor) outcomes, the
buyer–supplier signals (product, volume, season, certification, cold chain,
delivery, price, serves) from (buyer, supplier) outcomes: feedback on supplier
suggestions and answered or rated trade-week meetings between a buyer and a
supplier. A (buyer, supplier) pair without a stored suggestion takes the signals
of the buyer's need the supplier fits best.

An investor outcome is a (project, investor organisation, yes/no) pair from:

- feedback on recommendations (good = yes, not relevant = no);
- trade-week meeting requests between a project's participant and an investor's
  (accepted = yes, declined = no), and meeting ratings (4–5 = yes, 1–2 = no);
- signed deals of the pipeline app linking a catalogue project and an investor (yes).

The last two come from apps above matchmaking, through the outcome providers
they register (``duijie.matchmaking.providers``).

Each pair's signal vector comes from the stored recommendation when there is
one, else from the fitted matcher (``Matcher.signal_vector``). The fit itself is
the core's ``fit_and_check``: logistic regression on three quarters of the
outcomes, checked on the held-out quarter against the weights in use (AUC of the
weighted score) and adopted only if it does at least as well; with too few
outcomes it returns a problem. Every attempt is stored and explained on the page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from duijie.directory.models import Organisation
from duijie.matchmaking.adapters import (
    Fitted,
    fitted_matcher,
    load_buyers,
    load_suppliers,
    projects_by_id,
    queries_for,
)
from duijie.matchmaking.labels import figure_label
from duijie.matchmaking.models import FitKind, MatchFeedback, Side, Verdict, WeightFit
from duijie.matchmaking.providers import OutcomeRecord, exchange_rates, registered_outcomes
from duijie_core.matching.suppliers import fit
from duijie_core.matching.supply_price import Rates
from duijie_core.matching.weights import (
    DEFAULT_WEIGHTS,
    SIGNALS,
    SUPPLY_SIGNALS,
    SUPPLY_WEIGHTS,
    FittedWeights,
    fit_and_check,
)
from duijie_core.problems import Problem
from duijie_core.text import normalise

Pair = tuple[int, int]
Vector = dict[str, float]


def feedback_outcomes() -> list[OutcomeRecord]:
    """Verdicts on investor/project recommendations (supplier feedback is not a project outcome)."""
    found = MatchFeedback.objects.filter(
        recommendation__side__in=[Side.PROJECT_INVESTOR, Side.INVESTOR_PROJECT],
        recommendation__organisation__isnull=False,
    ).select_related("recommendation")
    return [
        OutcomeRecord(
            f.recommendation.project_id or 0,
            f.recommendation.organisation_id or 0,
            f.verdict == Verdict.GOOD,
            "feedback",
            dict(f.recommendation.signals),
        )
        for f in found
    ]


def supply_feedback_outcomes() -> list[OutcomeRecord]:
    """Verdicts on buyer → supplier suggestions (the buyer's and the supplier's alike)."""
    found = MatchFeedback.objects.filter(
        recommendation__side=Side.BUYER_SUPPLIER,
        recommendation__organisation__isnull=False,
        recommendation__buyer__isnull=False,
    ).select_related("recommendation")
    return [
        OutcomeRecord(
            0,
            f.recommendation.organisation_id or 0,
            f.verdict == Verdict.GOOD,
            "feedback",
            dict(f.recommendation.signals),
            buyer_id=f.recommendation.buyer_id,
        )
        for f in found
    ]


def all_outcomes(kind: str = FitKind.INVESTOR) -> list[OutcomeRecord]:
    """Every outcome of ``kind``, the latest word per pair and source kept once: feedback
    first, then the registered providers' (trade-week meetings, signed deals)."""
    supply = kind == FitKind.SUPPLY
    own = supply_feedback_outcomes() if supply else feedback_outcomes()
    seen: set[tuple[Pair, str]] = set()
    found = []
    for outcome in own + registered_outcomes():
        first = outcome.buyer_id if supply else outcome.project_id
        key = ((first or 0, outcome.organisation_id), outcome.source)
        if key not in seen and first and outcome.organisation_id:
            seen.add(key)
            found.append(outcome)
    return found


def supply_vectors(
    outcomes: list[OutcomeRecord], today: dt.date
) -> list[tuple[OutcomeRecord, Vector]]:
    """Each (buyer, supplier) outcome with its signal vector: the stored suggestion's, else
    the best fit among the buyer's active needs; pairs with no fit at all are left out."""
    buyers, buyer_orgs = load_buyers()
    suppliers, supplier_ids = load_suppliers()
    by_org = {supplier_ids[s.name]: s for s in suppliers}
    rates = Rates(tuple(exchange_rates()), today)
    paired = []
    for o in outcomes:
        vector = o.signals
        if vector is None and o.organisation_id in by_org:
            fits = [fit(b, by_org[o.organisation_id], rates=rates) for b in buyers
                    if buyer_orgs[b.id] == o.buyer_id]  # fmt: skip
            best = max(
                (f for f in fits if f and not f.excluded), key=lambda f: f.score, default=None
            )
            vector = {s.name: s.score for s in best.signals} if best is not None else None
        if vector:
            paired.append((o, vector))
    return paired


def signal_vectors(
    outcomes: list[OutcomeRecord], today: dt.date
) -> list[tuple[OutcomeRecord, Vector]]:
    """Each outcome with its signal vector; pairs the matcher does not know are left out."""
    fitted = fitted_matcher()
    missing: dict[int, set[int]] = defaultdict(set)
    for o in outcomes:
        if o.signals is None:
            missing[o.project_id].add(o.organisation_id)
    vectors = _computed_vectors(fitted, missing, today)
    paired = []
    for o in outcomes:
        pair = (o.project_id, o.organisation_id)
        vector = o.signals if o.signals is not None else vectors.get(pair)
        if vector:
            paired.append((o, vector))
    return paired


def _computed_vectors(
    fitted: Fitted, wanted: dict[int, set[int]], today: dt.date
) -> dict[Pair, Vector]:
    if not wanted:
        return {}
    ids = {o for orgs in wanted.values() for o in orgs}
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    known = fitted.matcher.candidate_keys_
    vectors: dict[Pair, Vector] = {}
    for query in queries_for(projects_by_id(wanted), today):
        orgs = [o for o in sorted(wanted[int(query.id)]) if normalise(names.get(o, "")) in known]
        rows = fitted.matcher.signal_vector(query, [names[o] for o in orgs]) if orgs else []
        vectors.update({(int(query.id), o): v for o, v in zip(orgs, rows, strict=True)})
    return vectors


def default_weights(kind: str = FitKind.INVESTOR) -> dict[str, float]:
    """The documented weights of every signal a fit of ``kind`` weighs."""
    if kind == FitKind.SUPPLY:
        return {name: SUPPLY_WEIGHTS.get(name, 0.0) for name in SUPPLY_SIGNALS}
    return dict(DEFAULT_WEIGHTS)


def latest_adopted(kind: str = FitKind.INVESTOR) -> WeightFit | None:
    """The latest fit of ``kind`` that passed its held-out check."""
    return WeightFit.objects.filter(kind=kind, problem="", adopted=True).first()


def current_weights(kind: str = FitKind.INVESTOR) -> tuple[dict[str, float], str]:
    """The weights a new fit must beat: the latest adopted fit's, else the defaults."""
    adopted = latest_adopted(kind)
    if adopted is not None:
        return dict(adopted.weights), f"fit:{adopted.pk}"
    return default_weights(kind), "default"


@transaction.atomic
def fit_from_outcomes(
    *, user: Any, today: dt.date | None = None, kind: str = FitKind.INVESTOR
) -> WeightFit:
    """Fit the weights of ``kind`` on three quarters of its outcomes, check them on the rest
    against the weights in use, and store the attempt: adopted only when it ranks the
    held-out outcomes at least as well (a result, a refusal, or the problem).

    Side effect: one :class:`WeightFit` row.
    """
    day = today or timezone.localdate()
    supply = kind == FitKind.SUPPLY
    outcomes = all_outcomes(kind)
    paired = supply_vectors(outcomes, day) if supply else signal_vectors(outcomes, day)
    sources: dict[str, int] = defaultdict(int)
    for outcome, _vector in paired:
        sources[outcome.source] += 1
    current, against = current_weights(kind)
    result, check = fit_and_check(
        [v for _, v in paired],
        [o.positive for o, _ in paired],
        current,
        signals=SUPPLY_SIGNALS if supply else SIGNALS,
    )
    attempt = WeightFit(created_by=user, kind=kind, sources=dict(sources), n_outcomes=len(paired))
    attempt.n_positive = sum(o.positive for o, _ in paired)
    if isinstance(result, FittedWeights) and check is not None:
        attempt.weights = {k: round(v, 4) for k, v in result.weights.items()}
        attempt.intercept = round(result.intercept, 4)
        attempt.adopted = check.adopted
        attempt.validation = {
            "learned_from": check.n_train,
            "held_out": check.n_holdout,
            "auc_fitted": _rounded(check.auc_fitted),
            "auc_current": _rounded(check.auc_current),
            "against": against,
        }
    elif isinstance(result, Problem):
        attempt.problem, attempt.problem_params = result.code, dict(result.params)
    attempt.save()
    return attempt


def _rounded(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def weight_table(
    attempt: WeightFit | None, kind: str = FitKind.INVESTOR
) -> list[dict[str, object]]:
    """Default weight next to the fitted one for every signal (fitted ``None`` when absent)."""
    fitted = attempt.weights if attempt is not None and attempt.succeeded else {}
    return [
        {
            "signal": name,
            "label": figure_label(name),
            "default": default,
            "fitted": fitted.get(name),
        }
        for name, default in default_weights(kind).items()
    ]
