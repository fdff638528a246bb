from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "duijie.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register

        register(
            NavItem(
                "jobs:recent",
                _("Background tasks"),
                STAFF,
                _("Booklets, reports, match runs and schedule solves: how they went."),
                order=95,
            )
        )
