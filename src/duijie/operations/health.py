"""Health (``/healthz``: the process answers) and readiness (``/readyz``: it can serve).

Load balancers and systemd watchdogs poll these; they need no login, touch no session
and say nothing about the data.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_migrated: set[str] = set()


def database_reachable(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether a trivial query on the database succeeds."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def migrations_applied(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether every migration on disk is applied (remembered once true: they stay applied)."""
    if alias in _migrated:
        return True
    try:
        executor = MigrationExecutor(connections[alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return False
    except DatabaseError:
        return False
    _migrated.add(alias)
    return True


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answers HTTP."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and is migrated, else 503 with what is missing."""
    checks = {"database": database_reachable()}
    checks["migrations"] = checks["database"] and migrations_applied()
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable"}
    body |= {name: "ok" if passed else "failing" for name, passed in checks.items()}
    return JsonResponse(body, status=200 if ready else 503)
