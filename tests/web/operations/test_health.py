"""/healthz, /readyz and /metrics answer without login; readiness follows the migrations."""

from __future__ import annotations

import pytest
from django.db.migrations.recorder import MigrationRecorder

from duijie.operations import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ok_on_a_migrated_database(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())
    response = client.get("/readyz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "migrations": "ok"},
    )


def test_readyz_is_unavailable_while_a_migration_is_missing(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())
    MigrationRecorder.Migration.objects.filter(app="tradeweek").order_by("-id")[:1].get().delete()
    response = client.get("/readyz")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "ok", "migrations": "failing"},
    )


def test_readiness_is_remembered_once_migrated(monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())
    assert health.migrations_applied()
    MigrationRecorder.Migration.objects.filter(app="tradeweek").delete()
    assert health.migrations_applied()  # applied migrations are not taken back in a running site


def test_health_endpoints_refuse_posts(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405
