"""The projects catalogue: projects seeking investment, their search index, roadshows.

Text fields come in three versions (``_hant``, ``_hans``, ``_en``); any may be empty
and pages fall back (see :mod:`duijie.catalogue.translated`). Amounts are stored as
low/high/currency/raw text/kind and rebuilt into a ``duijie_core.money.Amount``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.interchange.uploads import UnguessableName

TEXT_LANGUAGES = ("hant", "hans", "en")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Instrument(models.TextChoices):
    EQUITY = "equity", _("Equity")
    DEBT = "debt", _("Debt")
    PPP = "ppp", _("Public–private partnership")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    MERGER = "merger", _("Merger or acquisition")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    PREPARATION = "preparation", _("Preparation")
    CONSTRUCTION = "construction", _("Under construction")
    OPERATING = "operating", _("Operating")
    EXPANSION = "expansion", _("Expansion")


class AmountKind(models.TextChoices):
    EXACT = "exact", _("Exact figure")
    APPROXIMATE = "approximate", _("Approximate figure")
    RANGE = "range", _("Range")
    UNKNOWN = "unknown", _("Undisclosed")


class Project(models.Model):
    """A project seeking investment or financing, in one edition's catalogue.

    ``code`` is the natural key within an edition; a project carried into a new
    edition is a copy whose ``origin`` points back. ``*_cny`` is the amount's
    midpoint in CNY at the indicative rates of :mod:`duijie.catalogue.amounts`
    (for filtering and sorting only).
    """

    edition = models.ForeignKey(
        "reference.Edition",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("edition"),
    )
    code = models.CharField(_("project code"), max_length=40)
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("owner organisation"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_projects",
        verbose_name=_("owner account"),
    )
    key_industry = models.ForeignKey(
        "reference.KeyIndustry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("key industry"),
    )
    industry = models.ForeignKey(
        "reference.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("industry (GB/T 4754)"),
    )
    province = models.ForeignKey(
        "reference.AdminDivision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    city = models.ForeignKey(
        "reference.AdminDivision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    county = models.ForeignKey(
        "reference.AdminDivision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    name_hant = models.CharField(
        _("project name (Traditional Chinese)"), max_length=300, blank=True
    )
    name_hans = models.CharField(_("project name (Simplified Chinese)"), max_length=300, blank=True)
    name_en = models.CharField(_("project name (English)"), max_length=300, blank=True)
    technology_hant = models.TextField(_("technology advantages (Traditional Chinese)"), blank=True)
    technology_hans = models.TextField(_("technology advantages (Simplified Chinese)"), blank=True)
    technology_en = models.TextField(_("technology advantages (English)"), blank=True)
    market_hant = models.TextField(_("market prospects (Traditional Chinese)"), blank=True)
    market_hans = models.TextField(_("market prospects (Simplified Chinese)"), blank=True)
    market_en = models.TextField(_("market prospects (English)"), blank=True)
    financing_needs_hant = models.TextField(_("financing needs (Traditional Chinese)"), blank=True)
    financing_needs_hans = models.TextField(_("financing needs (Simplified Chinese)"), blank=True)
    financing_needs_en = models.TextField(_("financing needs (English)"), blank=True)
    cooperation_hant = models.TextField(_("cooperation model (Traditional Chinese)"), blank=True)
    cooperation_hans = models.TextField(_("cooperation model (Simplified Chinese)"), blank=True)
    cooperation_en = models.TextField(_("cooperation model (English)"), blank=True)
    investment_low = models.DecimalField(
        _("total investment (low)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    investment_high = models.DecimalField(
        _("total investment (high)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    investment_currency = models.CharField(
        _("total investment (currency)"), max_length=3, blank=True
    )
    investment_text = models.CharField(
        _("total investment (as written)"), max_length=100, blank=True
    )
    investment_kind = models.CharField(
        _("total investment (kind)"),
        max_length=12,
        choices=AmountKind.choices,
        default=AmountKind.UNKNOWN,
    )
    investment_cny = models.DecimalField(
        _("total investment (CNY, indicative)"),
        max_digits=24,
        decimal_places=4,
        null=True,
        blank=True,
        db_index=True,
    )
    financing_low = models.DecimalField(
        _("financing sought (low)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    financing_high = models.DecimalField(
        _("financing sought (high)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    financing_currency = models.CharField(
        _("financing sought (currency)"), max_length=3, blank=True
    )
    financing_text = models.CharField(
        _("financing sought (as written)"), max_length=100, blank=True
    )
    financing_kind = models.CharField(
        _("financing sought (kind)"),
        max_length=12,
        choices=AmountKind.choices,
        default=AmountKind.UNKNOWN,
    )
    financing_cny = models.DecimalField(
        _("financing sought (CNY, indicative)"),
        max_digits=24,
        decimal_places=4,
        null=True,
        blank=True,
        db_index=True,
    )
    park = models.CharField(_("park"), max_length=200, blank=True)
    instrument = models.CharField(
        _("financing instrument"), max_length=20, choices=Instrument.choices, blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    expected_return = models.CharField(_("expected return"), max_length=100, blank=True)
    payback_years = models.DecimalField(
        _("payback (years)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    promotion_methods = models.ManyToManyField(
        "reference.PromotionMethod", blank=True, verbose_name=_("promotion methods")
    )
    policy_tags = models.JSONField(_("ESG and policy tags"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("carried over from"),
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "investment_cny", "financing_cny"]
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"], name="project_code_unique_per_edition"
            )
        ]
        indexes = [
            models.Index(fields=["edition", "status"]),
            # The public list: published projects by code, by city (the city filter's options).
            models.Index(fields=["status", "code"], name="project_status_code"),
            models.Index(fields=["status", "city"], name="project_status_city"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_hant or self.name_hans or self.name_en}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class ProjectAttachment(models.Model):
    """An image or document attached to a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=UnguessableName("catalogue/attachments"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["size", "created_at"])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["project", "id"]

    def __str__(self) -> str:
        return self.caption or self.file.name


