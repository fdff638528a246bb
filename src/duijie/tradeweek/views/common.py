"""What every trade-week view needs: the current edition and the caller's participant."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from duijie.accounts.redirects import safe_next
from duijie.reference.models import Edition
from duijie.tradeweek.models import Meeting, Participant
from duijie.tradeweek.phrases import TradeWeekError
from duijie.tradeweek.services import standby
from duijie.tradeweek.services.participants import current_edition
from duijie.tradeweek.services.requests import participant_for


def edition_or_404() -> Edition:
    edition = current_edition()
    if edition is None:
        raise Http404("no current edition")
    return edition


def participant_or_404(request: HttpRequest, edition: Edition) -> Participant:
    participant = participant_for(request.user, edition)
    if participant is None:
        raise Http404("not a participant")
    return participant


def back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Redirect to ``next`` when it is on this site, else to ``fallback``."""
    return HttpResponseRedirect(safe_next(request, fallback))


def report(request: HttpRequest, error: TradeWeekError) -> None:
    messages.error(request, str(error))


def cancel_and_report(request: HttpRequest, meeting: Meeting) -> None:
    """Cancel ``meeting`` for the signed-in user and say how it went."""
    try:
        standby.cancel_meeting(meeting=meeting, by=request.user)  # type: ignore[arg-type]
    except TradeWeekError as error:
        report(request, error)
    else:
        messages.success(request, _("The meeting is cancelled."))
