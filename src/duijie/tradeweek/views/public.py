"""The public programme and event sign-up."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.throttle import REGISTRATION_PER_IP, ip_key, rate_limit
from duijie.tradeweek.forms import ProgrammeFilterForm
from duijie.tradeweek.models import Event, Registration, RegistrationStatus, Venue
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import programme, speakers
from duijie.tradeweek.views.common import back, edition_or_404, report


def _local_day(event: Event) -> date:
    return event.starts_at.astimezone(ZoneInfo(event.venue.time_zone)).date()


def programme_page(request: HttpRequest) -> HttpResponse:
    """The week's public programme, day by day, filtered by day, city, venue and kind;
    open events carry an "add to my agenda" button while registration is open."""
    edition = edition_or_404()
    events = list(
        Event.objects.filter(edition=edition, is_public=True)
        .select_related("venue")
        .order_by("starts_at", "pk")
    )
    venues = Venue.objects.filter(events__in=[e.pk for e in events]).distinct().order_by("name")
    form = ProgrammeFilterForm(
        request.GET or None, days=sorted({_local_day(e) for e in events}), venues=venues
    )
    english = translation.get_language() == "en"
    lines = speakers.speakers_by_event([e.pk for e in events], english=english)
    wanted = form.cleaned_data if form.is_valid() else {}
    shown = _filtered(events, wanted)
    if wanted.get("speaker"):
        matching = speakers.events_with_speaker(lines, wanted["speaker"])
        shown = [e for e in shown if e.pk in matching]
    for event in shown:
        event.speaker_lines = lines.get(event.pk, [])  # type: ignore[attr-defined]
    days = [(day, list(items)) for day, items in groupby(shown, key=_local_day)]
    context = {
        "edition": edition,
        "days": days,
        "form": form,
        "mine": {
            pk: RegistrationStatus(status).label
            for pk, status in _my_registrations(request, shown).items()
        },
        "closed": {e.pk for e in shown if programme.registration_closed(e, request.user)},
    }
    return render(request, "tradeweek/programme.html", context)


def _filtered(events: list[Event], wanted: dict[str, object]) -> list[Event]:
    day, city, venue, kind = (wanted.get(k) for k in ("day", "city", "venue", "kind"))
    return [
        e
        for e in events
        if (not day or _local_day(e).isoformat() == day)
        and (not city or e.venue.city == city)
        and (venue is None or e.venue_id == venue.pk)  # type: ignore[attr-defined]
        and (not kind or e.kind == kind)
    ]


def _my_registrations(request: HttpRequest, events: list[Event]) -> dict[int, str]:
    if not request.user.is_authenticated:
        return {}
    found = Registration.objects.filter(user=request.user, event__in=[e.pk for e in events])
    return dict(found.exclude(status="cancelled").values_list("event_id", "status"))


def event_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with its registration rule and the caller's registration."""
    event = get_object_or_404(
        Event.objects.select_related("venue", "edition"), pk=pk, is_public=True
    )
    mine, closed = None, ""
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=event, user=request.user).first()
        closed = programme.registration_closed(event, request.user)
    english = translation.get_language() == "en"
    context = {
        "event": event,
        "speakers": speakers.speakers_by_event([event.pk], english=english).get(event.pk, []),
        "registration": mine,
        "closed": str(TradeWeekError(closed)) if closed else "",
    }
    return render(request, "tradeweek/event.html", context)


@login_required
@require_POST
@rate_limit("tradeweek.register", ip_key, REGISTRATION_PER_IP)
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk, is_public=True)
    try:
        registration = programme.sign_up(event=event, user=request.user)
    except TradeWeekError as error:
        report(request, error)
    else:
        messages.success(
            request, _("Registration: %(status)s") % {"status": registration.get_status_display()}
        )
    return back(request, reverse("tradeweek:event", args=[pk]))


@login_required
@require_POST
def cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, pk=pk, user=request.user)
    try:
        programme.cancel(registration=registration)
    except TradeWeekError as error:
        report(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return back(request, reverse("tradeweek:agenda"))
