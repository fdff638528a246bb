from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "duijie.matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from duijie.directory.erasure import person_erased
        from duijie.matchmaking import jobs, rules  # noqa: F401 - registration
        from duijie.matchmaking.panels import register_navigation

        register_navigation()
        person_erased.connect(_forget_ties, dispatch_uid="matchmaking.forget_ties")


def _forget_ties(sender: object, traces: object, **kwargs: object) -> None:
    from duijie.matchmaking.services import forget_ties

    forget_ties(traces=traces)
