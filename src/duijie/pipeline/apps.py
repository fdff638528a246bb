from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "duijie.pipeline"
    verbose_name = _("Pipeline")

    def ready(self) -> None:
        from duijie.accounts.refusals import register_refusal
        from duijie.pipeline.phrases import PipelineError

        register_refusal(PipelineError, lambda error: error.messages)  # type: ignore[attr-defined]
        from duijie.accounts.home import HomePanel, register_panel
        from duijie.accounts.navigation import STAFF, NavItem, register
        from duijie.accounts.roles import Role
        from duijie.history.services import register_kin
        from duijie.matchmaking.providers import register_outcomes, register_rates
        from duijie.pipeline import panels, report  # noqa: F401  (registers the report job)
        from duijie.pipeline.models import CapitalArrival, Deal, StageEvent
        from duijie.pipeline.services import core_rates, signed_deal_outcomes

        register_outcomes("pipeline.signed_deals", signed_deal_outcomes)
        register_rates(core_rates)
        register_kin(
            Deal, (StageEvent, "deal_id", "to_stage"), (CapitalArrival, "deal_id", "arrived_on")
        )

        readers = frozenset({*STAFF, Role.LEADERSHIP})
        register(
            NavItem(
                "pipeline:dashboard",
                _("Dashboard"),
                readers,
                _("Key figures, rates and trends across editions."),
                order=70,
            )
        )
        register(
            NavItem(
                "pipeline:deal_list",
                _("Deals"),
                STAFF,
                _("Signed projects followed from lead to operation."),
                order=71,
            )
        )
        register(
            NavItem(
                "pipeline:aftercare",
                _("Aftercare"),
                STAFF,
                _("Follow-up visits and issues of existing investors."),
                order=72,
            )
        )
        register_panel(
            HomePanel(
                "pipeline_headline",
                "pipeline/panels/headline.html",
                frozenset({Role.LEADERSHIP}),
                panels.headline_panel,
                order=20,
            )
        )
        register_panel(
            HomePanel(
                "pipeline_stalled",
                "pipeline/panels/stalled.html",
                STAFF,
                panels.stalled_panel,
                order=30,
            )
        )
