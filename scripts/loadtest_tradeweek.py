"""Concurrency benchmark of the trade week (not a unit test).

Builds one slot grid in a throw-away database, starts ``manage.py runserver`` on
127.0.0.1, fires simultaneous accept/decline and check-in requests from threads
(urllib), then checks that no person and no table is double-booked.

    .venv/bin/python scripts/loadtest_tradeweek.py                      # SQLite
    .venv/bin/python scripts/loadtest_tradeweek.py \
        --database-url postgres://postgres@127.0.0.1:5432/duijie_tradeweek_load

Bounded: --requests (default 200), --workers threads (default 40), 30 s per request.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
CSRF = "loadtestcsrfsecret00000000000000"  # 32 characters: an unmasked CSRF secret
SLOTS, TABLES, PEOPLE, PRESEATED = 6, 8, 40, 20


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="", help="postgres://… (default: SQLite in a temp dir)"
    )
    parser.add_argument("--port", type=int, default=8157)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def environment(args: argparse.Namespace, var_dir: str) -> dict[str, str]:
    env = {**os.environ, "DUIJIE_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "duijie.settings"}
    env["PYTHONPATH"] = str(ROOT / "src")
    if args.database_url:
        env["DUIJIE_DATABASE_URL"] = args.database_url
    return env


def fresh_postgres(url: str) -> None:
    """Drop and create the benchmark database (never a shared one: name must end in _load)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    assert name.endswith("_load"), "the load-test database name must end in _load"
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def build_grid(seed: int, total: int) -> dict[str, object]:
    """One edition, one venue, a SLOTS × TABLES grid, PEOPLE participants, PRESEATED
    meetings and pending requests; returns what the threads need."""
    from django.contrib.sessions.backends.db import SessionStore

    from duijie.accounts.models import User
    from duijie.reference.models import Edition
    from duijie.tradeweek.models import MeetingSlot, Participant, Venue, WeekRules
    from duijie.tradeweek.services import onsite, placement, requests

    rng = random.Random(seed)
    edition = Edition.objects.create(
        slug="loadtest",
        name="load",
        name_hant="load",
        name_en="load",
        starts_on="2025-05-14",
        ends_on="2025-05-14",
        is_current=True,
    )
    venue = Venue.objects.create(edition=edition, name="Hall", city="hong_kong", tables=TABLES)
    start = datetime(2025, 5, 14, 10, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    [
        MeetingSlot.objects.create(
            edition=edition,
            venue=venue,
            starts_at=start + timedelta(minutes=20 * i),
            ends_at=start + timedelta(minutes=20 * (i + 1)),
        )
        for i in range(SLOTS)
    ]
    staff = User.objects.create_user("staff@load.test", None, role="organiser")
    people = [
        Participant.objects.create(
            edition=edition,
            kind="investor",
            user=User.objects.create_user(f"p{i}@load.test", None, name=f"p{i}"),
        )
        for i in range(PEOPLE)
    ]
    pairs = rng.sample([(a, b) for a in people for b in people if a.pk < b.pk], k=PRESEATED + total)
    seats = []
    for a, b in pairs[:PRESEATED]:
        request = requests.create_mandatory(requester=a, recipient=b, by=staff)
        meeting = placement.place_request(request=request)
        seats += [onsite.seat_token(seat) for seat in meeting.seats.all()] if meeting else []
    WeekRules.objects.create(edition=edition, schedule_published=True)
    pending = [
        requests.send_request(requester=a, recipient=b, preference="must")
        for a, b in pairs[PRESEATED:]
    ]
    sessions = {}
    for user in [staff, *(p.user for p in people)]:
        store = SessionStore()
        store.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_hash": user.get_session_auth_hash(),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            }
        )
        store.create()
        sessions[user.pk] = store.session_key
    answers = [(r.pk, sessions[r.recipient.user_id], rng.random() < 0.8) for r in pending]
    return {"answers": answers, "check_ins": seats, "staff": sessions[staff.pk]}


