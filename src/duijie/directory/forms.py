"""Forms of the directory pages (search, profile, mandate, network, import, export)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duijie.directory.consent import ConsentWithheld
from duijie.directory.erasure import mentions, traces_of
from duijie.directory.keys import organisation_match_key
from duijie.directory.models import (
    CONTACT_FIELDS,
    BuyingNeed,
    Campaign,
    Consent,
    ImportKind,
    Instrument,
    Interaction,
    InteractionKind,
    IntroductionPath,
    Mandate,
    Organisation,
    OrganisationKind,
    Person,
    Stage,
    VolumeUnit,
)
from duijie.directory.models.supply import CURRENCY_CHOICES, PriceKind
from duijie.directory.resolution import core_language
from duijie.directory.rowforms import split_list
from duijie.directory.search import INVESTORS
from duijie.directory.supply_forms import CertificationsField, MonthsField
from duijie.reference.models import AdminDivision, KeyIndustry
from duijie.reference.pickers import Picker, use_picker
from duijie_core.identifiers import (
    credit_code_problems,
    describe,
    hk_cr_no_problems,
    stock_code_problems,
)

HUNAN = "43"


def division_choices(*, with_hunan_counties: bool) -> list[tuple[str, str]]:
    """Provinces and cities (and, for hometowns, Hunan's counties) as (code, name)."""
    query = Q(level__lte=2)
    if with_hunan_counties:
        query |= Q(code__startswith=HUNAN)
    rows = AdminDivision.objects.filter(query).exclude(name="市辖区").order_by("code")
    return [("", "—")] + [(d.code, f"{d.code} {d.display_name()}") for d in rows]


def key_industry_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (k.code, k.display_name()) for k in KeyIndustry.objects.filter(active=True)
    ]


