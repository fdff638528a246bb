"""The deal pipeline: deals, their dated stage evidence, capital arrivals,
exchange rates, re-signing suspicions and aftercare.

``Deal`` keeps denormalised figures (current stage, the first evidenced date of
each milestone, amounts in the reporting currency, last progress) so the
dashboard aggregates one table; :mod:`duijie.pipeline.services` is the only
writer and keeps them in step with the events.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from duijie.interchange.uploads import UnguessableName
from duijie.pipeline.phrases import reason_sentences
from duijie_core.pipeline.stages import Stage as CoreStage

REPORTING_CURRENCY = "CNY"
CURRENCY_CHOICES = [(c, c) for c in ("CNY", "HKD", "USD", "MOP", "EUR", "JPY", "GBP", "TWD", "SGD")]


class Stage(models.IntegerChoices):
    LEAD = CoreStage.LEAD, pgettext_lazy("deal stage", "Lead")
    NEGOTIATING = CoreStage.NEGOTIATING, pgettext_lazy("deal stage", "Negotiating")
    SIGNED = CoreStage.SIGNED, pgettext_lazy("deal stage", "Signed")
    REGISTERED = CoreStage.REGISTERED, pgettext_lazy("deal stage", "Company registered")
    LAND_ACQUIRED = CoreStage.LAND_ACQUIRED, pgettext_lazy("deal stage", "Land acquired")
    CONSTRUCTION_STARTED = (
        CoreStage.CONSTRUCTION_STARTED,
        pgettext_lazy("deal stage", "Construction started"),
    )
    TOPPED_OUT = CoreStage.TOPPED_OUT, pgettext_lazy("deal stage", "Topped out")
    OPERATING = CoreStage.OPERATING, pgettext_lazy("deal stage", "Operating")


# The Deal field holding the first evidenced date of each stage.
STAGE_DATE_FIELDS = {
    Stage.NEGOTIATING: "negotiating_on",
    Stage.SIGNED: "signed_on",
    Stage.REGISTERED: "registered_on",
    Stage.LAND_ACQUIRED: "land_acquired_on",
    Stage.CONSTRUCTION_STARTED: "construction_started_on",
    Stage.TOPPED_OUT: "topped_out_on",
    Stage.OPERATING: "operating_on",
}


# The Deal fields holding the days between the milestones of each speed pair
# (duijie_core.pipeline.figures.SPEED_PAIRS, same order); empty until both are reached.
GAP_FIELDS = (
    "days_signed_to_registered",
    "days_registered_to_land",
    "days_land_to_construction",
    "days_construction_to_topped_out",
    "days_topped_out_to_operating",
    "days_signed_to_operating",
)

# Covering indexes of the dashboard (see Deal.Meta): filter columns first, then what the
# figure passes read (group keys, milestone dates, amounts, stall inputs; the day gaps).
FIGURE_INDEX_FIELDS = [
    "edition", "duplicate_status", "city", "key_industry", "stage",
    "signed_on", "registered_on", "land_acquired_on", "construction_started_on",
    "operating_on", "amount", "amount_cny", "arrived_cny", "last_progress_on",
]  # fmt: skip
SPEED_INDEX_FIELDS = ["edition", "duplicate_status", "registered_on", *GAP_FIELDS]


class DuplicateStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not signed yet")
    CLEAR = "clear", _("No look-alike found")
    SUSPECT = "suspect", _("Possible re-signing: check")
    DISTINCT = "distinct", _("Confirmed distinct")
    DUPLICATE = "duplicate", _("Duplicate (not counted)")


COUNTED_STATUSES = (DuplicateStatus.UNCHECKED, DuplicateStatus.CLEAR, DuplicateStatus.DISTINCT)


class ExchangeRate(models.Model):
    """On ``on``, one unit of ``base`` buys ``rate`` units of ``quote``."""

    base = models.CharField(_("from currency"), max_length=3, choices=CURRENCY_CHOICES)
    quote = models.CharField(_("to currency"), max_length=3, choices=CURRENCY_CHOICES)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["base", "quote", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote", "on"], name="pipeline_rate_unique"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="pipeline_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate.normalize():f} {self.quote} ({self.on})"


class Deal(models.Model):
    """An investment being promoted, signed and followed to operation."""

    title = models.CharField(_("deal name"), max_length=300)
    title_en = models.CharField(_("deal name (English)"), max_length=300, blank=True)
    investor = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="deals_invested",
        verbose_name=_("investor"),
    )  # fmt: skip
    project = models.ForeignKey(
        "catalogue.Project", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="deals", verbose_name=_("catalogue project"),
    )  # fmt: skip
    enterprise = models.ForeignKey(
        "directory.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="deals_as_enterprise", verbose_name=_("enterprise (new investment)"),
    )  # fmt: skip
    amount = models.DecimalField(
        _("agreed amount"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default=REPORTING_CURRENCY
    )
    amount_text = models.CharField(_("amount as written"), max_length=100, blank=True)
    amount_approximate = models.BooleanField(_("approximate amount"), default=False)
    amount_cny = models.DecimalField(
        _("agreed amount (CNY)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    amount_rate = models.ForeignKey(
        ExchangeRate, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rate used"),
    )  # fmt: skip
    arrived_cny = models.DecimalField(
        _("capital arrived (CNY)"), max_digits=24, decimal_places=4, default=0
    )
    methods = models.ManyToManyField(
        "reference.PromotionMethod", blank=True, related_name="deals",
        verbose_name=_("promotion methods"),
    )  # fmt: skip
    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.PROTECT, null=True, blank=True,
        related_name="deals", verbose_name=_("edition where signed"), db_index=False,
    )  # fmt: skip
    event = models.ForeignKey(
        "tradeweek.Event", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="deals_signed", verbose_name=_("trade-week event where signed"),
    )  # fmt: skip
    event_name = models.CharField(_("event where signed (as written)"), max_length=300, blank=True)
    city = models.ForeignKey(
        "reference.AdminDivision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("city"), db_index=False,
    )  # fmt: skip
    key_industry = models.ForeignKey(
        "reference.KeyIndustry", on_delete=models.PROTECT, null=True, blank=True,
        related_name="deals", verbose_name=_("key industry"), db_index=False,
    )  # fmt: skip
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deals_owned",
        verbose_name=_("responsible staff member"),
    )  # fmt: skip
    stage = models.PositiveSmallIntegerField(
        _("current stage"), choices=Stage.choices, default=Stage.LEAD
    )
    opened_on = models.DateField(_("opened on"))
    negotiating_on = models.DateField(_("negotiating since"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, db_index=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    land_acquired_on = models.DateField(_("land acquired on"), null=True, blank=True)
    construction_started_on = models.DateField(_("construction started on"), null=True, blank=True)
    topped_out_on = models.DateField(_("topped out on"), null=True, blank=True)
    operating_on = models.DateField(_("operating since"), null=True, blank=True)
    # Days between milestones, kept by services.refresh_deal (see GAP_FIELDS).
    days_signed_to_registered = models.IntegerField(null=True, blank=True, editable=False)
    days_registered_to_land = models.IntegerField(null=True, blank=True, editable=False)
    days_land_to_construction = models.IntegerField(null=True, blank=True, editable=False)
    days_construction_to_topped_out = models.IntegerField(null=True, blank=True, editable=False)
    days_topped_out_to_operating = models.IntegerField(null=True, blank=True, editable=False)
    days_signed_to_operating = models.IntegerField(null=True, blank=True, editable=False)
    last_progress_on = models.DateField(_("last progress"), db_index=True)
    duplicate_status = models.CharField(
        _("re-signing check"), max_length=10, choices=DuplicateStatus.choices,
        default=DuplicateStatus.UNCHECKED, db_index=True,
    )  # fmt: skip
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("duplicate of"),
    )  # fmt: skip
    duplicate_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("re-signing decided by"),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            *GAP_FIELDS,
            "arrived_cny",
            "amount_cny",
            "amount_rate",
            "last_progress_on",
            "created_at",
            "updated_at",
        ]
    )

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-last_progress_on", "-pk"]
        # Indexes match the filters (edition first: the dashboard's default scope), not
        # the group-by columns: on SQLite an index led by city, industry or stage makes the
        # planner walk the table in that index's order (random reads) to avoid a sort.
        # The two dashboard indexes also *cover* their charts (every column the aggregates
        # read follows the filter columns), so a chart scans a narrow index, not the rows.
        indexes = [
            models.Index(fields=FIGURE_INDEX_FIELDS, name="pipeline_deal_figures_idx"),
            models.Index(fields=SPEED_INDEX_FIELDS, name="pipeline_deal_speed_idx"),
            models.Index(fields=["owner", "last_progress_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_counted(self) -> bool:
        """Whether figures count this deal (not a duplicate, not an open suspicion)."""
        return self.duplicate_status in COUNTED_STATUSES


class Evidence(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")
    LINK = "link", _("Link")
    NOTE = "note", _("Note")


class StageEvent(models.Model):
    """One evidenced stage change of a deal (forward, skipping or a back-step)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    from_stage = models.PositiveSmallIntegerField(_("from stage"), choices=Stage.choices)
    to_stage = models.PositiveSmallIntegerField(_("to stage"), choices=Stage.choices)
    occurred_on = models.DateField(_("date"))
    evidence_kind = models.CharField(_("evidence"), max_length=10, choices=Evidence.choices)
    evidence_file = models.FileField(
        _("file"), upload_to=UnguessableName("pipeline/evidence"), blank=True
    )
    evidence_link = models.URLField(_("link"), blank=True)
    evidence_note = models.TextField(_("note"), blank=True)
    reason = models.TextField(_("reason for going back"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("confirmed by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")
        ordering = ["deal", "occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence_file="") | ~Q(evidence_link="") | ~Q(evidence_note=""),
                name="pipeline_event_has_evidence",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"

    @property
    def is_back_step(self) -> bool:
        return self.to_stage < self.from_stage


class CapitalArrival(models.Model):
    """Capital that arrived for a deal on a date, with evidence and its CNY value."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="arrivals")
    arrived_on = models.DateField(_("arrived on"))
    amount = models.DecimalField(_("amount"), max_digits=24, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    amount_text = models.CharField(_("amount as written"), max_length=100, blank=True)
    amount_cny = models.DecimalField(_("amount (CNY)"), max_digits=24, decimal_places=4)
    rate = models.ForeignKey(
        ExchangeRate, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rate used"),
    )  # fmt: skip
    evidence_note = models.TextField(_("evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at", "amount_cny", "rate"])

    class Meta:
        verbose_name = _("capital arrival")
        verbose_name_plural = _("capital arrivals")
        ordering = ["deal", "arrived_on", "pk"]

    def __str__(self) -> str:
        return f"{self.amount.normalize():f} {self.currency} ({self.arrived_on})"


class ResignSuspicion(models.Model):
    """``deal`` looks like ``other`` (already signed); open until staff decide."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="suspicions")
    other = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deal", "-score", "other"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "other"], name="pipeline_suspicion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} ~ {self.other_id} ({self.score:.2f})"

    @property
    def explanation(self) -> list[str]:
        """Why the two deals may be one investment, in the active language."""
        return reason_sentences(self.reasons)


class AftercareVisit(models.Model):
    """A follow-up visit to an investor already in the region."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="aftercare_visits",
        verbose_name=_("investor"),
    )  # fmt: skip
    deal = models.ForeignKey(
        Deal, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits",
        verbose_name=_("deal"),
    )  # fmt: skip
    visited_on = models.DateField(_("visited on"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff"),
    )
    summary = models.TextField(_("summary"))
    reinvestment_interest = models.BooleanField(_("interested in reinvesting"), default=False)
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aftercare visit")
        verbose_name_plural = _("aftercare visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.visited_on})"


class AftercareIssue(models.Model):
    """An issue an existing investor raised, followed until resolved."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="aftercare_issues",
        verbose_name=_("investor"),
    )  # fmt: skip
    visit = models.ForeignKey(
        AftercareVisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="issues",
        verbose_name=_("raised at visit"),
    )  # fmt: skip
    raised_on = models.DateField(_("raised on"))
    title = models.CharField(_("issue"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("responsible staff member"),
    )  # fmt: skip
    is_demo = models.BooleanField(_("demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aftercare issue")
        verbose_name_plural = _("aftercare issues")
        ordering = ["status", "-raised_on", "-pk"]

    def __str__(self) -> str:
        return self.title
