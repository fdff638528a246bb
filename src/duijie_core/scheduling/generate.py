"""A seeded generator of realistic trade-week instances, for benchmarks and tests.

The shape follows a trade week in two cities: Hong Kong (a convention centre and
a hotel, 20 minutes apart) and Shenzhen (90 minutes away). Each day has
``slots_per_day`` 25-minute meetings with 5-minute changeovers, a one-hour lunch
break in the middle, and the venue of each half day follows a fixed plan (HK
centre; HK centre then hotel; hotel then Shenzhen; Shenzhen). Investors are
fewer and more popular than project owners (a skewed popularity), so some are
overbooked; some people come only for the Hong Kong or the Shenzhen days.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from duijie_core.scheduling.constraints import Ledger
from duijie_core.scheduling.model import (
    Instance,
    Lock,
    Participant,
    Request,
    Slot,
    Travel,
    Venue,
)

HKT = timezone(timedelta(hours=8))
VENUES = ("hk-centre", "hk-hotel", "sz-centre")
DAY_PLANS = (
    ("hk-centre", "hk-centre"),
    ("hk-centre", "hk-hotel"),
    ("hk-hotel", "sz-centre"),
    ("sz-centre", "sz-centre"),
)
TRAVEL = (
    Travel("hk-centre", "hk-hotel", 20),
    Travel("hk-centre", "sz-centre", 90),
    Travel("hk-hotel", "sz-centre", 80),
)


def trade_week_slots(days: int, slots_per_day: int) -> tuple[Slot, ...]:
    """Slots of the trade week, starting 2026-05-12 09:00 Hong Kong time."""
    slots = []
    half = slots_per_day // 2
    for day in range(days):
        plan = DAY_PLANS[day % len(DAY_PLANS)]
        morning = datetime(2026, 5, 12, 9, 0, tzinfo=HKT) + timedelta(days=day)
        for period in range(slots_per_day):
            start = morning + timedelta(minutes=30 * period + (60 if period >= half else 0))
            venue = plan[0] if period < half else plan[1]
            slot_id = f"d{day + 1}-{period + 1:02d}"
            slots.append(Slot(slot_id, start, start + timedelta(minutes=25), venue))
    return tuple(slots)


def generate_instance(
    *,
    participants: int = 1000,
    requests: int = 8000,
    days: int = 4,
    slots_per_day: int = 16,
    tables: tuple[int, int, int] = (120, 100, 110),
    locked: int = 40,
    seed: int = 0,
) -> Instance:
    """A random instance; the same arguments always give the same instance."""
    rng = random.Random(seed)
    slots = trade_week_slots(days, slots_per_day)
    venues = tuple(
        Venue(v, tuple(str(n) for n in range(1, t + 1)))
        for v, t in zip(VENUES, tables, strict=True)
    )
    investors = max(1, participants // 5)
    people = tuple(
        _participant(rng, index, index < investors, slots, days) for index in range(participants)
    )
    pairs = _pairs(rng, participants, investors, requests)
    made = tuple(
        Request(f"r{i + 1}", f"p{a + 1}", f"p{b + 1}", rng.choice((1, 1, 1, 2, 2, 3)))
        for i, (a, b) in enumerate(pairs)
    )
    instance = Instance(slots, venues, people, made, TRAVEL)
    return _with_locks(instance, rng, locked)


def _participant(
    rng: random.Random, index: int, investor: bool, slots: tuple[Slot, ...], days: int
) -> Participant:
    presence = rng.random()
    first_day = slots[0].start.date()
    first_half = {s.id for s in slots if (s.start.date() - first_day).days < max(1, days // 2)}
    if presence < 0.2:
        available = frozenset(first_half)
    elif presence < 0.4:
        available = frozenset(slot.id for slot in slots if slot.id not in first_half)
    else:
        available = frozenset(slot.id for slot in slots)
    if rng.random() < 0.5:
        maximum = None
    else:
        maximum = rng.randint(16, 30) if investor else rng.randint(6, 12)
    return Participant(f"p{index + 1}", available or None, maximum)


def _pairs(
    rng: random.Random, participants: int, investors: int, count: int
) -> list[tuple[int, int]]:
    popularity = [1.0 / (rank + 3) for rank in range(investors)]
    owners = list(range(investors, participants)) or list(range(participants))
    found: set[tuple[int, int]] = set()
    limit = participants * (participants - 1) // 2
    for _attempt in range(count * 50):
        if len(found) >= min(count, limit):
            break
        a = (
            rng.choices(range(investors), popularity)[0]
            if rng.random() < 0.9
            else rng.choice(owners)
        )
        b = rng.choice(owners)
        if a != b:
            found.add((min(a, b), max(a, b)))
    ordered = sorted(found)
    rng.shuffle(ordered)
    return ordered


def _with_locks(instance: Instance, rng: random.Random, count: int) -> Instance:
    """Lock ``count`` requests into slots that keep the locks mutually consistent."""
    candidates = [
        (request.id, slot.id)
        for request in rng.sample(instance.requests, min(len(instance.requests), count * 4))
        for slot in rng.sample(instance.slots, min(3, len(instance.slots)))
        if instance.is_available(request.a, slot.id) and instance.is_available(request.b, slot.id)
    ]
    ledger = Ledger(instance, candidates)
    locks: dict[str, Lock] = {}
    for placement in candidates:
        if len(locks) < count and placement[0] not in locks and ledger.allows(placement):
            ledger.add(placement)
            locks[placement[0]] = Lock(placement[1])
    requests = tuple(Request(r.id, r.a, r.b, r.weight, locks.get(r.id)) for r in instance.requests)
    return Instance(
        instance.slots, instance.venues, instance.participants, requests, instance.travel
    )
