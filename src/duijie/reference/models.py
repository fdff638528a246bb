"""Reference data: places, the national industry classification, key industries,
promotion methods and the editions (years) of the trade week."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from duijie.reference.romanise import romanise_name, short_place_name
from duijie.reference.translated import TranslatedNameMixin


class DivisionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County")


class AdminDivision(TranslatedNameMixin, models.Model):
    """A province, prefecture-level city or county (2023 national statistics codes).

    ``name`` is the source's (Simplified) name; ``name_hant`` is derived at load time
    (OpenCC and the Hong Kong glossary). ``name_en`` is the published English name
    (provinces, Hong Kong districts, Macao parishes) or else a Hanyu Pinyin
    romanisation, then ``name_en_romanised`` is set. Hong Kong and Macau use codes 81/82.
    """

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_en_romanised = models.BooleanField(
        _("English name is a Pinyin romanisation"),
        default=False,
        help_text=_("No published English name exists; the English name is Hanyu Pinyin."),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.display_name()

    @property
    def english_short_name(self) -> str:
        """The English name as used inside other names: Changsha, Xiangxi (no suffix)."""
        if not self.name_en_romanised:
            return self.name_en
        return romanise_name(short_place_name(self.name))


class IndustryLevel(models.IntegerChoices):
    SECTION = 1, _("Section")
    DIVISION = 2, _("Division")
    GROUP = 3, _("Group")
    CLASS = 4, _("Class")


class Industry(TranslatedNameMixin, models.Model):
    """A GB/T 4754-2017 industry: section letter, 2-, 3- or 4-digit code.

    ``name_en`` is the National Bureau of Statistics' English name, known for the
    sections and divisions; groups and classes have none and fall back to Chinese.
    """

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_hant = models.CharField(_("name (Traditional)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=IndustryLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    remark = models.TextField(_("remark"), blank=True)

    class Meta:
        verbose_name = _("industry (GB/T 4754)")
        verbose_name_plural = _("industries (GB/T 4754)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name()}"


class KeyIndustry(TranslatedNameMixin, models.Model):
    """One of the agency's key industries, mapped onto GB/T 4754 codes."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    industries = models.ManyToManyField(Industry, related_name="key_industries", blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("key industry")
        verbose_name_plural = _("key industries")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name()


class PromotionMethod(TranslatedNameMixin, models.Model):
    """An investment-promotion method (one of the agency's '26 methods')."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=100)
    name_hant = models.CharField(_("name (Traditional)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("promotion method")
        verbose_name_plural = _("promotion methods")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name()


class Edition(TranslatedNameMixin, models.Model):
    """One year's trade week (e.g. the 2025 Hunan–GBA week); catalogues and events hang off it."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name (Simplified)"), max_length=200)
    name_hant = models.CharField(_("name (Traditional)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_current = models.BooleanField(_("current edition"), default=False)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.display_name()
