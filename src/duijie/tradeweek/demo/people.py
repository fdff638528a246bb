"""Demo participants (generated people and the demo logins) and their meeting requests."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from duijie.reference.models import Edition
from duijie.tradeweek.demo.data import COUNTERPARTS, SIDES, STATE_MIX
from duijie.tradeweek.models import (
    MeetingRequest,
    Participant,
    ParticipantKind,
    Preference,
    RequestSource,
    RequestStatus,
)
from duijie.tradeweek.services.participants import enrol


def _organisations(kind: str) -> list[object]:
    from duijie.directory.models import Organisation
    from duijie.directory.models import OrganisationKind as K

    kinds = {
        ParticipantKind.INVESTOR: [K.VC_PE, K.CORPORATE, K.FUND, K.BANK, K.FAMILY_OFFICE],
        ParticipantKind.BUYER: [K.BUYER],
        ParticipantKind.SUPPLIER: [K.SUPPLIER],  # the produce suppliers of the directory demo
        ParticipantKind.PROJECT_OWNER: [K.ENTERPRISE],
    }[kind]
    return list(Organisation.objects.filter(is_demo=True, kind__in=kinds).order_by("pk")[:200])


def _projects(edition: Edition) -> list[object]:
    from duijie.catalogue.models import Project

    return list(Project.objects.filter(edition=edition, is_demo=True).order_by("pk")[:200])


def make_people(rng: random.Random, scale: int, edition: Edition) -> list[Participant]:
    User = get_user_model()
    projects, found = _projects(edition), []
    for kind, count in SIDES:
        organisations = _organisations(kind)
        for number in range(count * scale):
            email = f"tw-{kind.replace('_', '-')}-{number + 1:03d}@demo.duijie.test"
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"role": _role(kind), "name": f"{kind.label}{number + 1:03d}（示範）"},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            project = (
                projects[number % len(projects)]
                if projects and kind == ParticipantKind.PROJECT_OWNER
                else None
            )
            organisation = organisations[number % len(organisations)] if organisations else None
            found.append(
                enrol(
                    edition=edition,
                    user=user,
                    kind=kind,
                    organisation=organisation,
                    project=project,
                    max_meetings=rng.choice([None, 6, 8]),
                    is_demo=True,
                )
            )
    return found


def _role(kind: str) -> str:
    return (
        "investor" if kind in (ParticipantKind.INVESTOR, ParticipantKind.BUYER) else "project_owner"
    )


INVESTOR_SUMMARY = "示範：新能源及大健康項目，單筆投資 5,000萬–3億人民幣"


def enrol_demo_logins(edition: Edition) -> list[Participant]:
    User = get_user_model()
    found = []
    projects = _projects(edition)
    for email, kind, summary in (
        ("investor@demo.duijie.test", ParticipantKind.INVESTOR, INVESTOR_SUMMARY),
        ("owner@demo.duijie.test", ParticipantKind.PROJECT_OWNER, INVESTOR_SUMMARY),
        ("buyer@demo.duijie.test", ParticipantKind.BUYER, "示範：冬季臍橙，每月 150 噸，需 GAP"),
        (
            "supplier@demo.duijie.test",
            ParticipantKind.SUPPLIER,
            "示範：江永臍橙、冰糖橙，冷鏈直供香港",
        ),
    ):
        user = User.objects.filter(email=email).first()
        if user is not None:
            project = projects[0] if projects and kind == ParticipantKind.PROJECT_OWNER else None
            found.append(
                enrol(
                    edition=edition,
                    user=user,
                    kind=kind,
                    project=project,
                    is_demo=True,
                    summary=summary,
                )
            )
    return found


def make_requests(rng: random.Random, people: list[Participant], edition: Edition) -> int:
    by_kind: dict[str, list[Participant]] = {}
    for person in people:
        by_kind.setdefault(person.kind, []).append(person)
    states = [status for status, weight in STATE_MIX for _ in range(weight)]
    now, rows, seen = timezone.now(), [], set()
    for side, other in COUNTERPARTS.items():
        for person in by_kind.get(side, []):
            for counterpart in rng.sample(
                by_kind.get(other, []), k=min(5, len(by_kind.get(other, [])))
            ):
                pair = (person.pk, counterpart.pk)
                if pair in seen:
                    continue
                seen.add(pair)
                a, b = pair if rng.random() < 0.6 else pair[::-1]
                status = rng.choice(states)
                preference = (
                    Preference.NO_THANKS
                    if status == RequestStatus.DISMISSED
                    else rng.choice([Preference.MUST, Preference.WOULD_LIKE, Preference.WOULD_LIKE])
                )
                rows.append(
                    MeetingRequest(
                        edition=edition,
                        requester_id=a,
                        recipient_id=b,
                        preference=preference,
                        status=status,
                        source=rng.choice(list(RequestSource.values[:2])),
                        note="期待交流（示範）",
                        expires_at=now
                        + timedelta(hours=-1 if status == RequestStatus.EXPIRED else 72),
                    )
                )
    MeetingRequest.objects.bulk_create(rows)
    return len(rows)
