from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "duijie.chains"
    verbose_name = _("Industry chains")

    def ready(self) -> None:
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.accounts.roles import Role
        from duijie.chains import demo, rules, tasks  # noqa: F401  (permissions, the placing task)
        from duijie.chains.models import Chain, Edge, Link, PlacementReview
        from duijie.demo import register_demo
        from duijie.history.services import register_kin
        from duijie.pipeline.sections import DashboardSection, register_section

        register_demo("chains", demo.populate)
        register_kin(Chain, (Link, "chain_id", "name"), (Edge, "chain_id", "label"))
        register_kin(Link, (PlacementReview, "link_id", "firm_name"))
        register(
            NavItem(
                "chains:list",
                _("Industry chains"),
                frozenset({*STAFF, Role.LEADERSHIP}),
                _("Chain maps, link strength per region, gaps and targets."),
                order=75,
            )
        )
        register_section(DashboardSection("chains/_dashboard.html", _dashboard_section))


def _dashboard_section(request: object) -> dict[str, object]:
    from duijie.chains.views import dashboard_section

    return dashboard_section(request)
