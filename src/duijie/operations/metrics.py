"""Prometheus metrics: requests and their latency per view, and the task queue.

Under gunicorn every worker process counts for itself; with
``PROMETHEUS_MULTIPROC_DIR`` set (``scripts/stack.sh`` and the systemd unit set it)
prometheus-client keeps the counts in files there and ``/metrics`` adds them up. The
queue gauges are read from the database when scraped, not counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from ipaddress import ip_address

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from duijie.operations.queue import queue_state

REQUESTS = Counter("duijie_http_requests", "HTTP requests answered", ["method", "view", "status"])
LATENCY = Histogram(
    "duijie_http_request_duration_seconds",
    "Time from the first middleware to the response",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30),
)


def observe(*, method: str, view: str, status: int, seconds: float) -> None:
    """Count one answered request."""
    REQUESTS.labels(method=method, view=view, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


class QueueCollector(Collector):
    """Queue depth and the oldest waiting task's age, read when scraped."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            state = queue_state()
        except DatabaseError:
            return
        yield GaugeMetricFamily(
            "duijie_task_queue_depth", "Background tasks waiting for a worker", value=state.depth
        )
        yield GaugeMetricFamily(
            "duijie_task_queue_oldest_age_seconds",
            "Age of the oldest waiting background task (0 when none waits)",
            value=state.oldest_age or 0.0,
        )


def exposition() -> bytes:
    """The text format of every metric, summed over processes when they share a directory."""
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    registry_with_queue = CollectorRegistry()
    registry_with_queue.register(QueueCollector())
    return generate_latest(registry) + generate_latest(registry_with_queue)


def may_scrape(request: HttpRequest) -> bool:
    """Only addresses in ``DUIJIE_METRICS_ALLOW`` (loopback by default) may read metrics."""
    try:
        address = ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return address.is_loopback or str(address) in settings.METRICS_ALLOW


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """``/metrics`` for Prometheus; a 404 to anyone not allowed to scrape."""
    if not may_scrape(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
