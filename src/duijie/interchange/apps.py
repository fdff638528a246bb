from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "duijie.interchange"
    verbose_name = _("Spreadsheet interchange")
