"""Feedback, introductions, the trade-week hook, outcomes and fitting weights, the demo."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import translation

from duijie.accounts.models import User
from duijie.directory.models import Interaction, InteractionKind
from duijie.matchmaking import demo
from duijie.matchmaking.models import MatchFeedback, MatchRun, Recommendation, Side, Verdict
from duijie.matchmaking.outcomes import (
    all_outcomes,
    fit_from_outcomes,
    signal_vectors,
    weight_table,
)
from duijie.matchmaking.providers import OutcomeRecord
from duijie.matchmaking.services import (
    execute_run,
    record_feedback,
    record_introduction,
    suggested_projects,
    suggested_suppliers,
)
from duijie.pipeline.models import Deal, Stage
from duijie.tradeweek.matching import Suggestion, suggestions_for
from duijie.tradeweek.models import MeetingRequest, Participant, RequestStatus
from tests.web.matchmaking.factories import TODAY, organisation, run_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world):  # type: ignore[no-untyped-def]
    found = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    return execute_run(run=found, today=TODAY)


def _participant(world, user, kind, **fields):  # type: ignore[no-untyped-def]
    return Participant.objects.create(edition=world.edition, user=user, kind=kind, **fields)


def test_feedback_is_stored_once_per_user_and_can_change(world, run):
    rec = run.recommendations.get(side=Side.INVESTOR_PROJECT)
    record_feedback(recommendation=rec, user=world.investor_user, verdict=Verdict.GOOD)
    record_feedback(
        recommendation=rec,
        user=world.investor_user,
        verdict=Verdict.NOT_RELEVANT,
        reason="size",
        text="太大",
    )
    assert list(MatchFeedback.objects.values_list("verdict", "reason", "text")) == [
        ("not_relevant", "size", "太大")
    ]


def test_introduction_is_a_directory_interaction(world, run, organiser):
    rec = run.recommendations.get(side=Side.PROJECT_INVESTOR)
    record_introduction(
        recommendation=rec, person=world.introducer, user=organiser, today=dt.date(2025, 5, 2)
    )
    found = Interaction.objects.get()
    assert (found.kind, found.person, found.organisation, found.happened_on, found.notes) == (
        InteractionKind.INTRODUCED,
        world.introducer,
        world.lead,
        dt.date(2025, 5, 2),
        f"{world.project.code} {world.project}",
    )


def test_investors_see_only_published_projects_of_their_own_organisation(world, run):
    assert [r.project for r in suggested_projects(world.investor_user, run)] == [world.project]
    world.project.status = "approved"
    world.project.save()
    assert list(suggested_projects(world.investor_user, run)) == []
    assert list(suggested_projects(world.buyer_user, run)) == []
    assert [r.organisation for r in suggested_suppliers(world.buyer_user, run)] == [world.supplier]


def test_tradeweek_hook_suggests_counterparts_from_the_latest_run(world, run):
    owner = _participant(world, world.owner, "project_owner", project=world.project)
    lead = _participant(world, world.investor_user, "investor", organisation=world.lead)
    buyer = _participant(world, world.buyer_user, "buyer", organisation=world.buyer)
    supplier_user = User.objects.create_user("sup@example.test", None, role="investor")
    supplier = _participant(world, supplier_user, "supplier", organisation=world.supplier)
    project_reason = (
        "曾於A輪投資湖南星沙儲能科技有限公司，可能跟投; 行業完全吻合：電力、熱力生產和供應業"
    )
    with translation.override("zh-hant"):
        assert suggestions_for(owner) == [Suggestion(lead.pk, 0.356969, project_reason)]
        assert suggestions_for(lead) == [Suggestion(owner.pk, 0.356969, project_reason)]
        assert [s.participant_id for s in suggestions_for(buyer)] == [supplier.pk]
        assert suggestions_for(supplier) == []


def test_outcomes_from_feedback_meetings_and_signed_deals(world, run, organiser):
    rec = run.recommendations.get(side=Side.PROJECT_INVESTOR)
    record_feedback(recommendation=rec, user=world.owner, verdict=Verdict.GOOD)
    owner = _participant(world, world.owner, "project_owner", project=world.project)
    lender = _participant(world, world.investor_user, "investor", organisation=world.debt_only)
    MeetingRequest.objects.create(
        edition=world.edition,
        requester=lender,
        recipient=owner,
        preference="would_like",
        source="search",
        status=RequestStatus.DECLINED,
    )
    Deal.objects.create(
        title="簽約",
        investor=world.lead,
        project=world.project,
        owner=organiser,
        opened_on=TODAY,
        last_progress_on=TODAY,
        signed_on=TODAY,
        stage=Stage.SIGNED,
    )
    found = all_outcomes()
    assert [(o.project_id, o.organisation_id, o.positive, o.source) for o in found] == [
        (world.project.pk, world.lead.pk, True, "feedback"),
        (world.project.pk, world.debt_only.pk, False, "meeting_request"),
        (world.project.pk, world.lead.pk, True, "signed_deal"),
    ]
    vectors = signal_vectors(found, TODAY)
    assert [(o.source, v["follow_on"], v["instrument"]) for o, v in vectors] == [
        ("feedback", 1.0, 1.0),
        ("meeting_request", 0.0, 0.0),
        ("signed_deal", 1.0, 1.0),
    ]


def test_too_few_outcomes_are_explained(world, run, organiser):
    fit = fit_from_outcomes(user=organiser, today=TODAY)
    assert (fit.problem, fit.problem_params, fit.n_outcomes) == (
        "too_few_outcomes",
        {"n": 0, "positive": 0, "needed": 30},
        0,
    )
    with translation.override("en"):
        first = weight_table(fit)[0]
    assert first == {
        "signal": "industry",
        "label": "Industry wanted by the investor",
        "default": 3.0,
        "fitted": None,
    }


def test_weights_are_fitted_from_enough_feedback(world, organiser):
    rows = []
    for n in range(40):
        good = n % 2 == 0
        org = organisation(f"投資者{n}")
        rows.append(
            {
                "project": world.project,
                "organisation": org,
                "signals": {"follow_on": 1.0 if good else 0.0, "activity": 0.5},
            }
        )
    run = run_with(world.edition, rows)
    for n, rec in enumerate(run.recommendations.order_by("rank")):
        record_feedback(
            recommendation=rec,
            user=organiser,
            verdict=Verdict.GOOD if n % 2 == 0 else Verdict.NOT_RELEVANT,
        )
    fit = fit_from_outcomes(user=organiser, today=TODAY)
    assert (fit.problem, fit.n_outcomes, fit.n_positive, fit.sources) == (
        "",
        40,
        20,
        {"feedback": 40},
    )
    assert fit.weights["follow_on"] > fit.weights["activity"] == 0.0
    assert fit.zeroed == ["activity"]
    assert (fit.adopted, fit.validation["learned_from"], fit.validation["held_out"]) == (
        True,
        30,
        10,
    )
    assert fit.validation["auc_fitted"] >= fit.validation["auc_current"]
    assert fit.validation["against"] == "default"
    row = next(r for r in weight_table(fit) if r["signal"] == "follow_on")
    assert row["default"] == 4.0 and row["fitted"] == fit.weights["follow_on"]


def test_outcomes_without_an_organisation_are_left_out(world):
    assert (
        signal_vectors([OutcomeRecord(world.project.pk, 999_999, True, "meeting_request")], TODAY)
        == []
    )


def test_demo_runs_matching_and_leaves_feedback(world):
    User.objects.create_user(demo.DEMO_STAFF, None, role="organiser")
    counts = demo.populate(rng=random.Random(1), scale=1, edition=world.edition)
    assert counts == {"match_recommendations": 3, "match_feedback": 0}
    run = MatchRun.objects.get()
    assert (run.is_demo, run.params["top"], run.params["capacity"]) == (True, 10, 8)
    assert Recommendation.objects.filter(run=run).count() == 3
