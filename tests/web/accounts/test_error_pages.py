"""403/404/500/400 pages in the site layout and the reader's language; the favicon."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "sentence"),
    [
        ("zh-hant", "你無法開啟這個頁面", "你的帳戶（投資者或採購商代表）沒有權限查看這個頁面"),
        ("zh-hans", "您无法打开这个页面", "您的账户（投资者或采购商代表）无权访问这个页面"),
        ("en", "You cannot open this page", "Your account (Investor or buyer representative) does"),
    ],
)
def test_permission_denied_is_a_page_with_navigation_in_the_reader_language(
    client_for, investor, language, heading, sentence
):
    investor.language = language
    investor.save()
    # django-rules' permission_required(raise_exception=True) on the trade week's staff page
    response = client_for(investor).get(reverse("tradeweek:staff"))
    page = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in page
    assert sentence in page
    assert 'class="main-nav"' in page and reverse("accounts:logout") in page
    assert f'href="{reverse("accounts:home")}"' in page


@pytest.mark.django_db
def test_permission_denied_in_our_own_decorator_renders_the_same_page(client_for, investor):
    investor.language = "en"
    investor.save()
    response = client_for(investor).get(reverse("matchmaking:runs"))
    assert response.status_code == 403
    assert "<h1>You cannot open this page</h1>" in response.content.decode()


@pytest.mark.django_db
def test_not_found_is_a_page_in_the_site_layout(client_for, organiser):
    organiser.language = "zh-hans"
    organiser.save()
    response = client_for(organiser).get("/pipeline/deals/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>找不到这个页面</h1>" in page
    assert 'class="main-nav"' in page
    assert reverse("pipeline:deal_list") in page  # the organiser's menu


@pytest.mark.django_db
def test_not_found_for_a_visitor_offers_to_log_in(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>找不到這個頁面</h1>" in page
    assert f'href="{reverse("accounts:login")}"' in page


def test_server_error_page_needs_no_database_and_speaks_the_active_language():
    """No ``db`` fixture: any query here would fail the test."""
    request = RequestFactory().get("/")
    with translation.override("en"):
        response = defaults.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in page
    assert 'class="nav-tools"' not in page
    assert 'href="/"' in page


def test_bad_request_page_in_the_site_layout():
    request = RequestFactory().get("/")
    with translation.override("zh-hant"):
        response = defaults.bad_request(request, Exception("bad"))
    assert response.status_code == 400
    assert "<h1>無法讀取這個請求</h1>" in response.content.decode()


@pytest.mark.django_db
def test_favicon_is_linked_and_served(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<link rel="icon" href="/static/duijie/favicon.svg" type="image/svg+xml">' in page
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/duijie/favicon.ico")
