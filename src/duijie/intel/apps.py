from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelConfig(AppConfig):
    name = "duijie.intel"
    verbose_name = _("News intelligence")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.demo import register_demo
        from duijie.history.services import register_kin
        from duijie.intel import demo
        from duijie.intel.models import Document, Fact

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
