"""Forms of the investment-environment pages: comparison choices, profile items, report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.environment.models import Indicator, IndicatorValue, OperationProfile, Role
from duijie.reference.models import AdminDivision
from duijie_core import costs

FACTOR_LABELS = {
    "education": gettext_lazy("Education"),
    "medical_care": gettext_lazy("Medical care"),
    "industrial_base": gettext_lazy("Industrial base"),
    "open_platforms": gettext_lazy("Open platforms"),
    "research_platforms": gettext_lazy("Research platforms"),
    "talent": gettext_lazy("Talent"),
    "business_environment": gettext_lazy("Business environment"),
}
DEFAULT_PLACES = ("4301", "4201", "3601", "3401", "4101", "1401", "81")
LANGUAGES = (("zh-hant", "繁體中文"), ("zh-hans", "简体中文"), ("en", "English"))


def place_choices() -> list[tuple[str, str]]:
    """Places with at least one stored value, by code."""
    codes = IndicatorValue.objects.values_list("place__code", flat=True).distinct()
    rows = AdminDivision.objects.filter(code__in=codes).order_by("code")
    return [(d.code, d.display_name()) for d in rows]


class CompareForm(forms.Form):
    """Profile, places, peers, escalation and quality weights (what-if cells come apart)."""

    profile = forms.ModelChoiceField(
        OperationProfile.objects.all(), to_field_name="code", label=gettext_lazy("Operation"),
        empty_label=None,
    )  # fmt: skip
    places = forms.MultipleChoiceField(
        label=gettext_lazy("Places"), widget=forms.CheckboxSelectMultiple
    )
    peers = forms.MultipleChoiceField(
        label=gettext_lazy("Peer set (average = 100)"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: the places themselves."),
    )  # fmt: skip
    escalation = forms.DecimalField(
        label=gettext_lazy("Yearly cost increase for the ten-year view (%)"), initial=0,
        min_value=Decimal(-99), max_value=Decimal(100), decimal_places=2, required=False,
    )  # fmt: skip

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = place_choices()
        self.fields["places"].choices = choices
        self.fields["peers"].choices = choices
        for factor, label in FACTOR_LABELS.items():
            self.fields[f"w_{factor}"] = forms.DecimalField(
                label=label, initial=1, min_value=Decimal(0), max_value=Decimal(100),
                decimal_places=2, required=False,
            )  # fmt: skip

    @staticmethod
    def defaults() -> dict[str, object]:
        first = OperationProfile.objects.first()
        known = {code for code, _name in place_choices()}
        return {
            "profile": first.code if first else "",
            "places": [c for c in DEFAULT_PLACES if c in known],
            "escalation": 0,  # the inputs show the values the first study uses
            **{f"w_{factor}": 1 for factor in FACTOR_LABELS},
        }

    def weights(self) -> dict[str, Decimal]:
        return {
            factor: self.cleaned_data.get(f"w_{factor}")
            if self.cleaned_data.get(f"w_{factor}") is not None
            else Decimal(1)
            for factor in FACTOR_LABELS
        }

    def escalation_rate(self) -> Decimal:
        return (self.cleaned_data.get("escalation") or Decimal(0)) / 100


def what_if_from(
    data: Mapping[str, str], items: Sequence[str], places: Sequence[str]
) -> tuple[costs.WhatIf, list[str]]:
    """Overrides from ``q-<indicator>`` (quantity) and ``v-<place>-<indicator>`` (value) fields.

    Empty fields change nothing; a field that is not a number ≥ 0 is named in the problems.
    """
    quantities: dict[str, Decimal] = {}
    values: dict[tuple[str, str], Decimal] = {}
    problems: list[str] = []
    for indicator in items:
        _read(data, f"q-{indicator}", quantities, indicator, problems)
        for place in places:
            _read(data, f"v-{place}-{indicator}", values, (place, indicator), problems)
    return costs.WhatIf(values=values, quantities=quantities), problems


def _read(data: Mapping[str, str], name: str, into: dict, key: object, problems: list[str]) -> None:  # type: ignore[type-arg]
    text = (data.get(name) or "").strip().replace(",", "")
    if not text:
        return
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number < 0:
        problems.append(
            _("“%(value)s” is not a number of at least 0; it is ignored.") % {"value": text}
        )
        return
    into[key] = number


class ItemForm(forms.Form):
    """Add or change one item of a profile."""

    indicator = forms.ModelChoiceField(
        Indicator.objects.filter(kind="cost"), to_field_name="code", label=gettext_lazy("Indicator")
    )
    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity per year"),
        min_value=Decimal(0),
        max_digits=24,
        decimal_places=6,
    )
    unit = forms.CharField(
        label=gettext_lazy("Quantity unit"), max_length=40,
        help_text=gettext_lazy(
            "m2, kWh, m3, L, CNY, person-month … matching the indicator's unit."
        ),
    )  # fmt: skip


class RoleForm(forms.Form):
    """Add or change the headcount of one role of a profile."""

    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    headcount = forms.IntegerField(label=gettext_lazy("Headcount"), min_value=0, max_value=10**6)
    months_paid = forms.DecimalField(
        label=gettext_lazy("Months paid a year"), min_value=Decimal("0.5"), max_value=Decimal(24),
        max_digits=4, decimal_places=1, initial=Decimal(12),
    )  # fmt: skip
    indicator = forms.ModelChoiceField(
        Indicator.objects.filter(kind="cost", unit__endswith="/person/month"),
        to_field_name="code", label=gettext_lazy("Priced by (wage indicator)"),
    )  # fmt: skip


class ReportForm(forms.Form):
    """The report's language; the comparison's choices travel in hidden fields."""

    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGES)
