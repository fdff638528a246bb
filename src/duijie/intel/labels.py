"""Names shown for fact types and repair kinds (the codes never reach the screen)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FACT_LABELS: dict[str, str | Promise] = {
    "company": _("Company"),
    "government": _("Government body"),
    "organization": _("Organisation"),
    "project": _("Project"),
    "money": _("Amount"),
    "signed": pgettext_lazy("milestone", "Signed"),
    "land_acquired": pgettext_lazy("milestone", "Land acquired"),
    "construction_started": pgettext_lazy("milestone", "Construction started"),
    "topped_out": pgettext_lazy("milestone", "Topped out"),
    "operating": pgettext_lazy("milestone", "In operation"),
    "opened": pgettext_lazy("milestone", "Opened"),
}

EDIT_LABELS: dict[str, str | Promise] = {
    "doubled": _("doubled bold text"),
    "join": _("broken line joined"),
    "caption": _("repeated caption"),
    "width": _("full-width characters"),
    "space": _("spacing"),
}


def fact_label(kind: str, label: str) -> str:
    return str(FACT_LABELS.get(label, FACT_LABELS.get(kind, label)))


def edit_label(kind: str) -> str:
    return str(EDIT_LABELS.get(kind, kind))
