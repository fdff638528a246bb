"""Invitations and registrations: approval, capacity and the waiting list.

Capacity holds under concurrent sign-ups: the event row is locked
(``select_for_update``; on SQLite the IMMEDIATE transaction takes the write lock)
and a seat is taken by an atomic conditional update of ``confirmed_count``,
which a check constraint also bounds by ``capacity``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from duijie.accounts.models import User
from duijie.accounts.roles import READ_ONLY_ROLES
from duijie.tradeweek.models import Event, Registration, RegistrationRule, RegistrationStatus
from duijie.tradeweek.phrases import TradeWeekError

S = RegistrationStatus
LIVE = (S.INVITED, S.PENDING, S.CONFIRMED, S.WAITLISTED)


def _take_seat(event: Event) -> bool:
    """Take one seat if any is left (atomic conditional update)."""
    has_room = Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity"))
    taken = (
        Event.objects.filter(pk=event.pk)
        .filter(has_room)
        .update(confirmed_count=F("confirmed_count") + 1)
    )
    return taken == 1


def _release_seat(event: Event) -> None:
    Event.objects.filter(pk=event.pk, confirmed_count__gt=0).update(
        confirmed_count=F("confirmed_count") - 1
    )


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _seat_or_wait(registration: Registration) -> Registration:
    registration.status = S.CONFIRMED if _take_seat(registration.event) else S.WAITLISTED
    registration.save(update_fields=["status", "updated_at"])
    return registration


def registration_closed(event: Event, user: User, now: datetime | None = None) -> str:
    """Why ``user`` cannot sign up for ``event`` at all (an error code), or "" when they
    may: the event has ended, or the user's role only reads (leadership)."""
    if event.ends_at <= (now or timezone.now()):
        return "event_over"
    if getattr(user, "role", "") in READ_ONLY_ROLES:
        return "read_only_role"
    return ""


def sign_up(*, event: Event, user: User, now: datetime | None = None) -> Registration:
    """A person registering themself: refused for past events and read-only roles
    (:func:`registration_closed`), else :func:`register`. Side effects: as register."""
    closed = registration_closed(event, user, now)
    if closed:
        raise TradeWeekError(closed)
    return register(event=event, user=user)


def register(*, event: Event, user: User) -> Registration:
    """Sign ``user`` up: confirmed while seats last, then waiting list; approval events
    wait for staff; invitation-only events need an invitation.

    Side effects: creates or updates the registration; may take a seat.
    """
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status in (
            S.PENDING,
            S.CONFIRMED,
            S.WAITLISTED,
        ):
            raise TradeWeekError("already_registered")
        invited = registration is not None and registration.status == S.INVITED
        if event.rule == RegistrationRule.INVITATION and not invited:
            raise TradeWeekError("invitation_only")
        if registration is None:
            registration = Registration(event=event, user=user, status=S.PENDING)
        registration.event = event
        if event.rule == RegistrationRule.APPROVAL and not invited:
            registration.status = S.PENDING
            registration.save()
            return registration
        registration.save()
        return _seat_or_wait(registration)


def invite(*, event: Event, user: User) -> Registration:
    """Invite ``user`` (staff). Side effects: creates an invited registration if none is live."""
    registration, created = Registration.objects.get_or_create(
        event=event, user=user, defaults={"status": S.INVITED}
    )
    if not created and registration.status not in LIVE:
        registration.status = S.INVITED
        registration.save(update_fields=["status", "updated_at"])
    return registration


def approve(*, registration: Registration) -> Registration:
    """Approve a pending registration: confirmed if a seat is left, else waiting list."""
    with transaction.atomic():
        _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != S.PENDING:
            raise TradeWeekError("not_pending")
        return _seat_or_wait(registration)


def decline(*, registration: Registration) -> Registration:
    """Decline a pending or waiting registration (staff). Side effects: status only."""
    updated = Registration.objects.filter(
        pk=registration.pk, status__in=(S.PENDING, S.WAITLISTED)
    ).update(status=S.DECLINED, updated_at=timezone.now())
    if not updated:
        raise TradeWeekError("not_pending")
    registration.refresh_from_db()
    return registration


def cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first on the waiting list.

    Returns the promoted registration, if any. Side effects: statuses and seat count.
    """
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in LIVE:
            raise TradeWeekError("not_registered")
        had_seat = registration.status == S.CONFIRMED
        registration.status = S.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if not had_seat:
            return None
        _release_seat(event)
        return promote_waiting(event=event)


def promote_waiting(*, event: Event) -> Registration | None:
    """Give a free seat to the longest-waiting registration (call inside the event lock)."""
    waiting = event.registrations.filter(status=S.WAITLISTED).order_by("created_at", "id").first()
    if waiting is None or not _take_seat(event):
        return None
    waiting.status = S.CONFIRMED
    waiting.save(update_fields=["status", "updated_at"])
    return waiting


def check_in_registration(*, registration: Registration, by: User | None = None) -> bool:
    """Mark a confirmed registration as checked in (by ``by``); False if it already was
    or is not confirmed."""
    updated = Registration.objects.filter(
        pk=registration.pk, status=S.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=timezone.now(), checked_in_by=by)
    return updated == 1
