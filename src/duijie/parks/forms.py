"""Forms of the parks app: a platform (the editor and each spreadsheet row), the route finder,
the site suggestion and the policy-innovation search."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.localised import reader_language
from duijie.parks.models import SAMPLE_GROUPS, Corridor, Leg, Platform, PolicyInnovation, Port
from duijie.parks.services import index_innovation
from duijie.reference.models import AdminDivision, Industry
from duijie_core.logistics.model import UNITS, LegCost, LogisticsError, check_network, check_node
from duijie_core.logistics.model import Leg as CoreLeg
from duijie_core.logistics.phrases import describe
from duijie_core.money import CURRENCIES

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


class PortForm(forms.ModelForm):
    """A port, rail hub or border crossing legs may start or end at."""

    class Meta:
        model = Port
        fields = ["code", "name_hant", "name", "name_en", "is_gba"]


class CorridorForm(forms.ModelForm):
    """A trade corridor's own attributes (its legs are :class:`LegForm` rows)."""

    class Meta:
        model = Corridor
        fields = [
            "code",
            "name_hant",
            "name",
            "name_en",
            "summary_hant",
            "summary_hans",
            "summary_en",
            "runs_total",
            "source",
            "as_of",
            "sample",
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}


class LegForm(forms.ModelForm):
    """One leg: its ends must be known ports or division codes, a cost needs a currency and
    a unit, and the core must accept it (``duijie_core.logistics.model.Leg``)."""

    cost_currency = forms.ChoiceField(
        label=_("Currency"),
        required=False,
        choices=[("", "—"), *((c, c) for c in sorted(CURRENCIES))],
    )
    cost_unit = forms.ChoiceField(
        label=_("Cost unit"), required=False, choices=[("", "—"), *((u, u) for u in UNITS)]
    )

    class Meta:
        model = Leg
        fields = [
            "order",
            "origin",
            "destination",
            "mode",
            "hours",
            "runs_per_week",
            "cost_amount",
            "cost_currency",
            "cost_unit",
            "source",
            "as_of",
            "sample",
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, nodes: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nodes = nodes if nodes is not None else known_places()
        for name in ("hours", "runs_per_week", "cost_amount"):
            self.fields[name].validators.append(_not_negative)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        amount, currency, unit = (
            data.get(k) for k in ("cost_amount", "cost_currency", "cost_unit")
        )
        if amount is not None and not currency and "cost_currency" not in self.errors:
            self.add_error("cost_currency", _("A cost needs its currency."))
        if amount is not None and not unit and "cost_unit" not in self.errors:
            self.add_error("cost_unit", _("A cost needs the unit it is quoted per."))
        if amount is None and (currency or unit):
            self.add_error("cost_amount", _("A currency or unit without a cost: give the cost."))
        for end in ("origin", "destination"):
            try:
                if end in data:
                    check_node(data[end], self.nodes)
            except LogisticsError as refused:
                self.add_error(end, describe(refused.code, refused.params, reader_language()))
        if not self.errors:
            self._check_with_core(data)
        return data

    def _check_with_core(self, data: dict[str, Any]) -> None:
        """What the path search needs: the core's leg (mode, time, cost, two distinct ends)."""
        try:
            cost = None
            if data.get("cost_amount") is not None:
                cost = LegCost(
                    Decimal(data["cost_amount"]), data["cost_currency"], data["cost_unit"]
                )
            leg = CoreLeg(
                route="",
                origin=data.get("origin", ""),
                destination=data.get("destination", ""),
                mode=data.get("mode", ""),
                hours=Decimal(data.get("hours") or 0),
                cost=cost,
            )
            check_network([leg], self.nodes)
        except LogisticsError as refused:
            self.add_error(
                CORE_FIELDS.get(refused.code),
                describe(refused.code, refused.params, reader_language()),
            )


CORE_FIELDS = {
    "unknown_currency": "cost_currency",
    "bad_cost": "cost_amount",
    "unknown_unit": "cost_unit",
    "missing_unit": "cost_unit",
    "unknown_mode": "mode",
    "bad_hours": "hours",
    "leg_to_itself": "destination",
}


class BaseLegFormSet(forms.BaseInlineFormSet):
    """The legs of a corridor; each leg's order appears once."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        if not hasattr(self, "_nodes"):
            self._nodes = known_places()
        return super().get_form_kwargs(index) | {"nodes": self._nodes}

    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            order = form.cleaned_data.get("order")
            if order in seen:
                form.add_error("order", _("Another leg has this order."))
            seen.add(order)


LegFormSet = forms.inlineformset_factory(
    Corridor, Leg, form=LegForm, formset=BaseLegFormSet, extra=2, can_delete=True
)


def known_places() -> set[str]:
    """Every code a leg may start or end at: port codes and administrative division codes."""
    ports = set(Port.objects.values_list("code", flat=True))
    return ports | set(AdminDivision.objects.values_list("code", flat=True))


class InnovationForm(forms.ModelForm):
    """A policy innovation and the platforms it applies to (typed as a list of codes)."""

    platform_codes = forms.CharField(
        label=_("Platforms (codes)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = PolicyInnovation
        fields = [
            "code",
            "title_hant",
            "title_hans",
            "title_en",
            "summary_hant",
            "summary_hans",
            "summary_en",
            "published_on",
            "source",
            "sample",
        ]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            codes = self.instance.platforms.order_by("code").values_list("code", flat=True)
            self.initial["platform_codes"] = "、".join(codes)

    def clean_platform_codes(self) -> list[Platform]:
        codes = split(self.cleaned_data.get("platform_codes", ""))
        found = {p.code: p for p in Platform.objects.filter(code__in=codes)}
        if unknown := [c for c in codes if c not in found]:
            raise forms.ValidationError(
                _("Unknown platform codes: %(codes)s"), params={"codes": "、".join(unknown)}
            )
        return [found[c] for c in dict.fromkeys(codes)]

    def save(self, commit: bool = True) -> PolicyInnovation:
        innovation: PolicyInnovation = super().save(commit=commit)
        if commit:
            innovation.platforms.set(self.cleaned_data["platform_codes"])
            index_innovation(innovation)
        return innovation
