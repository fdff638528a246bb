"""Domain functions of matchmaking: every write and multi-step action goes through here."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Count, Q, QuerySet
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone, translation

from duijie.bulk import insert_rows
from duijie.directory.models import InteractionKind, IntroductionPath, Person
from duijie.directory.services import organisations_of, record_interaction
from duijie.matchmaking.labels import hide_ties, reason_texts
from duijie.matchmaking.models import (
    FeedbackReason,
    FitKind,
    MatchFeedback,
    MatchRun,
    Recommendation,
    Side,
    Verdict,
    WeightFit,
)
from duijie.matchmaking.runner import Row, RunResult, compute_run
from duijie.reference.models import Edition

JOB_KIND = "matchmaking.run"
SAVE_BATCH = 2000


def latest_run(edition: Edition | None) -> MatchRun | None:
    """The edition's most recent finished run."""
    if edition is None:
        return None
    return MatchRun.objects.filter(edition=edition, status=TaskResultStatus.SUCCESSFUL).first()


def fitted_weights(kind: str = FitKind.INVESTOR) -> dict[str, float] | None:
    """The weights of the latest adopted weight fit of ``kind`` (one that passed its
    held-out check)."""
    fit = WeightFit.objects.filter(kind=kind, problem="", adopted=True).first()
    return dict(fit.weights) if fit is not None else None


@transaction.atomic
def start_run(
    *,
    edition: Edition,
    user: Any,
    top: int = 20,
    capacity: int | None = None,
    use_fitted_weights: bool = False,
    background: bool = True,
    learned: bool = True,
) -> MatchRun:
    """Create a run and start it: as a background job when asked (and jobs exist), else now.

    ``learned``: rank project ↔ investor pairs with the learned ranker trained on the
    deals before the run (falling back to the matcher when it keeps no model); False
    ranks with the matcher. Side effects: a :class:`MatchRun`; a queued job, or the
    run's recommendations.
    """
    params = {
        "top": top,
        "capacity": capacity,
        "use_fitted_weights": use_fitted_weights,
        "learned": learned,
    }
    run = MatchRun.objects.create(
        edition=edition,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        params=params,
    )
    enqueue = _enqueue_function() if background else None
    if enqueue is None:
        return execute_run(run=run)
    job = enqueue(
        kind=JOB_KIND,
        params={"run": run.pk},
        user=user,
        result_url=reverse("matchmaking:run", args=[run.pk]),
    )
    run.job_id = job.pk
    run.save(update_fields=["job_id"])
    return run


def _enqueue_function() -> Any:
    try:
        from duijie.jobs.services import enqueue
    except ImportError:  # pragma: no cover - the jobs app is optional
        return None
    return enqueue


