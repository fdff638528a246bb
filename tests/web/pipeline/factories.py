"""Plain factory functions for pipeline tests (no fixture files)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from duijie.directory.models import Organisation, OrganisationKind
from duijie.pipeline import services
from duijie.pipeline.models import Deal, Evidence, ExchangeRate
from duijie.reference.models import AdminDivision, KeyIndustry, PromotionMethod
from duijie_core.text import normalise

TODAY = dt.date(2025, 12, 1)


def make_org(name: str = "香港測試投資有限公司") -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.CORPORATE, name=name, match_key=normalise(name)
    )


def make_rate(
    base: str = "HKD", rate: str = "0.92", on: dt.date = dt.date(2025, 1, 1)
) -> ExchangeRate:
    return ExchangeRate.objects.create(base=base, quote="CNY", rate=Decimal(rate), on=on)


def city(code: str = "4301") -> AdminDivision:
    return AdminDivision.objects.get(code=code)


def industry(code: str = "big-health") -> KeyIndustry:
    return KeyIndustry.objects.get(code=code)


def method(code: str = "industry-chain") -> PromotionMethod:
    return PromotionMethod.objects.get(code=code)


def make_deal(
    owner,
    *,
    title: str = "長沙冷鏈物流園",
    investor=None,
    amount_text: str = "1億元",
    opened_on: dt.date = dt.date(2025, 1, 2),
    **fields,
) -> Deal:
    return services.create_deal(
        title=title,
        investor=investor or make_org(),
        owner=owner,
        opened_on=opened_on,
        amount_text=amount_text,
        **fields,
    )


def move(deal: Deal, stage: int, on: dt.date, by, **extra):  # type: ignore[no-untyped-def]
    extra.setdefault("evidence_note", "會議紀要")
    return services.move_deal(
        deal=deal,
        to_stage=stage,
        on=on,
        by=by,
        evidence_kind=Evidence.NOTE,
        today=timezone.localdate(),
        **extra,
    )


def walk(deal: Deal, by, dates: dict[int, dt.date]) -> Deal:
    """Move `deal` through the stages given as {stage: date}."""
    for stage, on in sorted(dates.items()):
        move(deal, stage, on, by)
    deal.refresh_from_db()
    return deal


def make_event(edition, title: str = "投資推介暨項目簽約會", day: int = 14):  # type: ignore[no-untyped-def]
    """A trade-week event of `edition` (with its own venue)."""
    from duijie.tradeweek.models import City, Event, EventKind, Venue

    venue = Venue.objects.create(
        edition=edition,
        name=f"會場{day}",
        city=City.HONG_KONG,
        time_zone="Asia/Hong_Kong",
        tables=4,
    )
    start = timezone.make_aware(dt.datetime(2025, 5, day, 10, 0))
    return Event.objects.create(
        edition=edition, venue=venue, kind=EventKind.FORUM, title=title,
        starts_at=start, ends_at=start + dt.timedelta(hours=2),
    )  # fmt: skip


def make_meetings(edition, statuses: list[str]) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Trade-week meetings of `edition`, one per status, in one slot at successive tables."""
    from duijie.accounts.models import User
    from duijie.tradeweek.models import (
        City,
        Meeting,
        MeetingRequest,
        MeetingSlot,
        Participant,
        ParticipantKind,
        Preference,
        RequestSource,
        RequestStatus,
        Venue,
    )  # fmt: skip

    venue = Venue.objects.create(
        edition=edition, name="洽談區", city=City.HONG_KONG, time_zone="Asia/Hong_Kong", tables=20
    )
    start = timezone.make_aware(dt.datetime(2025, 5, 14, 10, 0))
    slot = MeetingSlot.objects.create(
        edition=edition, venue=venue, starts_at=start, ends_at=start + dt.timedelta(minutes=20)
    )
    meetings = []
    for table, status in enumerate(statuses, start=1):
        people = [
            Participant.objects.create(
                edition=edition,
                kind=kind,
                user=User.objects.create_user(
                    f"m{table}{kind}@example.test", None, role="investor"
                ),
            )
            for kind in (ParticipantKind.INVESTOR, ParticipantKind.PROJECT_OWNER)
        ]
        request = MeetingRequest.objects.create(
            edition=edition, requester=people[0], recipient=people[1],
            preference=Preference.WOULD_LIKE, source=RequestSource.SEARCH,
            status=RequestStatus.ACCEPTED,
        )  # fmt: skip
        meetings.append(
            Meeting.objects.create(request=request, slot=slot, table=table, status=status)
        )
    return meetings


def make_match_run(edition, n: int, status: str = "SUCCESSFUL"):  # type: ignore[no-untyped-def]
    """A match run of `edition` with `n` project→investor recommendations."""
    from duijie.matchmaking.models import MatchRun, Recommendation

    run = MatchRun.objects.create(edition=edition, status=status)
    Recommendation.objects.bulk_create(
        Recommendation(run=run, side="project_investor", candidate_name=f"投資者{i}",
                       rank=i + 1, score=1.0 - i / 100)
        for i in range(n)
    )  # fmt: skip
    return run
