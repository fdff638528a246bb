"""A participant's pages: agenda (page, PDF, calendar feed), meeting requests,
cancelling, standby offers and the 30-second outcome form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.localised import absolute_url
from duijie.pdf import render_template_pdf
from duijie.tradeweek.forms import MeetingRequestForm, OutcomeForm, ParticipantSearchForm
from duijie.tradeweek.matching import reason_to_meet, suggested_people
from duijie.tradeweek.models import (
    Meeting,
    MeetingRequest,
    Participant,
    RequestSource,
    RequestStatus,
    StandbyOffer,
)
from duijie.tradeweek.phrases import TradeWeekError, scheduling_reason
from duijie.tradeweek.services import onsite, requests, standby
from duijie.tradeweek.services.agenda import agenda_for, calendar_for, open_offers
from duijie.tradeweek.services.participants import search_participants, summary_of
from duijie.tradeweek.views.common import (
    back,
    cancel_and_report,
    edition_or_404,
    participant_or_404,
    report,
)


def _agenda_context(request: HttpRequest, *, pdf: bool = False) -> dict[str, object]:
    edition = edition_or_404()
    participant = requests.participant_for(request.user, edition)
    items = agenda_for(user_id=request.user.pk, edition_id=edition.pk, participant=participant)
    rows = [
        {
            "item": item,
            "summary": summary_of(item.counterpart) if item.counterpart else "",
            "qr": _qr(request, item, pdf=pdf),
        }
        for item in items
    ]
    offers = open_offers(participant) if participant else []
    return {"edition": edition, "participant": participant, "rows": rows, "offers": offers}


def _qr(request: HttpRequest, item: object, *, pdf: bool) -> str:
    seat, registration = getattr(item, "seat", None), getattr(item, "registration", None)
    if seat is not None:
        kind, pk = "m", seat.pk
    elif registration is not None:
        kind, pk = "r", registration.pk
    else:
        return ""
    site = absolute_url("/", request)
    return onsite.check_in_qr(kind, pk, site, pdf=pdf, day=timezone.localdate())


@login_required
def agenda(request: HttpRequest) -> HttpResponse:
    """My agenda: events and meetings with table, counterpart and what they bring."""
    return render(request, "tradeweek/agenda.html", _agenda_context(request))


@login_required
def agenda_pdf(request: HttpRequest) -> HttpResponse:
    """My agenda as a printable PDF."""
    language = translation.get_language() or "zh-hant"
    pdf = render_template_pdf(
        "tradeweek/agenda_pdf.html",
        {**_agenda_context(request, pdf=True), "user": request.user},
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="agenda.pdf"'
    return response


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a participant's secret token (no login)."""
    participant = get_object_or_404(
        Participant.objects.select_related("edition"), calendar_token=token
    )
    calendar = calendar_for(participant, url=absolute_url(reverse("tradeweek:agenda"), request))
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="duijie-agenda.ics"'
    return response


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests to answer, requests sent, suggestions and search."""
    edition = edition_or_404()
    participant = participant_or_404(request, edition)
    requests.expire_requests(edition=edition)
    search = ParticipantSearchForm()
    related = (
        "requester__user",
        "recipient__user",
        "requester__organisation",
        "recipient__organisation",
    )
    language = translation.get_language()
    sent = list(
        participant.sent_requests.exclude(status=RequestStatus.DISMISSED).select_related(*related)
    )
    for item in sent:
        item.reason = (
            scheduling_reason(item.unscheduled_code, item.unscheduled_params, language)
            if item.unscheduled_code
            else ""
        )  # type: ignore[attr-defined]
    context = {
        "participant": participant,
        "search": search,
        "sent": sent,
        "incoming": participant.received_requests.filter(
            status=RequestStatus.PENDING
        ).select_related(*related),
        "suggestions": [
            {"person": found, "summary": summary_of(found.participant)}
            for found in suggested_people(participant)
        ],
        "now": timezone.now(),
    }
    return render(request, "tradeweek/requests.html", context)


PARTICIPANTS_PER_PAGE = 30


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    """The week's participants (search by name or organisation, filter by side; the sides
    the reader comes to meet first, ``SIDES_MET``), each with their organisation and project
    and "Request a meeting", or the pair's open request or meeting instead (one query for
    the page's open requests)."""
    edition = edition_or_404()
    participant = participant_or_404(request, edition)
    search = ParticipantSearchForm(request.GET or None)
    wanted = search.cleaned_data if search.is_valid() else {}
    found = search_participants(
        edition,
        text=wanted.get("q", ""),
        kind=wanted.get("kind", ""),
        exclude=participant.pk,
        reader_kind=participant.kind,
    ).select_related("project__edition")
    page = Paginator(found, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    people = list(page.object_list)
    open_pairs = requests.open_requests_among([participant.pk, *(p.pk for p in people)])
    rows = [_participant_row(participant, other, open_pairs) for other in people]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"search": search, "rows": rows, "page": page, "query": query.urlencode()}
    return render(request, "tradeweek/participants.html", context)


