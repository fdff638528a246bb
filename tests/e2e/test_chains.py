"""The chain pages in Chromium: every language, desktop and phone, with the walker's checks
(HTTP errors, console and script errors, script of the interface text, overflow at 390 px),
and the chain map drawn by ECharts."""

from __future__ import annotations

import pytest

from duijie.demo import DEMO_PASSWORD, populate
from tests.e2e.test_walk import (
    LANGUAGES,
    UserData,
    Walk,
    check_page,
    log_in,
    report,
    switch_language,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHAIN = "/chains/engineering-machinery/"
PAGES = (
    "/chains/",
    CHAIN,
    f"{CHAIN}em-hydraulics/",
    f"{CHAIN}em-hydraulics/firms/?which=all",
    f"{CHAIN}edit/",
    "/chains/compare/",
    "/chains/import/",
    "/pipeline/dashboard/",
)


def test_chain_pages_in_every_language_and_width(live_server, browser) -> None:  # type: ignore[no-untyped-def]
    assert DEMO_PASSWORD
    populate(seed=2025, scale=1)
    data = UserData.from_database()
    walk = Walk("organiser")
    page = browser.new_context(locale="en-US").new_page()
    state = {"language": "zh-hant", "path": "/login/"}
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and walk.add(state["language"], state["path"], f"console error: {m.text}")
        ),
    )
    page.on("pageerror", lambda e: walk.add(state["language"], state["path"], f"script: {e}"))
    log_in(page, live_server.url, "staff@demo.duijie.test")
    for language in LANGUAGES:
        state["language"] = language
        switch_language(page, language)
        for path in PAGES:
            state["path"] = path
            check_page(page, walk, data, live_server.url, language, path)
    assert not walk.findings, report(walk.findings)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + CHAIN)
    page.wait_for_selector(".chain-graph canvas")
    assert page.locator(".chain-graph canvas").count() == 1
