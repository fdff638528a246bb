"""Forms of what suppliers offer and buyers need: products, delivery times, certifications.

Certifications are chosen from the core's one list (``produce.CERTIFICATIONS``),
labelled in the reader's language; months are month names from the locale layer.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.directory.models import DeliveryTime, SupplierProfile, SupplyProduct
from duijie.localised import reader_language
from duijie.reference.models import AdminDivision
from duijie_core.locale import format_months
from duijie_core.matching.model import LANGUAGES
from duijie_core.matching.produce import CERTIFICATIONS


def certification_choices() -> list[tuple[str, str]]:
    """The certification list in the active language."""
    i = LANGUAGES.index(reader_language())
    return [(code, names[i]) for code, names in CERTIFICATIONS.items()]


def month_choices() -> list[tuple[int, str]]:
    """Months 1–12 with their names in the active language."""
    language = reader_language()
    return [(m, format_months((m,), language)) for m in range(1, 13)]


class CertificationsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=certification_choices, required=False, **kwargs)


class MonthsField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=month_choices, coerce=int, required=False, **kwargs)


class SupplierProfileForm(forms.ModelForm):
    """Certifications held and cold chain: true of every product of the supplier."""

    certifications = CertificationsField(label=_("Certifications held"))

    class Meta:
        model = SupplierProfile
        fields = ["certifications", "cold_chain", "notes"]


class SupplyProductForm(forms.ModelForm):
    """One product: its names, the months it is supplied, the volume a month and its price
    (one figure, or a range from ``price_low`` to ``price_high``)."""

    months = MonthsField(label=_("Months supplied (none = all year)"))

    class Meta:
        model = SupplyProduct
        fields = [
            "name", "name_hans", "name_en", "months", "monthly_volume", "unit",
            "price_low", "price_high", "price_currency", "price_unit", "is_active",
        ]  # fmt: skip

    def clean_monthly_volume(self) -> Any:
        value = self.cleaned_data.get("monthly_volume")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("The volume a month must be more than zero."))
        return value

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("price_currency", "price_unit"):  # needed only with a price
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("price_low"), data.get("price_high")
        for name in ("price_currency", "price_unit"):
            if not data.get(name) and low is not None:
                self.add_error(name, _("Needed when a price is given."))
            elif not data.get(name):
                data[name] = SupplyProduct._meta.get_field(name).default
        if low is not None and low <= 0:
            self.add_error("price_low", _("The price must be more than zero."))
        elif high is not None and low is None:
            self.add_error("price_low", _("Give the lower price of the range too."))
        elif high is not None and low is not None and high < low:
            self.add_error("price_high", _("The upper price is below the lower one."))
        return data


class DeliveryTimeForm(forms.ModelForm):
    """Hours to deliver to one market."""

    class Meta:
        model = DeliveryTime
        fields = ["market", "hours"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = AdminDivision.objects.filter(level__lte=2).order_by("code")
