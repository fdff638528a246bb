"""Login, per-role home pages in three languages, language switching, password reset."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from duijie.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROLE_FIXTURES = ["organiser", "agency_admin", "project_owner", "investor", "leadership"]
ROLE_HEADINGS = {
    "organiser": {"zh-hant": "招商專員", "zh-hans": "招商专员", "en": "Agency staff"},
    "agency_admin": {
        "zh-hant": "招商機構管理員",
        "zh-hans": "招商机构管理员",
        "en": "Agency administrator",
    },
    "project_owner": {"zh-hant": "項目方", "zh-hans": "项目方", "en": "Project owner"},
    "investor": {
        "zh-hant": "投資者或採購商",
        "zh-hans": "投资者或采购商",
        "en": "Investor or buyer",
    },
    "leadership": {"zh-hant": "領導", "zh-hans": "领导", "en": "Leadership"},
}


def test_home_requires_login(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_login_with_email_and_password(client, organiser):
    response = client.post(
        reverse("accounts:login"), {"username": "Staff@Example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_with_wrong_password_says_so(client, organiser):
    response = client.post(
        reverse("accounts:login"), {"username": "staff@example.test", "password": "nope"}
    )
    assert response.status_code == 200
    assert "輸入正確的 電郵地址 和密碼" in response.text  # Django's message, our field name


def test_default_language_is_traditional_chinese_even_for_english_browsers(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response["Content-Language"] == "zh-hant"
    assert '<html lang="zh-Hant-HK">' in response.text


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_home_page_per_role_and_language(request, client, role, language):
    user = request.getfixturevalue(role)
    user.language = language
    user.save()
    client.force_login(user)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f"<h2>{ROLE_HEADINGS[role][language]}</h2>" in response.text


def test_switching_language_is_remembered_on_the_user(client, investor):
    client.force_login(investor)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    investor.refresh_from_db()
    assert investor.language == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_anonymous_language_choice_goes_in_a_cookie(client):
    client.post(reverse("accounts:set_language"), {"language": "zh-hans", "next": "/login/"})
    assert client.cookies["django_language"].value == "zh-hans"
    assert client.get(reverse("accounts:login"))["Content-Language"] == "zh-hans"


def test_unknown_language_is_ignored(client, investor):
    client.force_login(investor)
    client.post(reverse("accounts:set_language"), {"language": "fr"})
    investor.refresh_from_db()
    assert investor.language == "zh-hant"


def test_language_switch_refuses_offsite_redirect(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_password_reset_flow(client, investor):
    response = client.post(reverse("accounts:password_reset"), {"email": "investor@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert User.objects.get(pk=investor.pk).check_password("a new long passphrase 42")


def test_password_reset_link_is_on_the_site_url_when_set(client, investor, settings):
    settings.SITE_URL = "https://duijie.example"
    client.post(reverse("accounts:password_reset"), {"email": "investor@example.test"})
    assert re.search(r"https://duijie\.example/password/reset/\S+/", mail.outbox[0].body)
    assert "testserver" not in mail.outbox[0].body


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_logout_requires_post(client, investor):
    client.force_login(investor)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302
