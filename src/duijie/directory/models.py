"""The directory: organisations (investors, enterprises, buyers …).

This first version holds what other apps refer to; the directory issue extends
it (mandates, people, hometown network, entity resolution).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Organisation(models.Model):
    """One real organisation, however its name is written.

    ``name`` is displayed exactly as the source wrote it; ``match_key`` is the
    normalised key (``duijie_core.text.normalise``) used for matching only.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True, db_index=True)
    hk_cr_no = models.CharField(_("Hong Kong company registration number"), max_length=12, blank=True)
    stock_code = models.CharField(_("stock code"), max_length=20, blank=True)
    hq_division = models.ForeignKey(
        "reference.AdminDivision", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("headquarters")
    )
    key_industries = models.ManyToManyField("reference.KeyIndustry", blank=True, verbose_name=_("key industries"))
    website = models.URLField(_("website"), blank=True)
    match_key = models.CharField(_("match key"), max_length=300, blank=True, db_index=True, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
