"""Leadership opens the dashboard in headless Chromium: the ECharts charts draw, no
script fails, and a bar or a table cell opens the deals behind it with the same filter.
Screenshots (desktop and phone) go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.demo import ensure_demo_edition
from duijie.directory.models import Organisation
from duijie.pipeline import services
from duijie.pipeline.models import Evidence, Stage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"
CHARTS = ("stages", "rates", "amounts", "speed", "trend")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _deals(edition) -> None:  # type: ignore[no-untyped-def]
    """Six deals of the current edition: two leads, two signed, one registered, one operating."""
    owner = User.objects.create_user("staff@example.test", PASSWORD, role=Role.ORGANISER)
    histories = [
        {},
        {},
        {Stage.SIGNED: 0},
        {Stage.SIGNED: 0},
        {Stage.SIGNED: 0, Stage.REGISTERED: 40},
        {Stage.SIGNED: 0, Stage.REGISTERED: 30, Stage.OPERATING: 200},
    ]
    start = dt.date(2025, 1, 10)
    for i, history in enumerate(histories):
        investor = Organisation.objects.create(
            kind="corporate", name=f"香港投資者{i}", match_key=f"香港投資者{i}"
        )
        deal = services.create_deal(
            title=f"長沙項目{i}", investor=investor, owner=owner, opened_on=start,
            amount_text=f"{i + 1}億元", edition=edition,
        )  # fmt: skip
        for stage, days in history.items():
            services.move_deal(
                deal=deal, to_stage=stage, on=start + dt.timedelta(days=days), by=owner,
                evidence_kind=Evidence.NOTE, evidence_note="簽約紀要", today=dt.date(2026, 1, 1),
            )  # fmt: skip
            deal.refresh_from_db()


def _console(message, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Collect console errors; the browser's own favicon probe (no page asks for it) aside."""
    where = message.location.get("url", "")
    if message.type == "error" and not where.endswith("/favicon.ico"):
        errors.append(f"{message.text} ({where})")


def _open_dashboard(browser, url: str, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    """A logged-in leadership page on the dashboard, with its script errors collected."""
    context = browser.new_context(locale="en-US", viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: _console(m, errors))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{url}/")
    page.fill("input[name=username]", "leader@example.test")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    page.goto(f"{url}/pipeline/dashboard/")
    for key in CHARTS:
        page.wait_for_selector(f"[data-chart='{key}'] canvas")
    page.wait_for_selector("[data-chart-table] table")
    return context, page, errors


def _bar_position(page, key: str, category: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Where on the page the first series' bar of `category` is drawn (via ECharts)."""
    return page.evaluate(
        """([key, category]) => {
            const box = document.querySelector(`[data-chart='${key}']`);
            const chart = window.echarts.getInstanceByDom(box);
            const value = chart.getOption().series[0].data[category];
            const [x, y] = chart.convertToPixel({seriesIndex: 0}, [value / 2, category]);
            const rect = box.getBoundingClientRect();
            return {x: rect.left + x, y: rect.top + y};
        }""",
        [key, category],
    )


def test_leadership_dashboard_draws_charts_and_drills_down(live_server, browser, artifacts):
    edition = ensure_demo_edition()
    _deals(edition)
    User.objects.create_user("leader@example.test", PASSWORD, role=Role.LEADERSHIP, name="李局長")

    context, page, errors = _open_dashboard(browser, live_server.url, DESKTOP)
    assert page.locator(".chart canvas").count() == len(CHARTS)
    assert page.locator("[data-chart-table] table").count() == len(CHARTS)
    page.screenshot(path=str(artifacts / "pipeline-dashboard-desktop.png"), full_page=True)

    page.locator("[data-chart='stages']").scroll_into_view_if_needed()
    signed_bar = _bar_position(page, "stages", int(Stage.SIGNED))
    page.mouse.click(signed_bar["x"], signed_bar["y"])
    page.wait_for_url(re.compile(r"/pipeline/deals/\?"))
    assert f"edition={edition.pk}" in page.url and "stage=2" in page.url
    assert page.locator("select[name=edition]").input_value() == str(edition.pk)
    assert page.locator("select[name=stage]").input_value() == "2"
    assert page.locator("table.data tbody tr").count() == 2
    page.screenshot(path=str(artifacts / "pipeline-drilldown-desktop.png"), full_page=True)

    page.go_back()
    page.wait_for_selector("[data-chart='rates'] canvas")
    rates_table = page.locator("section:has([data-chart='rates']) [data-chart-table] table")
    rates_table.locator("a").first.click()  # fulfilment rate of the edition
    page.wait_for_url(re.compile(r"/pipeline/deals/\?"))
    assert f"edition={edition.pk}" in page.url and "reached=registered" in page.url
    assert page.locator("table.data tbody tr").count() == 2
    assert errors == []
    context.close()

    context, page, errors = _open_dashboard(browser, live_server.url, PHONE)
    page.screenshot(path=str(artifacts / "pipeline-dashboard-phone.png"), full_page=True)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.table-scroll'))  // tables scroll inside their box
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className + '#' + (e.name || ''))"""
    )
    assert wide == []  # nothing forces the page to scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
    context.close()
