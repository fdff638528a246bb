"""Every sentence the trade week shows for an error code, in one place (translated)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from duijie.localised import reader_language
from duijie_core.scheduling.phrases import describe

ERRORS = {
    "invitation_only": _("This event is by invitation only."),
    "event_over": _("This event has ended, so registration is closed."),
    "read_only_role": _(
        "Your account is read-only (leadership), so it cannot register for events."
    ),
    "already_registered": _("You are already registered for this event."),
    "not_registered": _("There is no registration to change."),
    "not_pending": _("This request is no longer waiting for an answer."),
    "not_a_participant": _("You are not a participant of this trade week."),
    "self_request": _("You cannot ask to meet yourself."),
    "other_edition": _("Both participants must belong to the same trade week."),
    "already_requested": _("There is already an open request between you two."),
    "already_meeting": _("You already have a meeting with %(name)s; see it in your agenda."),
    "already_accepted": _(
        "You have already agreed to meet %(name)s; the meeting will appear in your agenda "
        "once it is scheduled."
    ),
    "already_asked_you": _("%(name)s has already asked to meet you; please answer that request."),
    "pair_meeting": _("%(first)s and %(second)s already have a meeting: %(when)s."),
    "pair_accepted": _(
        "%(first)s and %(second)s have already agreed to meet; the meeting waits for the schedule."
    ),
    "pair_pending": _(
        "There is already an open request between %(first)s and %(second)s, waiting for "
        "%(waiting)s to answer."
    ),
    "quota_sent": _("You have reached your limit of %(limit)s open requests."),
    "quota_received": _("%(name)s cannot take more requests right now; please try later."),
    "no_free_slot": _("No slot is free for both of you at the moment."),
    "not_yours": _("This belongs to someone else."),
    "offer_gone": _("This slot has been taken in the meantime."),
    "bad_token": _("This check-in code is not valid."),
    "not_live": _("This meeting is not scheduled any more."),
    "already_held": _("This meeting has already been held; it cannot be cancelled."),
    "seat_taken": _("This table is no longer free then; choose another one."),
    "not_free": _("One of the two is not free then; choose another time."),
}


class TradeWeekError(Exception):
    """A refused action: a code with parameters, shown through :data:`ERRORS`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return str(ERRORS[self.code]) % self.params if self.params else str(ERRORS[self.code])


def scheduling_reason(code: str, params: Mapping[str, object], language: str | None) -> str:
    """The core's sentence for a scheduling code in the interface language."""
    return describe(code, params, reader_language(language))
