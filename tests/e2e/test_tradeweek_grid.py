"""The organiser's schedule grid on the demo week, in three languages on desktop and phone:
time × table per venue and day, names on the no-show buttons, cancel that asks first."""

from __future__ import annotations

import random

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.demo import ensure_demo_edition
from duijie.tradeweek import demo
from duijie.tradeweek.models import Meeting, MeetingStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_the_grid_in_every_language_and_width(live_server, page, artifacts) -> None:  # type: ignore[no-untyped-def]
    edition = ensure_demo_edition()
    demo.populate(rng=random.Random("2025:tradeweek"), scale=1, edition=edition)
    staff = User.objects.create_user(
        "grid@example.test", PASSWORD, role=Role.ORGANISER, name="Staff", language="en"
    )
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    for language in ("zh-hant", "zh-hans", "en"):
        User.objects.filter(pk=staff.pk).update(language=language)
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            page.goto(f"{live_server.url}/week/staff/schedule/")
            assert page.locator(".week-board-slot").count() > 0
            wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
            assert not wide, (language, size)
            path = artifacts / f"tradeweek-grid-{language}-{size}.png"
            page.screenshot(path=str(path), full_page=size == "phone")

    booked = page.locator(".week-cell.is-booked.week-status-scheduled").first
    meeting_id = int(booked.locator("a", has_text="Cancel").get_attribute("href").split("/")[-3])
    meeting = Meeting.objects.select_related("request__requester").get(pk=meeting_id)
    assert (
        booked.get_by_role("button", name=f"{meeting.request.requester} did not come").count() == 1
    )
    booked.locator("a", has_text="Cancel").click()
    page.wait_for_url(f"**/week/staff/meetings/{meeting_id}/cancel/")
    assert Meeting.objects.get(pk=meeting_id).status == MeetingStatus.SCHEDULED
    page.screenshot(path=str(artifacts / "tradeweek-grid-cancel-confirm.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel the meeting").click()
    assert Meeting.objects.get(pk=meeting_id).status == MeetingStatus.CANCELLED
