"""Typing in a picker on the deal form (issue 15): phone width, the three languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.directory.models import OrganisationKind
from tests.web.directory.factories import make_organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"


@pytest.fixture(autouse=True)
def reference_data():  # type: ignore[no-untyped-def]
    from duijie.reference.loaders import load_all

    load_all()


def test_typing_finds_the_investor_and_the_city(live_server, browser, artifacts):  # type: ignore[no-untyped-def]
    staff = User.objects.create_user("staff@example.test", PASSWORD, name="陳主任",
                                     role=Role.ORGANISER, language="zh-hant")  # fmt: skip
    for n in range(60):
        make_organisation(f"安徽測試{n:02d}超市有限公司")
    bank = make_organisation("長沙銀行股份有限公司", kind=OrganisationKind.BANK)
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/pipeline/deals/new/")
    assert page.locator("#id_investor option").count() == 31  # not 61: a short list
    page.locator("#id_investor__q").press_sequentially("changsha yin", delay=30)
    expect(page.locator("#id_investor option:checked")).to_have_text(
        f"長沙銀行股份有限公司 · {bank.get_kind_display()}"
    )
    page.locator("#id_investor__q").press("Enter")  # moves to the list, does not submit
    expect(page.locator("#id_investor")).to_be_focused()
    assert page.url.endswith("/pipeline/deals/new/")
    page.locator("#id_city__q").press_sequentially("市轄區", delay=30)
    expect(page.locator("#id_city option").nth(1)).to_have_text("北京市 · 市轄區")
    expect(page.locator("#id_city option", has_text="重慶市 · 市轄區")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "picker-deal-form-phone.png"), full_page=True)
