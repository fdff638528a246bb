from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnvironmentConfig(AppConfig):
    name = "duijie.environment"
    verbose_name = _("Investment environment")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.accounts.roles import Role
        from duijie.demo import register_demo
        from duijie.environment import demo, report, rules, siting  # noqa: F401  (permissions, the job)
        from duijie.environment.models import OperationProfile, ProfileItem, ProfileRole
        from duijie.history.services import register_kin
        from duijie.parks.factors import register_site_factor

        register_demo("environment", demo.populate)
        register_site_factor(
            "cost",
            _("Operating cost"),
            siting.cost_factor,
            options=siting.profile_options,
            names=siting.cited_names,
            option_label=_("Operation to price"),
        )
        register_kin(
            OperationProfile,
            (ProfileItem, "profile_id", "indicator"),
            (ProfileRole, "profile_id", "role"),
        )
        register(
            NavItem(
                "environment:compare",
                _("Investment environment"),
                frozenset({*STAFF, Role.LEADERSHIP}),
                _("Operating costs per place with sources, peer index, what-if and the report."),
                order=77,
            )
        )
