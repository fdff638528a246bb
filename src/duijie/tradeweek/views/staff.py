"""Organiser pages: events and registrations, requests, schedule, check-in, analytics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.history.services import history_sentences
from duijie.jobs.models import Job
from duijie.jobs.views import job_id_in
from duijie.reference.models import Edition
from duijie.tradeweek.forms import InviteForm, MandatoryMeetingForm, ScheduleForm
from duijie.tradeweek.jobs import SOLVE_KIND, enqueue_solve
from duijie.tradeweek.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Participant,
    Registration,
    RequestStatus,
    ScheduleRun,
)
from duijie.tradeweek.phrases import TradeWeekError, scheduling_reason
from duijie.tradeweek.services import (
    analytics,
    grid,
    onsite,
    programme,
    requests,
    scheduling,
    standby,
)
from duijie.tradeweek.services.speakers import speakers_by_event
from duijie.tradeweek.views.common import back, cancel_and_report, edition_or_404, report

manage = permission_required("tradeweek.manage_week")
MEETING_ROWS = Meeting.objects.select_related(
    "slot__venue", "request__requester__user", "request__recipient__user"
)


@login_required
@manage
def staff_home(request: HttpRequest) -> HttpResponse:
    edition = edition_or_404()
    counts = {
        "events": Event.objects.filter(edition=edition).count(),
        "pending_registrations": Registration.objects.filter(
            event__edition=edition, status="pending"
        ).count(),
        "requests": MeetingRequest.objects.filter(
            edition=edition, status=RequestStatus.ACCEPTED
        ).count(),
        "meetings": Meeting.objects.filter(request__edition=edition)
        .exclude(status="cancelled")
        .count(),
    }
    return render(request, "tradeweek/staff/home.html", {"edition": edition, "counts": counts})


@login_required
@manage
def staff_events(request: HttpRequest) -> HttpResponse:
    edition = edition_or_404()
    events = (
        Event.objects.filter(edition=edition).select_related("venue").order_by("starts_at", "pk")
    )
    return render(request, "tradeweek/staff/events.html", {"edition": edition, "events": events})


@login_required
@manage
def staff_event(request: HttpRequest, pk: int) -> HttpResponse:
    """One event's registrations with approve/decline, and an invitation form."""
    event = get_object_or_404(Event.objects.select_related("venue"), pk=pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No account has this email."))
        else:
            programme.invite(event=event, user=user)
            messages.success(request, _("Invitation recorded."))
            return redirect("tradeweek:staff_event", pk=pk)
    registrations = event.registrations.select_related("user").order_by(
        "status", "created_at", "pk"
    )
    return render(
        request,
        "tradeweek/staff/event.html",
        {
            "event": event,
            "speakers": speakers_by_event(
                [event.pk], english=translation.get_language() == "en"
            ).get(event.pk, []),
            "registrations": registrations,
            "form": form,
            "history": history_sentences(
                event, user=request.user, language=translation.get_language()
            ),
        },
    )


@login_required
@manage
@require_POST
def registration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    registration = get_object_or_404(Registration, pk=pk)
    actions = {
        "approve": programme.approve,
        "decline": programme.decline,
        "cancel": programme.cancel,
    }
    if action not in actions:
        return HttpResponse(status=404)
    try:
        actions[action](registration=registration)
    except TradeWeekError as error:
        report(request, error)
    return redirect("tradeweek:staff_event", pk=registration.event_id)


@login_required
@manage
def staff_requests(request: HttpRequest) -> HttpResponse:
    """All requests of the edition (filter by status) and the mandatory-meeting form."""
    edition = edition_or_404()
    form = MandatoryMeetingForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            requests.create_mandatory(by=request.user, **form.cleaned_data)
        except TradeWeekError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Mandatory meeting recorded."))
            return redirect("tradeweek:staff_requests")
    status = request.GET.get("status", "")
    rows = MeetingRequest.objects.filter(edition=edition).select_related(
        "requester__user", "recipient__user"
    )
    if status in RequestStatus.values:
        rows = rows.filter(status=status)
    context = {
        "form": form,
        "rows": rows[:500],
        "status": status,
        "statuses": RequestStatus.choices,
    }
    return render(request, "tradeweek/staff/requests.html", context)


@login_required
@manage
@require_POST
def invite_pair(request: HttpRequest, first: int, second: int) -> HttpResponse:
    """Invite two participants to meet (the "Invite both" button of a match run)."""
    edition = edition_or_404()
    people = Participant.objects.filter(edition=edition).select_related("user")
    one, other = get_object_or_404(people, pk=first), get_object_or_404(people, pk=second)
    try:
        requests.invite_pair(first=one, second=other, by=request.user)  # type: ignore[arg-type]
    except TradeWeekError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("%(first)s and %(second)s are invited to meet; %(second)s is asked to confirm.")
            % {"first": one, "second": other},
        )
    return back(request, reverse("tradeweek:staff_requests"))


