from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeweekConfig(AppConfig):
    name = "duijie.tradeweek"
    verbose_name = _("Tradeweek")
