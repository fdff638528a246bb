"""A person logs in on a phone-sized screen and switches the language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duijie.accounts.models import User
from duijie.accounts.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_and_switch_language(live_server, page, artifacts):
    User.objects.create_user(
        "investor@example.test", "a long test passphrase", role=Role.INVESTOR, name="陳大文"
    )
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    assert page.locator("h1").inner_text() == "登入"

    page.fill("input[name=username]", "investor@example.test")
    page.fill("input[name=password]", "a long test passphrase")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "歡迎，陳大文"
    assert page.locator(".role-intro h2").inner_text() == "投資者或採購商"
    page.screenshot(path=str(artifacts / "home-zh-hant.png"), full_page=True)

    page.click("[data-nav-toggle]")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    expect(page.locator("h1")).to_have_text("Welcome, 陳大文")
    assert page.locator(".role-intro h2").inner_text() == "Investor or buyer"

    page.click("[data-nav-toggle]")
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_have_text("欢迎，陳大文")  # the name stays as entered
    assert page.locator(".role-intro h2").inner_text() == "投资者或采购商"
    page.screenshot(path=str(artifacts / "home-zh-hans.png"), full_page=True)
    assert User.objects.get(email="investor@example.test").language == "zh-hans"
