"""Brute force: login lockout and rate limits on reset, search, registration, all through
one counter (duijie.accounts.throttle: one upsert per hit)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duijie.accounts import throttle
from duijie.accounts.models import RateCount
from duijie.accounts.throttle import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


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


def test_a_hit_is_one_query_and_counts_up_within_its_period():
    with CaptureQueriesContext(connection) as queries:
        counts = [throttle.hit("g", "visitor", 60) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert len(queries) == 3
    assert throttle.hit("g", "other visitor", 60) == 1
    assert throttle.hit("other group", "visitor", 60) == 1
    assert throttle.count("g", "visitor") == 3


def test_a_count_starts_again_when_its_period_is_over(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    assert [throttle.hit("g", "v", 60) for _ in range(2)] == [1, 2]
    now[0] += 59
    assert throttle.hit("g", "v", 60) == 3  # fixed period: from the first hit
    now[0] += 2
    assert throttle.count("g", "v") == 0
    assert throttle.hit("g", "v", 60) == 1
    assert throttle.prune() == 0  # the row was reused, nothing expired left
    now[0] += 61
    assert throttle.prune() == 1
    assert RateCount.objects.count() == 0


def test_a_sliding_count_lasts_from_its_last_hit(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    throttle.hit("g", "v", 60, sliding=True)
    now[0] += 50
    assert throttle.hit("g", "v", 60, sliding=True) == 2
    now[0] += 50  # 100 s after the first, 50 after the last
    assert throttle.count("g", "v") == 2


def test_the_table_holds_no_address_or_email(client, investor):
    login(client, investor.email, "wrong-password")
    client.post(reverse("accounts:password_reset"), {"email": investor.email})
    keys = list(RateCount.objects.values_list("key", flat=True))
    assert len(keys) == 3  # login failure, reset per address, reset per client
    assert all(len(key) == 64 and "@" not in key and "127.0.0.1" not in key for key in keys)


def test_a_search_costs_one_query_for_its_count(client, edition):
    url = reverse("catalogue:list")
    client.get(url, {"q": "儲能"})
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": "儲能"})
    counting = [q["sql"] for q in queries if RateCount._meta.db_table in q["sql"]]
    assert len(counting) == 1
    assert counting[0].startswith("INSERT")
    assert throttle.count("catalogue.search", "127.0.0.1") == 2


def test_registration_is_limited_per_client(client_for, investor, monkeypatch):
    monkeypatch.setattr(throttle, "parse_rate", lambda rate: (2, 3600))
    client = client_for(investor)
    url = reverse("tradeweek:register", kwargs={"pk": 999_999})
    assert [client.post(url).status_code for _ in range(3)] == [404, 404, 429]


def test_limits_can_be_turned_off(client, investor, settings):
    settings.RATE_LIMITS_ENABLED = False
    for _ in range(6):
        assert login(client, investor.email, "wrong-password").status_code == 200
    assert RateCount.objects.count() == 0
