"""Benchmark of the corridor path search and the site suggestion (docs/parks.md).

    .venv/bin/python scripts/bench_parks.py [--seed 1] [--nodes 300] [--legs 1500]
                                            [--origins 134] [--repeat 15] [--demo]

Part 1 (core, random graph from the seed): the fastest path from every origin to one
destination with one backward search (``fastest_to``), against the simplest alternatives
in the same run: one forward search per origin (``fastest_path``) and Bellman–Ford
relaxation over all legs. All three give the same hours (checked).

Part 2 (``--demo``, on the demo database of this checkout): ``suggest`` for 20 random demo
projects over all platforms, against the simplest alternative (the logistics factor with
one forward search per platform); and the measured quality: for each demo project, the
rank of the best-ranked platform in its own city (the demo's park names are generated per
city, so the same-city platform is the known answer).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from duijie_core.logistics.model import Leg, LegCost
from duijie_core.logistics.paths import fastest_path, fastest_to


def random_graph(rng: random.Random, nodes: int, legs: int) -> list[Leg]:
    names = [f"n{i}" for i in range(nodes)]
    found = [
        Leg("r", names[i], names[i + 1], "road", Decimal(rng.randint(1, 20)))
        for i in range(nodes - 1)
    ]  # a chain keeps every node connected
    while len(found) < legs:
        a, b = rng.sample(names, 2)
        hours = Decimal(rng.randint(1, 200))
        found.append(
            Leg(
                "r",
                a,
                b,
                rng.choice(("road", "rail", "sea")),
                hours,
                cost=LegCost(hours * 10, "CNY", "TEU"),
            )
        )
    return found


def bellman_ford(legs: list[Leg], destination: str) -> dict[str, Decimal]:
    """Hours from every node to ``destination``: relax every leg until nothing changes."""
    best = {destination: Decimal(0)}
    changed = True
    while changed:
        changed = False
        for leg in legs:
            if leg.destination in best:
                candidate = best[leg.destination] + leg.hours
                if leg.origin not in best or candidate < best[leg.origin]:
                    best[leg.origin] = candidate
                    changed = True
    return best


def timed(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = perf_counter()
        result = work()
        times.append(perf_counter() - start)
    return statistics.median(times) * 1000, result


def core_part(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    legs = random_graph(rng, args.nodes, args.legs)
    origins = [f"n{rng.randrange(args.nodes)}" for _ in range(args.origins)]
    destination = f"n{rng.randrange(args.nodes)}"
    one, backward = timed(
        lambda: fastest_to(legs, origins=origins, destination=destination), args.repeat
    )
    each, forward = timed(
        lambda: {o: fastest_path(legs, origin=o, destination=destination) for o in origins},
        max(3, args.repeat // 5),
    )
    relax, relaxed = timed(lambda: bellman_ford(legs, destination), max(3, args.repeat // 5))
    for origin in set(origins) - {destination}:
        hours = backward[origin].hours  # type: ignore[index]
        assert hours == forward[origin].hours == relaxed[origin], origin  # type: ignore[index]
    print(f"| Fastest path from {args.origins} origins, one backward search | {one:.1f} ms |")
    print(f"| Simplest alternative: one forward search per origin | {each:.1f} ms |")
    print(f"| Simplest alternative: Bellman–Ford over all legs | {relax:.1f} ms |")


def demo_part(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duijie.settings")
    import django

    django.setup()
    from django.utils import timezone

    from duijie.catalogue.models import Project
    from duijie.parks import siting
    from duijie.parks.logistics import core_legs, known_nodes, platform_node
    from duijie_core.siting import rank as core

    today = timezone.localdate()
    projects = list(Project.objects.select_related("key_industry", "industry", "city"))
    rng = random.Random(args.seed)
    sample = rng.sample(projects, min(20, len(projects)))
    subjects = [siting.subject_of_project(p, market="81") for p in sample]
    fast, _ = timed(lambda: [siting.suggest(subject=s, today=today) for s in subjects], 3)

    def per_platform(subject: siting.SiteSubject) -> dict[int, object]:
        legs, nodes = core_legs(), known_nodes()
        platforms = siting.platforms_for_siting()
        found = {}
        for p in platforms:
            origin = platform_node(p, nodes)
            path = fastest_path(legs, origin=origin, destination="81") if origin else None
            found[p.pk] = core.logistics_time(
                hours=path.hours if path else None,
                market="81",
                reference_hours=siting.REFERENCE_HOURS,
            )
        return found

    slow, _ = timed(lambda: [per_platform(s) for s in subjects], 3)
    count = len(siting.platforms_for_siting())
    print(
        f"| suggest() for 20 projects over {count} platforms (3 factors) "
        f"| {fast / 20:.1f} ms each |"
    )
    print(
        "| Simplest alternative, logistics factor alone with a search per platform "
        f"| {slow / 20:.1f} ms each |"
    )
    ranks, expected = [], []
    platforms = siting.platforms_for_siting()
    for project in projects:
        if project.city is None:
            continue
        found = siting.suggest(subject=siting.subject_of_project(project, market="81"), today=today)
        for number, item in enumerate(found.ranked, 1):
            if found.platforms[item.platform].division.code.startswith(project.city.code):
                ranks.append(number)
                same = sum(p.division.code.startswith(project.city.code) for p in platforms)
                expected.append((count + 1) / (same + 1))  # random order: E[min rank]
                break
    top = lambda n: sum(r <= n for r in ranks) / len(ranks)  # noqa: E731
    print(
        f"Quality on {len(ranks)} demo projects: best same-city platform at median rank "
        f"{statistics.median(ranks)}, top 5 {top(5):.0%}, top 10 {top(10):.0%}, "
        f"top 20 {top(20):.0%} (random order: expected best rank "
        f"{statistics.median(expected):.1f} of {count})."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--legs", type=int, default=1500)
    parser.add_argument("--origins", type=int, default=134)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--demo", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    print("| What | median |\n|---|---|")
    core_part(args)
    if args.demo:
        demo_part(args)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
