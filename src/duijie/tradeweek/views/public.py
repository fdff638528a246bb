"""The public programme and event sign-up."""

from __future__ import annotations

from itertools import groupby
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.tradeweek.models import Event, Registration
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import programme
from duijie.tradeweek.views.common import back, edition_or_404, report


def _local_day(event: Event) -> object:
    return event.starts_at.astimezone(ZoneInfo(event.venue.time_zone)).date()


def programme_page(request: HttpRequest) -> HttpResponse:
    """The week's public programme, day by day."""
    edition = edition_or_404()
    events = (
        Event.objects.filter(edition=edition, is_public=True)
        .select_related("venue")
        .order_by("starts_at", "pk")
    )
    days = [(day, list(items)) for day, items in groupby(events, key=_local_day)]
    return render(request, "tradeweek/programme.html", {"edition": edition, "days": days})


def event_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with its registration rule and the caller's registration."""
    event = get_object_or_404(
        Event.objects.select_related("venue", "edition"), pk=pk, is_public=True
    )
    mine, closed = None, ""
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=event, user=request.user).first()
        closed = programme.registration_closed(event, request.user)
    context = {
        "event": event,
        "registration": mine,
        "closed": str(TradeWeekError(closed)) if closed else "",
    }
    return render(request, "tradeweek/event.html", context)


@login_required
@require_POST
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
