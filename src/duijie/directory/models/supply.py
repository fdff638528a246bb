"""What a supplier offers (supply–demand matching): products with their months and
volume, certifications held, cold chain, delivery time to each market.

Certifications and units are the core's lists (``duijie_core.matching.produce``),
defined once: fields store their codes; forms label them in the reader's language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.directory.models.organisations import Organisation
from duijie_core.money import CURRENCIES

CURRENCY_CHOICES = [(c, c) for c in sorted(CURRENCIES)]


class PriceKind(models.TextChoices):
    """How a buyer's price is meant: the most it pays, or what it aims for."""

    MAXIMUM = "max", _("maximum")
    TARGET = "target", _("target")


class VolumeUnit(models.TextChoices):
    """Units of volume; their sizes and dimensions are the core's ``produce.UNITS``."""

    TONNE = "t", _("tonnes")
    KILOGRAM = "kg", _("kilograms")
    JIN = "jin", _("jin (500 g)")
    BOX = "box", _("boxes")
    HEAD = "head", _("head (livestock)")


class SupplierProfile(models.Model):
    """What holds for all of a supplier's products: certifications and cold chain."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="supplier_profile"
    )
    certifications = models.JSONField(_("certifications held"), default=list, blank=True)
    cold_chain = models.BooleanField(_("cold chain"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplier profile")
        verbose_name_plural = _("supplier profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class SupplyProduct(models.Model):
    """One product a supplier offers: names in three languages, months, volume a month,
    and its price per ``price_unit`` (one figure, or ``price_low``–``price_high``)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="supply_products"
    )
    name = models.CharField(_("product (Traditional Chinese)"), max_length=100)
    name_hans = models.CharField(_("product (Simplified Chinese)"), max_length=100, blank=True)
    name_en = models.CharField(_("product (English)"), max_length=100, blank=True)
    months = models.JSONField(_("months"), default=list, blank=True)
    monthly_volume = models.DecimalField(
        _("volume a month"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=VolumeUnit.choices, default=VolumeUnit.TONNE
    )
    price_low = models.DecimalField(
        _("price (from)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_high = models.DecimalField(
        _("price (to, for a range)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_currency = models.CharField(
        _("price currency"), max_length=3, choices=CURRENCY_CHOICES, default="CNY"
    )
    price_unit = models.CharField(
        _("price per"), max_length=10, choices=VolumeUnit.choices, default=VolumeUnit.KILOGRAM
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("product supplied")
        verbose_name_plural = _("products supplied")
        ordering = ["organisation_id", "pk"]

    def __str__(self) -> str:
        return self.name


class DeliveryTime(models.Model):
    """How long the supplier takes to deliver to one market (hours from dispatch)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="delivery_times"
    )
    market = models.ForeignKey(
        "reference.AdminDivision",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("market"),
    )
    hours = models.PositiveIntegerField(_("delivery time (hours)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivery time")
        verbose_name_plural = _("delivery times")
        ordering = ["organisation_id", "hours", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "market"], name="one_delivery_time_per_market"
            )
        ]

    def __str__(self) -> str:
        return f"{self.market}: {self.hours}"
