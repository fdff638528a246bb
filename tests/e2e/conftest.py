"""Headless Chromium (Debian's binary) driven by Playwright's Python client."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("DUIJIE_CHROMIUM"),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


class SerialWSGIServer(WSGIServer):
    """A live server that answers one request at a time.

    On in-memory SQLite the live server shares the test's one database connection; the
    threaded server would let two requests of one page (a page and its chart data) use it
    at once, which returns wrong rows ("get() returned more than one User"). The server
    thread itself already uses the shared connection, so it only has to accept the keyword.
    """

    def __init__(self, *args: object, connections_override: object = None, **kwargs: object):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def serial_live_server_on_in_memory_sqlite(django_db_setup):
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail(
            "Chromium is not installed: run `make setup-test` (installs Debian's chromium)."
        )
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database access happens in its own thread, but fixtures touch the ORM here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def reference_data():  # type: ignore[no-untyped-def]
    """Transactional tests empty every table afterwards, reference data included: reload it."""
    from duijie.reference.loaders import load_all

    load_all()
