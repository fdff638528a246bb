"""The web match run through the learned ranker, and its honest fallback to the engine."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from duijie.matchmaking.adapters import fitted_matcher, load_queries
from duijie.matchmaking.models import MatchRun, Side
from duijie.matchmaking.services import execute_run
from tests.web.matchmaking.factories import TODAY, history_world

pytestmark = pytest.mark.django_db
TOP = 5


def _run(edition, **params):  # type: ignore[no-untyped-def]
    run = MatchRun.objects.create(edition=edition, params={"top": TOP, **params})
    return execute_run(run=run, today=TODAY)


def _stored(run: MatchRun) -> list[tuple[int, int, str, float, list[str]]]:
    recs = run.recommendations.filter(side=Side.PROJECT_INVESTOR).order_by("project_id", "rank")
    return [
        (r.project_id, r.rank, r.candidate_name, r.score, [x["code"] for x in r.reasons])
        for r in recs
    ]


@pytest.fixture
def history(edition):  # type: ignore[no-untyped-def]
    return history_world(edition)


def test_a_run_is_ranked_by_the_ranker_trained_on_the_deals_before_it(history):
    run = _run(history.edition)
    ranker = fitted_matcher(top_k=TOP, ranker_before=TODAY).ranker
    assert ranker is not None and ranker.model_ is not None
    assert ranker.train_before == TODAY
    assert run.ranker == {
        "used": "learned",
        "why": "",
        "deals": history.deals,
        "trained_before": "2025-05-01",
        "train_queries": ranker.n_train_queries_,
        "min_queries": 20,
        "rounds": ranker.n_rounds_,
        "validation_share": 0.5,
        "reciprocity": True,
        "cold_projects": 0,
    }
    assert ranker.n_train_queries_ > 200 and ranker.n_rounds_ >= 1
    # The stored rows are the ranker's own answer (names, ranks, scores, reasons) …
    _projects, queries = load_queries(history.edition, TODAY)
    answers, _before, _after = ranker.recommend_all(queries)
    expected = [
        (int(a.query_id), it.rank, it.candidate, round(it.score, 6), [r.code for r in it.reasons])
        for a in answers
        for it in a.items
    ]
    assert _stored(run) == expected
    assert len(expected) == 3 * TOP
    # … which is not the engine's order: the owner's side is part of the score.
    engine = _run(history.edition, learned=False)
    assert engine.ranker == {"used": "engine", "why": "not_trained", "deals": history.deals}
    assert [row[3] for row in _stored(engine)] != [row[3] for row in expected]
    recs = run.recommendations.filter(side=Side.PROJECT_INVESTOR)
    assert all(r.reasons for r in recs)
    assert all(r.project_interest != r.investor_interest for r in recs)


def _page(client_for, organiser, run: MatchRun, language: str = "en") -> str:
    organiser.language = language
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk]))
    return html.unescape(page.content.decode())


def test_the_run_page_says_which_ranker_ranked_and_shows_the_owners_side(
    history, client_for, organiser
):
    run = _run(history.edition)
    text = _page(client_for, organiser, run)
    queries, rounds = run.ranker["train_queries"], run.ranker["rounds"]
    assert (
        f"Ranked by the learned ranker: candidates from the deal history, re-ranked by a model"
        f" trained on {queries} past deals as queries (of the {history.deals} financing events"
        f" dated before 1 May 2025); it kept {rounds} boosting rounds."
    ) in text
    assert "the score is the harmonic mean of the investor's and the owner's interest" in text
    first = run.recommendations.filter(side=Side.PROJECT_INVESTOR).order_by("pk").first()
    assert first is not None
    assert (
        f"Investor's side {first.investor_interest:.2f} · owner's side {first.project_interest:.2f}"
        in text
    )


def test_too_little_history_falls_back_to_the_engine_and_says_why(world, client_for, organiser):
    run = _run(world.edition)
    assert run.ranker == {
        "used": "engine",
        "why": "too_few_training_queries",
        "deals": 1,
        "trained_before": "2025-05-01",
        "train_queries": 0,
        "min_queries": 20,
        "rounds": 0,
        "validation_share": 0.5,
        "reciprocity": False,
        "cold_projects": 0,
    }
    engine = _run(world.edition, learned=False)
    assert _stored(run) == _stored(engine)  # the engine's rows, unchanged
    assert _stored(run) == [
        (
            world.project.pk,
            1,
            "香港維港創投",
            _stored(run)[0][3],
            ["follow_on", "industry_exact", "history_text"],
        )
    ]
    text = _page(client_for, organiser, run)
    assert "Ranked by the matching engine (weighted signals)." in text
    assert (
        "The learned ranker was not used: only 0 past deals with an investor seen earlier could"
        " train it (at least 20 are needed), among the 1 financing events dated before 1 May 2025."
    ) in text
    assert "owner's side" not in text
    assert "由配對引擎（加權信號）排序。" in _page(client_for, organiser, run, "zh-hant")
