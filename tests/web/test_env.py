"""Settings helpers: strict parsing of DUIJIE_* variables, production refuses to start bare."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from duijie.env import database_from_url, env_bool, env_int, env_list, env_site_url, env_str


def test_env_str_default_and_value(monkeypatch):
    monkeypatch.delenv("DUIJIE_X", raising=False)
    assert env_str("X", "d") == "d"
    monkeypatch.setenv("DUIJIE_X", "v")
    assert env_str("X", "d") == "v"


def test_env_str_required_missing(monkeypatch):
    monkeypatch.delenv("DUIJIE_X", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DUIJIE_X must be set in production"):
        env_str("X", required=True)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)]
)
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("DUIJIE_FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("DUIJIE_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="must be a boolean"):
        env_bool("FLAG")


def test_env_int(monkeypatch):
    monkeypatch.setenv("DUIJIE_N", "42")
    assert env_int("N", 1) == 42
    monkeypatch.setenv("DUIJIE_N", "forty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("N", 1)


def test_env_list(monkeypatch):
    monkeypatch.setenv("DUIJIE_HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.delenv("DUIJIE_HOSTS")
    assert env_list("HOSTS", ["x"]) == ["x"]


def test_database_from_postgres_url():
    db = database_from_url("postgres://user:p%40ss@db.example:5433/duijie")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "duijie",
        "user",
        "p@ss",
        "db.example",
        "5433",
    )


def test_database_from_sqlite_url():
    assert database_from_url("sqlite:////tmp/x.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/tmp/x.sqlite3",
    }


def test_database_url_unknown_scheme():
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme 'mysql'"):
        database_from_url("mysql://x/y")


def _settings_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DUIJIE_")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import duijie.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _settings_in_subprocess({"DUIJIE_PRODUCTION": "1"})
    assert result.returncode != 0
    assert "DUIJIE_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_without_allowed_hosts():
    result = _settings_in_subprocess({"DUIJIE_PRODUCTION": "1", "DUIJIE_SECRET_KEY": "s"})
    assert "DUIJIE_ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_refuses_without_database_url():
    result = _settings_in_subprocess(
        {
            "DUIJIE_PRODUCTION": "1",
            "DUIJIE_SECRET_KEY": "s",
            "DUIJIE_ALLOWED_HOSTS": "duijie.example",
        }
    )
    assert "DUIJIE_DATABASE_URL must be set in production" in result.stderr


PRODUCTION = {
    "DUIJIE_PRODUCTION": "1",
    "DUIJIE_SECRET_KEY": "k7#Qv2!pX9zR4@mW8^tL1&nB6*sD3(fH5)jG0_yE-uA+cN=oI%",
    "DUIJIE_ALLOWED_HOSTS": "duijie.example",
    "DUIJIE_DATABASE_URL": "postgres://u@db/duijie",
    "DUIJIE_EMAIL_HOST": "smtp.duijie.example",
}


def test_production_refuses_without_site_url():
    result = _settings_in_subprocess(PRODUCTION)
    assert result.returncode != 0
    assert "DUIJIE_SITE_URL must be set in production" in result.stderr


def test_production_refuses_a_site_url_that_is_not_a_web_address():
    result = _settings_in_subprocess({**PRODUCTION, "DUIJIE_SITE_URL": "duijie.example"})
    assert result.returncode != 0
    assert "DUIJIE_SITE_URL must be an http(s) URL, not 'duijie.example'" in result.stderr


def test_production_starts_when_configured():
    result = _settings_in_subprocess({**PRODUCTION, "DUIJIE_SITE_URL": "https://duijie.example/"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_site_url_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("DUIJIE_SITE", "https://duijie.example/app/")
    assert env_site_url("SITE") == "https://duijie.example/app"
    monkeypatch.delenv("DUIJIE_SITE")
    assert env_site_url("SITE") == ""


def test_development_defaults_to_sqlite():
    result = _settings_in_subprocess({})
    assert result.stdout.strip() == "django.db.backends.sqlite3"
