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
the core's ``fit_weights`` (logistic regression); with too few outcomes it
returns a problem, which is stored and explained on the page.
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
from duijie_core.matching.weights import DEFAULT_WEIGHTS, FittedWeights, fit_weights
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


@transaction.atomic
def fit_from_outcomes(*, user: Any, today: dt.date | None = None) -> WeightFit:
    """Fit weights from every outcome and store the attempt (a result or the problem).

    Side effect: one :class:`WeightFit` row.
    """
    paired = signal_vectors(all_outcomes(), today or timezone.localdate())
    sources: dict[str, int] = defaultdict(int)
    for outcome, _vector in paired:
        sources[outcome.source] += 1
    result = fit_weights([v for _, v in paired], [o.positive for o, _ in paired])
    fit = WeightFit(created_by=user, sources=dict(sources), n_outcomes=len(paired))
    fit.n_positive = sum(o.positive for o, _ in paired)
    if isinstance(result, FittedWeights):
        fit.weights = {k: round(v, 4) for k, v in result.weights.items()}
        fit.intercept = round(result.intercept, 4)
    else:
        fit.problem, fit.problem_params = result.code, dict(result.params)
    fit.save()
    return fit


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
