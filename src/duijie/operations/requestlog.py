"""One JSON line per request, and the request metrics, from one middleware.

The line carries method, path, status, duration, view and user id, and no personal
data: the query string is left out (searches can hold names) and secret tokens in
the path (check-in, calendar feeds) are replaced by ``<token>``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from duijie.operations.metrics import observe

logger = logging.getLogger("duijie.requests")
SECRET_ARGUMENTS = ("token",)
RECORD_FIELDS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message and its extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= {k: v for k, v in record.__dict__.items() if k not in RECORD_FIELDS}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def loggable_path(request: HttpRequest) -> str:
    """The path without query string, secret URL arguments masked."""
    path = request.path
    match = request.resolver_match
    for name in SECRET_ARGUMENTS:
        value = match.kwargs.get(name) if match else None
        if value:
            path = path.replace(str(value), f"<{name}>")
    return path


def view_name(request: HttpRequest) -> str:
    """The URL name answering the request (a bounded label), or ``unresolved``."""
    match = request.resolver_match
    return match.view_name if match and match.view_name else "unresolved"


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id; None for visitors, and when the database cannot say
    (while it is down the lazy user lookup fails: the line must still be written)."""
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:
        return None


class RequestRecorder:
    """Outermost middleware: times the request, logs it and counts it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        began = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - began
        view = view_name(request)
        status = response.status_code
        observe(method=request.method or "", view=view, status=status, seconds=seconds)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": loggable_path(request),
                "view": view,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user_id(request),
            },
        )
        return response
