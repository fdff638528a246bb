"""The web match run checks its deal history: later and repeated events left out, said."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from duijie.directory.models import FinancingEvent
from duijie.matchmaking.adapters import clear_cache
from duijie.matchmaking.models import MatchRun, Side
from duijie.matchmaking.services import execute_run
from tests.web.matchmaking.factories import TODAY, financing_event, investor, organisation

pytestmark = pytest.mark.django_db


def _run(edition) -> MatchRun:  # type: ignore[no-untyped-def]
    run = MatchRun.objects.create(edition=edition, params={"top": 5})
    return execute_run(run=run, today=TODAY)


def _stored(run: MatchRun) -> list[tuple[int, str, float, list[str]]]:
    recs = run.recommendations.filter(side=Side.PROJECT_INVESTOR).order_by("rank")
    return [(r.rank, r.candidate_name, r.score, [x["code"] for x in r.reasons]) for r in recs]


def _page(client_for, organiser, run: MatchRun, language: str) -> str:  # type: ignore[no-untyped-def]
    organiser.language = language
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk]))
    return html.unescape(page.content.decode())


@pytest.fixture
def bad_history(world):  # type: ignore[no-untyped-def]
    """Two events after the run's date, a repeat of the lead's deal, one without investor."""
    later = investor("湘江未來創投")
    storage = organisation("湘江儲能")
    left_out = [
        financing_event(world.owner_org, [later], dt.date(2027, 3, 1)),
        financing_event(storage, [later], dt.date(2027, 6, 1)),
        financing_event(world.owner_org, [world.lead], dt.date(2023, 3, 1)),
    ]
    financing_event(storage, [], dt.date(2024, 1, 1))
    world.later, world.storage, world.left_out = later, storage, left_out
    return world


def test_a_run_leaves_out_later_and_repeated_events_and_stores_the_counts(bad_history):
    world = bad_history
    run = _run(world.edition)
    future_1, future_2, repeat = (e.pk for e in world.left_out)
    no_investor = FinancingEvent.objects.get(investors=None).pk
    assert run.counts["history"] == {
        "future_deal": {
            "count": 2,
            "examples": [
                {"event": future_1, "company": "湖南星沙儲能科技有限公司", "date": "2027-03-01"},
                {"event": future_2, "company": "湘江儲能", "date": "2027-06-01"},
            ],
        },
        "duplicate_deal": {
            "count": 1,
            "examples": [
                {"event": repeat, "company": "湖南星沙儲能科技有限公司", "date": "2023-03-01"}
            ],
        },
        "no_investors": {
            "count": 1,
            "examples": [{"event": no_investor, "company": "湘江儲能", "date": "2024-01-01"}],
        },
    }
    rows = _stored(run)
    # The later investor's deal in the owner is not a follow-on: it has not happened yet.
    assert [(rank, name, codes) for rank, name, _score, codes in rows] == [
        (1, "香港維港創投", ["follow_on", "industry_exact", "history_text"]),
        (2, "湘江未來創投", ["industry_exact", "thesis_text", "ticket_covers"]),
    ]
    # The same rows, scores included, as a run over a history without the events left out.
    FinancingEvent.objects.filter(pk__in=[future_1, future_2, repeat]).delete()
    clear_cache()
    clean = _run(world.edition)
    assert _stored(clean) == rows
    assert clean.counts["history"] == {"no_investors": run.counts["history"]["no_investors"]}


def test_the_run_page_says_what_was_left_out_in_the_readers_language(
    bad_history, client_for, organiser
):
    run = _run(bad_history.edition)
    english = _page(client_for, organiser, run, "en")
    assert (
        "2 financing events dated after the run's date were left out:"
        " 湖南星沙儲能科技有限公司 1 Mar 2027, 湘江儲能 1 Jun 2027"
    ) in english
    assert (
        "1 financing event repeats an earlier one (same date, company, round and investors)"
        " and was left out: 湖南星沙儲能科技有限公司 1 Mar 2023"
    ) in english
    assert (
        "1 financing event names no investor: it is kept, but counts for no investor:"
        " 湘江儲能 1 Jan 2024"
    ) in english
    chinese = _page(client_for, organiser, run, "zh-hant")
    assert (
        "2 宗日期在本次配對日期之後的融資事件未有採用："
        "湖南星沙儲能科技有限公司 2027年3月1日、湘江儲能 2027年6月1日"
    ) in chinese
    assert (
        "1 宗融資事件與較早一宗相同（日期、公司、輪次及投資者相同），未有採用："
        "湖南星沙儲能科技有限公司 2023年3月1日"
    ) in chinese
    assert (
        "1 宗融資事件沒有列明投資者：仍予保留，但不計入任何投資者：湘江儲能 2024年1月1日"
    ) in chinese


def test_a_clean_history_says_nothing(world, client_for, organiser):
    run = _run(world.edition)
    assert run.counts["history"] == {}
    assert 'id="history-left-out"' not in _page(client_for, organiser, run, "en")


def test_the_run_page_groups_its_counts_in_the_readers_form(client_for, organiser, world) -> None:  # type: ignore[no-untyped-def]
    """Counts of projects, candidates and removals read 300,000, not 300000 (the page
    showed the bare numbers)."""
    run = _run(world.edition)
    run.counts = {
        **run.counts,
        "projects": 1234,
        "candidates": 300000,
        "excluded": {"excluded_instrument": 4524},
    }
    run.save(update_fields=["counts"])
    page = _page(client_for, organiser, run, "en")
    assert "<dt>Projects</dt><dd>1,234</dd>" in page
    assert "<dt>Candidates</dt><dd>300,000</dd>" in page
    assert "type of investment not offered by the investor: 4,524</li>" in page
