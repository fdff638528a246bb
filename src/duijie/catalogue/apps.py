from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "duijie.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from duijie.accounts.refusals import register_refusal
        from duijie.catalogue.problems import message
        from duijie.catalogue.services import WorkflowError

        register_refusal(WorkflowError, lambda e: [message(e.code, e.params)])  # type: ignore[attr-defined]
        from duijie.catalogue import (
            booklet,  # noqa: F401 - registers the booklet job
            pickers,
        )
        from duijie.catalogue.models import Project, ProjectAttachment
        from duijie.catalogue.panels import register_navigation
        from duijie.history.services import register_kin

        register_navigation()
        pickers.register()
        register_kin(Project, (ProjectAttachment, "project_id", "caption"))
