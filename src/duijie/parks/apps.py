from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "duijie.parks"
    verbose_name = _("Open platforms")

    def ready(self) -> None:
        from duijie.accounts.navigation import NavItem, register
        from duijie.accounts.refusals import register_refusal
        from duijie.accounts.roles import Role
        from duijie.demo import register_demo
        from duijie.history.services import register_kin
        from duijie.parks import demo, rules, siting  # noqa: F401  (permissions)
        from duijie.parks.factors import register_site_factor
        from duijie.parks.models import Corridor, Leg
        from duijie.parks.services import ParksError
        from duijie.pipeline.sections import DealSection, register_deal_section
        from duijie_core.logistics.model import LogisticsError

        register_demo("parks", demo.populate)
        register_kin(Corridor, (Leg, "corridor_id", "origin"))
        register_refusal(ParksError, lambda error: [str(error)])
        register_refusal(LogisticsError, _logistics_sentences)
        register(
            NavItem(
                "parks:list",
                _("Open platforms"),
                frozenset(Role),
                _("Parks and zones, policy innovations, trade corridors and site suggestions."),
                order=77,
            )
        )
        register_site_factor("industry", _("Industry fit"), siting.industry_factor, weight=2.0)
        register_site_factor("logistics", _("Time to market"), siting.logistics_factor)
        register_site_factor("land", _("Land available"), siting.land_factor)
        register_deal_section(DealSection("parks/_deal_section.html", _deal_section))


def _logistics_sentences(error: Exception) -> list[str]:
    from duijie.localised import reader_language
    from duijie_core.logistics.phrases import describe

    return [describe(error.code, error.params, reader_language())]  # type: ignore[attr-defined]


def _deal_section(request: object, deal: object) -> dict[str, object]:
    from duijie.parks.views_staff import deal_section

    return deal_section(request, deal)  # type: ignore[arg-type]
