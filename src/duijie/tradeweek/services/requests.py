"""Meeting requests: sending within quotas, answering, expiry and mandatory meetings.

A request counts against its sender's quota while pending (and not past its
expiry time) or accepted; declined, expired and cancelled requests give the
quota back. The recipient's side limits how many pending requests it receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duijie import localised
from duijie.accounts.models import User
from duijie.reference.models import Edition
from duijie.tradeweek.conf import request_expiry_hours
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    Participant,
    Preference,
    RequestQuota,
    RequestSource,
    RequestStatus,
    WeekRules,
)
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services.participants import current_edition

R = RequestStatus


def participant_for(user: User, edition: Edition) -> Participant | None:
    """The user's participant record for the edition, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(user=user, edition=edition).select_related("edition").first()


def _live(now: datetime) -> Q:
    return Q(status=R.ACCEPTED) | Q(status=R.PENDING, expires_at__gt=now)


def open_sent(participant: Participant, now: datetime) -> QuerySet[MeetingRequest]:
    """Requests using the participant's sending quota (not the organisers' meetings and
    invitations made in their name)."""
    return MeetingRequest.objects.filter(
        _live(now), requester=participant, mandatory=False
    ).exclude(source=RequestSource.ORGANISER)


def pending_received(participant: Participant, now: datetime) -> QuerySet[MeetingRequest]:
    """Requests waiting for the participant's answer."""
    return MeetingRequest.objects.filter(
        recipient=participant, status=R.PENDING, expires_at__gt=now
    )


def _check_quotas(requester: Participant, recipient: Participant, now: datetime) -> None:
    quotas = {q.kind: q for q in RequestQuota.objects.filter(edition_id=requester.edition_id)}
    mine, theirs = quotas.get(requester.kind), quotas.get(recipient.kind)
    if mine is not None and open_sent(requester, now).count() >= mine.max_open_sent:
        raise TradeWeekError("quota_sent", limit=mine.max_open_sent)
    if (
        theirs is not None
        and pending_received(recipient, now).count() >= theirs.max_pending_received
    ):
        raise TradeWeekError("quota_received", name=str(recipient))


def _check_pair(requester: Participant, recipient: Participant) -> None:
    if requester.pk == recipient.pk:
        raise TradeWeekError("self_request")
    if requester.edition_id != recipient.edition_id:
        raise TradeWeekError("other_edition")


def open_request_between(
    a: Participant, b: Participant, now: datetime | None = None
) -> MeetingRequest | None:
    """The pair's open request (pending and not past its expiry, or accepted), whichever
    side asked; the database allows at most one (see ``MeetingRequest.Meta``)."""
    pair = Q(requester=a, recipient=b) | Q(requester=b, recipient=a)
    return (
        MeetingRequest.objects.filter(pair, _live(now or timezone.now()))
        .select_related("requester__user", "recipient__user", "meeting__slot__venue")
        .first()
    )


def live_meeting_of(existing: MeetingRequest) -> Meeting | None:
    """The request's meeting unless there is none or it was cancelled."""
    meeting = getattr(existing, "meeting", None)
    return meeting if meeting is not None and meeting.status != MeetingStatus.CANCELLED else None


def open_request_url(existing: MeetingRequest) -> str:
    """Where the pair's open request is seen: the meeting in the agenda, else the request."""
    meeting = live_meeting_of(existing)
    if meeting is not None:
        return f"{reverse('tradeweek:agenda')}#meeting-{meeting.pk}"
    return f"{reverse('tradeweek:requests')}#request-{existing.pk}"


def open_requests_among(participant_ids: list[int]) -> dict[frozenset[int], MeetingRequest]:
    """The open requests (pending and not expired, or accepted) between any two of
    ``participant_ids``, by pair (one query)."""
    found = MeetingRequest.objects.filter(
        _live(timezone.now()),
        requester_id__in=participant_ids,
        recipient_id__in=participant_ids,
    ).select_related("requester__user", "recipient__user", "meeting__slot__venue")
    return {frozenset((r.requester_id, r.recipient_id)): r for r in found}


def staff_request_url(existing: MeetingRequest) -> str:
    """Where staff see the pair's open request: its meeting in the grid, else the requests."""
    meeting = live_meeting_of(existing)
    if meeting is not None:
        local = meeting.slot.starts_at.astimezone(ZoneInfo(meeting.slot.venue.time_zone))
        query = f"?venue={meeting.slot.venue_id}&day={local.date().isoformat()}"
        return f"{reverse('tradeweek:staff_schedule')}{query}#meeting-{meeting.pk}"
    return f"{reverse('tradeweek:staff_requests')}#request-{existing.pk}"


