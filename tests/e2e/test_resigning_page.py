"""A deal suspected of re-signing: its explained suspects, three languages, desktop and phone."""

from __future__ import annotations

import datetime as dt

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.pipeline.models import Stage
from tests.web.pipeline.factories import city, make_deal, make_org, walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"
EXPECTED = {
    "zh-hant": "投資方相同。",
    "zh-hans": "投资方相同。",
    "en": "The investor is the same.",
}


@pytest.fixture(autouse=True)
def reference_data():  # type: ignore[no-untyped-def]
    from duijie.reference.loaders import load_all

    load_all()


def test_suspect_deal_page_explains_why(live_server, browser, artifacts):  # type: ignore[no-untyped-def]
    staff = User.objects.create_user("staff@example.test", PASSWORD, name="陳主任",
                                     role=Role.ORGANISER)  # fmt: skip
    investor = make_org("香港卓越物流集團有限公司")
    fields = {"investor": investor, "city": city("4306"), "amount_text": "7.44億元"}
    walk(make_deal(staff, title="岳陽城陵磯冷鏈產業園", **fields), staff,
         {Stage.SIGNED: dt.date(2024, 5, 14)})  # fmt: skip
    again = walk(make_deal(staff, title="岳阳城陵矶冷链产业园项目", **fields), staff,
                 {Stage.SIGNED: dt.date(2025, 5, 20)})  # fmt: skip
    for language, sentence in EXPECTED.items():
        staff.language = language
        staff.save(update_fields=["language"])
        for label, width in {"desktop": 1280, "phone": 390}.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", staff.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            page.goto(f"{live_server.url}/pipeline/deals/{again.pk}/")
            assert sentence in page.locator("ul.suspicions").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(artifacts / f"resigning-{language}-{label}.png"),
                            full_page=True)  # fmt: skip
            context.close()
