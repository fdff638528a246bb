from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "duijie.matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from duijie.matchmaking import jobs, rules  # noqa: F401 - registration
        from duijie.matchmaking.panels import register_navigation

        register_navigation()