def plan(grid: dict[str, object], total: int, rng: random.Random) -> list[tuple[str, str, bytes]]:
    """``total`` (path, session, body) POSTs: three quarters answers, a quarter check-ins."""
    answers = grid["answers"]  # type: ignore[assignment]
    check_ins = grid["check_ins"]  # type: ignore[assignment]
    n_check = total // 4
    calls = [
        (f"/week/requests/{pk}/respond/", session, b"answer=" + (b"accept" if yes else b"decline"))
        for pk, session, yes in answers[: total - n_check]
    ]  # type: ignore[index]
    calls += [
        (f"/week/check-in/{rng.choice(check_ins)}/", grid["staff"], b"") for _ in range(n_check)
    ]  # type: ignore[misc]
    rng.shuffle(calls)
    return calls


def post(
    port: int, call: tuple[str, str, bytes], barrier: threading.Barrier
) -> tuple[int, float, int]:
    path, session, body = call
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=body,
        method="POST",
        headers={
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    opener = urllib.request.build_opener(NoRedirect)
    barrier.wait(timeout=60)
    began = time.perf_counter()
    for attempt in range(1, 6):
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, time.perf_counter() - began, attempt - 1
        except urllib.error.HTTPError as error:
            return error.code, time.perf_counter() - began, attempt - 1
        except OSError:
            time.sleep(0.2 * attempt)  # runserver's listen backlog is small: connect again
    return 0, time.perf_counter() - began, 5


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def verify() -> dict[str, int]:
    """Count double bookings straight from the tables (constraints aside)."""
    from duijie.tradeweek.models import Meeting, MeetingRequest, MeetingSeat

    live = Meeting.objects.exclude(status="cancelled")
    tables = Counter(live.values_list("slot_id", "table"))
    people = Counter(MeetingSeat.objects.values_list("slot_id", "participant_id"))
    seats_per_meeting = Counter(MeetingSeat.objects.values_list("meeting_id", flat=True))
    return {
        "double_booked_tables": sum(1 for n in tables.values() if n > 1),
        "double_booked_people": sum(1 for n in people.values() if n > 1),
        "meetings_without_two_seats": sum(
            1 for m in live.values_list("pk", flat=True) if seats_per_meeting[m] != 2
        ),
        "live_meetings": live.count(),
        "accepted": MeetingRequest.objects.filter(status="accepted", mandatory=False).count(),
        "declined": MeetingRequest.objects.filter(status="declined").count(),
        "still_pending": MeetingRequest.objects.filter(status="pending").count(),
        "checked_in_seats": MeetingSeat.objects.filter(checked_in_at__isnull=False).count(),
    }


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/week/", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="tradeweek-load-") as var_dir:
        env = environment(args, var_dir)
        os.environ.update(env)
        if args.database_url:
            fresh_postgres(args.database_url)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True
        )
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        grid = build_grid(args.seed, args.requests)
        calls = plan(grid, args.requests, random.Random(args.seed))
        server = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                f"127.0.0.1:{args.port}",
                "--noreload",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(args.port, server)
            barrier = threading.Barrier(min(args.workers, len(calls)))
            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.workers) as pool:
                results = list(pool.map(lambda call: post(args.port, call, barrier), calls))
            wall = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
        report = {
            "database": "postgresql" if args.database_url else "sqlite",
            "requests": len(calls),
            "workers": args.workers,
            "wall_seconds": round(wall, 2),
            "statuses": dict(Counter(status for status, _, _ in results)),
            "connection_retries": sum(r for _, _, r in results),
            "p95_ms": round(sorted(s for _, s, _ in results)[int(0.95 * len(results)) - 1] * 1000),
            **verify(),
        }
        print(json.dumps(report, indent=1))
        bad = (
            report["double_booked_tables"]
            or report["double_booked_people"]
            or report["meetings_without_two_seats"]
        )
        return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
