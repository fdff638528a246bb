"""Forms of the parks app: a platform (the editor and each spreadsheet row), the route finder,
the site suggestion and the policy-innovation search."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.parks.models import SAMPLE_GROUPS, Platform
from duijie.reference.models import AdminDivision, Industry

SEPARATORS = re.compile(r"[,;，；、\n]+")
SAMPLE_LABELS = {
    "name": _("Name"),
    "industries": _("Leading industries"),
    "land": _("Land and buildings"),
    "incentives": _("Incentives"),
    "contacts": _("Contacts"),
}


def split(text: str) -> list[str]:
    """The items of a list cell or field (commas, semicolons, 、 or new lines)."""
    return [item.strip() for item in SEPARATORS.split(text or "") if item.strip()]


class CodeListField(forms.CharField):
    """GB/T 4754 industry codes typed as a list; each must exist."""

    def clean(self, value: Any) -> list[Industry]:
        codes = split(super().clean(value))
        found = {i.code: i for i in Industry.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown GB/T 4754 codes: %(codes)s"), params={"codes": "、".join(unknown)}
            )
        return [found[c] for c in codes]


class DivisionCodeField(forms.CharField):
    """An administrative division by its code (43, 4301, 430104)."""

    def clean(self, value: Any) -> AdminDivision:
        code = super().clean(value)
        division = AdminDivision.objects.filter(code=code).first()
        if division is None:
            raise forms.ValidationError(
                _("No administrative division has the code %(code)s."), params={"code": code}
            )
        return division


class PlatformForm(forms.ModelForm):
    """A platform and its sample labels; industry codes and keywords typed as lists."""

    division = DivisionCodeField(label=_("Place (division code)"), max_length=12)
    industry_codes = CodeListField(label=_("Leading industries (GB/T 4754 codes)"), required=False)
    keyword_text = forms.CharField(label=_("Industry keywords"), required=False)
    sample_fields = forms.MultipleChoiceField(
        label=_("Sample attributes (not published figures)"),
        required=False,
        choices=[(g, SAMPLE_LABELS[g]) for g in SAMPLE_GROUPS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Platform
        fields = [
            "code",
            "kind",
            "name_hant",
            "name",
            "name_en",
            "division",
            "key_industries",
            "land_hectares",
            "factory_m2",
            "land_as_of",
            "land_source",
            "incentives_hant",
            "incentives_hans",
            "incentives_en",
            "contact_organisation",
            "contact_people",
            "website",
            "source",
        ]
        widgets = {
            "key_industries": forms.CheckboxSelectMultiple,
            "land_as_of": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and not self.is_bound:
            self.initial["division"] = instance.division.code
            self.initial["industry_codes"] = "、".join(i.code for i in instance.industries.all())
            self.initial["keyword_text"] = "、".join(instance.keywords)
            self.initial["sample_fields"] = instance.sample_fields
        for name in ("land_hectares", "factory_m2"):
            self.fields[name].validators.append(_not_negative)

    def clean_keyword_text(self) -> list[str]:
        return split(self.cleaned_data.get("keyword_text", ""))

    def save(self, commit: bool = True) -> Platform:
        platform: Platform = super().save(commit=False)
        platform.keywords = self.cleaned_data["keyword_text"]
        platform.sample_fields = list(self.cleaned_data["sample_fields"])
        if commit:
            platform.save()
            self.save_m2m()
            platform.industries.set(self.cleaned_data["industry_codes"])
        return platform


def _not_negative(value: Any) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError(_("This figure may not be negative."))


class RouteForm(forms.Form):
    """From a platform (or any node) to a destination node, priced per a unit."""

    platform = forms.ModelChoiceField(
        Platform.objects.order_by("kind", "code"), label=_("From platform")
    )
    destination = forms.ChoiceField(label=_("To"))
    unit = forms.ChoiceField(label=_("Cost per"), required=False)

    def __init__(
        self, *args: Any, destinations: list[tuple[str, str]], units: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = destinations
        self.fields["unit"].choices = [("", _("(no cost)"))] + [(u, u) for u in units]


class SuggestForm(forms.Form):
    """The market the subject sells to, and the weight of each factor."""

    market = forms.ChoiceField(label=_("Market (destination)"), required=False)

    def __init__(
        self,
        *args: Any,
        markets: list[tuple[str, str]],
        factors: list[tuple[str, Any, float]],
        options: list[tuple[str, Any, list[tuple[str, str]]]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["market"].choices = [("", _("(none)")), *markets]
        for name, label, choices in options:
            self.fields[f"o_{name}"] = forms.ChoiceField(
                label=label, choices=[("", _("(none)")), *choices], required=False
            )
        for name, label, weight in factors:
            self.fields[f"w_{name}"] = forms.FloatField(
                label=label, min_value=0, max_value=10, initial=weight, required=False
            )

    def choices(self) -> dict[str, str]:
        """What was chosen for the factors that take a choice (blank ones left out)."""
        return {
            key[2:]: value
            for key, value in self.cleaned_data.items()
            if key.startswith("o_") and value
        }

    def weights(self) -> dict[str, float]:
        """The weights typed (a blank one keeps the factor's default)."""
        return {
            key[2:]: value
            for key, value in self.cleaned_data.items()
            if key.startswith("w_") and value is not None
        }


class InnovationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    platform = forms.ModelChoiceField(
        Platform.objects.order_by("kind", "code"), label=_("Platform"), required=False
    )
