"""Pages: who may see what (outsider tests for every protected view), what they show,
and list views under a query-count guard with one and several rows."""

from __future__ import annotations

import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from duijie.directory.models import Interaction
from duijie.jobs.models import Job
from duijie.matchmaking.models import MatchFeedback, MatchRun, Side, WeightFit
from duijie.matchmaking.services import execute_run
from tests.web.matchmaking.factories import TODAY, organisation, project, run_with, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world):  # type: ignore[no-untyped-def]
    found = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    return execute_run(run=found, today=TODAY)


def _rec(run, side):  # type: ignore[no-untyped-def]
    return run.recommendations.get(side=side)


STAFF_PAGES = [
    ("matchmaking:runs", False),
    ("matchmaking:run", True),
    ("matchmaking:run_load", True),
    ("matchmaking:run_export", True),
    ("matchmaking:weights", False),
    ("matchmaking:feedback_list", False),
]


def _url(name, needs_run, run):  # type: ignore[no-untyped-def]
    return reverse(name, args=[run.pk]) if needs_run else reverse(name)


@pytest.mark.parametrize(("name", "needs_run"), STAFF_PAGES)
def test_staff_pages_refuse_outsiders(
    client, client_for, investor, project_owner, run, name, needs_run
):
    url = _url(name, needs_run, run)
    assert client.get(url).status_code == 302
    assert client_for(investor).get(url).status_code == 403
    assert client_for(project_owner).get(url).status_code == 403


@pytest.mark.parametrize(("name", "needs_run"), STAFF_PAGES)
def test_staff_pages_open_for_staff(client_for, organiser, run, name, needs_run):
    assert client_for(organiser).get(_url(name, needs_run, run)).status_code == 200


def test_project_suggestions_outsiders(client, client_for, world, run, investor):
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    other_owner = user("project_owner")
    assert client.get(url).status_code == 302
    assert client_for(other_owner).get(url).status_code == 403
    assert client_for(investor).get(url).status_code == 403
    assert client_for(world.investor_user).get(url).status_code == 403


def test_owner_sees_investors_and_reasons_but_no_people(client_for, world, run):
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    page = client_for(world.owner).get(url).content.decode()
    assert "香港維港創投" in page
    assert "曾於A輪投資湖南星沙儲能科技有限公司，可能跟投" in page
    assert "王偉" not in page
    assert "深圳湘江銀行" not in page


