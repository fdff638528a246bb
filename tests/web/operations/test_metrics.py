"""/metrics: request counts and latencies per view, queue gauges, loopback only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def sample(text: str, prefix: str) -> float:
    """The value of the one exposition line starting with ``prefix``."""
    [line] = [line for line in text.splitlines() if line.startswith(prefix)]
    return float(line.rsplit(" ", 1)[1])


def test_requests_are_counted_per_view_and_status(client):
    before = client.get("/metrics").content.decode()
    prefix = 'duijie_http_requests_total{method="GET",status="200",view="operations:healthz"}'
    start = sample(before, prefix) if prefix in before else 0.0
    client.get("/healthz")
    client.get("/healthz")
    after = client.get("/metrics").content.decode()
    assert sample(after, prefix) == start + 2
    bucket = 'duijie_http_request_duration_seconds_bucket{le="0.3",view="operations:healthz"}'
    assert bucket in after


def test_unknown_paths_share_one_label(client):
    client.get("/no-such-page/42/")
    text = client.get("/metrics").content.decode()
    assert 'status="404",view="unresolved"' in text
    assert "no-such-page" not in text


def test_queue_gauges_are_exposed(client):
    text = client.get("/metrics").content.decode()
    assert sample(text, "duijie_task_queue_depth ") == 0.0
    assert sample(text, "duijie_task_queue_oldest_age_seconds ") == 0.0


def test_metrics_are_hidden_from_other_addresses(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404
    settings.METRICS_ALLOW = ["203.0.113.5"]
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="not an address").status_code == 404
