"""The participant's path end to end (issue 13), in Chromium on a phone: an investor
finds a project and asks to meet its owner, the owner accepts, staff run the
scheduler, both see the meeting on their agendas and calendars, staff check both in,
both rate it, and the leadership dashboard's figure counts it once."""

from __future__ import annotations

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.demo import ensure_demo_edition
from duijie.directory.models import Membership
from duijie.pipeline import activity
from duijie.tradeweek.models import Meeting, MeetingSeat, Outcome, ParticipantKind
from duijie.tradeweek.services import onsite
from duijie.tradeweek.services.participants import enrol
from tests.web.matchmaking.factories import investor as investor_organisation
from tests.web.matchmaking.factories import organisation, project
from tests.web.tradeweek.factories import make_slots, make_venue

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]
PASSWORD = "a long test passphrase"


def _person(email: str, role: str, name: str) -> User:
    return User.objects.create_user(email, PASSWORD, role=role, name=name, language="en")


def _world():  # type: ignore[no-untyped-def]
    edition = ensure_demo_edition()
    investor = _person("lee@example.test", Role.INVESTOR, "Ms Lee")
    owner = _person("chan@example.test", Role.PROJECT_OWNER, "Mr Chan")
    staff = _person("desk@example.test", Role.ORGANISER, "Desk Staff")
    fund = investor_organisation("Harbour Ventures")
    Membership.objects.create(user=investor, organisation=fund)
    company = organisation("Xiang River Energy")
    plant = project(edition, company, name_en="Storage Plant")
    enrol(edition=edition, user=investor, kind=ParticipantKind.INVESTOR)
    enrol(
        edition=edition,
        user=owner,
        kind=ParticipantKind.PROJECT_OWNER,
        organisation=company,
        project=plant,
    )
    make_slots(edition, make_venue(edition, tables=2, name="Harbour Hall"), n=2)
    return edition, investor, owner, staff, plant


def _log_in(browser, url: str, user: User, artifacts, name: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    page.shot = lambda step: page.screenshot(  # type: ignore[attr-defined]
        path=str(artifacts / f"tradeweek-path-{name}-{step}.png"), full_page=True
    )
    return page


def _rate(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/week/agenda/")
    page.locator(".week-meeting").get_by_role("link", name="Rate this meeting").click()
    page.locator("label", has_text="5").first.click()
    page.locator("label", has_text="Follow-up call").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{url}/week/agenda/")


def test_from_a_project_page_to_a_rated_meeting_counted_once(
    live_server, browser, artifacts
) -> None:  # type: ignore[no-untyped-def]
    edition, investor, owner, staff, plant = _world()
    url = live_server.url
    lee = _log_in(browser, url, investor, artifacts, "investor")
    lee.goto(f"{url}/projects/{edition.slug}/{plant.code}/")
    lee.get_by_role("link", name="Request a meeting with Mr Chan").click()
    lee.shot("ask")
    lee.locator("label", has_text="Must meet").click()
    lee.get_by_role("button", name="Send").click()
    lee.wait_for_url(f"{url}/week/requests/")

    chan = _log_in(browser, url, owner, artifacts, "owner")
    chan.goto(f"{url}/week/requests/")
    chan.get_by_role("button", name="Accept").click()
    chan.wait_for_load_state()

    desk = _log_in(browser, url, staff, artifacts, "staff")
    desk.goto(f"{url}/week/staff/schedule/")
    desk.fill("input[name=time_limit]", "2")
    desk.get_by_role("button", name="Schedule").click()
    desk.wait_for_load_state()
    meeting = Meeting.objects.get()

    for page, other in ((lee, "Mr Chan"), (chan, "Ms Lee")):
        page.goto(f"{url}/week/agenda/")
        card = page.locator(".week-meeting")
        assert card.locator("h3").inner_text() == f"Meeting with {other}"
        assert f"Table {meeting.table}" in card.inner_text()
        page.shot("agenda")
        feed = page.locator("a", has_text="Calendar feed").get_attribute("href")
        ics = page.request.get(f"{url}{feed}").text()
        assert f"UID:meeting-{meeting.request_id}@duijie.tradeweek" in ics
        assert f"SUMMARY:Meeting with {other}" in ics and f"Table {meeting.table}" in ics

    for seat in MeetingSeat.objects.filter(meeting=meeting):
        desk.goto(f"{url}{onsite.check_in_url(onsite.seat_token(seat))}")
        desk.get_by_role("button", name="Check in").click()
        desk.wait_for_load_state()
        assert "Checked in now" in desk.locator("main").inner_text()
    desk.shot("check-in")
    meeting.refresh_from_db()
    assert meeting.status == "held"

    _rate(lee, url)
    _rate(chan, url)
    assert Outcome.objects.filter(meeting=meeting).count() == 2
    chan.goto(f"{url}/")
    chan.shot("home")
    assert Meeting.objects.count() == 1
    assert activity.meetings_held(edition).value == 1  # type: ignore[union-attr]
