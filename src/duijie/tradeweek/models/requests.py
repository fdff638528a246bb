"""Meeting requests: who asks whom, how much they want it, and where the request stands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from duijie.tradeweek.models.participants import Participant
from duijie.tradeweek.models.programme import MeetingSlot


class Preference(models.TextChoices):
    MUST = "must", _("Must meet")
    WOULD_LIKE = "would_like", _("Would like to meet")
    NO_THANKS = "no_thanks", _("No thanks")


class RequestSource(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    SEARCH = "search", _("Search")
    ORGANISER = "organiser", _("Organiser")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    DISMISSED = "dismissed", _("Not wanted")


OPEN_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class MeetingRequest(models.Model):
    """One participant asking to meet another; accepted requests are what gets scheduled.

    A pair has at most one open (pending or accepted) request per edition, whichever
    side asked: the unique index is on the pair sorted (lower id, higher id), so a
    second meeting for the same two people cannot exist even under concurrent sends.
    """

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sent_requests"
    )
    recipient = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="received_requests"
    )
    preference = models.CharField(_("preference"), max_length=12, choices=Preference.choices)
    note = models.CharField(_("note"), max_length=280, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=RequestSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, db_index=True
    )
    mandatory = models.BooleanField(_("mandatory meeting"), default=False)
    locked_slot = models.ForeignKey(
        MeetingSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed slot"),
    )
    locked_table = models.PositiveSmallIntegerField(_("fixed table"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    unscheduled_code = models.CharField(max_length=40, blank=True)
    unscheduled_params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="request_not_to_self"
            ),
            models.UniqueConstraint(
                "edition",
                Least("requester", "recipient"),
                Greatest("requester", "recipient"),
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_request_per_pair_either_way",
                violation_error_message=_("There is already an open request between you two."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"