class SearchForm(forms.Form):
    """Directory search: names in any script, with filters."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    division = forms.ChoiceField(label=_("Headquarters"), required=False)
    key_industry = forms.ChoiceField(label=_("Key industry"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [("", _("All kinds")), (INVESTORS, _("All investors")), *OrganisationKind.choices]
        self.fields["kind"].choices = kinds
        self.fields["division"].choices = division_choices(with_hunan_counties=False)
        self.fields["key_industry"].choices = key_industry_choices()


def _identifier_check(value: str, checker: Any) -> str:
    problems = checker(value) if value else ()
    if problems:
        raise ValidationError(describe(problems[0], core_language()))
    return value


class OrganisationForm(forms.ModelForm):
    """An organisation's profile; identifiers are checked (credit-code check digit …)."""

    aliases_text = forms.CharField(
        label=_("Former names and aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )

    class Meta:
        model = Organisation
        fields = [
            "kind", "name", "short_name", "name_en", "credit_code", "hk_cr_no", "stock_code",
            "hq_division", "key_industries", "size", "website", "description",
        ]  # fmt: skip
        widgets = {"key_industries": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hq_division"].queryset = AdminDivision.objects.filter(level__lte=2)
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])

    def clean_credit_code(self) -> str:
        return _identifier_check(self.cleaned_data["credit_code"], credit_code_problems)

    def clean_hk_cr_no(self) -> str:
        return _identifier_check(self.cleaned_data["hk_cr_no"], hk_cr_no_problems)

    def clean_stock_code(self) -> str:
        return _identifier_check(self.cleaned_data["stock_code"], stock_code_problems)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lines = (data.get("aliases_text") or "").splitlines()
        self.instance.aliases = list(dict.fromkeys(x.strip() for x in lines if x.strip()))
        return data


class MandateForm(forms.ModelForm):
    """An investment mandate: hard filters for matching (empty = no restriction)."""

    stages = forms.MultipleChoiceField(
        label=_("Stages"),
        choices=Stage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instruments = forms.MultipleChoiceField(
        label=_("Instruments"), choices=Instrument.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Mandate
        fields = [
            "title", "key_industries", "ticket_min", "ticket_max", "currency", "stages",
            "instruments", "regions_wanted", "regions_excluded", "thesis", "is_active",
        ]  # fmt: skip
        widgets = {"key_industries": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("regions_wanted", "regions_excluded"):
            self.fields[name].queryset = AdminDivision.objects.filter(level__lte=2)
            use_picker(self, name, "regions")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("ticket_min"), data.get("ticket_max")
        if low is not None and high is not None and low > high:
            self.add_error("ticket_max", _("The largest ticket is smaller than the smallest."))
        return data


class SegmentForm(forms.Form):
    """The segment builder's filters (all optional)."""

    hometown = forms.ChoiceField(label=_("Hometown"), required=False)
    location = forms.ChoiceField(label=_("Lives in"), required=False)
    school = forms.CharField(label=_("School"), required=False, max_length=100)
    affiliation = forms.CharField(label=_("Organisation"), required=False, max_length=100)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    consent = forms.BooleanField(label=_("Only people who gave consent"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hometown"].choices = division_choices(with_hunan_counties=True)
        self.fields["location"].choices = division_choices(with_hunan_counties=False)
        self.fields["industry"].choices = key_industry_choices()


class SaveSegmentForm(forms.Form):
    name = forms.CharField(label=_("Segment name"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the campaign form on the same page has a ``name`` field too.
        kwargs.setdefault("auto_id", "segment_%s")
        super().__init__(*args, **kwargs)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "purpose", "segment", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}


class OrganisationNameField(forms.CharField):
    """An organisation written by its exact name (either script) or as ``#id``."""

    def clean(self, value: Any) -> Organisation | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if text.startswith("#") and text[1:].isdigit():
            found = list(Organisation.objects.filter(pk=int(text[1:]))[:2])
        else:
            key = organisation_match_key(text)
            found = list(Organisation.objects.filter(match_key=key)[:2]) if key else []
        if not found:
            raise ValidationError(_("No organisation is called “%(name)s”.") % {"name": text})
        if len(found) > 1:
            raise ValidationError(
                _("Several organisations are called “%(name)s”: write #id instead.")
                % {"name": text}
            )
        return found[0]


WITHHELD_HELP = _("Consent refused or withdrawn: this person is not invited or added to campaigns.")


class InteractionForm(forms.ModelForm):
    """A contact with a person; invitations and campaigns only with their consent."""

    organisation = OrganisationNameField(
        label=_("Introduced organisation"), required=False, max_length=300,
        help_text=_("For introductions: the organisation's exact name, or #id."),
    )  # fmt: skip

    class Meta:
        model = Interaction
        fields = ["kind", "happened_on", "campaign", "organisation", "notes"]
        labels = {"campaign": _("Campaign")}
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        if person is not None and person.consent_withheld:
            self.fields["campaign"].help_text = WITHHELD_HELP
            self.fields["kind"].help_text = WITHHELD_HELP

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        withheld = self.person is not None and self.person.consent_withheld
        if withheld and (data.get("campaign") or data.get("kind") == InteractionKind.INVITED):
            raise ValidationError(str(ConsentWithheld(self.person)))  # type: ignore[arg-type]
        return data


class IntroductionForm(forms.ModelForm):
    """A warm-introduction path from a person to an organisation."""

    organisation = OrganisationNameField(
        label=_("Organisation"), max_length=300,
        help_text=_("The organisation's exact name (either script), or #id."),
    )  # fmt: skip

    class Meta:
        model = IntroductionPath
        fields = ["organisation", "relationship", "strength"]
        widgets = {"strength": forms.Select(choices=[(1, "1"), (2, "2"), (3, "3")])}


def list_text(value: Any) -> str:
    """A list field shown as text, one item per line."""
    return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value or "")


class ListField(forms.CharField):
    """A list of strings typed one per line (or separated by ; ； 、 |)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value: Any) -> str:
        return list_text(value)

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_list(super().clean(value) or "")


class BuyingNeedForm(forms.ModelForm):
    """A buyer's need: products, volume, months, certifications, delivery (empty = any)."""

    product_categories = ListField(label=_("Product categories"), required=False)
    certifications_required = CertificationsField(label=_("Certifications required"))
    seasons = MonthsField(label=_("Months (none = all year)"))
    volume_unit = forms.ChoiceField(label=_("Volume unit"), choices=VolumeUnit.choices)
    price_kind = forms.ChoiceField(label=_("Price is"), choices=PriceKind.choices, required=False)
    price_currency = forms.ChoiceField(
        label=_("Price currency"), choices=CURRENCY_CHOICES, required=False
    )
    price_unit = forms.ChoiceField(label=_("Price per"), choices=VolumeUnit.choices, required=False)

    class Meta:
        model = BuyingNeed
        fields = [
            "title", "product_categories", "monthly_volume", "annual_volume", "volume_unit",
            "seasons", "certifications_required", "needs_cold_chain", "max_delivery_hours",
            "price", "price_kind", "price_currency", "price_unit",
            "delivery_regions", "notes", "is_active",
        ]  # fmt: skip
        help_texts = {
            "monthly_volume": _("Compared with each supplier's volume in every month you buy."),
            "price": _(
                "Compared with each supplier's price, converted to your currency and unit "
                "with the exchange rates on record."
            ),
            "delivery_regions": _("The first is the market delivery times are checked for."),
        }

    def clean_price(self) -> Any:
        value = self.cleaned_data.get("price")
        if value is not None and value <= 0:
            raise ValidationError(_("The price must be more than zero."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("price_kind", "price_currency", "price_unit"):
            if not data.get(name) and data.get("price") is not None:
                self.add_error(name, _("Needed when a price is given."))
            elif not data.get(name):
                data[name] = BuyingNeed._meta.get_field(name).default
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivery_regions"].queryset = AdminDivision.objects.filter(level__lte=2)
        use_picker(self, "delivery_regions", "regions")


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=ImportKind.choices)
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Only .xlsx and .csv files can be imported."))
        return upload


class ExportForm(forms.Form):
    """What to export, in which format, and why (personal data exports are logged)."""

    what = forms.ChoiceField(label=_("What"), choices=ImportKind.choices)
    file_format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel")])
    include_contacts = forms.BooleanField(label=_("Include contact details"), required=False)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, help_text=_("Why you need this export; it is logged.")
    )


class DivisionField(forms.ModelChoiceField):
    """A province, city or Hunan county (or the ``current`` division), chosen by code."""

    def __init__(self, *, current: AdminDivision | None = None, **kwargs: Any) -> None:
        places = Q(level__lte=2) | Q(code__startswith=HUNAN)
        if current is not None:
            places |= Q(pk=current.pk)
        divisions = AdminDivision.objects.filter(places).exclude(name="市辖区").order_by("code")
        initial = current.code if current is not None else None
        super().__init__(queryset=divisions, to_field_name="code", initial=initial, **kwargs)
        self.widget = Picker("places", to_field="code", also=divisions)
        self.widget.is_required = self.required

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.display_name()}"


class PersonForm(forms.ModelForm):
    """A person's details (staff): names as written, places, contacts, schools."""

    other_names = ListField(label=_("Other names"), required=False)
    languages = ListField(label=_("Languages"), required=False)
    schools = ListField(label=_("Schools"), required=False, help_text=_("One per line."))

    class Meta:
        model = Person
        fields = [
            "name", "name_en", "other_names", "birth_year", "hometown", "location",
            "languages", "phone", "email", "wechat", "address", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["schools"].initial = [s.school for s in self.instance.schools.all()]
        for name, label in (("hometown", _("Hometown")), ("location", _("Lives in"))):
            current = getattr(self.instance, name)
            self.fields[name] = DivisionField(current=current, label=label, required=False)
            self.initial[name] = current.code if current is not None else None
        if self.instance.consent_withheld:  # contacts are neither shown nor edited
            for name in CONTACT_FIELDS:
                del self.fields[name]


class ConsentForm(forms.ModelForm):
    """A person's consent answer, with its date and how it was given."""

    class Meta:
        model = Person
        fields = ["consent", "consent_on", "consent_source", "consent_purpose"]
        widgets = {"consent_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent") != Consent.UNKNOWN and not data.get("consent_on"):
            self.add_error("consent_on", _("Give the date of the answer."))
        if data.get("consent") != Consent.UNKNOWN and not data.get("consent_source"):
            self.add_error("consent_source", _("Say how the answer was given."))
        return data


class EraseForm(forms.Form):
    """Why a person is erased; the reason stays in the access log, so it may not name them."""

    reason = forms.CharField(
        label=_("Reason"), max_length=300,
        help_text=_("Kept in the access log for good: do not write the person's name or contacts."),
    )  # fmt: skip

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        if mentions(reason, traces_of(self.person)):
            raise ValidationError(_("Do not write the person's name or contacts in the reason."))
        return reason
