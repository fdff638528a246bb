"""Demo matchmaking: one match run for the demo edition and a little feedback.

Runs after the directory and catalogue demos (their organisations, mandates,
people and projects). Kept small: ten suggestions per project, capacity eight.
"""

from __future__ import annotations

import random

from duijie.accounts.models import User
from duijie.matchmaking.models import MatchRun, Side, Verdict
from duijie.matchmaking.services import record_feedback, start_run
from duijie.reference.models import Edition

DEMO_TOP, DEMO_CAPACITY = 10, 8
DEMO_STAFF = "staff@demo.duijie.test"
DEMO_BUYER = "buyer@demo.duijie.test"
FEEDBACK_SHARE = 0.1


def populate(*, rng: random.Random, scale: int, edition: Edition) -> dict[str, int]:
    """Run matching for ``edition`` and add staff feedback on some suggestions.

    Side effects: replaces earlier demo runs of the edition; one run, its
    recommendations, and feedback by the demo staff login (if it exists).
    """
    MatchRun.objects.filter(edition=edition, is_demo=True).delete()
    staff = User.objects.filter(email=DEMO_STAFF).first()
    run = start_run(
        edition=edition, user=staff, top=DEMO_TOP, capacity=DEMO_CAPACITY, background=False
    )
    MatchRun.objects.filter(pk=run.pk).update(is_demo=True)
    feedback = _feedback(rng, run, staff) if staff is not None else 0
    feedback += _buyer_feedback(run)
    return {"match_recommendations": run.recommendations.count(), "match_feedback": feedback}


def _feedback(rng: random.Random, run: MatchRun, staff: User) -> int:
    recs = list(run.recommendations.filter(side=Side.PROJECT_INVESTOR).order_by("pk"))
    chosen = rng.sample(recs, int(len(recs) * FEEDBACK_SHARE)) if recs else []
    for rec in chosen:
        good = rec.rank <= 3 or rng.random() < 0.3
        reason = "" if good else rng.choice(("industry", "size", "region", "stage"))
        verdict = Verdict.GOOD if good else Verdict.NOT_RELEVANT
        record_feedback(recommendation=rec, user=staff, verdict=verdict, reason=reason)
    return len(chosen)


def _buyer_feedback(run: MatchRun) -> int:
    """The demo buyer finds its second supplier too small (a participant's why-not)."""
    buyer = User.objects.filter(email=DEMO_BUYER).first()
    if buyer is None:
        return 0
    found = run.recommendations.filter(
        side=Side.BUYER_SUPPLIER, buyer__memberships__user=buyer, rank=2
    ).first()
    if found is None:
        return 0
    record_feedback(
        recommendation=found,
        user=buyer,
        verdict=Verdict.NOT_RELEVANT,
        reason="volume",
        text="每月只有 60 噸，不夠我們的 150 噸（示範）",
    )
    return 1
