"""Organiser set-up screens: venues and travel times, events, the meeting slot grid,
request rules and enrolment. Forms validate; ``services.planning`` and
``services.participants`` do the writes."""

from __future__ import annotations

from itertools import groupby
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from duijie.accounts.access import permission_required
from duijie.tradeweek.models import Event, EventSpeaker, MeetingSlot, Participant, TravelTime, Venue
from duijie.tradeweek.planning_forms import (
    EnrolForm,
    EventForm,
    RequestRulesForm,
    SlotGenerationForm,
    TravelTimeForm,
    VenueForm,
)
from duijie.tradeweek.services import planning, speakers
from duijie.tradeweek.services.participants import enrol_many, members_of
from duijie.tradeweek.speaker_forms import SpeakerFormSet
from duijie.tradeweek.views.common import edition_or_404

manage = permission_required("tradeweek.manage_week")


@login_required
@manage
def venues(request: HttpRequest) -> HttpResponse:
    """Venues of the edition, travel times between them and the travel-time form."""
    edition = edition_or_404()
    form = TravelTimeForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        planning.set_travel_time(**form.cleaned_data)
        messages.success(request, _("Travel time saved."))
        return redirect("tradeweek:staff_venues")
    context = {
        "form": form,
        "venues": Venue.objects.filter(edition=edition).order_by("city", "name", "pk"),
        "travel": TravelTime.objects.filter(origin__edition=edition)
        .select_related("origin", "destination")
        .order_by("origin__name", "destination__name"),
    }
    return render(request, "tradeweek/staff/venues.html", context)


@login_required
@manage
def venue_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a venue, or change one of this edition's."""
    edition = edition_or_404()
    venue = get_object_or_404(Venue, pk=pk, edition=edition) if pk else None
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        planning.save_venue(edition=edition, venue=venue, **form.cleaned_data)
        messages.success(request, _("Venue saved."))
        return redirect("tradeweek:staff_venues")
    return render(request, "tradeweek/staff/venue_form.html", {"form": form, "venue": venue})


@login_required
@manage
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an event, or change one (a new time or venue updates calendar entries)."""
    edition = edition_or_404()
    event = (
        get_object_or_404(Event.objects.select_related("venue"), pk=pk, edition=edition)
        if pk
        else None
    )
    form = EventForm(request.POST or None, instance=event, edition=edition)
    if request.method == "POST" and form.is_valid():
        saved = planning.save_event(edition=edition, event=event, **form.event_fields())
        messages.success(request, _("Event saved."))
        return redirect("tradeweek:staff_event", pk=saved.pk)
    return render(request, "tradeweek/staff/event_form.html", {"form": form, "event": event})


def _slot_day(slot: MeetingSlot) -> object:
    return slot.starts_at.astimezone(ZoneInfo(slot.venue.time_zone)).date()


@login_required
@manage
def slots(request: HttpRequest) -> HttpResponse:
    """The meeting slot grid by day and venue, and the "generate slots" form."""
    edition = edition_or_404()
    form = SlotGenerationForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        made = planning.generate_slots(
            edition=edition,
            plan=form.plan(),
            venues=form.cleaned_data["venues"],
            event=form.cleaned_data["event"],
        )
        messages.success(
            request,
            _("%(created)s slots added, %(skipped)s skipped (they overlap existing slots).")
            % {"created": made.created, "skipped": made.skipped},
        )
        return redirect("tradeweek:staff_slots")
    grid = (
        MeetingSlot.objects.filter(edition=edition)
        .select_related("venue", "event")
        .order_by("starts_at", "venue__name", "pk")
    )
    days = [(day, _by_venue(list(items))) for day, items in groupby(grid, key=_slot_day)]
    return render(request, "tradeweek/staff/slots.html", {"form": form, "days": days})


def _by_venue(day_slots: list[MeetingSlot]) -> list[tuple[Venue, list[MeetingSlot]]]:
    ordered = sorted(day_slots, key=lambda s: (s.venue.name, s.venue_id, s.starts_at))
    return [(venue, list(items)) for venue, items in groupby(ordered, key=lambda s: s.venue)]


@login_required
@manage
def request_rules(request: HttpRequest) -> HttpResponse:
    """Request expiry and per-side request quotas."""
    edition = edition_or_404()
    form = RequestRulesForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        planning.save_request_rules(
            edition=edition,
            expiry_hours=form.cleaned_data["expiry_hours"],
            quotas=form.quotas(),
        )
        messages.success(request, _("Request rules saved."))
        return redirect("tradeweek:staff_rules")
    return render(request, "tradeweek/staff/rules.html", {"form": form})


@login_required
@manage
def participants(request: HttpRequest) -> HttpResponse:
    """The edition's participants and the enrolment form (pick, organisation, list)."""
    edition = edition_or_404()
    form = EnrolForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        picked = list(dict.fromkeys([*data["users"], *data["emails"]]))
        new, kept = enrol_many(edition=edition, users=picked, kind=data["kind"])
        if data["organisation"] is not None:
            more, more_kept = enrol_many(
                edition=edition,
                users=[m for m in members_of(data["organisation"]) if m not in picked],
                kind=data["kind"],
                organisation=data["organisation"],
            )
            new, kept = new + more, kept + more_kept
        messages.success(
            request,
            _("%(new)s people enrolled; %(kept)s were already taking part.")
            % {"new": len(new), "kept": kept},
        )
        return redirect("tradeweek:staff_participants")
    people = (
        Participant.objects.filter(edition=edition)
        .select_related("user", "organisation")
        .order_by("kind", "user__name", "pk")
    )
    return render(request, "tradeweek/staff/participants.html", {"form": form, "people": people})


@login_required
@manage
def event_speakers(request: HttpRequest, pk: int) -> HttpResponse:
    """An event's speakers, moderators and hosts: change, add, remove, in order."""
    event = get_object_or_404(Event, pk=pk, edition=edition_or_404())
    rows = EventSpeaker.objects.filter(event=event).select_related("person", "organisation")
    formset = SpeakerFormSet(request.POST or None, queryset=rows, prefix="speakers")
    if request.method == "POST" and formset.is_valid():
        kept = [f.instance for f in formset.forms if f.has_changed() or f.instance.pk]
        removed = [f.instance for f in formset.deleted_forms]
        speakers.save_speakers(
            event=event, rows=[r for r in kept if r not in removed], removed=removed
        )
        messages.success(request, _("Speakers and hosts saved."))
        return redirect("tradeweek:staff_event", pk=event.pk)
    context = {"event": event, "formset": formset}
    return render(request, "tradeweek/staff/speakers.html", context)
