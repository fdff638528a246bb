from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the service: health, request logs, metrics, backups."""

    name = "duijie.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from duijie.accounts.refusals import register_refusal
        from duijie.operations.backup import BackupError

        # Backups run from the command line; should one reach a page, it is refused.
        register_refusal(BackupError, lambda error: [str(error)])
