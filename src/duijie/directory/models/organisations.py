"""Organisations, what they want (mandates, buying needs) and their history.

Names are displayed exactly as the source wrote them; ``match_key`` and ``search_key`` are
normalised keys (``duijie_core.text.normalise``) for matching and search only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    VC_PE = "vc_pe", _("Investor: VC/PE")
    CORPORATE = "corporate", _("Investor: corporate")
    BANK = "bank", _("Investor: bank")
    FUND = "fund", _("Investor: fund")
    FAMILY_OFFICE = "family_office", _("Investor: family office")
    ENTERPRISE = "enterprise", _("Enterprise")
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")
    GOVERNMENT = "government", _("Government body")
    ASSOCIATION = "association", _("Association or chamber")


INVESTOR_KINDS = frozenset(
    {
        OrganisationKind.VC_PE,
        OrganisationKind.CORPORATE,
        OrganisationKind.BANK,
        OrganisationKind.FUND,
        OrganisationKind.FAMILY_OFFICE,
    }
)


class OrganisationSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class Organisation(models.Model):
    """One real organisation, however its name is written.

    ``name`` is displayed exactly as the source wrote it; ``aliases`` holds former names and
    other spellings; ``match_key`` (normalised name) and ``search_key`` (all names and
    identifiers, normalised, joined by `` | ``) are for matching and search only.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    aliases = models.JSONField(_("former names and aliases"), default=list, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    hk_cr_no = models.CharField(
        _("Hong Kong company registration number"), max_length=12, blank=True
    )
    stock_code = models.CharField(_("stock code"), max_length=20, blank=True)
    listed_on = models.DateField(
        _("listing date"), null=True, blank=True,
        help_text=_("The day the firm's shares were first listed on an exchange, where known."),
    )  # fmt: skip
    hq_division = models.ForeignKey(
        "reference.AdminDivision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("headquarters"),
    )
    key_industries = models.ManyToManyField(
        "reference.KeyIndustry", blank=True, verbose_name=_("key industries")
    )
    industries = models.ManyToManyField(
        "reference.Industry",
        blank=True,
        related_name="organisations",
        verbose_name=_("industries (GB/T 4754)"),
    )
    size = models.CharField(_("size"), max_length=10, choices=OrganisationSize.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    needs_review = models.BooleanField(_("needs duplicate review"), default=False)
    match_key = models.CharField(
        _("match key"), max_length=300, blank=True, db_index=True, editable=False
    )
    search_key = models.TextField(_("search key"), blank=True, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["match_key", "search_key", "created_at", "updated_at"]
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_investor(self) -> bool:
        return self.kind in INVESTOR_KINDS


class Stage(models.TextChoices):
    SEED = "seed", _("Seed / angel")
    EARLY = "early", _("Early (Pre-A, A)")
    GROWTH = "growth", _("Growth (B, C)")
    LATE = "late", _("Late (D and later, Pre-IPO)")
    LISTED = "listed", _("Listed / private placement")
    PROJECT = "project", _("Project finance")
    MA = "ma", _("Mergers and acquisitions")


class Instrument(models.TextChoices):
    EQUITY = "equity", _("Equity")
    DEBT = "debt", _("Debt / loans")
    CONVERTIBLE = "convertible", _("Convertible")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    PPP = "ppp", _("Public–private partnership")
    MERGER = "merger", _("Merger or acquisition")
    LEASING = "leasing", _("Leasing")
    GRANT = "grant", _("Grant / subsidy")


class Mandate(models.Model):
    """An investor's investment preferences; every field is a hard filter for matching.

    Empty means "no restriction": no industries = any industry, no ticket bounds = any
    size, no stages = any stage, no regions wanted = anywhere. ``stages`` and
    ``instruments`` are lists of :class:`Stage` / :class:`Instrument` values; ticket bounds
    are amounts in ``currency`` (Decimal, whole units).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mandates"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    key_industries = models.ManyToManyField(
        "reference.KeyIndustry", blank=True, related_name="+", verbose_name=_("key industries")
    )
    industries = models.ManyToManyField(
        "reference.Industry", blank=True, related_name="+", verbose_name=_("industries (GB/T 4754)")
    )
    ticket_min = models.DecimalField(
        _("smallest ticket"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    ticket_max = models.DecimalField(
        _("largest ticket"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    stages = models.JSONField(_("stages"), default=list, blank=True)
    instruments = models.JSONField(_("instruments"), default=list, blank=True)
    regions_wanted = models.ManyToManyField(
        "reference.AdminDivision", blank=True, related_name="+", verbose_name=_("regions wanted")
    )
    regions_excluded = models.ManyToManyField(
        "reference.AdminDivision", blank=True, related_name="+", verbose_name=_("regions excluded")
    )
    thesis = models.TextField(_("investment thesis"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("investment mandate")
        verbose_name_plural = _("investment mandates")
        ordering = ["organisation_id", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.organisation)

    @property
    def instrument_labels(self) -> list[str]:
        """The accepted instruments as labels in the active language."""
        labels = dict(Instrument.choices)
        return [str(labels.get(value, value)) for value in self.instruments]


class BuyingNeed(models.Model):
    """A buyer's need (supermarket, trader): hard filters for supply–demand matching.

    ``product_categories`` and ``certifications_required`` are lists of plain strings
    (e.g. "蔬菜", "GAP"); ``seasons`` is a list of month numbers 1–12 (empty = all year);
    ``max_delivery_hours`` is the longest acceptable time from picking/dispatch to delivery;
    ``monthly_volume`` (in ``volume_unit``) is what matching compares with a supplier's
    capacity in each month (else ``annual_volume`` spread over the months); the first
    delivery region is the market (else the buyer's headquarters). ``price`` is the
    target or maximum (``price_kind``) per ``price_unit`` in ``price_currency``.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="buying_needs"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    product_categories = models.JSONField(_("product categories"), default=list, blank=True)
    annual_volume = models.DecimalField(
        _("annual volume"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    volume_unit = models.CharField(_("volume unit"), max_length=20, blank=True, default="t")
    monthly_volume = models.DecimalField(
        _("volume a month"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    seasons = models.JSONField(_("months"), default=list, blank=True)
    needs_cold_chain = models.BooleanField(_("needs cold chain"), default=False)
    certifications_required = models.JSONField(
        _("certifications required"), default=list, blank=True
    )
    max_delivery_hours = models.PositiveIntegerField(
        _("longest delivery time (hours)"), null=True, blank=True
    )
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2, null=True, blank=True)
    price_kind = models.CharField(_("price is"), max_length=10, default="max", blank=True)
    price_currency = models.CharField(_("price currency"), max_length=3, default="HKD", blank=True)
    price_unit = models.CharField(_("price per"), max_length=10, default="kg", blank=True)
    delivery_regions = models.ManyToManyField(
        "reference.AdminDivision", blank=True, related_name="+", verbose_name=_("delivery regions")
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buying need")
        verbose_name_plural = _("buying needs")
        ordering = ["organisation_id", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.organisation)


class Membership(models.Model):
    """A user who acts for an organisation ("my organisation")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class FinancingEvent(models.Model):
    """A past financing event (deal history); feeds the matching engine.

    The amount is stored as the source wrote it (``amount_text``) and as parsed bounds
    (``amount_low``/``amount_high`` in ``currency``; both empty when undisclosed; equal for
    an exact amount). ``event_key`` (company, date, round, headline) makes imports idempotent.
    """

    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="financing_events"
    )
    investors = models.ManyToManyField(Organisation, blank=True, related_name="investments")
    investors_text = models.CharField(_("investors as written"), max_length=1000, blank=True)
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    round = models.CharField(_("round"), max_length=40, blank=True)
    amount_text = models.CharField(_("amount as written"), max_length=100, blank=True)
    amount_low = models.DecimalField(max_digits=22, decimal_places=2, null=True, blank=True)
    amount_high = models.DecimalField(max_digits=22, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount_approximate = models.BooleanField(default=False)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    event_key = models.CharField(max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("financing event")
        verbose_name_plural = _("financing events")
        ordering = ["-occurred_on", "pk"]

    def __str__(self) -> str:
        return self.headline or f"{self.company} {self.round}"


class MergeRecord(models.Model):
    """History of a merge: which record disappeared into which, why, and what moved.

    One mechanism for both kinds of record: an organisation merge sets ``kept``, a people
    merge ``kept_person`` (exactly one of the two). A people merge's snapshot holds personal
    data: the record goes with the kept person when they are erased (the foreign key
    cascades and erasure deletes every row pointing at the person).
    """

    kept = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="merges"
    )
    kept_person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE,
        related_name="merges", verbose_name=_("kept person"),
    )  # fmt: skip
    merged_pk = models.PositiveBigIntegerField(_("merged record id"))
    merged_name = models.CharField(_("merged name"), max_length=300)
    snapshot = models.JSONField(_("merged record"), default=dict)
    moved = models.JSONField(_("references moved"), default=dict)
    # What an unmerge needs: the ids of the rows moved ({relation: [pk, …]}), the rows
    # dropped because the kept record already had the same link, the kept record's own
    # fields before the merge and the values staff chose from the merged record.
    moved_rows = models.JSONField(_("rows moved"), default=dict, blank=True)
    dropped = models.JSONField(_("links dropped as duplicates"), default=dict, blank=True)
    kept_before = models.JSONField(_("kept record before the merge"), default=dict, blank=True)
    chosen = models.JSONField(_("values taken from the merged record"), default=list, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merge record")
        verbose_name_plural = _("merge records")
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kept__isnull=False, kept_person__isnull=True)
                | models.Q(kept__isnull=True, kept_person__isnull=False),
                name="merge_record_keeps_one_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.survivor}"

    @property
    def survivor(self) -> models.Model:
        """The record the merged one became (an organisation or a person)."""
        return self.kept if self.kept_id is not None else self.kept_person  # type: ignore[return-value]


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Not a duplicate")


class SuspectedDuplicate(models.Model):
    """A pair the resolver thinks may be one organisation (``a.pk < b.pk``), with evidence."""

    a = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    evidence = models.JSONField(_("evidence"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    found_at = models.DateTimeField(_("found at"), auto_now=True)

    class Meta:
        verbose_name = _("suspected duplicate")
        verbose_name_plural = _("suspected duplicates")
        ordering = ["-score", "a_id", "b_id"]
        constraints = [models.UniqueConstraint(fields=["a", "b"], name="duplicate_pair_unique")]

    def __str__(self) -> str:
        return f"{self.a_id} ~ {self.b_id} ({self.score})"


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportBatch(models.Model):
    """A confirmed spreadsheet import: what, from which file, by whom, with what result.

    The file itself is not kept: it waits as an ``interchange.PendingUpload`` only
    between preview and confirmation.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
