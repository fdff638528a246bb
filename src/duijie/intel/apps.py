from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelConfig(AppConfig):
    name = "duijie.intel"
    verbose_name = _("News intelligence")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.accounts.refusals import register_refusal
        from duijie.demo import register_demo
        from duijie.history.services import register_kin
        from duijie.intel import demo
        from duijie.intel.models import Document, Fact
        from duijie.intel.services import IntelReviewError, read_error_text
        from duijie.localised import reader_language
        from duijie_core.intel.errors import IntelError

        register_refusal(IntelReviewError, lambda error: [error.message])  # type: ignore[attr-defined]
        register_refusal(IntelError, lambda error: [read_error_text(error, reader_language())])  # type: ignore[arg-type]
        register_kin(Document, (Fact, "document_id", "text"))
        register_demo("intel", demo.populate)
        register(
            NavItem(
                "intel:documents",
                _("News intelligence"),
                STAFF,
                _("Read news and announcements into reviewed leads and stage evidence."),
                order=75,
            )
        )
