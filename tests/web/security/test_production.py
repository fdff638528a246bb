"""Production settings: refusals at start, HTTPS behind a proxy, ``check --deploy`` clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.test_env import PRODUCTION

ROOT = Path(__file__).resolve().parents[3]
CONFIGURED = {**PRODUCTION, "DUIJIE_SITE_URL": "https://duijie.example"}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is theirs, not a deployment's)
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DUIJIE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, *args], env={**clean, **env}, capture_output=True, text=True,
        check=False, cwd=ROOT,
    )  # fmt: skip


def settings_value(name: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(["-c", f"import duijie.settings as s; print(repr(s.{name}))"], env)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DUIJIE_DEBUG": "1"}, "DUIJIE_DEBUG must be off in production"),
        ({"DUIJIE_ALLOWED_HOSTS": "duijie.example,*"}, "not '*'"),
        ({"DUIJIE_SECRET_KEY": "duijie-development-only-not-secret"}, "published development key"),
        ({"DUIJIE_SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "published development key"),
        ({"DUIJIE_SECRET_KEY": "short-but-secret"}, "at least 50 random characters"),
        ({"DUIJIE_EMAIL_HOST": ""}, "DUIJIE_EMAIL_HOST must be set in production"),
    ],
)
def test_production_refuses_unsafe_settings(change, message):
    result = settings_value("DEBUG", {**CONFIGURED, **change})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_sends_mail_by_smtp():
    result = settings_value("MAILERS", {**CONFIGURED, "DUIJIE_EMAIL_PORT": "2525"})
    assert result.returncode == 0, result.stderr
    assert "'django.core.mail.backends.smtp.EmailBackend'" in result.stdout
    assert "'host': 'smtp.duijie.example', 'port': 2525" in result.stdout


def test_the_proxy_header_is_trusted_only_when_asked():
    direct = settings_value("__dict__.get('SECURE_PROXY_SSL_HEADER')", CONFIGURED)
    assert direct.stdout.strip() == "None"
    behind = settings_value("SECURE_PROXY_SSL_HEADER", {**CONFIGURED, "DUIJIE_BEHIND_PROXY": "1"})
    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_check_deploy_is_clean_in_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], CONFIGURED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_redirect_and_hsts_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get(reverse("accounts:login"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(reverse("accounts:login"), HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_script_or_style(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    # only style *attributes* may be inline (ECharts draws with them): docs/security.md
    assert [name for name, value in directives.items() if "unsafe-inline" in value] == [
        "style-src-attr"
    ]
    assert "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    html = response.text
    assert "<style" not in html and " style=" not in html
    assert "<script>" not in html and " onclick=" not in html
