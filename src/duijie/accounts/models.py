"""Users, their roles and the log of who looked at personal data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duijie.accounts.managers import UserManager
from duijie.accounts.roles import STAFF_ROLES, Role


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in; identified by email, holding one role."""

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.INVESTOR)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_agency_staff(self) -> bool:
        return self.role in STAFF_ROLES


class PersonalDataAccess(models.Model):
    """One look at, or export of, personal data: who, what, why, when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    action = models.CharField(_("action"), max_length=20)
    subject = models.CharField(_("subject"), max_length=200)
    fields = models.CharField(_("fields"), max_length=500, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.subject}"