def _participant_row(
    me: Participant, other: Participant, open_pairs: dict[frozenset[int], MeetingRequest]
) -> dict[str, object]:
    existing = open_pairs.get(frozenset((me.pk, other.pk)))
    return {
        "other": other,
        "summary": summary_of(other),
        "existing": str(requests.already_open(existing, me)) if existing else "",
        "existing_url": requests.open_request_url(existing) if existing else "",
    }


@login_required
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask one participant for a meeting, with a graded preference and a short note.

    A pair with an open request (either way) or a meeting is shown that instead of the
    form: one live meeting per pair per edition."""
    edition = edition_or_404()
    participant = participant_or_404(request, edition)
    other = get_object_or_404(
        Participant.objects.select_related("user", "organisation", "project"),
        pk=pk,
        edition=edition,
    )
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests.send_request(
                requester=participant,
                recipient=other,
                source=_request_source(request),
                **form.cleaned_data,
            )
        except TradeWeekError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request is recorded."))
            return redirect("tradeweek:requests")
    existing = requests.open_request_between(participant, other)
    context = {
        "form": form,
        "other": other,
        "summary": summary_of(other),
        "reason": reason_to_meet(participant, other),
        "existing": existing,
        "existing_meeting": requests.live_meeting_of(existing) if existing else None,
        "existing_text": str(requests.already_open(existing, participant)) if existing else "",
        "existing_url": requests.open_request_url(existing) if existing else "",
    }
    return render(request, "tradeweek/request_new.html", context)


def _request_source(request: HttpRequest) -> str:
    if request.GET.get("from") == "suggestion":
        return RequestSource.SUGGESTION
    return RequestSource.SEARCH


@login_required
@require_POST
def request_respond(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request, edition_or_404())
    meeting_request = get_object_or_404(MeetingRequest, pk=pk, recipient=participant)
    try:
        requests.respond(
            request=meeting_request, by=participant, accept=request.POST.get("answer") == "accept"
        )
    except TradeWeekError as error:
        report(request, error)
    return back(request, reverse("tradeweek:requests"))


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request, edition_or_404())
    meeting_request = get_object_or_404(MeetingRequest, pk=pk, requester=participant)
    try:
        requests.withdraw(request=meeting_request, by=participant)
    except TradeWeekError as error:
        report(request, error)
    return back(request, reverse("tradeweek:requests"))


def _meeting_for(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("request__requester", "request__recipient", "slot"), pk=pk
    )
    if not request.user.has_perm("tradeweek.change_meeting", meeting):
        raise PermissionDenied
    return meeting


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    cancel_and_report(request, _meeting_for(request, pk))
    return back(request, reverse("tradeweek:agenda"))


@login_required
def meeting_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Rate the meeting and name the next step: one small form, big buttons."""
    meeting = _meeting_for(request, pk)
    participant = participant_or_404(request, edition_or_404())
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onsite.record_outcome(meeting=meeting, participant=participant, **form.cleaned_data)
        except TradeWeekError as error:  # staff who take part may open others' meetings
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you, your answer is recorded."))
            return redirect("tradeweek:agenda")
    return render(request, "tradeweek/outcome.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def offer_take(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request, edition_or_404())
    offer = get_object_or_404(StandbyOffer.objects.select_related("request", "slot"), pk=pk)
    try:
        standby.take_offer(offer=offer, by_participant_id=participant.pk)
    except TradeWeekError as error:
        report(request, error)
    else:
        messages.success(request, _("The meeting is booked."))
    return back(request, reverse("tradeweek:agenda"))