def already_open(existing: MeetingRequest, asking: Participant) -> TradeWeekError:
    """The refusal for a pair that already has ``existing`` open, worded from the side of
    ``asking``: a meeting to look at, their request to answer, or one's own request."""
    counterpart = existing.recipient if existing.requester_id == asking.pk else existing.requester
    if existing.status == R.ACCEPTED and live_meeting_of(existing) is not None:
        code = "already_meeting"
    elif existing.status == R.ACCEPTED:
        code = "already_accepted"
    elif existing.requester_id == asking.pk:
        code = "already_requested"
    else:
        code = "already_asked_you"
    return TradeWeekError(code, name=str(counterpart), request_id=existing.pk)


def _refuse_second_request(requester: Participant, recipient: Participant, now: datetime) -> None:
    MeetingRequest.objects.filter(
        Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester),
        status=R.PENDING,
        expires_at__lte=now,
    ).update(status=R.EXPIRED)
    existing = open_request_between(requester, recipient, now)
    if existing is not None:
        raise already_open(existing, requester)


def send_request(
    *,
    requester: Participant,
    recipient: Participant,
    preference: str,
    note: str = "",
    source: str = RequestSource.SEARCH,
    now: datetime | None = None,
    by: User | None = None,
) -> MeetingRequest:
    """Ask ``recipient`` for a meeting; "no thanks" is recorded without asking anyone.

    Side effects: pending requests of the pair past their expiry are marked expired;
    creates the request (both participant rows are locked while the quotas are
    counted, so concurrent requests cannot overrun them). Refused with a pointer to
    the existing request when the pair already has an open one, whichever side asked.
    An organisers' invitation (``source`` organiser, made ``by`` a staff member) is
    the same request without quotas: the organisers chose the pair.
    """
    _check_pair(requester, recipient)
    now = now or timezone.now()
    fields = {
        "edition_id": requester.edition_id,
        "requester": requester,
        "recipient": recipient,
        "preference": preference,
        "note": note,
        "source": source,
        "created_by": by,
    }
    if preference == Preference.NO_THANKS:
        return MeetingRequest.objects.create(**fields, status=R.DISMISSED, responded_at=now)
    hours = request_expiry_hours(requester.edition)
    try:
        with transaction.atomic():
            list(
                Participant.objects.select_for_update()
                .filter(pk__in=[requester.pk, recipient.pk])
                .order_by("pk")
            )
            _refuse_second_request(requester, recipient, now)
            if source != RequestSource.ORGANISER:
                _check_quotas(requester, recipient, now)
            return MeetingRequest.objects.create(
                **fields, status=R.PENDING, expires_at=now + timedelta(hours=hours)
            )
    except IntegrityError:
        existing = open_request_between(requester, recipient, now)
        if existing is None:
            raise
        raise already_open(existing, requester) from None


def invite_pair(
    *, first: Participant, second: Participant, by: User, note: str = ""
) -> MeetingRequest:
    """The organisers invite two participants to meet (from a match run's suggestion):
    a request in ``first``'s name to ``second``, through :func:`send_request` like every
    other request, so one live meeting per pair holds. ``second`` answers it; both see
    it on their requests page and home panel.

    Side effects: the request. Refused with a sentence naming both and the existing
    meeting or request when the pair has one open.
    """
    try:
        return send_request(
            requester=first,
            recipient=second,
            preference=Preference.MUST,
            note=note,
            source=RequestSource.ORGANISER,
            by=by,
        )
    except TradeWeekError as refused:
        existing = open_request_between(first, second)
        if existing is None:
            raise
        raise pair_already_open(existing) from refused


def meeting_place(meeting: Meeting) -> str:
    """ "14 May 10:00 (Hong Kong Time), HKCEC, table 7" in the venue's time zone."""
    venue = meeting.slot.venue
    with timezone.override(ZoneInfo(venue.time_zone)):
        when = localised.moment(meeting.slot.starts_at, year=False)
    return str(
        _("%(when)s, %(venue)s, table %(table)s")
        % {"when": when, "venue": venue.shown_name, "table": meeting.table}
    )


def pair_already_open(existing: MeetingRequest) -> TradeWeekError:
    """The refusal for staff: both names, and the meeting's time and table or who answers."""
    names = {"first": str(existing.requester), "second": str(existing.recipient)}
    meeting = live_meeting_of(existing)
    if meeting is not None:
        return TradeWeekError("pair_meeting", **names, when=meeting_place(meeting))
    if existing.status == R.ACCEPTED:
        return TradeWeekError("pair_accepted", **names)
    return TradeWeekError("pair_pending", **names, waiting=str(existing.recipient))


