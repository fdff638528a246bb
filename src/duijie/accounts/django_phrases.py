"""Strings that Django itself shows but does not yet translate into Chinese.

Listing them here puts them into this app's catalogues, which take precedence
over Django's own; the running code never imports this module.
"""

from django.utils.translation import gettext_lazy as _

DJANGO_PHRASES = (
    _("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL (Django 6)
)
