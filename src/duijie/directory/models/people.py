"""People of the hometown network (湘商, alumni), their affiliations and outreach.

Contact details (``phone``, ``email``, ``wechat``, ``address``) are personal data: only
users passing ``can_see_personal_data`` see them, and every view or export is logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duijie.accounts.models import AppendOnlyModel, PersonalDataAccess
from duijie.directory.models.organisations import Organisation

CONTACT_FIELDS = ("phone", "email", "wechat", "address")


class Consent(models.TextChoices):
    UNKNOWN = "unknown", _("Not asked")
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


WITHHELD_CONSENT = frozenset({Consent.REFUSED, Consent.WITHDRAWN})


class Person(models.Model):
    """A person, named as they write their name; hometown and location are divisions."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    other_names = models.JSONField(_("other names"), default=list, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    hometown = models.ForeignKey(
        "reference.AdminDivision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hometown"),
    )
    location = models.ForeignKey(
        "reference.AdminDivision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lives in"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    key_industries = models.ManyToManyField(
        "reference.KeyIndustry", blank=True, related_name="+", verbose_name=_("industries")
    )
    consent = models.CharField(
        _("consent"), max_length=10, choices=Consent.choices, default=Consent.UNKNOWN
    )
    consent_purpose = models.CharField(_("consent covers"), max_length=300, blank=True)
    consent_on = models.DateField(_("consent date"), null=True, blank=True)
    consent_source = models.CharField(
        _("consent source"), max_length=300, blank=True,
        help_text=_("How the answer was given: form, e-mail, phone call, meeting …"),
    )  # fmt: skip
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    wechat = models.CharField(_("WeChat"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    match_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["match_key", "created_at", "updated_at"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def consent_withheld(self) -> bool:
        """Refused or withdrawn: never contacted, contacts never shown."""
        return self.consent in WITHHELD_CONSENT


class SchoolAttended(models.Model):
    """A school or university a person attended (the alumni network)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="schools")
    school = models.CharField(_("school"), max_length=200)
    school_key = models.CharField(max_length=200, db_index=True, editable=False)
    graduated = models.PositiveSmallIntegerField(_("year graduated"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["school_key"])

    class Meta:
        verbose_name = _("school attended")
        verbose_name_plural = _("schools attended")
        ordering = ["person_id", "pk"]

    def __str__(self) -> str:
        return self.school


class Affiliation(models.Model):
    """A title a person holds (or held) at an organisation; ``organisation_name`` as written."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=300)
    title = models.CharField(_("title"), max_length=200, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["person_id", "ended_on", "-started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.organisation_name}".strip()

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class IntroductionPath(models.Model):
    """A person who can give a warm introduction to an organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="introducers"
    )
    relationship = models.CharField(_("relationship"), max_length=200, blank=True)
    strength = models.PositiveSmallIntegerField(
        _("strength"), default=2, help_text=_("1 weak, 2 good, 3 close")
    )

    class Meta:
        verbose_name = _("introduction path")
        verbose_name_plural = _("introduction paths")
        ordering = ["-strength", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="introduction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.organisation}"


class Segment(models.Model):
    """A saved hometown-network segment: the filters, as the segment builder form sends them."""

    name = models.CharField(_("name"), max_length=200)
    filters = models.JSONField(_("filters"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """An outreach campaign to (part of) the hometown network."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("segment")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class InteractionKind(models.TextChoices):
    MET = "met", _("Met")
    CALLED = "called", _("Called")
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    INTRODUCED = "introduced", _("Introduced someone")


class Interaction(models.Model):
    """One contact with a person; after erasure ``person`` is empty and the label anonymous."""

    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions",
        verbose_name=_("campaign"),
    )  # fmt: skip
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    person_label = models.CharField(_("person"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=InteractionKind.choices)
    happened_on = models.DateField(_("date"))
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("organisation introduced"),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person_label}"


class PersonDuplicate(models.Model):
    """Two people the resolver could not tell apart (``a.pk < b.pk``), with its evidence.

    Created by people imports (rows the resolver was unsure about) and by a scan of the
    whole network; staff merge or dismiss. Status values are those of organisation pairs.
    """

    a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    evidence = models.JSONField(_("evidence"), default=list)
    status = models.CharField(_("status"), max_length=10, default="open")
    found_at = models.DateTimeField(_("found at"), auto_now=True)

    class Meta:
        verbose_name = _("suspected duplicate person")
        verbose_name_plural = _("suspected duplicate people")
        ordering = ["-score", "a_id", "b_id"]
        constraints = [
            models.UniqueConstraint(fields=["a", "b"], name="person_duplicate_pair_unique")
        ]

    def __str__(self) -> str:
        return f"{self.a_id} ~ {self.b_id} ({self.score})"


class AccessedPerson(AppendOnlyModel):
    """One person whose personal data an access record covers (by id only: erasure keeps it)."""

    access = models.ForeignKey(
        PersonalDataAccess,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("personal data access"),
    )
    person_id = models.PositiveIntegerField(_("person id"), db_index=True)

    class Meta:
        verbose_name = _("person accessed")
        verbose_name_plural = _("people accessed")
        ordering = ["access_id", "person_id"]

    def __str__(self) -> str:
        return f"{self.access_id}: {self.person_id}"
