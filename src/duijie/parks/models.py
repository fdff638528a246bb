"""Open platforms (parks, zones), policy innovations, trade corridors and site suggestions.

A :class:`Platform` is a national new area, a national or provincial development zone, a
comprehensive bonded zone or an area of the free-trade zone, placed in an administrative
division. ``sample_fields`` names the groups of attributes that are sample values (not
published figures) so every page can say so next to them. Corridors are ordered
:class:`Leg` rows whose ends are division codes or :class:`Port` codes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.reference.translated import TranslatedNameMixin

SAMPLE_GROUPS = ("name", "industries", "land", "incentives", "contacts")


class PlatformKind(models.TextChoices):
    NEW_AREA = "new_area", _("National new area")
    NATIONAL_ETDZ = "national_etdz", _("National economic-technological development zone")
    NATIONAL_HTZ = "national_htz", _("National high-tech zone")
    PROVINCIAL = "provincial", _("Provincial park")
    BONDED = "bonded", _("Comprehensive bonded zone")
    FTZ_AREA = "ftz_area", _("Free-trade-zone area")


class Platform(TranslatedNameMixin, models.Model):
    """One open platform and what it offers an investor."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlatformKind.choices)
    name = models.CharField(_("name (Simplified)"), max_length=200)
    name_hant = models.CharField(_("name (Traditional)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    division = models.ForeignKey(
        "reference.AdminDivision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    key_industries = models.ManyToManyField(
        "reference.KeyIndustry", blank=True, related_name="+", verbose_name=_("leading industries")
    )
    industries = models.ManyToManyField(
        "reference.Industry",
        blank=True,
        related_name="+",
        verbose_name=_("leading industries (GB/T 4754)"),
    )
    keywords = models.JSONField(_("industry keywords"), default=list, blank=True)
    land_hectares = models.DecimalField(
        _("land available (hectares)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    factory_m2 = models.DecimalField(
        _("standard factory space available (m²)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
    )
    land_as_of = models.DateField(_("land figures as of"), null=True, blank=True)
    land_source = models.CharField(_("source of the land figures"), max_length=300, blank=True)
    incentives_hant = models.TextField(_("incentives (Traditional)"), blank=True)
    incentives_hans = models.TextField(_("incentives (Simplified)"), blank=True)
    incentives_en = models.TextField(_("incentives (English)"), blank=True)
    contact_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact organisation"),
    )
    contact_people = models.ManyToManyField(
        "directory.Person", blank=True, related_name="+", verbose_name=_("contact people")
    )
    website = models.URLField(_("website"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    sample_fields = models.JSONField(_("sample attributes"), default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["sample_fields"])

    class Meta:
        verbose_name = _("open platform")
        verbose_name_plural = _("open platforms")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.display_name()

    def is_sample(self, group: str) -> bool:
        """Whether the attributes of ``group`` (see ``SAMPLE_GROUPS``) are sample values."""
        return group in self.sample_fields


class PolicyInnovation(models.Model):
    """A published institutional innovation (e.g. of the free-trade zone), linked to platforms."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_hant = models.CharField(_("title (Traditional)"), max_length=300)
    title_hans = models.CharField(_("title (Simplified)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_hant = models.TextField(_("summary (Traditional)"), blank=True)
    summary_hans = models.TextField(_("summary (Simplified)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    sample = models.BooleanField(_("sample record"), default=False)
    platforms = models.ManyToManyField(
        Platform, blank=True, related_name="innovations", verbose_name=_("platforms")
    )
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("policy innovation")
        verbose_name_plural = _("policy innovations")
        ordering = ["-published_on", "code"]

    def __str__(self) -> str:
        return self.title_hant or self.title_hans


class Port(TranslatedNameMixin, models.Model):
    """A port, rail hub or border crossing that corridor legs start or end at."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=200)
    name_hant = models.CharField(_("name (Traditional)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    is_gba = models.BooleanField(_("Greater Bay Area port"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("port")
        verbose_name_plural = _("ports")
        ordering = ["-is_gba", "code"]

    def __str__(self) -> str:
        return self.display_name()


class Corridor(TranslatedNameMixin, models.Model):
    """A trade route made of ordered legs."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=200)
    name_hant = models.CharField(_("name (Traditional)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    summary_hant = models.TextField(_("summary (Traditional)"), blank=True)
    summary_hans = models.TextField(_("summary (Simplified)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    runs_total = models.PositiveIntegerField(_("runs so far"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    sample = models.BooleanField(_("sample record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trade corridor")
        verbose_name_plural = _("trade corridors")
        ordering = ["sample", "code"]

    def __str__(self) -> str:
        return self.display_name()


class Mode(models.TextChoices):
    RAIL = "rail", _("Rail")
    SEA = "sea", _("Sea")
    ROAD = "road", _("Road")
    AIR = "air", _("Air")
    RIVER = "river", _("River")


class Leg(models.Model):
    """One leg of a corridor; ``origin`` and ``destination`` are division or port codes."""

    corridor = models.ForeignKey(Corridor, on_delete=models.CASCADE, related_name="legs")
    order = models.PositiveSmallIntegerField(_("order"))
    origin = models.CharField(_("from"), max_length=60)
    destination = models.CharField(_("to"), max_length=60)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    hours = models.DecimalField(_("transit time (hours)"), max_digits=8, decimal_places=1)
    runs_per_week = models.DecimalField(
        _("runs per week"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    cost_amount = models.DecimalField(
        _("cost per unit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    cost_currency = models.CharField(_("currency"), max_length=3, blank=True)
    cost_unit = models.CharField(_("cost unit"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    sample = models.BooleanField(_("sample figures"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("corridor leg")
        verbose_name_plural = _("corridor legs")
        ordering = ["corridor", "order"]
        constraints = [
            models.UniqueConstraint(fields=["corridor", "order"], name="parks_leg_order_once")
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination}"


class SiteSuggestion(models.Model):
    """A platform suggested for a pipeline deal, with the reasons as they were when attached."""

    deal = models.ForeignKey(
        "pipeline.Deal", on_delete=models.CASCADE, related_name="site_suggestions"
    )
    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="suggestions")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"), null=True)
    coverage = models.FloatField(_("share of the weight judged"))
    reasons = models.JSONField(_("reasons"), default=dict)
    sentences = models.JSONField(_("reasons as sentences"), default=dict)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attached_at = models.DateTimeField(_("attached"), auto_now_add=True)

    class Meta:
        verbose_name = _("site suggestion")
        verbose_name_plural = _("site suggestions")
        ordering = ["deal", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "platform"], name="parks_suggested_once")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} → {self.platform}"
