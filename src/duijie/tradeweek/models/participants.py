"""Participants of an edition and the rules of their meeting requests (expiry, quotas)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    INVESTOR = "investor", _("Investor")
    BUYER = "buyer", _("Buyer")
    PROJECT_OWNER = "project_owner", _("Project owner")
    SUPPLIER = "supplier", _("Supplier")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A user taking part in one edition's meetings, with their side and what they bring."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    kind = models.CharField(_("side"), max_length=20, choices=ParticipantKind.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        "catalogue.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    summary = models.CharField(_("project or mandate summary"), max_length=500, blank=True)
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), null=True, blank=True)
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["edition", "user__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class WeekRules(models.Model):
    """Per-edition settings of the meeting programme."""

    edition = models.OneToOneField(
        "reference.Edition", on_delete=models.CASCADE, related_name="week_rules"
    )
    request_expiry_hours = models.PositiveIntegerField(
        _("pending requests expire after (hours)"), null=True, blank=True
    )
    schedule_published = models.BooleanField(_("schedule published"), default=False)

    class Meta:
        verbose_name = _("trade week rules")
        verbose_name_plural = _("trade week rules")

    def __str__(self) -> str:
        return str(self.edition)


class RequestQuota(models.Model):
    """How many open requests one side may send, and how many pending ones it may receive."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.CASCADE, related_name="request_quotas"
    )
    kind = models.CharField(_("side"), max_length=20, choices=ParticipantKind.choices)
    max_open_sent = models.PositiveSmallIntegerField(_("open requests sent"))
    max_pending_received = models.PositiveSmallIntegerField(_("pending requests received"))

    class Meta:
        verbose_name = _("request quota")
        verbose_name_plural = _("request quotas")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="request_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.kind}"
