"""Issue 13's last paths to a meeting: staff "invite both" from a match run's
suggestion, and "request a meeting" from the participant list; both through the one
request service (one live meeting per pair, a sentence pointing to the existing one)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from duijie.catalogue.models import Project
from duijie.directory.models import Organisation
from duijie.matchmaking.models import Side
from duijie.tradeweek.models import MeetingRequest, RequestQuota, RequestSource
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import placement
from duijie.tradeweek.services.requests import invite_pair, respond, send_request
from tests.web.matchmaking.factories import run_with
from tests.web.tradeweek.factories import make_participant, make_slots, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides(edition):  # type: ignore[no-untyped-def]
    fund = Organisation.objects.create(name="Harbour Fund", kind="investor")
    investor = make_participant(edition, name="Ivy Investor")
    investor.organisation = fund
    investor.save()
    owner = make_participant(edition, kind="project_owner", name="Owen Owner")
    owner.project = Project.objects.create(edition=edition, code="P0042", name_en="Storage")
    owner.organisation = Organisation.objects.create(name="Xiang Energy", kind="enterprise")
    owner.save()
    for person in (investor, owner):
        person.user.language = "en"
        person.user.save(update_fields=["language"])
    return investor, owner


def test_invite_pair_sends_an_organiser_request_without_quotas(edition, organiser, sides) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    RequestQuota.objects.create(
        edition=edition, kind="investor", max_open_sent=0, max_pending_received=0
    )
    with pytest.raises(TradeWeekError) as refused:
        send_request(requester=investor, recipient=owner, preference="must")
    assert refused.value.code == "quota_sent"
    request = invite_pair(first=investor, second=owner, by=organiser)
    assert (request.status, request.source, request.created_by, request.recipient) == (
        "pending",
        RequestSource.ORGANISER,
        organiser,
        owner,
    )


def test_a_second_invitation_names_both_and_who_answers(edition, organiser, sides) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    send_request(requester=owner, recipient=investor, preference="must")
    with pytest.raises(TradeWeekError) as refused, translation.override("en"):
        invite_pair(first=investor, second=owner, by=organiser)
    with translation.override("en"):
        assert str(refused.value) == (
            "There is already an open request between Owen Owner and Ivy Investor, "
            "waiting for Ivy Investor to answer."
        )
    assert MeetingRequest.objects.count() == 1


def test_an_invitation_for_a_pair_that_meets_points_to_the_meeting(
    edition, organiser, sides
) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    request = send_request(requester=investor, recipient=owner, preference="must")
    respond(request=request, by=owner, accept=True)
    slot = make_slots(edition, make_venue(edition, tables=4, name="Harbour Hall"), n=1)[0]
    placement.seat_meeting(request=request, slot=slot, table=3)
    with pytest.raises(TradeWeekError) as refused, translation.override("en"):
        invite_pair(first=owner, second=investor, by=organiser)  # worded in the request's
    with translation.override("en"):  # language, as a view raises it
        assert str(refused.value) == (
            "Ivy Investor and Owen Owner already have a meeting: "
            "14 May, 10:00 (Hong Kong Time), Harbour Hall, table 3."
        )


def _run(edition, investor, owner):  # type: ignore[no-untyped-def]
    return run_with(
        edition,
        [{"project": owner.project, "organisation": investor.organisation,
          "candidate_name": "Harbour Fund", "side": Side.PROJECT_INVESTOR}],
    )  # fmt: skip


def test_the_match_run_offers_invite_both_and_then_the_open_request(
    client, edition, organiser, sides
) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    run = _run(edition, investor, owner)
    organiser.language = "en"
    organiser.save(update_fields=["language"])
    client.force_login(organiser)
    page_url = reverse("matchmaking:run", args=[run.pk]) + "?side=project_investor"
    invite = reverse("tradeweek:staff_invite", args=[investor.pk, owner.pk])
    page = client.get(page_url).content.decode()
    assert f'action="{invite}"' in page and "Invite both to meet" in page
    response = client.post(invite, {"next": page_url})
    assert response.status_code == 302 and response["Location"] == page_url
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.source) == (
        investor,
        owner,
        RequestSource.ORGANISER,
    )
    page = client.get(page_url).content.decode()
    assert f'action="{invite}"' not in page
    assert "waiting for Owen Owner to answer" in page
    assert f"{reverse('tradeweek:staff_requests')}#request-{request.pk}" in page
    client.post(invite, {"next": page_url})
    assert MeetingRequest.objects.count() == 1


def test_both_sides_are_told_of_the_invitation(client, edition, organiser, sides) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    invite_pair(first=investor, second=owner, by=organiser)
    client.force_login(investor.user)
    home = client.get(reverse("accounts:home")).content.decode()
    assert "The organisers invited you to 1 meeting; the other side is asked to confirm" in home
    client.force_login(owner.user)
    home = client.get(reverse("accounts:home")).content.decode()
    assert "1 meeting request is waiting for your answer" in home
    page = client.get(reverse("tradeweek:requests")).content.decode()
    assert "Invited by the organisers" in page and "Ivy Investor" in page


def test_only_organisers_see_or_use_invite_both(client, edition, investor, sides) -> None:  # type: ignore[no-untyped-def]
    member, owner = sides
    client.force_login(member.user)
    assert (
        client.post(reverse("tradeweek:staff_invite", args=[member.pk, owner.pk])).status_code
        == 403
    )
    assert MeetingRequest.objects.count() == 0


def test_the_participant_list_asks_to_meet_with_organisation_and_project(
    client, edition, sides
) -> None:  # type: ignore[no-untyped-def]
    investor, owner = sides
    client.force_login(investor.user)
    page = client.get(reverse("tradeweek:participants")).content.decode()
    assert "<dt>Organisation</dt><dd>Xiang Energy</dd>" in page
    assert reverse("catalogue:detail", args=[edition.slug, "P0042"]) in page
    ask = reverse("tradeweek:request_new", args=[owner.pk])
    assert f'href="{ask}"' in page and "Request a meeting with Owen Owner" in page
    assert "Request a meeting with Ivy Investor" not in page  # not oneself
    send_request(requester=owner, recipient=investor, preference="must")
    page = client.get(reverse("tradeweek:participants")).content.decode()
    assert f'href="{ask}"' not in page
    assert "Owen Owner has already asked to meet you; please answer that request." in page
    found = client.get(reverse("tradeweek:participants"), {"q": "xiang"}).content.decode()
    assert "Owen Owner" in found
    found = client.get(reverse("tradeweek:participants"), {"q": "nobody"}).content.decode()
    assert "No participant matches." in found


def test_the_participant_list_costs_the_same_queries_for_one_or_many(
    client, edition, sides
) -> None:  # type: ignore[no-untyped-def]
    investor, _owner = sides
    client.force_login(investor.user)
    client.get(reverse("tradeweek:participants"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("tradeweek:participants"))
    for number in range(5):
        other = make_participant(edition, kind="project_owner", name=f"Extra {number}")
        other.project = Project.objects.create(edition=edition, code=f"P01{number}0")
        other.save()
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("tradeweek:participants")).content.decode()
    assert page.count("Request a meeting with") == 6
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        ("investor", ["Abe Owner", "Zed Owner", "Amy Buyer", "Ann Supplier", "Ivo Investor"]),
        ("project_owner", ["Ivo Investor", "Abe Owner", "Amy Buyer", "Ann Supplier", "Zed Owner"]),
        ("buyer", ["Ann Supplier", "Abe Owner", "Amy Buyer", "Ivo Investor", "Zed Owner"]),
        ("supplier", ["Amy Buyer", "Abe Owner", "Ann Supplier", "Ivo Investor", "Zed Owner"]),
    ],
)
def test_the_participant_list_puts_the_sides_the_reader_meets_first(
    client, edition, reader, expected
) -> None:  # type: ignore[no-untyped-def]
    """Investors saw suppliers first (their names came first); now each side sees whom it
    comes to meet first, then the rest, each by name."""
    for name, kind in [
        ("Zed Owner", "project_owner"), ("Abe Owner", "project_owner"),
        ("Amy Buyer", "buyer"), ("Ann Supplier", "supplier"), ("Ivo Investor", "investor"),
    ]:  # fmt: skip
        make_participant(edition, kind=kind, name=name)
    me = make_participant(edition, kind=reader, name="Reader")
    client.force_login(me.user)
    page = client.get(reverse("tradeweek:participants"))
    assert [row["other"].user.name for row in page.context["rows"]] == expected
    narrowed = client.get(reverse("tradeweek:participants"), {"q": "o"})  # a search keeps it
    assert [row["other"].user.name for row in narrowed.context["rows"]] == [
        n for n in expected if "o" in n.lower()
    ]