class ProjectSearchText(models.Model):
    """A project's texts, normalised (``duijie_core.text.normalise``), for substring search.

    Kept out of the project table so that scans of projects stay small. Written
    only by :func:`duijie.catalogue.search.index_projects`, with the token rows.
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.text[:40]


class ProjectToken(models.Model):
    """One index token (a Han bigram or a latin/digit word) of one project's search text.

    Derived data, written only by :func:`duijie.catalogue.search.index_projects`.
    The unique index on (token, project) serves the search and re-indexing (the old
    tokens are those of the stored :class:`ProjectSearchText`). The foreign key has no index
    and no database constraint: a second index in another order doubled the cost of
    writing millions of rows; Django still deletes the tokens of a deleted project.
    """

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="tokens",
        db_index=False,
        db_constraint=False,
    )
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "project"], name="project_token_unique")
        ]

    def __str__(self) -> str:
        return self.token


class Roadshow(models.Model):
    """A roadshow session of an edition, presenting a shortlist of projects in order."""

    edition = models.ForeignKey(
        "reference.Edition", on_delete=models.PROTECT, related_name="roadshows"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"), null=True, blank=True)
    projects = models.ManyToManyField(Project, through="RoadshowEntry", related_name="roadshows")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("roadshow")
        verbose_name_plural = _("roadshows")
        ordering = ["edition", "title"]

    def __str__(self) -> str:
        return self.title


class RoadshowEntry(models.Model):
    """One project's place in a roadshow."""

    roadshow = models.ForeignKey(Roadshow, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roadshow_entries")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["roadshow", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["roadshow", "project"], name="roadshow_project_unique")
        ]

    def __str__(self) -> str:
        return f"{self.roadshow_id}:{self.order}"


class ShortlistEntry(models.Model):
    """A project an investor keeps on their shortlist."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted project")
        verbose_name_plural = _("shortlisted projects")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="shortlist_once_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.project_id}"
