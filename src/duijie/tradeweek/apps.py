from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeweekConfig(AppConfig):
    name = "duijie.tradeweek"
    verbose_name = _("Trade week")

    def ready(self) -> None:
        from duijie.accounts.refusals import register_refusal
        from duijie.tradeweek.phrases import TradeWeekError

        register_refusal(TradeWeekError, lambda error: [str(error)])
        from duijie.tradeweek import pickers

        pickers.register()
        from duijie.accounts.home import HomePanel, register_panel
        from duijie.accounts.navigation import ALL_ROLES, STAFF, NavItem, register
        from duijie.accounts.roles import Role
        from duijie.history.services import register_kin
        from duijie.matchmaking.providers import register_outcomes, register_trade_week
        from duijie.tradeweek import jobs  # noqa: F401 - registers the schedule solve
        from duijie.tradeweek.matching import PROVIDER, meeting_outcomes
        from duijie.tradeweek.models import Event, EventSpeaker, Registration
        from duijie.tradeweek.panels import week_panel_context

        register_trade_week(PROVIDER)
        register_outcomes("tradeweek.meetings", meeting_outcomes)
        register_kin(Event, (Registration, "event_id", "user"), (EventSpeaker, "event_id", "name"))

        people = frozenset({Role.INVESTOR, Role.PROJECT_OWNER})
        register(
            NavItem(
                "tradeweek:programme",
                _("Programme"),
                ALL_ROLES,
                _("Events of the trade week in Hong Kong and Shenzhen."),
                order=40,
                public=True,
            )
        )
        register(
            NavItem(
                "tradeweek:agenda",
                _("My agenda"),
                people,
                _("Your events and meetings, as a page, PDF or calendar."),
                order=41,
            )
        )
        register(
            NavItem(
                "tradeweek:requests",
                _("Meeting requests"),
                people,
                _("Ask for meetings and answer the requests you received."),
                order=42,
            )
        )
        register(
            NavItem(
                "tradeweek:participants",
                _("Participants"),
                people,
                _("Who takes part in the week's meetings; request a meeting."),
                order=42,
            )
        )
        register(
            NavItem(
                "tradeweek:staff",
                _("Trade week"),
                STAFF,
                _("Events, registrations, requests, schedule, check-in and analytics."),
                order=43,
            )
        )
        register_panel(
            HomePanel(
                key="tradeweek_next",
                template_name="tradeweek/panels/next.html",
                roles=people,
                context=week_panel_context,
                order=20,
            )
        )
