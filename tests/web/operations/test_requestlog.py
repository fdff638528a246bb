"""One JSON line per request: method, path, status, duration, user id; no personal data."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from duijie.operations.requestlog import JsonFormatter

pytestmark = pytest.mark.django_db


def request_lines(caplog) -> list[dict[str, object]]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "duijie.requests"
    ]


def test_a_request_is_one_json_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="duijie.requests"):
        client.get("/healthz?who=陳大文")
    [line] = request_lines(caplog)
    assert line.pop("time")
    assert line.pop("duration_ms") >= 0
    assert line == {
        "level": "INFO",
        "logger": "duijie.requests",
        "message": "request",
        "method": "GET",
        "path": "/healthz",
        "view": "operations:healthz",
        "status": 200,
        "user_id": None,
    }


def test_the_user_is_named_by_id_and_tokens_are_masked(client_for, organiser, caplog):
    client = client_for(organiser)
    with caplog.at_level(logging.INFO, logger="duijie.requests"):
        client.post("/week/check-in/s3cr3t-t0ken/")
    [line] = request_lines(caplog)
    assert (line["path"], line["view"], line["user_id"]) == (
        "/week/check-in/<token>/",
        "tradeweek:check_in",
        organiser.pk,
    )
    assert organiser.email not in json.dumps(line)


def test_exceptions_are_kept_in_the_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "failed", None, True)
        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed"
    assert "ValueError: broken" in line["exception"]


def test_a_request_is_logged_while_the_database_is_down(rf, caplog):
    """Regression: with PostgreSQL away the lazy user lookup raised out of the
    outermost middleware, so the failed request had no log line and no count."""
    from django.db import OperationalError
    from django.http import HttpResponse
    from django.utils.functional import SimpleLazyObject

    from duijie.operations.requestlog import RequestRecorder

    def unreachable():  # type: ignore[no-untyped-def]
        raise OperationalError("terminating connection due to administrator command")

    request = rf.get("/week/agenda/")
    request.user = SimpleLazyObject(unreachable)
    recorder = RequestRecorder(lambda request: HttpResponse(status=500))
    with caplog.at_level(logging.INFO, logger="duijie.requests"):
        assert recorder(request).status_code == 500
    [line] = request_lines(caplog)
    assert (line["path"], line["status"], line["user_id"], line["view"]) == (
        "/week/agenda/",
        500,
        None,
        "unresolved",
    )
