"""Match runs end to end on a small known world: what is suggested, why, and what is left out."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus

from duijie.jobs.models import Job
from duijie.matchmaking.models import MatchRun, Side
from duijie.matchmaking.runner import compute_run
from duijie.matchmaking.services import RecommendationWriter, execute_run, start_run
from duijie_core.matching.weights import SUPPLY_WEIGHTS
from tests.web.jobs.kinds import worker_loop
from tests.web.matchmaking.factories import TODAY

pytestmark = pytest.mark.django_db


def _run(world, **params):  # type: ignore[no-untyped-def]
    run = MatchRun.objects.create(edition=world.edition, params={"top": 5, **params})
    return execute_run(run=run, today=TODAY)


def _side(run, side):  # type: ignore[no-untyped-def]
    return [
        (r.project_id, r.organisation_id, r.buyer_id, r.rank, [x["code"] for x in r.reasons])
        for r in run.recommendations.filter(side=side).order_by("pk")
    ]


def test_investors_for_the_project_follow_on_first_and_the_lender_excluded(world):
    run = _run(world)
    assert run.status == TaskResultStatus.SUCCESSFUL
    assert _side(run, Side.PROJECT_INVESTOR) == [
        (world.project.pk, world.lead.pk, None, 1, ["follow_on", "industry_exact", "history_text"])
    ]
    assert run.counts == {
        "candidates": 2,
        "excluded": {"excluded_instrument": 1},
        "projects": 1,
        "buyer_supplier": 1,
        "uncovered": [],
        "unserved_needs": [],
        "supply_weights": SUPPLY_WEIGHTS,
        "history": {},  # a clean history: nothing left out
    }


def test_projects_for_investors_only_where_the_mandate_allows(world):
    run = _run(world)
    assert _side(run, Side.INVESTOR_PROJECT) == [
        (world.project.pk, world.lead.pk, None, 1, ["follow_on", "industry_exact", "history_text"])
    ]


def test_suppliers_for_the_buyer(world):
    run = _run(world)
    assert _side(run, Side.BUYER_SUPPLIER) == [
        (
            None,
            world.supplier.pk,
            world.buyer.pk,
            1,
            ["supply_product_same", "supply_capacity", "supply_season", "supply_certified"],
        )
    ]
    rec = run.recommendations.get(side=Side.BUYER_SUPPLIER)
    assert [r["texts"]["en"] for r in rec.reasons] == [
        "supplies the product wanted: navel oranges",
        "100 t a month (Nov–Feb), 41.7 t a month needed",  # 500 t a year over 12 months
        "in season Nov–Feb: 4 of the 12 months needed",
        "holds the certifications required: GAP",
    ]
    assert rec.need_id == world.buyer.buying_needs.get().pk


def test_a_need_no_supplier_can_serve_is_listed_with_why(world):
    world.buyer.buying_needs.update(certifications_required=["organic"])
    run = _run(world)
    need = world.buyer.buying_needs.get()
    assert run.counts["unserved_needs"] == [
        {"need_id": need.pk, "suppliers": 1, "excluded": {"excluded_certification": 1}}
    ]
    assert not run.recommendations.filter(side=Side.BUYER_SUPPLIER).exists()


def test_reasons_are_stored_in_three_languages_and_proper_names_as_entered(world):
    run = _run(world)
    rec = run.recommendations.get(side=Side.PROJECT_INVESTOR)
    assert rec.reasons[0] == {
        "code": "follow_on",
        "params": {"company": "湖南星沙儲能科技有限公司", "round": "A輪"},
        "texts": {
            "zh-Hant": "曾於A輪投資湖南星沙儲能科技有限公司，可能跟投",
            "zh-Hans": "曾于A轮投资湖南星沙儲能科技有限公司，可能跟投",
            "en": "invested in 湖南星沙儲能科技有限公司 at A輪: likely follow-on",
        },
    }
    assert rec.reasons[1]["texts"]["zh-Hant"] == "行業完全吻合：電力、熱力生產和供應業"
    assert (rec.signals["follow_on"], rec.score) == (1.0, 0.356969)


def test_load_is_reported_before_and_after_spreading(world):
    run = _run(world, capacity=1)
    assert run.loads == [
        {"name": "香港維港創投", "organisation_id": world.lead.pk, "before": 1, "after": 1}
    ]
    assert run.load_before["n_recommendations"] == 1
    assert run.load_after["max"] == 1


@worker_loop
def test_start_run_in_the_background_then_the_job_computes_it(world, organiser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = start_run(edition=world.edition, user=organiser, top=5)
    assert run.status == TaskResultStatus.READY and run.job_id is not None
    call_command("run_worker", "--once")
    run.refresh_from_db()
    assert run.status == TaskResultStatus.SUCCESSFUL
    assert Job.objects.get(pk=run.job_id).status == TaskResultStatus.SUCCESSFUL
    assert run.recommendations.count() == 3


def test_start_run_in_tests_computes_it_at_once(world, organiser):
    run = start_run(edition=world.edition, user=organiser, top=5)
    run.refresh_from_db()
    assert (run.status, run.recommendations.count()) == (TaskResultStatus.SUCCESSFUL, 3)


def test_match_edition_command(world, capsys):
    call_command("match_edition", "--edition", world.edition.slug, "--top", "3", "--capacity", "2")
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(": 3 suggestions")
    assert "load after: 1 investors, max 1" in out


def test_a_run_saves_in_batches_exactly_the_rows_computed_in_memory(world):
    computed = compute_run(edition=world.edition, today=TODAY, top=5)
    run = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    writer = RecommendationWriter(run, batch=2)
    for row in computed.rows[:3]:
        writer.add(row)
    assert (writer.saved, len(writer.pending)) == (2, 1)
    for row in computed.rows[3:]:
        writer.add(row)
    writer.flush()
    saved = run.recommendations.order_by("pk")
    assert [_stored(r) for r in saved] == [_stored(r) for r in computed.rows]
    assert saved[0].reasons[0]["texts"]["en"] == (
        "invested in 湖南星沙儲能科技有限公司 at A輪: likely follow-on"
    )
    assert writer.saved == len(computed.rows) == 3
    executed = _run(world)
    assert _side(executed, Side.PROJECT_INVESTOR) + _side(executed, Side.INVESTOR_PROJECT) == [
        (r.project_id, r.organisation_id, None, r.rank, [x["code"] for x in r.reasons])
        for r in computed.rows
        if r.side != Side.BUYER_SUPPLIER
    ]


def _stored(r):  # type: ignore[no-untyped-def]
    """Every value of a saved recommendation or a computed row."""
    return (
        r.side,
        r.project_id,
        r.organisation_id,
        r.buyer_id,
        r.rank,
        r.candidate_name,
        r.score,
        r.investor_interest,
        r.project_interest,
        r.reasons,
        r.signals,
    )


def test_saving_no_rows_writes_nothing(world):
    run = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    writer = RecommendationWriter(run)
    writer.flush()
    assert (writer.saved, run.recommendations.count()) == (0, 0)
