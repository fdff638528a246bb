"""An investor opens "My agenda" on a phone, sees a meeting with its table and
counterpart, and rates it (rating + next step) in a few taps."""

from __future__ import annotations

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.demo import ensure_demo_edition
from duijie.tradeweek.models import Outcome
from duijie.tradeweek.services import placement
from tests.web.tradeweek.factories import (
    make_participant,
    make_request,
    make_slots,
    make_venue,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"


def _scheduled_meeting() -> tuple[User, object]:
    edition = ensure_demo_edition()
    investor = User.objects.create_user(
        "investor@example.test", PASSWORD, role=Role.INVESTOR, name="李小姐"
    )
    me = make_participant(edition, user=investor)
    other = make_participant(edition, kind="project_owner", name="陳大文")
    slot = make_slots(edition, make_venue(edition, tables=3, name="會展中心"), n=1)[0]
    meeting = placement.seat_meeting(request=make_request(me, other), slot=slot, table=3)
    return investor, meeting


def _log_in(page, url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_investor_rates_a_meeting_from_the_agenda(live_server, page, artifacts) -> None:  # type: ignore[no-untyped-def]
    investor, meeting = _scheduled_meeting()
    _log_in(page, live_server.url, investor.email)
    page.goto(f"{live_server.url}/week/agenda/")
    card = page.locator(".week-meeting")
    assert card.locator("h3").inner_text() == "與 陳大文 會面"
    assert card.locator("strong").inner_text() == "3 號桌"
    assert card.locator("img.week-qr").count() == 1
    page.screenshot(path=str(artifacts / "tradeweek-agenda-phone.png"), full_page=True)

    card.get_by_role("link", name="評價這次會面").click()  # tap 1
    page.locator("label", has_text="5").first.click()  # tap 2
    page.locator("label", has_text="考察").click()  # tap 3
    page.screenshot(path=str(artifacts / "tradeweek-outcome-phone.png"), full_page=True)
    page.get_by_role("button", name="儲存").click()  # tap 4
    page.wait_for_url(f"{live_server.url}/week/agenda/")
    assert "謝謝，您的回答已記錄。" in page.locator("main").inner_text()
    assert list(Outcome.objects.values_list("meeting", "rating", "next_step")) == [
        (meeting.pk, 5, "site_visit")
    ]