@login_required
@manage
def staff_schedule(request: HttpRequest) -> HttpResponse:
    """The schedule by slot, unscheduled requests with reasons, and the Schedule button."""
    edition = edition_or_404()
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        solve = enqueue_solve(
            edition=edition, user=request.user, time_limit=form.cleaned_data["time_limit"]
        )
        return redirect(f"{reverse('tradeweek:staff_schedule')}?job={solve.pk}")
    language = translation.get_language()
    run = ScheduleRun.objects.filter(edition=edition).first()
    problems = [
        scheduling_reason(p["code"], p["params"], language) for p in (run.problems if run else [])
    ]
    unscheduled = (
        MeetingRequest.objects.filter(edition=edition, status=RequestStatus.ACCEPTED)
        .exclude(unscheduled_code="")
        .select_related("requester__user", "recipient__user")
    )
    reasons = [
        (r, scheduling_reason(r.unscheduled_code, r.unscheduled_params, language))
        for r in unscheduled
    ]
    context = {
        "form": form,
        "solve": Job.objects.filter(pk=job_id_in(request), kind=SOLVE_KIND).first(),
        "run": run,
        "displaced": scheduling.displaced_meetings(run),
        "problems": problems,
        "grid": _grid(request, edition),
        "now": timezone.now(),
        "reasons": reasons,
        "slots": MeetingSlot.objects.filter(edition=edition).count(),
    }
    return render(request, "tradeweek/staff/schedule.html", context)


def _grid(request: HttpRequest, edition: Edition) -> grid.Grid:
    """The grid for the venue and day in the query string (``?venue=<id>&day=YYYY-MM-DD``)."""
    venue = request.GET.get("venue", "")
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    return grid.schedule_grid(
        edition=edition,
        venue_id=int(venue) if venue.isdigit() else None,
        day=day,
        now=timezone.now(),
    )


@login_required
@manage
def meeting_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a free table and time for a meeting (both people free then) and move it."""
    meeting = get_object_or_404(MEETING_ROWS, pk=pk)
    places = standby.free_places(meeting)
    if request.method == "POST":
        chosen = request.POST.get("place", "")
        target = next(((s, t) for s, t in places if f"{s.pk}-{t}" == chosen), None)
        try:
            if target is None:
                raise TradeWeekError("seat_taken")
            standby.move_meeting(meeting=meeting, slot=target[0], table=target[1])
        except TradeWeekError as error:
            report(request, error)
        else:
            messages.success(request, _("The meeting is moved; both sides see the new time."))
            return redirect(_grid_url(target[0]))
    context = {"meeting": meeting, "places": places, "back": _grid_url(meeting.slot)}
    return render(request, "tradeweek/staff/move.html", context)


@login_required
@manage
def meeting_staff_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then cancel (the freed seat goes on standby)."""
    meeting = get_object_or_404(MEETING_ROWS, pk=pk)
    if request.method == "POST":
        cancel_and_report(request, meeting)
        return redirect(_grid_url(meeting.slot))
    context = {"meeting": meeting, "back": _grid_url(meeting.slot)}
    return render(request, "tradeweek/staff/cancel.html", context)


@login_required
@manage
def seat_fill(request: HttpRequest, slot_pk: int, table: int) -> HttpResponse:
    """Fill a free table from the waiting requests that could sit there."""
    slot = get_object_or_404(MeetingSlot.objects.select_related("venue"), pk=slot_pk)
    waiting = standby.waiting_for(slot=slot, table=table)
    if request.method == "POST":
        chosen = next((r for r in waiting if str(r.pk) == request.POST.get("request")), None)
        try:
            if chosen is None:
                raise TradeWeekError("not_free")
            standby.fill_seat(slot=slot, table=table, request=chosen)
        except TradeWeekError as error:
            report(request, error)
        else:
            messages.success(request, _("The meeting is booked."))
            return redirect(_grid_url(slot))
    context = {"slot": slot, "table": table, "waiting": waiting, "back": _grid_url(slot)}
    return render(request, "tradeweek/staff/fill.html", context)


def _grid_url(slot: MeetingSlot) -> str:
    day = grid.local_day(slot).isoformat()
    return f"{reverse('tradeweek:staff_schedule')}?venue={slot.venue_id}&day={day}"


@login_required
@manage
def staff_offers(request: HttpRequest) -> HttpResponse:
    """Every standby offer: the freed seat, the request it went to, where it stands."""
    edition = edition_or_404()
    standby.withdraw_stale_offers(edition=edition)
    offers = standby.offers_of(edition)
    return render(request, "tradeweek/staff/offers.html", {"edition": edition, "offers": offers})


@login_required
@manage
def schedule_export(request: HttpRequest) -> HttpResponse:
    """The instance JSON for ``duijie schedule solve``."""
    edition = edition_or_404()
    response = JsonResponse(
        scheduling.instance_json(edition), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-instance.json"'
    return response


@login_required
@manage
@require_POST
def no_show(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        onsite.mark_no_show(meeting=meeting, participant_id=participant_pk)
    except TradeWeekError as error:
        report(request, error)
    return back(request, reverse("tradeweek:staff_schedule"))


@login_required
@permission_required("tradeweek.view_analytics")
def staff_analytics(request: HttpRequest) -> HttpResponse:
    """The funnel (total and by event, industry or city) and the fairness view."""
    edition = edition_or_404()
    by = request.GET.get("by", "event")
    by = by if by in analytics.GROUPINGS else "event"
    rows = analytics.funnel(edition, by=by)
    fairness = analytics.fairness(edition, language=translation.get_language())
    chart = {
        "stages": list(analytics.STAGES),
        "values": [rows[0].counts[s] for s in analytics.STAGES],
    }
    context = {
        "rows": rows,
        "by": by,
        "groupings": analytics.GROUPINGS,
        "stages": analytics.STAGES,
        "fairness": fairness,
        "zero": [f for f in fairness if f.meetings == 0],
        "chart": chart,
    }
    return render(request, "tradeweek/staff/analytics.html", context)
