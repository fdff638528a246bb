"""The organisation merge preview and the survivor's page, in three languages, desktop and phone."""

from __future__ import annotations

import datetime as dt

import pytest

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.directory.models import Affiliation, SuspectedDuplicate
from duijie.pipeline import services as pipeline
from tests.web.directory.factories import make_organisation, make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long test passphrase"
LANGUAGES = ("zh-hant", "zh-hans", "en")
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(autouse=True)
def reference_data():  # type: ignore[no-untyped-def]
    from duijie.reference.loaders import load_all

    load_all()


def _pair(owner):  # type: ignore[no-untyped-def]
    keep = make_organisation("湖南華聯瓷業股份有限公司", website="https://hualian.example")
    other = make_organisation("华联瓷业", website="https://www.hlcy-ceramics.example.com",
                              name_en="Hunan Hualian China Industry Co., Ltd.")  # fmt: skip
    Affiliation.objects.create(person=make_person(), organisation=other, organisation_name="华联")
    pipeline.create_deal(
        title="醴陵陶瓷產業園", investor=other, owner=owner, opened_on=dt.date(2025, 1, 2)
    )
    return SuspectedDuplicate.objects.create(a=keep, b=other, score=0.9, evidence=[])


def _fits(page, width: int) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_merge_preview_and_survivor_page(live_server, browser, artifacts):  # type: ignore[no-untyped-def]
    staff = User.objects.create_user("staff@example.test", PASSWORD,
                                     name="陳主任", role=Role.ORGANISER)  # fmt: skip
    pair = _pair(staff)
    for language in LANGUAGES:
        staff.language = language
        staff.save(update_fields=["language"])
        for label, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", staff.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            page.goto(f"{live_server.url}/directory/duplicates/{pair.pk}/merge/?keep=a")
            assert page.locator("input[name=choose_website]").count() == 2
            assert _fits(page, width), (language, label)
            page.screenshot(path=str(artifacts / f"merge-preview-{language}-{label}.png"),
                            full_page=True)  # fmt: skip
            context.close()
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/directory/duplicates/{pair.pk}/merge/?keep=a")
    page.check("input[name=choose_website][value=other]")
    page.click("button:has-text('Confirm the merge')")
    page.wait_for_load_state("networkidle")
    assert "Deals (investor): 1 moved here" in page.content()
    assert _fits(page, 390)
    page.screenshot(path=str(artifacts / "merge-survivor-en-phone.png"), full_page=True)


def _people_pair():  # type: ignore[no-untyped-def]
    from duijie.directory.models import PersonDuplicate, SchoolAttended

    keep = make_person("劉建華", phone="+852 9123 4567", birth_year=1968)
    other = make_person("Lau Kin Wah", phone="+852 6789 0123", name_en="Kin-wah Lau",
                        email="kinwah.lau@example.hk")  # fmt: skip
    org = make_organisation("香港瀟湘資本有限公司")
    Affiliation.objects.create(person=other, organisation=org, organisation_name=org.name)
    SchoolAttended.objects.create(person=other, school="香港中文大學")
    return PersonDuplicate.objects.create(a=keep, b=other, score=0.8, evidence=[])


def test_people_merge_preview_survivor_and_old_address(live_server, browser, artifacts):  # type: ignore[no-untyped-def]
    staff = User.objects.create_user("staff@example.test", PASSWORD,
                                     name="陳主任", role=Role.ORGANISER)  # fmt: skip
    pair = _people_pair()
    gone = pair.b_id
    preview = f"{live_server.url}/directory/people/duplicates/{pair.pk}/merge/?keep=a"
    for language in LANGUAGES:
        staff.language = language
        staff.save(update_fields=["language"])
        for label, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", staff.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            page.goto(preview)
            assert page.locator("input[name=choose_phone]").count() == 2
            assert _fits(page, width), (language, label)
            page.screenshot(path=str(artifacts / f"people-merge-preview-{language}-{label}.png"),
                            full_page=True)  # fmt: skip
            context.close()
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(preview)
    page.check("input[name=choose_phone][value=other]")
    page.click("button:has-text('Confirm the merge')")
    page.wait_for_load_state("networkidle")
    content = page.content()
    assert "Affiliations: 1 moved here" in content and "+852 6789 0123" in content
    assert _fits(page, 390)
    page.screenshot(path=str(artifacts / "people-merge-survivor-en-phone.png"), full_page=True)
    page.goto(f"{live_server.url}/directory/people/{gone}/")
    assert page.url.endswith(f"/directory/people/{pair.a_id}/")
    assert "Lau Kin Wah was merged into 劉建華." in page.content()
