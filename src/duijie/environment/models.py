"""Sourced indicators per place, and operation profiles, as data (docs/costs.md).

An :class:`Indicator` is a definition (``industrial_land_rent``: its labels, its unit,
cost or quality); an :class:`IndicatorValue` one dated, sourced figure of it for a place
(a province or city of the administrative divisions). An :class:`OperationProfile`
(manufacturing plant, R&D centre …) lists its yearly needs as :class:`ProfileItem` rows
(indicator, quantity, quantity unit). Every one of them keeps its history. The cost model
itself is the pure core (``duijie_core.costs``); :mod:`duijie.environment.adapters`
turns these rows into its values and profiles.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.reference.translated import TranslatedNameMixin


def plain(number: Decimal) -> Decimal:
    """`number` without trailing zeros and never in exponent form (12.50000000 → 12.5, 2100)."""
    return Decimal(format(number.normalize(), "f"))


class IndicatorKind(models.TextChoices):
    COST = "cost", _("Cost")
    QUALITY = "quality", _("Quality")


class ValueStatus(models.TextChoices):
    OFFICIAL = "official", _("Official")
    ESTIMATED = "estimated", _("Estimated")
    SAMPLE = "sample", _("Sample")


class Indicator(TranslatedNameMixin, models.Model):
    """What is measured: ``code`` (as in IND.csv), labels in three languages, unit, kind."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    unit = models.CharField(_("unit"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["kind", "order", "code"]

    def __str__(self) -> str:
        return self.display_name()


class IndicatorValue(models.Model):
    """One dated figure of an indicator for a place, with its source and status."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    place = models.ForeignKey(
        "reference.AdminDivision", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("place"),
    )  # fmt: skip
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=30, decimal_places=8)
    unit = models.CharField(_("unit"), max_length=40)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    source = models.CharField(_("source"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published = models.DateField(_("publication date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ValueStatus.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["place__code", "indicator__order", "-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "place", "on"], name="environment_value_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="environment_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.place.code} {self.indicator.code} {self.on}"

    @property
    def shown_value(self) -> Decimal:
        return plain(self.value)

    @property
    def is_sample(self) -> bool:
        return self.status == ValueStatus.SAMPLE


class OperationProfile(TranslatedNameMixin, models.Model):
    """A standard operation (manufacturing plant …) and what it needs in a year."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("operation profile")
        verbose_name_plural = _("operation profiles")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name()


class ProfileItem(models.Model):
    """A yearly need of a profile: ``quantity`` ``unit`` priced by ``indicator``."""

    profile = models.ForeignKey(
        OperationProfile, on_delete=models.CASCADE, related_name="items",
        verbose_name=_("operation profile"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    quantity = models.DecimalField(_("quantity per year"), max_digits=24, decimal_places=6)
    unit = models.CharField(_("quantity unit"), max_length=40)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profile item")
        verbose_name_plural = _("profile items")
        ordering = ["profile", "indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "indicator"], name="environment_item_unique"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="environment_item_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.profile.code} {self.indicator.code}"

    @property
    def shown_quantity(self) -> Decimal:
        return plain(self.quantity)


class Role(models.TextChoices):
    """The roles an operation's headcount is given in."""

    PRODUCTION = "production", _("Production workers")
    GENERAL = "general", _("General workers")
    ENGINEERS = "engineers", _("Engineers and technicians")
    IT_STAFF = "it", _("IT staff")
    MANAGERS = "managers", _("Managers")

    @classmethod
    def in_order(cls, rows: Iterable[ProfileRole]) -> list[ProfileRole]:
        """`rows` in the order the roles are declared here (not by their codes)."""
        position = {value: index for index, value in enumerate(cls.values)}
        return sorted(rows, key=lambda row: position.get(row.role, len(position)))


class ProfileRole(models.Model):
    """Headcount of one role in a profile, priced by a wage indicator (average wage by sector).

    It enters the cost model as yearly person-months of that indicator: headcount × the
    months paid a year (12, 13 …, the user's knowledge, never implied), added to the
    profile's other person-months of the same indicator (``adapters.core_profile``).
    """

    profile = models.ForeignKey(
        OperationProfile, on_delete=models.CASCADE, related_name="roles",
        verbose_name=_("operation profile"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    headcount = models.PositiveIntegerField(_("headcount"))
    months_paid = models.DecimalField(
        _("months paid a year"), max_digits=4, decimal_places=1, default=Decimal(12)
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("priced by")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profile role")
        verbose_name_plural = _("profile roles")
        ordering = ["profile", "role"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "role"], name="environment_role_unique"),
            models.CheckConstraint(
                condition=Q(months_paid__gt=0) & Q(months_paid__lte=24),
                name="environment_role_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile.code} {self.role}"

    @property
    def person_months(self) -> Decimal:
        return self.headcount * self.months_paid
