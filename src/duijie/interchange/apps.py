from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "duijie.interchange"
    verbose_name = _("Spreadsheet interchange")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from duijie.accounts.refusals import register_refusal
        from duijie.interchange import commit_job  # noqa: F401 - registers the import job
        from duijie.interchange.models import PendingUpload

        post_delete.connect(_delete_file, sender=PendingUpload, dispatch_uid="pending_file")
        from duijie.interchange.problems import problem_text
        from duijie.interchange.reader import SheetError

        register_refusal(SheetError, lambda e: [problem_text(p) for p in e.problems])  # type: ignore[attr-defined]


def _delete_file(sender: type, instance: object, **kwargs: object) -> None:
    """A deleted pending upload takes its file with it."""
    instance.file.delete(save=False)  # type: ignore[attr-defined]
