"""Outcomes of suggested pairs and fitting the signal weights from them.

An outcome is a (project, investor organisation, yes/no) pair from:

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
from duijie.matchmaking.adapters import Fitted, fitted_matcher, projects_by_id, queries_for
from duijie.matchmaking.labels import figure_label
from duijie.matchmaking.models import MatchFeedback, Side, Verdict, WeightFit
from duijie.matchmaking.providers import OutcomeRecord, registered_outcomes
from duijie_core.matching.weights import DEFAULT_WEIGHTS, FittedWeights, fit_and_check
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


def all_outcomes() -> list[OutcomeRecord]:
    """Every outcome, the latest word per pair and source kept once: feedback first, then
    the registered providers' (trade-week meetings, signed deals)."""
    seen: set[tuple[Pair, str]] = set()
    found = []
    for outcome in feedback_outcomes() + registered_outcomes():
        key = ((outcome.project_id, outcome.organisation_id), outcome.source)
        if key not in seen and outcome.project_id and outcome.organisation_id:
            seen.add(key)
            found.append(outcome)
    return found


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


def current_weights() -> tuple[dict[str, float], str]:
    """The weights a new fit must beat: the latest adopted fit's, else the defaults."""
    adopted = WeightFit.objects.filter(problem="", adopted=True).first()
    if adopted is not None:
        return dict(adopted.weights), f"fit:{adopted.pk}"
    return dict(DEFAULT_WEIGHTS), "default"


@transaction.atomic
def fit_from_outcomes(*, user: Any, today: dt.date | None = None) -> WeightFit:
    """Fit weights on three quarters of the outcomes, check them on the rest against the
    weights in use, and store the attempt: adopted only when it ranks the held-out
    outcomes at least as well (a result, a refusal, or the problem).

    Side effect: one :class:`WeightFit` row.
    """
    paired = signal_vectors(all_outcomes(), today or timezone.localdate())
    sources: dict[str, int] = defaultdict(int)
    for outcome, _vector in paired:
        sources[outcome.source] += 1
    current, against = current_weights()
    result, check = fit_and_check([v for _, v in paired], [o.positive for o, _ in paired], current)
    fit = WeightFit(created_by=user, sources=dict(sources), n_outcomes=len(paired))
    fit.n_positive = sum(o.positive for o, _ in paired)
    if isinstance(result, FittedWeights) and check is not None:
        fit.weights = {k: round(v, 4) for k, v in result.weights.items()}
        fit.intercept = round(result.intercept, 4)
        fit.adopted = check.adopted
        fit.validation = {
            "learned_from": check.n_train,
            "held_out": check.n_holdout,
            "auc_fitted": _rounded(check.auc_fitted),
            "auc_current": _rounded(check.auc_current),
            "against": against,
        }
    elif isinstance(result, Problem):
        fit.problem, fit.problem_params = result.code, dict(result.params)
    fit.save()
    return fit


def _rounded(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def weight_table(fit: WeightFit | None) -> list[dict[str, object]]:
    """Default weight next to the fitted one for every signal (fitted ``None`` when absent)."""
    fitted = fit.weights if fit is not None and fit.succeeded else {}
    return [
        {
            "signal": name,
            "label": figure_label(name),
            "default": default,
            "fitted": fitted.get(name),
        }
        for name, default in DEFAULT_WEIGHTS.items()
    ]