def respond(
    *, request: MeetingRequest, by: Participant, accept: bool, now: datetime | None = None
) -> MeetingRequest:
    """The recipient accepts or declines a pending request (once; atomic).

    Side effects: status and answer time; once the schedule is published an
    accepted request is placed in the first slot free for both (if any).
    """
    now = now or timezone.now()
    if request.recipient_id != by.pk:
        raise TradeWeekError("not_yours")
    status = R.ACCEPTED if accept else R.DECLINED
    with transaction.atomic():
        updated = MeetingRequest.objects.filter(
            pk=request.pk, status=R.PENDING, expires_at__gt=now
        ).update(status=status, responded_at=now)
        if not updated:
            raise TradeWeekError("not_pending")
        request.status, request.responded_at = status, now
        if (
            accept
            and WeekRules.objects.filter(
                edition_id=request.edition_id, schedule_published=True
            ).exists()
        ):
            from duijie.tradeweek.services.placement import place_request

            place_request(request=request)
    return request


def withdraw(*, request: MeetingRequest, by: Participant) -> MeetingRequest:
    """The sender withdraws a pending request. Side effects: status; gives the quota back."""
    if request.requester_id != by.pk:
        raise TradeWeekError("not_yours")
    if not MeetingRequest.objects.filter(pk=request.pk, status=R.PENDING).update(
        status=R.CANCELLED
    ):
        raise TradeWeekError("not_pending")
    request.refresh_from_db()
    return request


def expire_requests(*, edition: Edition, now: datetime | None = None) -> int:
    """Mark pending requests past their expiry time as expired; returns how many."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(
        edition=edition, status=R.PENDING, expires_at__lte=now
    ).update(status=R.EXPIRED)


def create_mandatory(
    *,
    requester: Participant,
    recipient: Participant,
    by: User,
    slot: MeetingSlot | None = None,
    table: int | None = None,
    note: str = "",
) -> MeetingRequest:
    """An organiser's meeting: accepted at once, outranking optional ones, optionally
    fixed to a slot (and table). An open request between the two (either direction,
    pending or accepted) becomes that mandatory meeting instead of being refused.

    Side effects: creates the request, or updates the open one.
    """
    _check_pair(requester, recipient)
    fields = {
        "status": R.ACCEPTED,
        "mandatory": True,
        "locked_slot": slot,
        "locked_table": table if slot is not None else None,
    }
    try:
        with transaction.atomic():
            existing = _open_between(requester, recipient)
            if existing is not None:
                return _make_mandatory(existing, fields=fields, note=note)
            return MeetingRequest.objects.create(
                edition_id=requester.edition_id,
                requester=requester,
                recipient=recipient,
                preference=Preference.MUST,
                note=note,
                source=RequestSource.ORGANISER,
                created_by=by,
                responded_at=timezone.now(),
                **fields,
            )
    except IntegrityError:
        raise TradeWeekError("already_requested") from None


def _open_between(first: Participant, second: Participant) -> MeetingRequest | None:
    pair = Q(requester=first, recipient=second) | Q(requester=second, recipient=first)
    return (
        MeetingRequest.objects.select_for_update()
        .filter(pair, status__in=[R.PENDING, R.ACCEPTED])
        .order_by("pk")
        .first()
    )


def _make_mandatory(
    request: MeetingRequest, *, fields: dict[str, object], note: str
) -> MeetingRequest:
    if request.status == R.PENDING:
        request.responded_at = timezone.now()
    for name, value in fields.items():
        setattr(request, name, value)
    request.note = note or request.note
    request.save()
    return request


@dataclass(frozen=True)
class MeetingPath:
    """Whom a reader would meet about a project or an organisation, and what is open."""

    target: Participant
    existing: MeetingRequest | None


def meeting_path(
    user: User, *, project_id: int | None = None, organisation_id: int | None = None
) -> MeetingPath | None:
    """The current edition's participant behind ``project_id`` (else ``organisation_id``)
    that ``user`` could ask to meet, with the pair's open request; None when ``user``
    does not take part, nobody stands behind it, or it is ``user`` themself."""
    edition = current_edition()
    me = participant_for(user, edition) if edition is not None else None
    if me is None or (project_id is None and organisation_id is None):
        return None
    found = Participant.objects.filter(edition=edition).exclude(pk=me.pk)
    found = (
        found.filter(project_id=project_id)
        if project_id
        else found.filter(organisation_id=organisation_id)
    )
    target = found.select_related("user", "organisation").order_by("pk").first()
    if target is None:
        return None
    return MeetingPath(target, open_request_between(me, target))
