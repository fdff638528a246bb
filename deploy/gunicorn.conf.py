"""gunicorn settings for Duijie (``gunicorn -c deploy/gunicorn.conf.py duijie.wsgi``).

Every value can be changed from the environment: ``WEB`` workers (default 2),
``DUIJIE_BIND`` (default 127.0.0.1:8140), ``WEB_THREADS`` threads per worker (1).
"""

import os

bind = os.environ.get("DUIJIE_BIND", "127.0.0.1:8140")
workers = int(os.environ.get("WEB", "2"))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
# A request the app does not answer in 60 s is cut; the worker is replaced.
timeout = 60
graceful_timeout = 30
# Long-lived workers grow (OR-Tools, OpenCC): recycle them now and then, not all at once.
max_requests = 5000
max_requests_jitter = 500
# One JSON line per request comes from the app (duijie.operations.requestlog).
accesslog = None
errorlog = "-"
# Behind a reverse proxy on the same machine, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("DUIJIE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    """Drop a dead worker's live gauges from the shared metrics directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