def test_staff_see_introducers_and_can_record_an_introduction(client_for, world, run, organiser):
    client = client_for(organiser)
    page = client.get(reverse("matchmaking:project_suggestions", args=[world.project.pk]))
    assert "王偉 (同鄉)" in page.content.decode()
    rec = _rec(run, Side.PROJECT_INVESTOR)
    url = reverse("matchmaking:introduce", args=[rec.pk])
    response = client.post(url, {"person": world.introducer.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "catalogue:detail", args=[world.edition.slug, world.project.code]
    )
    assert Interaction.objects.get().organisation == world.lead


def test_introduce_outsiders(client, client_for, world, run):
    url = reverse("matchmaking:introduce", args=[_rec(run, Side.PROJECT_INVESTOR).pk])
    data = {"person": world.introducer.pk}
    assert client.post(url, data).status_code == 302
    assert client_for(world.owner).post(url, data).status_code == 403
    assert Interaction.objects.count() == 0


def test_meeting_link_for_a_participating_owner(client_for, world, run):
    from duijie.tradeweek.models import Participant

    Participant.objects.create(
        edition=world.edition, user=world.owner, kind="project_owner", project=world.project
    )
    lead = Participant.objects.create(
        edition=world.edition, user=world.investor_user, kind="investor", organisation=world.lead
    )
    page = client_for(world.owner).get(
        reverse("matchmaking:project_suggestions", args=[world.project.pk])
    )
    assert (
        reverse("tradeweek:request_new", args=[lead.pk]) + "?from=suggestion"
        in page.content.decode()
    )


def test_feedback_by_the_investor_it_was_made_for(client_for, world, run):
    rec = _rec(run, Side.INVESTOR_PROJECT)
    url = reverse("matchmaking:feedback", args=[rec.pk])
    response = client_for(world.investor_user).post(
        url, {"verdict": "not_relevant", "reason": "size", "text": "太大"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#suggestion-{rec.pk}"  # the dismissed one leaves
    assert f'id="suggestion-{rec.pk}"' in response.content.decode()
    assert list(MatchFeedback.objects.values_list("user", "verdict", "reason", "text")) == [
        (world.investor_user.pk, "not_relevant", "size", "太大")
    ]
    page = client_for(world.investor_user).get(reverse("matchmaking:mine")).content.decode()
    assert f'id="suggestion-{rec.pk}"' not in page


def test_feedback_outsiders(client, client_for, world, run, investor):
    rec = _rec(run, Side.INVESTOR_PROJECT)
    url = reverse("matchmaking:feedback", args=[rec.pk])
    assert client.post(url, {"verdict": "good"}).status_code == 302
    assert client_for(investor).post(url, {"verdict": "good"}).status_code == 403
    assert client_for(world.owner).post(url, {"verdict": "good"}).status_code == 403
    supplier_rec = _rec(run, Side.BUYER_SUPPLIER)
    url = reverse("matchmaking:feedback", args=[supplier_rec.pk])
    assert client_for(world.investor_user).post(url, {"verdict": "good"}).status_code == 403
    assert MatchFeedback.objects.count() == 0


def test_mine_outsider_is_sent_to_login(client):
    assert client.get(reverse("matchmaking:mine")).status_code == 302


def test_mine_shows_projects_in_the_reader_language(client_for, world, run):
    world.investor_user.language = "en"
    world.investor_user.save()
    page = client_for(world.investor_user).get(reverse("matchmaking:mine")).content.decode()
    assert world.project.name_hant in page
    assert "invested in 湖南星沙儲能科技有限公司 at A輪: likely follow-on" in page


def test_buyer_sees_suppliers_on_the_home_page(client_for, world, run):
    page = client_for(world.buyer_user).get(reverse("accounts:home")).content.decode()
    assert "永州臍橙農業有限公司" in page
    assert "供應所需產品：臍橙" in page


def test_investor_home_panel_lists_the_suggested_project(client_for, world, run):
    page = client_for(world.investor_user).get(reverse("accounts:home")).content.decode()
    assert world.project.name_hant in page


def test_start_a_run_as_a_background_job(client_for, organiser, world):
    response = client_for(organiser).post(reverse("matchmaking:runs"), {"top": 5, "capacity": 2})
    run = MatchRun.objects.get()
    assert response["Location"] == reverse("matchmaking:run", args=[run.pk])
    assert (run.params, Job.objects.get().pk, run.status) == (
        {"top": 5, "capacity": 2, "use_fitted_weights": False, "learned": True},
        run.job_id,
        "SUCCESSFUL",
    )
    assert (run.ranker["used"], run.ranker["why"]) == ("engine", "too_few_training_queries")
    page = client_for(organiser).get(response["Location"]).text
    assert "hx-get" not in page and "香港維港創投" in page
    assert Job.objects.get().result_url == response["Location"]


def test_run_load_json(client_for, organiser, run):
    data = client_for(organiser).get(reverse("matchmaking:run_load", args=[run.pk])).json()
    assert (data["names"], data["before"], data["after"]) == (["香港維港創投"], [1], [1])


def test_export_is_a_workbook_with_formula_safe_cells(client_for, organiser, world):
    evil = organisation("=HYPERLINK(1)")
    run = run_with(
        world.edition,
        [{"project": world.project, "organisation": evil, "candidate_name": evil.name}],
    )
    response = client_for(organiser).get(reverse("matchmaking:run_export", args=[run.pk]))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1] == (
        "project_investor",
        world.project.code,
        world.project.name_hant,
        None,
        1,
        "=HYPERLINK(1)",
        0.5,
        "理由popular",
    )
    assert book.worksheets[0]["F2"].data_type == "s"  # stored as text: never run, no quote
    assert list(book.worksheets[1].iter_rows(values_only=True))[1] == ("甲", 3, 2)


def test_weights_page_explains_too_few_outcomes(client_for, organiser):
    client = client_for(organiser)
    assert client.post(reverse("matchmaking:weights")).status_code == 302
    assert WeightFit.objects.get().problem == "too_few_outcomes"
    organiser.language = "en"
    organiser.save()
    page = client.get(reverse("matchmaking:weights")).content.decode()
    assert "Too few outcomes to fit weights: at least 30 are needed" in page


def test_template_tag_renders_the_placeholder_only_for_allowed_readers(world, investor):
    template = Template("{% load matchmaking %}{% project_suggestions project %}")
    url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
    for reader, shown in ((world.owner, True), (investor, False)):
        request = RequestFactory().get("/")
        request.user = reader
        html = template.render(Context({"request": request, "project": world.project}))
        assert (f'hx-get="{url}"' in html) is shown


# --- query-count guards: one and several rows --------------------------------------------


def _many(world, n):  # type: ignore[no-untyped-def]
    projects = [project(world.edition, world.owner_org) for _ in range(n)]
    rows = [
        {"project": p, "organisation": world.lead, "side": Side.INVESTOR_PROJECT} for p in projects
    ]
    rows += [
        {
            "project": world.project,
            "organisation": organisation(f"投{i}"),
            "candidate_name": f"投{i}",
        }
        for i in range(n)
    ]
    rows += [
        {
            "buyer": world.buyer,
            "organisation": world.supplier,
            "side": Side.BUYER_SUPPLIER,
            "candidate_name": world.supplier.name,
        }
        for _ in range(n)
    ]
    return run_with(world.edition, rows)


@pytest.mark.parametrize("n", [1, 6])
def test_mine_queries_do_not_grow(client_for, world, n, django_assert_max_num_queries):
    _many(world, n)
    client = client_for(world.investor_user)
    # 9: one query finds the trade-week participants behind the suggested projects, one the
    # buyers' needs the reader's organisations are suggested to supply
    with django_assert_max_num_queries(9):
        assert client.get(reverse("matchmaking:mine")).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_run_page_queries_do_not_grow(
    client_for, world, organiser, n, django_assert_max_num_queries
):
    run = _many(world, n)
    client = client_for(organiser)
    for side in Side.values:
        # 6, and 2 for the trade week's "invite both" (the pairs' participants, their
        # open requests and meetings), whatever the number of suggestions.
        with django_assert_max_num_queries(8):
            url = reverse("matchmaking:run", args=[run.pk]) + f"?side={side}"
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_project_suggestions_queries_do_not_grow(
    client_for, world, organiser, n, django_assert_max_num_queries
):
    _many(world, n)
    client = client_for(organiser)
    with django_assert_max_num_queries(8):
        url = reverse("matchmaking:project_suggestions", args=[world.project.pk])
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_run_list_queries_do_not_grow(
    client_for, world, organiser, n, django_assert_max_num_queries
):
    for _ in range(n):
        run_with(world.edition, [])
    client = client_for(organiser)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("matchmaking:runs")).status_code == 200


def test_a_queued_run_page_follows_its_job(client_for, organiser, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(organiser)
    client.post(reverse("matchmaking:runs"), {"top": 5})
    run = MatchRun.objects.get()
    page = client.get(reverse("matchmaking:run", args=[run.pk])).content.decode()
    assert f'hx-get="{reverse("jobs:status", args=[run.job_id])}"' in page


def test_run_page_labels_every_figure_in_the_reader_language(client_for, organiser, world):
    run = run_with(world.edition, [{"project": world.project, "candidate_name": "香港維港創投"}])
    run.load_before = {"n_recommendations": 40, "top10_share": 0.4567, "gini": 0.31}
    run.load_after = {"n_recommendations": 40, "top10_share": 0.25, "gini": 0.12}
    run.counts = {"projects": 1, "candidates": 9, "excluded": {"excluded_instrument": 4046}}
    run.weights = {"thesis_embedding": 1.5, "follow_on": 4.0}
    run.save()
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk])).content.decode()
    for shown in (
        "type of investment not offered by the investor: 4,046",  # grouped, as 300,000
        "<th>Share of suggestions going to the busiest tenth of investors</th><td>45.7%</td>"
        "<td>25.0%</td>",
        "<th>Suggestions in total</th><td>40</td><td>40</td>",
        "<th>Investor&#x27;s focus is close in meaning to the project</th><td>1.5</td>",
        "<th>Invested in this company before</th><td>4.0</td>",
        f">{world.project.name_hant}</a>",
    ):
        assert shown in page
    for key in ("excluded_instrument", "top10_share", "gini", "thesis_embedding", "follow_on"):
        assert key not in page
    assert f">{world.project.code}<" not in page


def test_run_page_shows_the_project_name_in_the_reader_script(client_for, organiser, world):
    run = run_with(world.edition, [{"project": world.project, "candidate_name": "香港維港創投"}])
    organiser.language = "zh-hans"
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk])).content.decode()
    assert f">{world.project.name_hans}</a>" in page
    assert '<span class="badge">成功</span>' in page


def test_load_statistics_are_numbers_in_the_readers_form() -> None:
    from django.utils import translation

    from duijie.matchmaking.labels import statistic_rows

    before = {"top10_share": 0.4567, "mean": 63.300000000000004, "max": 1200}
    with translation.override("en"):
        rows = {row["label"]: row for row in statistic_rows(before, before)}
    shown = [str(row["before"]) for row in rows.values() if row["before"] is not None]
    assert "45.7" in shown and "63.3" in shown and "1,200" in shown
    assert not any("000000" in value for value in shown)
