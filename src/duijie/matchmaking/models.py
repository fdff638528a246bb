"""Match runs, their stored recommendations, feedback on them and weight fits.

A :class:`MatchRun` is one press of "run matching" for an edition: the parameters
and weights used, the load per investor before and after spreading, and its
:class:`Recommendation` rows (plain values copied out of the core's results).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _


class MatchRun(models.Model):
    """One matching run over an edition's projects, investors and buyers."""

    edition = models.ForeignKey(
        "reference.Edition",
        on_delete=models.CASCADE,
        related_name="match_runs",
        verbose_name=_("edition"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TaskResultStatus.choices,
        default=TaskResultStatus.READY,
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    weights = models.JSONField(_("weights used"), default=dict, blank=True)
    load_before = models.JSONField(_("load before spreading"), default=dict, blank=True)
    load_after = models.JSONField(_("load after spreading"), default=dict, blank=True)
    loads = models.JSONField(_("load per investor"), default=list, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    # Which ranker ranked the project ↔ investor pairs and why (``runner.ranker_summary``):
    # {"used": "learned" | "engine", "why": "" | code, "train_queries", "rounds", …}.
    ranker = models.JSONField(_("ranker"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    job_id = models.PositiveBigIntegerField(_("background job"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.edition} #{self.pk}"


class Side(models.TextChoices):
    PROJECT_INVESTOR = "project_investor", _("Investors for a project")
    INVESTOR_PROJECT = "investor_project", _("Projects for an investor")
    BUYER_SUPPLIER = "buyer_supplier", _("Suppliers for a buyer")


class Recommendation(models.Model):
    """One suggested pair of a run, ranked from the point of view of ``side``.

    ``project_investor``: for ``project``, the investor ``organisation`` at ``rank``.
    ``investor_project``: for the investor ``organisation``, ``project`` at ``rank``.
    ``buyer_supplier``: for the ``buyer`` (organisation), the supplier ``organisation``.
    ``reasons`` is a list of ``{"code", "params", "texts": {language: sentence}}``;
    ``signals`` maps each signal name to its score (the vector used to fit weights).
    """

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="recommendations")
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    project = models.ForeignKey(
        "catalogue.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_recommendations",
        verbose_name=_("project"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_recommendations",
        verbose_name=_("investor or supplier"),
    )
    buyer = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buyer"),
    )
    need = models.ForeignKey(
        "directory.BuyingNeed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buying need"),
    )
    candidate_name = models.CharField(_("name as entered"), max_length=300)
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    investor_interest = models.FloatField(_("investor interest"), default=0.0)
    project_interest = models.FloatField(_("project interest"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    signals = models.JSONField(_("signals"), default=dict, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["run", "side", "rank", "id"]
        indexes = [
            models.Index(fields=["run", "side", "project"]),
            models.Index(fields=["run", "side", "organisation"]),
            models.Index(fields=["run", "side", "buyer"]),
        ]

    def __str__(self) -> str:
        return f"{self.side} #{self.rank} {self.candidate_name}"


class Verdict(models.TextChoices):
    GOOD = "good", _("Good suggestion")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class FeedbackReason(models.TextChoices):
    NONE = "", _("No reason given")
    INDUSTRY = "industry", _("Wrong industry")
    SIZE = "size", _("Ticket size does not fit")
    REGION = "region", _("Wrong region")
    STAGE = "stage", _("Wrong stage")
    VOLUME = "volume", _("Volume does not fit")
    CERTIFICATION = "certification", _("Certification missing")
    SEASON = "season", _("Wrong season")
    PRICE = "price", _("Price does not fit")
    DELIVERY = "delivery", _("Delivery too slow or too far")
    KNOWN = "known", _("Already in contact")
    OTHER = "other", _("Other")


R = FeedbackReason
# Why-not options per reader (constraints as data): what the suggestion's reader may say.
# ``buyer`` reads suppliers, ``supplier`` reads buyers, ``owner`` reads investors for a
# project, ``investor`` reads projects.
FEEDBACK_OPTIONS: dict[str, tuple[FeedbackReason, ...]] = {
    "owner": (R.INDUSTRY, R.SIZE, R.STAGE, R.REGION, R.KNOWN, R.OTHER),
    "investor": (R.STAGE, R.SIZE, R.INDUSTRY, R.REGION, R.KNOWN, R.OTHER),
    "buyer": (R.VOLUME, R.CERTIFICATION, R.SEASON, R.PRICE, R.DELIVERY, R.KNOWN, R.OTHER),
    "supplier": (R.VOLUME, R.PRICE, R.DELIVERY, R.SEASON, R.KNOWN, R.OTHER),
}


class MatchFeedback(models.Model):
    """One user's verdict on one recommendation (an outcome for fitting weights)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_feedback"
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    reason = models.CharField(
        _("why"), max_length=20, choices=FeedbackReason.choices, blank=True, default=""
    )
    text = models.CharField(_("comment"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("match feedback")
        verbose_name_plural = _("match feedback")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "user"], name="one_feedback_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.verdict}"


class FitKind(models.TextChoices):
    """Which signals a weight fit weighs: investor matching's or the buyer–supplier ones."""

    INVESTOR = "investor", _("Investors and projects")
    SUPPLY = "supply", _("Buyers and suppliers")


class WeightFit(models.Model):
    """One attempt to fit weights from outcomes: the result or why there was none."""

    kind = models.CharField(
        _("signals"), max_length=10, choices=FitKind.choices, default=FitKind.INVESTOR
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    weights = models.JSONField(_("fitted weights"), default=dict, blank=True)
    intercept = models.FloatField(_("intercept"), null=True, blank=True)
    n_outcomes = models.PositiveIntegerField(_("outcomes"), default=0)
    n_positive = models.PositiveIntegerField(_("positive outcomes"), default=0)
    sources = models.JSONField(_("outcomes by source"), default=dict, blank=True)
    problem = models.CharField(_("problem"), max_length=40, blank=True)
    problem_params = models.JSONField(default=dict, blank=True)
    validation = models.JSONField(_("held-out check"), default=dict, blank=True)
    adopted = models.BooleanField(_("adopted"), default=False)

    class Meta:
        verbose_name = _("weight fit")
        verbose_name_plural = _("weight fits")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.n_outcomes})"

    @property
    def succeeded(self) -> bool:
        return not self.problem

    @property
    def zeroed(self) -> list[str]:
        """Signals the fit gave no weight (negative or no effect on the outcomes)."""
        return [name for name, weight in self.weights.items() if not weight]
