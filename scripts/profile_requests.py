"""Server time and queries of the four load-test requests, inside Django (not a unit test).

Runs the participant agenda, a catalogue search, accepting a meeting request and a
desk check-in through Django's test client against the configured database (e.g. the
stack's demo at scale 10), inside one transaction that is rolled back at the end, so
the database is left as it was. Prints, per request, the queries it issued and the
median / p95 of its time in Django (no network, no gunicorn queue).

    DUIJIE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/duijie_stack \\
        .venv/bin/python scripts/profile_requests.py --repeat 40
    … --profile agenda      # cProfile of that request: the 25 costliest functions

Participants with the most meetings are chosen (the heaviest agendas); search terms,
requesters and seats are sampled with ``--seed``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCH_TERMS = ["新能源", "醫療", "物流", "汽車", "半導體", "食品", "旅遊", "電池", "港口", "智能"]


REQUESTS = ("agenda", "search", "accept", "check-in")


def accept(client, pk: int):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    return client.post(reverse("tradeweek:request_respond", args=[pk]), {"answer": "accept"})


class Rollback(Exception):
    """Raised at the end to roll the whole run back."""


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()


def measure(name: str, calls: list[Callable[[], object]], profile: str) -> dict[str, object]:
    """Run each call once; its time in ms and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, counts = [], set()
    profiler = cProfile.Profile() if profile == name else None
    for call in calls:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            response = call()
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - start) * 1000)
        assert getattr(response, "status_code", 0) in (200, 302), (name, response)
        counts.add(len(captured.captured_queries))
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    times.sort()
    return {
        "request": name,
        "n": len(times),
        "queries": "/".join(map(str, sorted(counts))),
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
    }


def run(args: argparse.Namespace) -> list[dict[str, object]]:
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from duijie.accounts.models import User
    from duijie.reference.models import Edition
    from duijie.tradeweek.models import MeetingSeat, Participant
    from duijie.tradeweek.phrases import TradeWeekError
    from duijie.tradeweek.services import onsite, requests

    rng = random.Random(args.seed)
    edition = Edition.objects.get(is_current=True)
    busy = list(
        Participant.objects.filter(edition=edition, user__isnull=False)
        .annotate(meetings=Count("seats"))
        .order_by("-meetings", "pk")[:10]
    )
    me = busy[0]
    people = list(Participant.objects.filter(edition=edition).exclude(pk=me.pk))
    participant, desk = Client(), Client()
    participant.force_login(me.user)
    desk.force_login(User.objects.filter(role="organiser").order_by("pk").first())
    pending = []
    for other in rng.sample(people, k=min(len(people), args.repeat * 3)):
        try:
            pending.append(requests.send_request(requester=other, recipient=me, preference="must"))
        except TradeWeekError:  # a pair that may not ask again: take the next one
            continue
        if len(pending) == args.repeat:
            break
    seats = list(
        MeetingSeat.objects.filter(meeting__slot__edition=edition, checked_in_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    tokens = [
        onsite.seat_token(MeetingSeat.objects.get(pk=pk))
        for pk in rng.sample(seats, k=min(len(seats), args.repeat))
    ]
    print(
        f"participant {me.pk} ({busy[0].meetings} meetings), {len(pending)} requests to "
        f"accept, {len(tokens)} seats to check in"
    )
    agenda = reverse("tradeweek:agenda")
    terms = [rng.choice(SEARCH_TERMS) for _ in range(args.repeat)]
    plan = {
        "agenda": [lambda: participant.get(agenda) for _ in range(args.repeat)],
        "search": [(lambda t=t: participant.get("/projects/", {"q": t})) for t in terms],
        "accept": [(lambda r=r: accept(participant, r.pk)) for r in pending],
        "check-in": [
            (lambda t=t: desk.post(reverse("tradeweek:check_in", args=[t]))) for t in tokens
        ],
    }
    for warm in (plan["agenda"][0], plan["search"][0]):
        warm()  # templates and translations loaded once, as in a running process
    return [measure(name, calls, args.profile) for name, calls in plan.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="requests of each kind")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--profile", default="", choices=["", *REQUESTS])
    args = parser.parse_args(argv)
    setup_django()
    from django.db import transaction

    rows: list[dict[str, object]] = []
    try:
        with transaction.atomic():
            rows = run(args)
            raise Rollback
    except Rollback:
        pass
    print("| request | n | queries | server p50 ms | server p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['request']} | {row['n']} | {row['queries']} | "
            f"{row['p50']:.1f} | {row['p95']:.1f} |"
        )


if __name__ == "__main__":
    main()
