"""``{{ division|place }}``: a place's name in the reader's language, romanisation marked.

In English, a division without a published English name shows its Hanyu Pinyin
romanisation followed by a visible "(Pinyin)" mark whose title explains it.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from duijie.reference.models import AdminDivision

register = template.Library()


def is_romanised(division: AdminDivision) -> bool:
    """True when ``division`` is shown in English by its Pinyin romanisation."""
    return (get_language() or "") == "en" and division.name_en_romanised


@register.filter
def place(division: AdminDivision | None) -> SafeString | str:
    """The division's name in the active language, "(Pinyin)" after a romanised English name."""
    if division is None:
        return ""
    if not is_romanised(division):
        return division.display_name()
    return format_html(
        '{} <abbr class="romanised" title="{}">({})</abbr>',
        division.display_name(),
        _("Hanyu Pinyin romanisation: this place has no official English name."),
        _("Pinyin"),
    )


@register.filter
def romanisation_note(division: AdminDivision) -> str:
    """The explanation for a ``title`` attribute when ``division`` is romanised, else ""."""
    if not is_romanised(division):
        return ""
    return _("Hanyu Pinyin romanisation: this place has no official English name.")
