"""One path to a meeting (issue 13): from a project page, an organisation page, a match
suggestion and the trade week's own suggestions, with the counterpart shown."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from duijie.matchmaking.models import Side
from duijie.tradeweek.models import ParticipantKind, Preference
from duijie.tradeweek.services import requests
from duijie.tradeweek.services.participants import enrol
from tests.web.matchmaking.factories import reason, run_with, small_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(edition):  # type: ignore[no-untyped-def]
    world = small_world(edition)
    investor = enrol(edition=edition, user=world.investor_user, kind=ParticipantKind.INVESTOR)
    owner = enrol(
        edition=edition,
        user=world.owner,
        kind=ParticipantKind.PROJECT_OWNER,
        organisation=world.owner_org,
        project=world.project,
    )
    run_with(
        edition,
        [
            {
                "side": Side.INVESTOR_PROJECT,
                "organisation": world.lead,
                "project": world.project,
                "candidate_name": world.project.name_hant,
                "reasons": [reason("industry")],
            }
        ],
    )
    return world, investor, owner


def _page(client, user, url: str) -> str:  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_suggestions_name_the_counterpart_their_organisation_project_and_reason(
    client, week
) -> None:  # type: ignore[no-untyped-def]
    world, _investor, owner = week
    page = _page(client, world.investor_user, reverse("tradeweek:requests"))
    section = page.split("Suggested for you")[1].split("Find someone to meet")[0]
    assert f"{owner} · {world.owner_org.name}" in section
    assert world.project.name_hant in section
    assert "reason industry" in section
    assert f'href="/week/requests/new/{owner.pk}/?from=suggestion"' in section


def test_the_request_form_shows_why_matching_suggests_the_counterpart(client, week) -> None:  # type: ignore[no-untyped-def]
    world, _investor, owner = week
    page = _page(client, world.investor_user, reverse("tradeweek:request_new", args=[owner.pk]))
    assert world.owner_org.name in page
    assert world.project.name_hant in page
    assert "Why we suggest this" in page and "reason industry" in page


def test_a_project_page_asks_its_owner_then_points_to_the_open_request(client, week) -> None:  # type: ignore[no-untyped-def]
    world, investor, owner = week
    url = reverse("catalogue:detail", args=[world.edition.slug, world.project.code])
    page = _page(client, world.investor_user, url)
    assert f'href="/week/requests/new/{owner.pk}/"' in page
    assert f"Request a meeting with {owner}" in page
    sent = requests.send_request(requester=investor, recipient=owner, preference=Preference.MUST)
    page = _page(client, world.investor_user, url)
    assert f'href="/week/requests/#request-{sent.pk}"' in page
    assert f"See your open request with {owner}" in page


def test_no_button_for_the_owner_on_their_own_project_nor_for_outsiders(client, week) -> None:  # type: ignore[no-untyped-def]
    world, _investor, _owner = week
    url = reverse("catalogue:detail", args=[world.edition.slug, world.project.code])
    assert "Request a meeting" not in _page(client, world.owner, url)
    assert "Request a meeting" not in _page(client, world.buyer_user, url)


def test_an_organisation_asks_its_participant(rf, week) -> None:  # type: ignore[no-untyped-def]
    """The tag the organisation page loads (directory readers and members see that page)."""
    world, _investor, owner = week
    request = rf.get("/")
    request.user = world.investor_user
    tag = Template("{% load tradeweek %}{% ask_to_meet organisation=org %}")
    with translation.override("en"):
        shown = tag.render(Context({"request": request, "org": world.owner_org}))
        own = tag.render(Context({"request": request, "org": world.lead}))
    assert f'href="/week/requests/new/{owner.pk}/"' in shown
    assert own.strip() == ""


def test_a_match_suggestion_asks_the_project_owner(client, week) -> None:  # type: ignore[no-untyped-def]
    world, _investor, owner = week
    page = _page(client, world.investor_user, reverse("matchmaking:mine"))
    assert f'href="/week/requests/new/{owner.pk}/?from=suggestion"' in page
