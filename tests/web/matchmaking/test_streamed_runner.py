"""The streamed runner (bounded pools) against the plain one that keeps every full score table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc

import pytest

from duijie.directory.models import Mandate, Membership, OrganisationKind
from duijie.matchmaking.adapters import fitted_matcher, load_queries
from duijie.matchmaking.models import Side
from duijie.matchmaking.plain_runner import plain_project_sides
from duijie.matchmaking.readers import readable_investors
from duijie.matchmaking.runner import Row, RunResult, collector_paused, project_sides
from duijie.reference.models import AdminDivision, Edition
from duijie.tradeweek.models import Participant
from tests.web.matchmaking.factories import (
    TODAY,
    financing_event,
    investor,
    organisation,
    project,
    user,
)

pytestmark = pytest.mark.django_db
TOP = 2


@pytest.fixture
def market(edition):  # type: ignore[no-untyped-def]
    """Seven investors (one lends only, one has no mandate), five owners with a project each,
    and past deals so that follow-on, co-investment and activity differ between investors."""
    lenders = [investor("湘江銀行", instruments=("debt",))]
    funds = [investor(f"基金{n}") for n in range(5)]
    plain = organisation("只有歷史的創投", OrganisationKind.VC_PE)
    owners = [organisation(f"湖南企業{n}有限公司") for n in range(5)]
    for n, owner in enumerate(owners):
        backers = [funds[n % 5], funds[(n + 1) % 5], plain][: 1 + n % 3]
        financing_event(owner, backers, dt.date(2022, 1 + n, 1))
    towns = ["4301", "4302", "4303", "4307", "4301"]
    for n, owner in enumerate(owners):
        project(
            edition,
            owner,
            city=AdminDivision.objects.get(code=towns[n]),
            stage=["construction", "operating", "concept", "expansion", "preparation"][n],
        )
    return edition, [*lenders, *funds, plain]


def _both(edition, capacity, pool_factor, readers=None):  # type: ignore[no-untyped-def]
    fitted = fitted_matcher(top_k=TOP)
    _projects, queries = load_queries(edition, TODAY)
    streamed = project_sides(fitted, queries, TOP, capacity, pool_factor, readers)
    return streamed, plain_project_sides(fitted, queries, TOP, capacity, pool_factor, readers)


def _key(row: Row) -> tuple[object, ...]:
    return (row.side, row.project_id, row.organisation_id, row.rank)


def _side(result: RunResult, side: str) -> list[object]:
    rows = sorted((r for r in result.rows if r.side == side), key=_key)
    return [dataclasses.astuple(r) for r in rows]


def _without_uncovered(result: RunResult) -> RunResult:
    """The counts the plain runner keeps too (only the streamed one lists projects left
    without suggestions, from its pools); here every project is covered."""
    counts = dict(result.counts)
    assert counts.pop("uncovered", []) == []
    return dataclasses.replace(result, counts=counts)


def _same(streamed: RunResult, plain: RunResult) -> bool:
    """Equal row for row (the streamed runner emits project by project, the plain one by side)."""
    ordered = [
        dataclasses.replace(r, rows=sorted(r.rows, key=_key))
        for r in (_without_uncovered(streamed), plain)
    ]
    return ordered[0] == ordered[1]


@pytest.mark.parametrize(("capacity", "shown"), [(None, 10), (1, 6), (2, 10)])
def test_a_pool_holding_every_candidate_gives_the_plain_result(market, capacity, shown):
    edition, _investors = market
    streamed, plain = _both(edition, capacity, pool_factor=10)  # pool 20 >= 7 candidates
    assert _same(streamed, plain)
    assert len(_side(streamed, Side.PROJECT_INVESTOR)) == shown
    assert len(_side(streamed, Side.INVESTOR_PROJECT)) == 12  # 6 equity investors x 2


def test_with_the_readers_of_the_edition_still_the_plain_result(market):
    edition, _investors = market
    streamed, plain = _both(edition, 1, pool_factor=10, readers=readable_investors(edition))
    assert _same(streamed, plain)
    assert len(_side(streamed, Side.INVESTOR_PROJECT)) == 10  # 5 funds with a mandate x 2


def _participant(edition, org):  # type: ignore[no-untyped-def]
    return Participant.objects.create(
        edition=edition, user=user("investor"), kind="investor", organisation=org
    )


def test_readers_are_members_participants_of_the_edition_and_active_mandates(market):
    edition, (lender, *funds, plain) = market
    Mandate.objects.filter(organisation=funds[0]).update(is_active=False)
    member, guest, elsewhere = (organisation(n, OrganisationKind.FUND) for n in "甲乙丙")
    Membership.objects.create(user=user("investor"), organisation=member)
    _participant(edition, guest)
    other = Edition.objects.create(
        slug="other",
        name="另一届",
        name_hant="另一屆",
        name_en="Other",
        starts_on=TODAY,
        ends_on=TODAY,
    )
    _participant(other, elsewhere)
    expected = {lender.pk, *(f.pk for f in funds[1:]), member.pk, guest.pk}
    assert readable_investors(edition) == expected
    assert readable_investors(other) == expected - {guest.pk} | {elsewhere.pk}
    assert plain.pk not in expected


def test_projects_are_suggested_only_to_readable_investors(market):
    edition, (_lender, *funds, plain) = market
    Membership.objects.create(user=user("investor"), organisation=plain)
    Mandate.objects.filter(organisation__in=funds[:2]).update(is_active=False)
    readers = readable_investors(edition)
    streamed, _plain = _both(edition, None, pool_factor=10, readers=readers)
    shown = {r.organisation_id for r in streamed.rows if r.side == Side.INVESTOR_PROJECT}
    assert shown == {plain.pk, *(f.pk for f in funds[2:])}
    assert len(_side(streamed, Side.INVESTOR_PROJECT)) == 8


def test_a_small_pool_keeps_the_project_side_and_the_loads(market):
    edition, _investors = market
    streamed, plain = _both(edition, capacity=1, pool_factor=1)  # pool 2 of 7 candidates
    assert _side(streamed, Side.PROJECT_INVESTOR) == _side(plain, Side.PROJECT_INVESTOR)
    counts = _without_uncovered(streamed).counts
    assert (streamed.load_before, streamed.load_after, streamed.loads, counts) == (
        plain.load_before,
        plain.load_after,
        plain.loads,
        plain.counts,
    )


def test_with_a_pool_of_top_an_investor_sees_the_projects_that_list_it(market):
    edition, _investors = market
    streamed, plain = _both(edition, capacity=None, pool_factor=1)  # pool = top = 2

    def pairs(side: str) -> set[tuple[object, ...]]:
        return {(r.organisation_id, r.project_id, r.score) for r in streamed.rows if r.side == side}

    listed = pairs(Side.PROJECT_INVESTOR)
    assert pairs(Side.INVESTOR_PROJECT) <= listed
    for org in {o for o, _, _ in listed}:
        mine = sorted((p for p in listed if p[0] == org), key=lambda p: (-p[2], p[1]))
        assert mine[:TOP] == [
            (r.organisation_id, r.project_id, r.score)
            for r in streamed.rows
            if r.side == Side.INVESTOR_PROJECT and r.organisation_id == org
        ]
    assert len(_side(streamed, Side.INVESTOR_PROJECT)) == 8
    assert len(_side(plain, Side.INVESTOR_PROJECT)) == 12


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_a_run_and_left_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), collector_paused():
            _ = 1 / 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("ranked", [False, True])
def test_a_run_staged_on_two_processes_saves_the_rows_of_one(edition, settings, ranked) -> None:  # type: ignore[no-untyped-def]
    """By the matcher or the learned ranker, 18 projects: two forked processes stage and
    then explain 9 each (``DUIJIE_MATCH_JOBS``); the rows (in their order), weights, loads
    and counts are those of doing every project in the worker itself."""
    funds = [investor(f"基金{n}") for n in range(6)]
    for n in range(18):
        owner = organisation(f"湖南企業{n}有限公司")
        financing_event(owner, [funds[n % 6], funds[(n + 2) % 6]], dt.date(2022, 1 + n % 12, 1))
        project(edition, owner, city=AdminDivision.objects.get(code="4301"), stage="operating")
    fitted = fitted_matcher(top_k=TOP, ranker_before=TODAY if ranked else None)
    assert (fitted.ranker is not None) == ranked
    _projects, queries = load_queries(edition, TODAY)
    assert len(queries) == 18
    results = []
    for jobs in (1, 2):
        settings.MATCH_JOBS = jobs
        results.append(project_sides(fitted, queries, TOP, 3, 4))
    assert results[0] == results[1]
    assert len({r.project_id for r in results[0].rows if r.side == Side.PROJECT_INVESTOR}) == 18
