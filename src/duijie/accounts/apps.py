from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "duijie.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
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
