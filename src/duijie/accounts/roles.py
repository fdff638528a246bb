"""The roles a Duijie user can hold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Agency staff")
    ADMIN = "admin", _("Agency administrator")
    PROJECT_OWNER = "project_owner", _("Project owner")
    INVESTOR = "investor", _("Investor or buyer representative")
    LEADERSHIP = "leadership", _("Leadership (read-only)")


STAFF_ROLES = frozenset({Role.ORGANISER, Role.ADMIN})
READ_ONLY_ROLES = frozenset({Role.LEADERSHIP})
