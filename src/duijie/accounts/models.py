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


class AppendOnlyError(Exception):
    """An attempt to change or delete a row of an append-only log."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows can be added and read; bulk updates and deletes are refused."""

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError(self.model._meta.label)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.model._meta.label)


class AppendOnlyModel(models.Model):
    """A log row: written once, never changed or deleted (any role, admin included)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError(self._meta.label)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self._meta.label)


class AccessAction(models.TextChoices):
    """What was done with personal data (:attr:`PersonalDataAccess.action`)."""

    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")
    MERGE = "merge", _("merged")
    CONSENT = "consent", _("consent changed")
    ERASE = "erase", _("erased")


class PersonalDataAccess(AppendOnlyModel):
    """One look at, or export of, personal data: who, what, why (or where), when.

    Append-only. The people concerned are listed by id in ``directory.AccessedPerson``;
    ``subject`` is ``directory.person:<id>`` for one person, ``directory.people`` for more.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("user")
    )
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    subject = models.CharField(_("subject"), max_length=200)
    fields = models.CharField(_("fields"), max_length=500, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_action_display()} · {self.subject_label}"

    @property
    def subject_label(self) -> str:
        """Whose data, in the reader's words ("person 12", "several people")."""
        one = self.subject.removeprefix("directory.person:")
        if one != self.subject:
            return str(_("person %(id)s") % {"id": one})
        if self.subject == "directory.people":
            return str(_("several people"))
        return self.subject


class RateCount(models.Model):
    """One rate limit's count for one visitor (duijie.accounts.throttle): shared by every
    web process because it is a row of the database, raised by one upsert per hit."""

    key = models.CharField(max_length=64, primary_key=True)  # SHA-256 of group and visitor
    hits = models.PositiveIntegerField(default=0)
    expires = models.FloatField(db_index=True)  # Unix time at which the count starts again

    class Meta:
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")

    def __str__(self) -> str:
        return f"{self.key[:12]}…: {self.hits}"
