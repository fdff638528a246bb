"""Brute force: login lockout (django-axes) and rate limits on reset, search, registration."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.urls import reverse

from duijie.accounts.throttle import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():  # type: ignore[no-untyped-def]
    cache.clear()


def login(client, email: str, password: str, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(client, investor):
    for _ in range(4):
        assert login(client, investor.email, "wrong-password").status_code == 200
    locked = login(client, investor.email, "wrong-password")
    assert locked.status_code == 429
    assert "登入已暫停 15 分鐘" in locked.text
    again = login(client, investor.email, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_the_readers_language(client, investor):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        response = login(client, investor.email, "wrong-password")
    assert response.status_code == 429
    assert "logging in from here is paused for 15 minutes" in response.text


def test_a_lockout_is_per_address_and_client(client, investor, organiser):
    for _ in range(5):
        login(client, investor.email, "wrong-password")
    assert login(client, organiser.email, PASSWORD).status_code == 302
    client.logout()
    other_client = login(client, investor.email, PASSWORD, REMOTE_ADDR="10.9.8.7")
    assert other_client.status_code == 302


def test_a_right_password_resets_the_count(client, investor):
    for _ in range(4):
        login(client, investor.email, "wrong-password")
    assert login(client, investor.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, investor.email, "wrong-password").status_code == 200


def test_password_reset_is_limited_per_address(client, investor):
    url = reverse("accounts:password_reset")
    for n in range(3):
        assert (
            client.post(url, {"email": investor.email}, REMOTE_ADDR=f"10.0.0.{n}").status_code
            == 302
        )
    refused = client.post(url, {"email": investor.email.upper()}, REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert "嘗試次數過多" in refused.text
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_client(client):
    url = reverse("accounts:password_reset")
    codes = [client.post(url, {"email": f"n{n}@example.test"}).status_code for n in range(11)]
    assert codes == [302] * 10 + [429]


def test_public_search_is_limited_per_client_but_browsing_is_not(client, edition, monkeypatch):
    # 120 a minute in production; 3 a day here, so that a slow run cannot cross a window
    monkeypatch.setattr("duijie.catalogue.views.PUBLIC_SEARCH_PER_IP", "3/d")
    url = reverse("catalogue:list")
    for _ in range(3):
        assert client.get(url, {"q": "儲能"}).status_code == 200
    assert client.get(url, {"q": "儲能"}).status_code == 429
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "儲能"}, REMOTE_ADDR="10.1.1.1").status_code == 200


def test_signed_in_searchers_behind_one_address_each_have_the_limit(
    client_for, investor, project_owner, edition, monkeypatch
):
    # a venue's Wi-Fi: every phone has the same address
    monkeypatch.setattr("duijie.catalogue.views.PUBLIC_SEARCH_PER_IP", "3/d")
    url = reverse("catalogue:list")
    client = client_for(investor)
    assert [client.get(url, {"q": "儲能"}).status_code for _ in range(4)] == [200] * 3 + [429]
    other = client_for(project_owner)
    assert other.get(url, {"q": "儲能"}).status_code == 200
    other.logout()
    assert other.get(url, {"q": "儲能"}).status_code == 200  # the address's own count: 1


def test_the_client_address_behind_a_proxy_is_the_last_hop():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5", REMOTE_ADDR="127.0.0.1"
    )
    assert client_ip(request) == "127.0.0.1"
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert client_ip(request) == "203.0.113.5"
