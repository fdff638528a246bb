"""Scheduled meetings, their seats, standby offers, outcomes and schedule runs.

Double booking is refused by the database itself: one live meeting per (slot, table)
and one seat per (slot, participant).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.tradeweek.models.participants import Participant
from duijie.tradeweek.models.programme import MeetingSlot, checked_in_by_field
from duijie.tradeweek.models.requests import MeetingRequest


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """An accepted request placed in a slot at a table; ``sequence`` counts its changes."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"), null=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["sequence", "updated_at"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=~Q(status="cancelled"),
                name="one_meeting_per_table",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} #{self.table}"


class MeetingSeat(models.Model):
    """One person's seat at a live meeting: one seat per person and slot, check-in per person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="seats")
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = checked_in_by_field()
    no_show = models.BooleanField(_("no-show"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "participant"], name="one_seat_per_person_and_slot"
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="one_seat_per_meeting_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.slot}"


class StandbyStatus(models.TextChoices):
    OPEN = "open", _("Offered")
    TAKEN = "taken", _("Taken")
    LAPSED = "lapsed", _("No longer available")


class StandbyOffer(models.Model):
    """A freed slot and table offered to an accepted but unscheduled request."""

    request = models.ForeignKey(
        MeetingRequest, on_delete=models.CASCADE, related_name="standby_offers"
    )
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="+")
    table = models.PositiveSmallIntegerField(_("table"))
    status = models.CharField(
        max_length=8, choices=StandbyStatus.choices, default=StandbyStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="open"), name="one_open_offer_per_request"
            ),
            models.UniqueConstraint(
                fields=["slot", "table"], condition=Q(status="open"), name="one_open_offer_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.slot} #{self.table}"


class NextStep(models.TextChoices):
    NONE = "none", _("None")
    CALL = "call", _("Follow-up call")
    SITE_VISIT = "site_visit", _("Site visit")
    NDA = "nda", _("NDA")
    TERM_SHEET = "term_sheet", _("Term sheet")
    SIGNING = "signing", _("Signing intention")


class Outcome(models.Model):
    """One side's rating of a meeting and the next step they intend."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    rating = models.PositiveSmallIntegerField(_("rating"))
    next_step = models.CharField(_("next step"), max_length=12, choices=NextStep.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="one_outcome_per_side"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.rating}"


class ScheduleRun(models.Model):
    """One press of "Schedule": its figures and the input problems that stopped it."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=False)
    scheduled = models.PositiveIntegerField(default=0)
    unscheduled = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    stats = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    displaced = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.edition} {self.created_at:%Y-%m-%d %H:%M}"
