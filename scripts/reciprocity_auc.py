"""Does the owner's side of the score predict which meeting requests are accepted?

    .venv/bin/python scripts/reciprocity_auc.py --generated            # no database needed
    DUIJIE_VAR_DIR=… .venv/bin/python scripts/reciprocity_auc.py --demo  # the demo's requests

Prints the AUC (probability that an accepted request's pair outscores a declined
one's, ties ½; ``reciprocity.auc``) of five scores of each (project, investor) pair:
the owner's side (``reciprocity.owner_interest``: strategic/financial, currency,
location, ties, the investor's follow-on record), the ranker's two-sided score
(harmonic mean of the matcher's investor interest and the owner's side), the
matcher's own two-sided score, the investor's side alone, and a seeded random
score (the yardstick: 0.5 expected).

``--demo`` reads the answered meeting requests between a project and an investor
organisation of the database in use (the trade-week outcome provider). The
demo draws each request's state at random (``tradeweek/demo/data.py``,
``STATE_MIX``), independent of the pair: any score is expected at 0.5 there.

``--generated`` makes its own world with the core's generated deal history
(``datasets.synthetic_history``: follow-on probability 0.4), investor profiles
(kind strategic or financial, location, currencies, drawn at random) and
projects whose owners state wishes (a wanted kind, currencies, investor regions,
each left out with probability 0.3). Each project sends ``--requests`` requests
to random investors; a request is accepted with probability
``sigmoid(logit)``, where (documented rule, the only place the outcome comes from)::

    logit = -0.2
          + 1.2 if the investor's kind is the one wanted, -1.2 if another is wanted
          + 0.9 if they share a currency, -0.9 if the owner's currencies exclude the investor's
          + 0.9 if the investor is in a wanted region, -0.9 if regions are wanted and it is not
          + 1.5 × (follow-on record − median record)   (records are shares in [0, 1])

Nothing else (industry, ticket, the investor's own interest) moves the outcome.
The scores are computed by the matching core from the profiles and the history;
the generator reads the same facts. An AUC well above 0.5 here therefore shows
that the plumbing (facts → owner's side → AUC) works, **not** that owners behave
like this: only real accepted and declined requests can say that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duijie_core.matching import InvestorProfile, Matcher, ProjectQuery  # noqa: E402
from duijie_core.matching.datasets import (  # noqa: E402
    SYNTH_CITIES,
    SYNTH_INDUSTRIES,
    SYNTH_ROUNDS,
    synthetic_history,
)
from duijie_core.matching.engine import harmonic  # noqa: E402
from duijie_core.matching.graph import DealGraph, follow_on_record  # noqa: E402
from duijie_core.matching.reciprocity import auc, owner_interest  # noqa: E402

KINDS = ("strategic", "financial")
CURRENCIES = ("CNY", "HKD", "USD")
PLACES = ("香港", "深圳", "长沙", "北京", "上海")
SCORES = ("owner side", "ranker two-sided", "matcher two-sided", "investor side", "random")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--generated", action="store_true")
    which.add_argument("--demo", action="store_true")
    parser.add_argument("--projects", type=int, default=400)
    parser.add_argument("--requests", type=int, default=8, help="requests per project")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def pair_scores(
    matcher: Matcher, graph: DealGraph, query: ProjectQuery, rows: np.ndarray
) -> dict[str, np.ndarray]:
    """The scores of candidates ``rows`` for ``query`` (the random one is added later)."""
    table = matcher.score_table(query)
    owner, _record = owner_interest(graph, table, table.keys.day, rows)
    investor = table.investor[rows]
    return {
        "owner side": owner,
        "ranker two-sided": harmonic(investor, owner),
        "matcher two-sided": table.combined[rows],
        "investor side": investor,
    }


def report(label: str, scores: dict[str, list[float]], accepted: Sequence[bool], seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores["random"] = rng.random(len(accepted)).tolist()
    n_yes = sum(accepted)
    n_no = len(accepted) - n_yes
    print(f"{label}: {len(accepted)} answered requests, {n_yes} accepted, {n_no} declined")
    for name in SCORES:
        value = auc(scores[name], accepted)
        print(f"  AUC {name:<18} {'—' if value is None else f'{value:.3f}'}")


# --- generated world ------------------------------------------------------------------------


def generated(args: argparse.Namespace) -> None:
    rng = np.random.default_rng(args.seed)
    deals = synthetic_history(n_investors=120, n_companies=600, seed=args.seed)
    names = sorted({n for d in deals for n in d.investors})
    profiles = [
        InvestorProfile(
            name,
            kind=str(rng.choice(KINDS)),
            location=str(rng.choice(PLACES)),
            currencies=tuple(
                sorted(rng.choice(CURRENCIES, int(rng.integers(1, 3)), replace=False))
            ),
        )
        for name in names
    ]
    matcher = Matcher().fit(deals, profiles)
    graph = DealGraph(matcher.history_)
    day = max(d.date for d in deals) + dt.timedelta(days=30)
    record = follow_on_record(graph, day.toordinal())
    median = float(np.median(record))
    scores: dict[str, list[float]] = {name: [] for name in SCORES[:-1]}
    accepted: list[bool] = []
    for p in range(args.projects):
        query = _project(rng, p, day)
        rows = np.sort(rng.choice(len(matcher.candidates_), args.requests, replace=False))
        for name, values in pair_scores(matcher, graph, query, rows).items():
            scores[name] += values.tolist()
        for i in rows.tolist():
            logit = _logit(query, matcher.candidates_[i], float(record[i]) - median)
            accepted.append(bool(rng.random() < 1.0 / (1.0 + math.exp(-logit))))
    report("generated (rule in the docstring)", scores, accepted, args.seed)


def _project(rng: np.random.Generator, p: int, day: dt.date) -> ProjectQuery:
    industry, text = SYNTH_INDUSTRIES[int(rng.integers(len(SYNTH_INDUSTRIES)))]

    def maybe(value: tuple[str, ...]) -> tuple[str, ...]:
        return value if rng.random() >= 0.3 else ()

    return ProjectQuery(
        id=f"p{p}",
        date=day,
        company=f"新项目{p:04d}",
        industry=industry,
        city=str(rng.choice(SYNTH_CITIES)),
        round=str(rng.choice(SYNTH_ROUNDS)),
        description=text,
        wants=str(rng.choice(KINDS)) if rng.random() >= 0.3 else "",
        currencies=maybe(
            tuple(sorted(rng.choice(CURRENCIES, int(rng.integers(1, 3)), replace=False)))
        ),
        investor_regions=maybe(tuple(rng.choice(PLACES, 2, replace=False))),
    )


def _logit(query: ProjectQuery, investor: InvestorProfile, record_above_median: float) -> float:
    """The documented acceptance rule (see the module docstring)."""
    logit = -0.2
    if query.wants:
        logit += 1.2 if investor.kind == query.wants else -1.2
    if query.currencies:
        logit += 0.9 if set(query.currencies) & set(investor.currencies) else -0.9
    if query.investor_regions:
        logit += 0.9 if investor.location in query.investor_regions else -0.9
    return logit + 1.5 * record_above_median


# --- the demo's meeting requests -----------------------------------------------------------


def demo(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.utils import timezone

    from duijie.matchmaking.adapters import fitted_matcher, projects_by_id, queries_for
    from duijie.tradeweek.matching import meeting_outcomes

    answered = [o for o in meeting_outcomes() if o.source == "meeting_request"]
    fitted = fitted_matcher()
    matcher = fitted.matcher
    graph = DealGraph(matcher.history_)
    row_of = {int(o): i for i, o in enumerate(fitted.candidate_organisations) if o >= 0}
    projects = projects_by_id({o.project_id for o in answered})
    queries = {q.id: q for q in queries_for(projects, timezone.localdate())}
    scores: dict[str, list[float]] = {name: [] for name in SCORES[:-1]}
    accepted: list[bool] = []
    for o in answered:
        query, i = queries.get(str(o.project_id)), row_of.get(o.organisation_id)
        if query is None or i is None:
            continue
        for name, values in pair_scores(matcher, graph, query, np.array([i])).items():
            scores[name].append(float(values[0]))
        accepted.append(o.positive)
    report("demo meeting requests (states drawn at random)", scores, accepted, args.seed)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.generated:
        generated(args)
    else:
        demo(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
