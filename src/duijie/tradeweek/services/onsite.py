"""On the day and after: signed check-in codes, check-in, no-shows and outcomes.

A check-in code is ``django.core.signing`` over ``{"k": "m", "id": seat}`` (one
person at one meeting) or ``{"k": "r", "id": registration}``; staff open its URL.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import segno
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from duijie.accounts.models import User
from duijie.tradeweek.conf import CHECK_IN_MAX_AGE, CHECK_IN_SALT
from duijie.tradeweek.models import (
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Outcome,
    Participant,
    Registration,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services.programme import check_in_registration


@dataclass(frozen=True)
class CheckInTarget:
    """What a check-in code points at."""

    seat: MeetingSeat | None = None
    registration: Registration | None = None


def seat_token(seat: MeetingSeat) -> str:
    return signing.dumps({"k": "m", "id": seat.pk}, salt=CHECK_IN_SALT, compress=True)


def registration_token(registration: Registration) -> str:
    return signing.dumps({"k": "r", "id": registration.pk}, salt=CHECK_IN_SALT, compress=True)


def check_in_url(token: str) -> str:
    return reverse("tradeweek:check_in", args=[token])


def qr_svg_data_uri(url: str) -> str:
    """A QR code for ``url`` as an SVG data URI (for an ``<img>``)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


@functools.lru_cache(maxsize=4096)
def check_in_qr(kind: str, pk: int, site: str, *, pdf: bool, day: date) -> str:
    """The QR code of the check-in link of a seat (``kind`` "m") or registration ("r").

    Drawing a QR code costs more than the rest of an agenda page (tens of ms each),
    and the code depends only on its target and the site, not on the request: each
    process keeps the last 4,096 drawn, one per ``day`` (the token inside is then at
    most a day old, far below ``CHECK_IN_MAX_AGE``). A cached code stays valid in every
    process: any signed token of the target checks it in.
    """
    token = signing.dumps({"k": kind, "id": pk}, salt=CHECK_IN_SALT, compress=True)
    url = site.rstrip("/") + check_in_url(token)
    return qr_png_data_uri(url) if pdf else qr_svg_data_uri(url)


def qr_png_data_uri(url: str) -> str:
    """A QR code for ``url`` as a PNG data URI (for the printed agenda)."""
    return str(segno.make(url, error="m").png_data_uri(scale=6, border=2))


def read_token(token: str) -> CheckInTarget:
    """The seat or registration a check-in code points at, or ``bad_token``."""
    try:
        data = signing.loads(token, salt=CHECK_IN_SALT, max_age=CHECK_IN_MAX_AGE)
    except signing.BadSignature:
        raise TradeWeekError("bad_token") from None
    if data.get("k") == "m":
        seat = (
            MeetingSeat.objects.select_related(
                "meeting__slot__venue",
                "participant__user",
                "participant__organisation",
                "checked_in_by",
            )
            .filter(pk=data.get("id"))
            .first()
        )
        if seat is not None:
            return CheckInTarget(seat=seat)
    if data.get("k") == "r":
        registration = (
            Registration.objects.select_related("event__venue", "user", "checked_in_by")
            .filter(pk=data.get("id"))
            .first()
        )
        if registration is not None:
            return CheckInTarget(registration=registration)
    raise TradeWeekError("bad_token")


def check_in(*, target: CheckInTarget, by: User | None = None) -> bool:
    """Mark the person checked in (once, by ``by``); a meeting is held when both sides
    are in.

    Side effects: check-in time and who scanned; meeting status. Returns False if
    already checked in (or the registration is not confirmed).
    """
    if target.registration is not None:
        return check_in_registration(registration=target.registration, by=by)
    seat = target.seat
    assert seat is not None
    with transaction.atomic():
        done = MeetingSeat.objects.filter(pk=seat.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now(), checked_in_by=by, no_show=False
        )
        if not seat.meeting.seats.filter(checked_in_at__isnull=True).exists():
            Meeting.objects.filter(
                pk=seat.meeting_id, status__in=[MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW]
            ).update(status=MeetingStatus.HELD)
    return done == 1


def owner_of(target: CheckInTarget) -> int:
    """The user whose code it is (a participant may open their own code)."""
    if target.seat is not None:
        return int(target.seat.participant.user_id)
    assert target.registration is not None
    return int(target.registration.user_id)


def other_seat(seat: MeetingSeat) -> MeetingSeat | None:
    """The counterpart's seat at the same meeting (their check-in shows if they arrived)."""
    return (
        MeetingSeat.objects.filter(meeting_id=seat.meeting_id)
        .exclude(pk=seat.pk)
        .select_related("participant__user", "participant__organisation")
        .first()
    )


def mark_no_show(*, meeting: Meeting, participant_id: int) -> None:
    """Staff mark one side as absent. Side effects: seat flag; meeting status no-show."""
    with transaction.atomic():
        if not MeetingSeat.objects.filter(meeting=meeting, participant_id=participant_id).update(
            no_show=True
        ):
            raise TradeWeekError("not_live")
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.NO_SHOW)


def record_outcome(
    *, meeting: Meeting, participant: Participant, rating: int, next_step: str
) -> Outcome:
    """One side rates the meeting and names the next step (again replaces).

    Side effects: creates or updates the Outcome.
    """
    request = meeting.request
    if participant.pk not in (request.requester_id, request.recipient_id):
        raise TradeWeekError("not_yours")
    outcome, _created = Outcome.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={"rating": rating, "next_step": next_step},
    )
    return outcome


def meetings_of(participant: Participant) -> Q:
    """Filter for the meetings a participant is one side of."""
    return Q(request__requester=participant) | Q(request__recipient=participant)
