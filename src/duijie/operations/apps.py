from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the service: health, request logs, metrics, backups."""

    name = "duijie.operations"
    verbose_name = _("Operations")
