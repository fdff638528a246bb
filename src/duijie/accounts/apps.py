from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "duijie.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from duijie.accounts import throttle  # noqa: F401  (login failure counting signals)
        from duijie.accounts.models import AppendOnlyError
        from duijie.accounts.refusals import register_refusal
        from duijie_core.chains.errors import ChainError
        from duijie_core.costs.errors import CostError
        from duijie_core.identifiers import IdentifierError
        from duijie_core.locale import LocaleError
        from duijie_core.matching.csvio import InputError
        from duijie_core.money import AmountError
        from duijie_core.scheduling.parse import InstanceError

        for error in (AppendOnlyError, ChainError, CostError, IdentifierError, LocaleError,
                      InputError, AmountError, InstanceError):  # fmt: skip
            register_refusal(error)  # no sentence for readers: the general one
        from duijie.accounts.home import HomePanel, register_panel
        from duijie.accounts.navigation import ALL_ROLES

        register_panel(
            HomePanel(
                key="role_intro",
                template_name="accounts/panels/role_intro.html",
                roles=ALL_ROLES,
                order=0,
            )
        )
