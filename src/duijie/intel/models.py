"""News documents as read (original and repaired text, provenance) and the facts found in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from duijie.interchange.uploads import UnguessableName


class DocumentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    HTML = "html", _("Web page")
    TEXT = "text", _("Text file")
    PASTED = "pasted", _("Pasted text")


class Document(models.Model):
    """A news document: what it said (original), how it was repaired, where it came from."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"))
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, default="utf-8")
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    original = models.FileField(
        _("original file"), upload_to=UnguessableName("intel"), blank=True, max_length=200
    )
    original_text = models.TextField(_("original text"))
    text = models.TextField(_("repaired text"))
    edits = models.JSONField(_("repairs"), default=list, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("added by"),
    )  # fmt: skip
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords(
        excluded_fields=["original_text", "text", "edits", "added_at", "original"]
    )

    class Meta:
        verbose_name = _("news document")
        verbose_name_plural = _("news documents")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class FactKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PROJECT = "project", _("Project")
    AMOUNT = "amount", _("Amount")
    EVENT = "event", _("Milestone")


class FactStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("fact", "To review")
    ACCEPTED = "accepted", pgettext_lazy("fact", "Accepted")
    REJECTED = "rejected", pgettext_lazy("fact", "Rejected")


class Fact(models.Model):
    """One thing a document says, at ``text[start:end]`` of the repaired text, to review.

    ``label`` is the entity type (company, government …), the event type (signed,
    land_acquired …) or the amount's unit; ``value`` holds what was read (amount value
    and currency, event date and project). ``organisation`` and ``deal`` are the records
    it was linked to, and ``project`` the catalogue project a project fact names — proposed
    when the document was read, confirmed on acceptance.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(_("kind"), max_length=20, choices=FactKind.choices)
    label = models.CharField(_("type"), max_length=40)
    text = models.CharField(_("text"), max_length=500)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    value = models.JSONField(_("value"), default=dict, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="news_facts", verbose_name=_("organisation"),
    )  # fmt: skip
    project = models.ForeignKey(
        "catalogue.Project", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="news_facts", verbose_name=_("catalogue project"),
    )  # fmt: skip
    deal = models.ForeignKey(
        "pipeline.Deal", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="news_facts", verbose_name=_("deal"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=FactStatus.choices, default=FactStatus.PROPOSED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["document", "start", "pk"]

    def __str__(self) -> str:
        return self.text