def execute_run(*, run: MatchRun, today: dt.date | None = None) -> MatchRun:
    """Compute the run's recommendations and save them as they come (one transaction).

    Side effects: the run's status and figures, its :class:`Recommendation` rows.
    A failure rolls the rows back, is recorded on the run and raised again.
    """
    MatchRun.objects.filter(pk=run.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    try:
        return _compute_and_save(run=run, today=today or timezone.localdate())
    except Exception as error:
        MatchRun.objects.filter(pk=run.pk).update(
            status=TaskResultStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise


@transaction.atomic
def _compute_and_save(*, run: MatchRun, today: dt.date) -> MatchRun:
    run.recommendations.all().delete()
    params = run.params
    writer = RecommendationWriter(run)
    result = compute_run(
        edition=run.edition,
        today=today,
        top=int(params.get("top") or 20),
        capacity=params.get("capacity"),
        weights=fitted_weights() if params.get("use_fitted_weights") else None,
        supply_weights=(
            fitted_weights(FitKind.SUPPLY) if params.get("use_fitted_weights") else None
        ),
        emit=writer.add,
        learned=bool(params.get("learned", True)),
    )
    writer.flush()
    return finish_run(run=run, result=result)


class RecommendationWriter:
    """Saves a run's rows in batches of ``batch`` rows as they are handed over.

    Use inside the run's transaction and call :meth:`flush` at the end. ``saved``
    counts the rows written, ``seconds`` the time spent writing them. Each batch
    is one plain bulk insert (:func:`insert_recommendations`).
    """

    def __init__(self, run: MatchRun, batch: int = SAVE_BATCH) -> None:
        self.run, self.batch, self.pending = run, batch, list[Row]()
        self.saved, self.seconds = 0, 0.0

    def add(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        started = time.perf_counter()
        insert_recommendations(self.run, self.pending)
        self.saved, self.pending = self.saved + len(self.pending), []
        self.seconds += time.perf_counter() - started


# Columns written by :func:`insert_recommendations`, in the order of :func:`_values`.
INSERTED = (
    "run",
    "side",
    "project",
    "organisation",
    "buyer",
    "need",
    "candidate_name",
    "rank",
    "score",
    "investor_interest",
    "project_interest",
    "reasons",
    "signals",
)


def insert_recommendations(run: MatchRun, rows: list[Row]) -> None:
    """Insert ``rows`` of ``run`` without model instances (:func:`duijie.bulk.insert_rows`:
    ``COPY`` on PostgreSQL, ``executemany`` elsewhere); JSON values adapted as the JSON
    fields do it on each database. Side effect: the rows.
    """
    json_value = connections[router.db_for_write(Recommendation)].ops.adapt_json_value
    insert_rows(Recommendation, INSERTED, (_values(run.pk, r, json_value) for r in rows))


def _values(run_id: int, r: Row, json_value: Any) -> tuple[object, ...]:
    return (
        run_id,
        r.side,
        r.project_id,
        r.organisation_id,
        r.buyer_id,
        r.need_id,
        r.candidate_name[:300],
        r.rank,
        r.score,
        r.investor_interest,
        r.project_interest,
        json_value(r.reasons, None),
        json_value(r.signals, None),
    )


@transaction.atomic
def save_results(*, run: MatchRun, result: RunResult) -> MatchRun:
    """Store a run computed with its rows in memory.

    Side effects: replaces the run's recommendations, updates the run.
    """
    run.recommendations.all().delete()
    writer = RecommendationWriter(run)
    for row in result.rows:
        writer.add(row)
    writer.flush()
    return finish_run(run=run, result=result)


def finish_run(*, run: MatchRun, result: RunResult) -> MatchRun:
    """Mark ``run`` done with its weights, counts and loads. Side effect: saves the run."""
    run.status, run.finished_at, run.error = TaskResultStatus.SUCCESSFUL, timezone.now(), ""
    run.weights, run.counts, run.loads = result.weights, result.counts, result.loads
    run.ranker = result.ranker
    run.load_before, run.load_after = result.load_before, result.load_after
    run.started_at = run.started_at or MatchRun.objects.get(pk=run.pk).started_at
    run.save()
    return run


@transaction.atomic
def record_feedback(
    *, recommendation: Recommendation, user: Any, verdict: str, reason: str = "", text: str = ""
) -> MatchFeedback:
    """Store (or change) ``user``'s verdict on ``recommendation``. Side effect: a MatchFeedback."""
    feedback, _created = MatchFeedback.objects.update_or_create(
        recommendation=recommendation,
        user=user,
        defaults={"verdict": verdict, "reason": reason, "text": text[:500]},
    )
    return feedback


def introducers(organisation_ids: list[int]) -> dict[int, list[IntroductionPath]]:
    """People who can introduce each organisation, closest first (personal data: staff only)."""
    found: dict[int, list[IntroductionPath]] = {i: [] for i in organisation_ids}
    paths = IntroductionPath.objects.filter(organisation_id__in=organisation_ids)
    for path in paths.select_related("person").order_by("-strength", "pk"):
        found[path.organisation_id].append(path)
    return found


def record_introduction(
    *, recommendation: Recommendation, person: Person, user: Any, today: dt.date | None = None
) -> object:
    """Record that ``person`` introduces the recommended investor to the project.

    Side effect: a directory Interaction of kind "introduced" naming the organisation.
    """
    project = recommendation.project
    notes = f"{project.code} {project}" if project is not None else recommendation.candidate_name
    return record_interaction(
        person=person,
        kind=InteractionKind.INTRODUCED,
        happened_on=today or timezone.localdate(),
        user=user,
        organisation=recommendation.organisation,
        notes=notes,
    )


# --- what each reader may see ------------------------------------------------------------


def suggested_investors(project_id: int, run: MatchRun | None) -> QuerySet[Recommendation]:
    """Investors suggested for a project by ``run``."""
    if run is None:
        return Recommendation.objects.none()
    return Recommendation.objects.filter(
        run=run, side=Side.PROJECT_INVESTOR, project_id=project_id
    ).select_related("organisation")


def suggested_projects(user: Any, run: MatchRun | None) -> QuerySet[Recommendation]:
    """Published projects suggested to the investor organisations ``user`` acts for."""
    if run is None:
        return Recommendation.objects.none()
    return without_dismissed(
        Recommendation.objects.filter(
            run=run,
            side=Side.INVESTOR_PROJECT,
            organisation__in=organisations_of(user),
            project__status="published",
        )
        .select_related("project__edition", "project__city", "organisation")
        .order_by("organisation_id", "rank", "pk"),
        user,
    )


def suggested_suppliers(user: Any, run: MatchRun | None) -> QuerySet[Recommendation]:
    """Suppliers suggested to the buyer organisations ``user`` acts for (not dismissed)."""
    if run is None:
        return Recommendation.objects.none()
    return without_dismissed(
        Recommendation.objects.filter(
            run=run, side=Side.BUYER_SUPPLIER, buyer__in=organisations_of(user)
        )
        .select_related("organisation", "buyer", "need")
        .order_by("buyer_id", "need_id", "rank", "pk"),
        user,
    )


def interested_buyers(user: Any, run: MatchRun | None) -> QuerySet[Recommendation]:
    """Buyers' needs for which the supplier organisations ``user`` acts for are suggested
    (the supplier's side of the same pairs), best ranked first, not dismissed."""
    if run is None:
        return Recommendation.objects.none()
    return without_dismissed(
        Recommendation.objects.filter(
            run=run, side=Side.BUYER_SUPPLIER, organisation__in=organisations_of(user)
        )
        .select_related("organisation", "buyer", "need")
        .order_by("rank", "-score", "pk"),
        user,
    )


def without_dismissed(recs: QuerySet[Recommendation], user: Any) -> QuerySet[Recommendation]:
    """``recs`` without those ``user`` marked not relevant (a dismissed suggestion leaves)."""
    return recs.exclude(feedback__user=user, feedback__verdict=Verdict.NOT_RELEVANT)


def own_feedback(user: Any, recommendations: list[Recommendation]) -> dict[int, MatchFeedback]:
    """``user``'s feedback on each of ``recommendations`` (one query)."""
    found = MatchFeedback.objects.filter(user=user, recommendation__in=recommendations)
    return {f.recommendation_id: f for f in found}


# --- counterparts for the trade week -------------------------------------------------------


@dataclass(frozen=True)
class Counterpart:
    """A suggested organisation or project for someone, with its score and first reasons."""

    organisation_id: int | None
    project_id: int | None
    score: float
    reason: str


def counterparts_for(
    *, edition: Edition, project_id: int | None, organisation_id: int | None, buyer: bool = False
) -> list[Counterpart]:
    """Counterparts from ``edition``'s latest run, best first, one per counterpart.

    A project gets suggested investors, a buyer suggested suppliers (organisations),
    an investor suggested published projects. The reason is the first two reasons in
    the active language. Read by the trade week's meeting suggestions.
    """
    run = latest_run(edition)
    if run is None:
        return []
    recs = Recommendation.objects.filter(run=run).order_by("rank", "pk")
    if project_id:
        chosen = recs.filter(side=Side.PROJECT_INVESTOR, project_id=project_id)
    elif organisation_id is None:
        return []
    elif buyer:
        chosen = recs.filter(side=Side.BUYER_SUPPLIER, buyer_id=organisation_id)
    else:
        chosen = recs.filter(
            side=Side.INVESTOR_PROJECT,
            organisation_id=organisation_id,
            project__status="published",
        )
    key = "organisation_id" if project_id or buyer else "project_id"
    language = translation.get_language()
    return [
        Counterpart(
            rec.organisation_id if key == "organisation_id" else None,
            rec.project_id if key == "project_id" else None,
            rec.score,
            # participants see no personal data: ties only as "a warm introduction is possible"
            "; ".join(reason_texts(hide_ties(rec.reasons, ties_detail=False), language)[:2]),
        )
        for rec in _first_by(chosen, key).values()
    ]


def _first_by(recs: QuerySet[Recommendation], field: str) -> dict[int, Recommendation]:
    found: dict[int, Recommendation] = {}
    for rec in recs:
        target = getattr(rec, field)
        if target is not None:
            found.setdefault(target, rec)
    return found


def organisation_kinds(user: Any) -> set[str]:
    """The kinds of the organisations ``user`` acts for."""
    return set(organisations_of(user).values_list("kind", flat=True))


@transaction.atomic
def forget_ties(*, traces: Any) -> int:
    """Drop warm-introduction reasons built from an erased person's hometown or schools.

    Receives ``directory.erasure.person_erased``: recommendations involving an organisation
    the person worked at lose their ``tie_hometown`` / ``tie_school`` reasons naming the
    person's hometown (or its city) or one of their schools. Side effect: rewrites those
    recommendations' reasons. Returns how many recommendations changed.
    """
    orgs = traces.organisation_ids
    if not orgs or not (traces.hometowns or traces.schools):
        return 0
    involved = Recommendation.objects.filter(
        Q(organisation_id__in=orgs) | Q(buyer_id__in=orgs)
        | Q(project__owner_organisation_id__in=orgs)
    )  # fmt: skip
    named = {("tie_hometown", "place", p) for p in traces.hometowns}
    named |= {("tie_school", "school", s) for s in traces.schools}
    changed = []
    for rec in involved.filter(reasons__icontains="tie_").only("pk", "reasons"):
        kept = [r for r in rec.reasons if not _names_person(r, named)]
        if len(kept) != len(rec.reasons):
            rec.reasons = kept
            changed.append(rec)
    Recommendation.objects.bulk_update(changed, ["reasons"], batch_size=500)
    return len(changed)


def _names_person(reason: dict[str, Any], named: set[tuple[str, str, str]]) -> bool:
    code = str(reason.get("code"))
    params = reason.get("params") or {}
    return any((code, key, str(params.get(key))) in named for key in ("place", "school"))


def feedback_summary() -> list[tuple[str, list[tuple[str, int]]]]:
    """Per side (label), the why-not reasons given with "not relevant", most frequent first."""
    rows = (
        MatchFeedback.objects.filter(verdict=Verdict.NOT_RELEVANT)
        .values_list("recommendation__side", "reason")
        .annotate(n=Count("id"))
        .order_by("recommendation__side", "-n", "reason")
    )
    sides = dict(Side.choices)
    reasons = dict(FeedbackReason.choices)
    grouped: dict[str, list[tuple[str, int]]] = {}
    for side, reason, n in rows:
        grouped.setdefault(str(sides.get(side, side)), []).append(
            (str(reasons.get(reason, reason)), n)
        )
    return list(grouped.items())
