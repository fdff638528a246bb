"""Industry chains as editable data, and directory firms placed on their links.

A :class:`Chain` is a directed graph of :class:`Link` rows joined by :class:`Edge` rows
(``upstream`` supplies ``downstream``); each link maps to GB/T 4754 codes, Shenwan industry
codes and product keywords (lists, edited as text). The shipped chains of the core
(``duijie_core/chains/chains.json``) are loaded by a data migration. :class:`Placement` rows
are computed (``duijie place_firms`` or the ``chains.place_firms`` task), never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.reference.translated import TranslatedNameMixin


class Chain(TranslatedNameMixin, models.Model):
    """An industry chain (e.g. engineering machinery)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name()


class Link(TranslatedNameMixin, models.Model):
    """One link of a chain and what maps firms onto it."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="links")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    gbt = models.JSONField(_("GB/T 4754 codes"), default=list, blank=True)
    shenwan = models.JSONField(_("Shenwan industry codes"), default=list, blank=True)
    keywords = models.JSONField(_("product keywords"), default=list, blank=True)
    io_sector = models.CharField(_("input–output sector"), max_length=4, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["chain", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "code"], name="chains_link_code_once")
        ]

    def __str__(self) -> str:
        return self.display_name()


class Edge(models.Model):
    """``upstream`` supplies ``downstream`` (both links of one chain)."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="edges")
    upstream = models.ForeignKey(
        Link, on_delete=models.CASCADE, related_name="supplies", verbose_name=_("upstream link")
    )
    downstream = models.ForeignKey(
        Link, on_delete=models.CASCADE, related_name="supplied_by",
        verbose_name=_("downstream link"),
    )  # fmt: skip
    label = models.CharField(_("edge"), max_length=250, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain edge")
        verbose_name_plural = _("chain edges")
        constraints = [
            models.UniqueConstraint(fields=["upstream", "downstream"], name="chains_edge_once")
        ]

    def __str__(self) -> str:
        return f"{self.upstream} → {self.downstream}"


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")


class Placement(models.Model):
    """A directory firm on a link, with the placer's confidence and evidence.

    Placed automatically, a placement is a proposal until staff confirm it
    (:class:`PlacementReview`); a rejected one is deleted and not proposed again while its
    evidence stays the same.
    """

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="chain_placements"
    )
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="placements")
    confidence = models.FloatField(_("confidence"))
    scale = models.FloatField(_("revenue share on the link"), default=0.0)
    evidence = models.JSONField(_("evidence"), default=list)
    placed_at = models.DateTimeField(_("placed"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlacementStatus, default=PlacementStatus.PROPOSED
    )

    class Meta:
        verbose_name = _("placement on a chain link")
        verbose_name_plural = _("placements on chain links")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "link"], name="chains_placed_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.link}"


class ReviewDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class PlacementReview(models.Model):
    """Staff's decision on a firm's placement on a link, kept across placing runs.

    ``evidence_key`` fingerprints the evidence the decision was made on: a rejected placement
    is proposed again only when a later run finds different evidence.
    """

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="chain_reviews"
    )
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="reviews")
    firm_name = models.CharField(_("firm"), max_length=300, editable=False)
    decision = models.CharField(_("decision"), max_length=12, choices=ReviewDecision)
    evidence_key = models.CharField(_("evidence fingerprint"), max_length=40, editable=False)
    evidence = models.JSONField(_("evidence"), default=list)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement review")
        verbose_name_plural = _("placement reviews")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "link"], name="chains_reviewed_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.link}: {self.get_decision_display()}"
