"""Profile the trade week's accept path in one process (a companion of
``loadtest_tradeweek.py``, not a unit test).

Builds the load test's grid (one venue, 8 tables x 6 slots, 40 participants, 20 meetings
placed, 200 pending requests) in a throw-away SQLite database, then answers ``--accepts``
of the pending requests with "accept" through Django's test client, one at a time.
Prints the SQL queries per accept (deterministic: the figure to compare between
versions of the code) and the wall time, and with ``--profile`` the top of cProfile's
cumulative listing.

    .venv/bin/python scripts/profile_tradeweek_accept.py [--accepts 60] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accepts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tradeweek-profile-") as var_dir:
        env = {**os.environ, "DUIJIE_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "duijie.settings"}
        env["PYTHONPATH"] = str(ROOT / "src")
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True
        )
        os.environ.update(env)
        sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]
        import django

        django.setup()
        print(json.dumps(accept_many(args), indent=1))
    return 0


def accept_many(args: argparse.Namespace) -> dict[str, object]:
    import loadtest_tradeweek
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    grid = loadtest_tradeweek.build_grid(args.seed, 200)
    answers = [(pk, session) for pk, session, _yes in grid["answers"]][: args.accepts]  # type: ignore[index]
    client, profile, queries = Client(), cProfile.Profile(), []
    began = time.perf_counter()
    for pk, session in answers:
        client.cookies["sessionid"] = session
        with CaptureQueriesContext(connection) as seen:
            profile.enable()
            response = client.post(f"/week/requests/{pk}/respond/", {"answer": "accept"})
            profile.disable()
        assert response.status_code == 302, response.status_code
        queries.append(len(seen.captured_queries))
    wall = time.perf_counter() - began
    if args.profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return {
        "accepts": len(queries),
        "queries_per_accept_mean": round(sum(queries) / len(queries), 2),
        "queries_first_five": queries[:5],
        "wall_seconds": round(wall, 2),
        "ms_per_accept": round(1000 * wall / len(queries), 1),
    }


if __name__ == "__main__":
    raise SystemExit(main())
