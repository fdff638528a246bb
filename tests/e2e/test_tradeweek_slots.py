"""Staff generate a day of meeting slots on a phone and see them in the grid."""

from __future__ import annotations

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.demo import ensure_demo_edition
from duijie.tradeweek.models import MeetingSlot
from tests.web.tradeweek.factories import make_venue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"


def test_staff_generate_slots_and_see_the_grid(live_server, page, artifacts) -> None:  # type: ignore[no-untyped-def]
    edition = ensure_demo_edition()
    venue = make_venue(edition, tables=12, name="香港會議展覽中心")
    User.objects.create_user(
        "staff@example.test", PASSWORD, role=Role.ORGANISER, name="Staff", language="en"
    )
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "staff@example.test")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/week/staff/slots/")
    assert page.locator("main").get_by_text("No meeting slots yet.").count() == 1
    page.locator("label", has_text="Wed 14 May 2025").click()
    page.fill("input[name=start]", "09:30")
    page.fill("input[name=end]", "11:00")
    page.fill("input[name=length]", "20")
    page.fill("input[name=gap]", "10")
    page.locator("label", has_text="香港會議展覽中心").click()
    page.screenshot(path=str(artifacts / "tradeweek-slots-form-phone.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Generate").click()

    assert (
        "3 slots added, 0 skipped (they overlap existing slots)."
        in page.locator("main").inner_text()
    )
    grid = page.locator(".week-grid-venue")
    assert grid.locator("h4").inner_text() == "香港會議展覽中心 12 tables"
    assert grid.locator(".week-slot").all_inner_texts() == [
        "09:30–09:50",
        "10:00–10:20",
        "10:30–10:50",
    ]
    assert MeetingSlot.objects.filter(venue=venue).count() == 3
    grid.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "tradeweek-slots-grid-phone.png"), full_page=True)
