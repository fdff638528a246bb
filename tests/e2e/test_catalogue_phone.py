"""The projects catalogue on a phone: list, cross-script search, detail, and the owner's form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.catalogue.models import Project, Status
from duijie.demo import ensure_demo_edition
from duijie.reference.models import AdminDivision
from tests.web.catalogue import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]
PASSWORD = "a long test passphrase"
PHONE_WIDTH = 390


def fits_the_phone(page) -> bool:  # type: ignore[no-untyped-def]
    """No horizontal scrolling: the page is no wider than the viewport."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def catalogue(edition, owner):  # type: ignore[no-untyped-def]
    battery = factories.project(
        edition,
        code="HN-001",
        name_hant="",
        name_hans="动力电池正极材料项目",
        technology_hans="高镍三元正极材料，能量密度高，循环寿命长。",
        market_hans="新能源汽车和储能电站需求快速增长。",
        park="长沙经济技术开发区",
    )
    factories.project(edition, code="HN-002", name_hant="安化黑茶精深加工", name_hans="")
    draft = factories.project(
        edition, code="HN-003", name_hant="鋰電池回收", status=Status.DRAFT, owner_user=owner
    )
    return battery, draft


def log_in(page, url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_public_list_search_and_detail(live_server, page, artifacts):  # type: ignore[no-untyped-def]
    catalogue(ensure_demo_edition(), owner=None)
    page.goto(f"{live_server.url}/projects/")
    assert page.locator("h1").inner_text() == "投融資需求項目"
    assert page.locator(".project-cards h2").all_inner_texts() == [
        "动力电池正极材料项目",
        "安化黑茶精深加工",
    ]
    assert fits_the_phone(page)
    page.screenshot(path=str(artifacts / "catalogue-list-phone.png"), full_page=True)

    page.fill("input[name=q]", "電池")  # Traditional query, Simplified project
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url("**/projects/?q=*")
    page.wait_for_load_state("networkidle")
    assert page.locator(".project-cards h2").all_inner_texts() == ["动力电池正极材料项目"]
    assert page.locator("#results > p.muted").inner_text() == "1 個項目"
    page.screenshot(path=str(artifacts / "catalogue-search-phone.png"), full_page=True)

    page.locator(".project-cards h2 a").click()
    page.wait_for_url("**/projects/hunan-gba-2025/HN-001/")
    assert page.locator("h1").inner_text() == "动力电池正极材料项目"
    assert page.locator("h1").get_attribute("lang") == "zh-hans"
    assert fits_the_phone(page)
    page.screenshot(path=str(artifacts / "catalogue-detail-phone.png"), full_page=True)


def test_owner_edits_a_project_on_a_phone(live_server, page, artifacts):  # type: ignore[no-untyped-def]
    owner = User.objects.create_user(
        "owner@example.test", PASSWORD, role=Role.PROJECT_OWNER, name="李經理", language="zh-hant"
    )
    _battery, draft = catalogue(ensure_demo_edition(), owner=owner)
    log_in(page, live_server.url, "owner@example.test")
    page.goto(f"{live_server.url}/projects/manage/{draft.pk}/edit/")
    county = page.locator("#id_county option")
    assert county.all_inner_texts()[:3] == ["- 請選擇 -", "芙蓉區", "天心區"]  # 長沙市's

    page.select_option("#id_city", label="岳陽市")
    # (locator waits: the page's CSP forbids the eval behind wait_for_function)
    expect(page.locator("#id_county option").nth(1)).to_have_text("岳陽樓區")
    assert county.all_inner_texts()[:3] == ["- 請選擇 -", "岳陽樓區", "雲溪區"]
    page.select_option("#id_county", label="岳陽樓區")

    page.locator("#id_industry__q").press_sequentially("電池", delay=30)
    expect(page.locator("#id_industry option:checked")).to_have_text("384 電池製造")
    assert "3841 鋰離子電池製造" in page.locator("#id_industry option").all_inner_texts()
    page.select_option("#id_industry", "3841")
    assert fits_the_phone(page)
    page.locator("#id_industry").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "catalogue-form-phone.png"), full_page=True)

    page.locator(".project-form button[type=submit]").click()
    page.wait_for_url(f"**/projects/manage/{draft.pk}/")
    saved = Project.objects.select_related("industry", "county").get(pk=draft.pk)
    assert (saved.industry.code, saved.county.code, saved.city.code) == ("3841", "430602", "4306")
    assert saved.county == AdminDivision.objects.get(name="岳阳楼区")
