"""Data and checks of the stack load test (``scripts/loadtest.sh`` runs it; not a unit test).

    scripts/stack.sh exec python -m scripts.loadtest prepare --participants 200
    scripts/stack.sh exec python -m scripts.loadtest verify
    python -m scripts.loadtest report var/stack/loadtest/web2_stats.csv

``prepare`` adds, to the current edition of the stack's database, a batch of
participants signed in (one session each), a venue with free tables and slots,
meetings already placed (their seats' check-in tokens) and pending requests for
the participants to accept, and writes what locust needs to ``var/stack/loadtest/``.
``verify`` counts double bookings and lost answers straight from the tables.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "stack" / "loadtest"
SEARCH_TERMS = ["新能源", "醫療", "物流", "汽車", "半導體", "食品", "旅遊", "電池", "港口", "智能"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def session_for(user) -> str:  # type: ignore[no-untyped-def]
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_hash": user.get_session_auth_hash(),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        }
    )
    store.create()
    return str(store.session_key)


def load_venue(edition, batch: str, slots: int, tables: int) -> None:  # type: ignore[no-untyped-def]
    from duijie.tradeweek.models import MeetingSlot, Venue

    venue = Venue.objects.create(
        edition=edition, name=f"Load hall {batch}", city="hong_kong", tables=tables
    )
    start = datetime.combine(edition.starts_on, datetime.min.time(), ZoneInfo("Asia/Hong_Kong"))
    start += timedelta(hours=9)
    MeetingSlot.objects.bulk_create(
        MeetingSlot(
            edition=edition,
            venue=venue,
            starts_at=start + timedelta(minutes=20 * i),
            ends_at=start + timedelta(minutes=20 * (i + 1)),
        )
        for i in range(slots)
    )


def prepare(args: argparse.Namespace) -> None:
    setup_django()
    from duijie.accounts.models import User
    from duijie.reference.models import Edition
    from duijie.tradeweek.models import Participant, WeekRules
    from duijie.tradeweek.phrases import TradeWeekError
    from duijie.tradeweek.services import onsite, placement, requests

    rng = random.Random(args.seed)
    edition = Edition.objects.get(is_current=True)
    batch = datetime.now().strftime("%H%M%S")
    load_venue(edition, batch, slots=12, tables=args.participants // 2)
    WeekRules.objects.update_or_create(edition=edition, defaults={"schedule_published": True})
    desk = User.objects.create_user(f"desk{batch}@load.test", None, role="organiser")
    people = [
        Participant.objects.create(
            edition=edition,
            kind="investor",
            user=User.objects.create_user(f"p{batch}-{i}@load.test", None, name=f"p{i}"),
        )
        for i in range(args.participants)
    ]
    wanted = args.participants // 2 + args.participants * (args.requests_each + 1)
    pairs = rng.sample([(a, b) for a in people for b in people if a.pk != b.pk], k=wanted)
    seated = pairs[: args.participants // 2]
    tokens = []
    for a, b in seated:
        meeting = placement.place_request(
            request=requests.create_mandatory(requester=a, recipient=b, by=desk)
        )
        tokens += [onsite.seat_token(seat) for seat in meeting.seats.all()] if meeting else []
    pending: dict[int, list[int]] = {p.pk: [] for p in people}
    for a, b in pairs[len(seated) :]:
        if len(pending[b.pk]) < args.requests_each:
            try:
                sent = requests.send_request(requester=a, recipient=b, preference="must")
            except TradeWeekError:  # the pair already meets (one live meeting per pair)
                continue
            pending[b.pk].append(sent.pk)
    plan = {
        "batch": batch,
        "participants": [
            {"session": session_for(p.user), "requests": pending[p.pk]} for p in people
        ],
        "desk": {"session": session_for(desk), "tokens": tokens},
        "search_terms": SEARCH_TERMS,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "plan.json").write_text(json.dumps(plan))
    print(
        f"batch {batch}: {len(people)} participants, {sum(map(len, pending.values()))} "
        f"pending requests, {len(tokens)} seats to check in"
    )


def verify(args: argparse.Namespace) -> None:
    """Double bookings in the whole edition, and what became of this run's requests: every
    request the run accepted must be in the table as accepted with its meeting placed, so
    that ``batch_accepted`` ≥ the accepts locust saw succeed (nothing lost)."""
    setup_django()
    from scripts.loadtest_tradeweek import verify as count_bookings

    from duijie.tradeweek.models import MeetingRequest

    counts = count_bookings()
    plan = json.loads((OUT / "plan.json").read_text())
    mine = [pk for person in plan["participants"] for pk in person["requests"]]
    accepted = MeetingRequest.objects.filter(pk__in=mine, status="accepted")
    counts["batch_requests"] = len(mine)
    counts["batch_accepted"] = accepted.count()
    counts["batch_accepted_without_meeting"] = accepted.filter(meeting__isnull=True).count()
    counts["batch_still_pending"] = MeetingRequest.objects.filter(
        pk__in=mine, status="pending"
    ).count()
    print(json.dumps(counts, indent=1))


def booklet(args: argparse.Namespace) -> None:
    """Queue one booklet job (a task long enough to kill its worker in the middle);
    ``--limit``: its time limit per attempt in seconds (the kind's 900 s otherwise), which
    sets when the recovery finds it stale after its worker died (limit + 60 s)."""
    setup_django()
    from duijie.jobs.services import enqueue
    from duijie.reference.models import Edition

    edition = Edition.objects.get(is_current=True)
    params = {"edition": edition.slug, "language": "zh-hant", "site": "http://127.0.0.1"}
    print(enqueue(kind="catalogue.booklet", params=params, limit=args.limit).pk)


def job(args: argparse.Namespace) -> None:
    """Status, progress and error of one job."""
    setup_django()
    from duijie.jobs.models import Job

    row = Job.objects.get(pk=args.id)
    print(
        json.dumps(
            {
                "id": row.pk,
                "status": row.status,
                "progress": row.progress,
                "attempts": row.attempts,
                "error": row.error[-200:],
            }
        )
    )


def report(args: argparse.Namespace) -> None:
    """The locust stats CSV as one Markdown table: requests/s, p50/p95/p99, failures."""
    print("| request | count | failures | req/s | p50 ms | p95 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with open(args.stats, newline="") as stream:
        for row in csv.DictReader(stream):
            cells = [row["Name"], row["Request Count"], row["Failure Count"]]
            cells += [f"{float(row['Requests/s']):.1f}", row["50%"], row["95%"], row["99%"]]
            print("| " + " | ".join(cells) + " |")


VIEWS = {
    "tradeweek:agenda": "agenda",
    "catalogue:list": "search",
    "tradeweek:request_respond": "accept",
    "tradeweek:check_in": "check-in",
}


def server(args: argparse.Namespace) -> None:
    """Time inside Django of the load test's requests, from the JSON request log lines
    written at or after ``--since`` (ISO time, UTC): p50/p95/p99 per request."""
    durations: dict[str, list[float]] = {name: [] for name in VIEWS.values()}
    with open(args.log, encoding="utf-8") as stream:
        for line in stream:
            if not line.startswith("{"):
                continue
            entry = json.loads(line)
            if entry.get("message") == "request" and entry["time"] >= args.since:
                name = VIEWS.get(entry.get("view", ""))
                if name:
                    durations[name].append(float(entry["duration_ms"]))
    print("| request | count | server p50 ms | server p95 ms | server p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, values in durations.items():
        values.sort()
        if values:
            cells = [percentile(values, q) for q in (0.50, 0.95, 0.99)]
            print(f"| {name} | {len(values)} | " + " | ".join(f"{c:.0f}" for c in cells) + " |")


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    run = commands.add_parser("prepare")
    run.add_argument("--participants", type=int, default=200)
    run.add_argument("--requests-each", type=int, default=3)
    run.add_argument("--seed", type=int, default=7)
    run.set_defaults(handle=prepare)
    commands.add_parser("verify").set_defaults(handle=verify)
    book = commands.add_parser("booklet")
    book.add_argument("--limit", type=int, default=None)
    book.set_defaults(handle=booklet)
    one = commands.add_parser("job")
    one.add_argument("id", type=int)
    one.set_defaults(handle=job)
    stats = commands.add_parser("report")
    stats.add_argument("stats")
    stats.set_defaults(handle=report)
    times = commands.add_parser("server")
    times.add_argument("log")
    times.add_argument("--since", required=True)
    times.set_defaults(handle=server)
    args = parser.parse_args(argv)
    args.handle(args)


if __name__ == "__main__":
    main()
