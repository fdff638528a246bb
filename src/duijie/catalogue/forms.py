"""Forms of the catalogue: filters, project editing, attachments, import, booklet, roadshows."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from duijie.catalogue.amounts import amount_columns, amount_of
from duijie.catalogue.models import AttachmentKind, Instrument, Project, Stage
from duijie.catalogue.problems import message
from duijie.catalogue.project_rows import LIST_SEPARATORS
from duijie.catalogue.translated import (
    FALLBACK,
    SUFFIX,
    TEXT_STEMS,
    current_language,
)
from duijie.interchange.uploads import checked_upload
from duijie.localised import money
from duijie.reference.models import (
    AdminDivision,
    DivisionLevel,
    Edition,
    Industry,
    KeyIndustry,
    PromotionMethod,
)
from duijie.reference.pickers import use_picker
from duijie_core.money import Amount, AmountError, UnknownAmount, parse_amount

SORTS = [
    ("relevance", _("Relevance")),
    ("code", _("Project code")),
    ("newest", _("Newest")),
    ("financing_desc", _("Financing sought, largest first")),
    ("financing_asc", _("Financing sought, smallest first")),
]
HUNDRED_MILLION = Decimal(100_000_000)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024


class CatalogueFilterForm(forms.Form):
    """The public catalogue's filters; every field optional, invalid values ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    industry = forms.ModelChoiceField(
        KeyIndustry.objects.all(), to_field_name="code", required=False, label=_("Key industry")
    )
    city = forms.ModelChoiceField(
        AdminDivision.objects.none(), to_field_name="code", required=False, label=_("City")
    )
    amount_min = forms.DecimalField(
        label=_("Financing from (CNY 100 million)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    amount_max = forms.DecimalField(
        label=_("Financing up to (CNY 100 million)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    instrument = forms.ChoiceField(
        choices=[("", BLANK_CHOICE_LABEL), *Instrument.choices],
        required=False,
        label=_("Instrument"),
    )
    stage = forms.ChoiceField(
        choices=[("", BLANK_CHOICE_LABEL), *Stage.choices], required=False, label=_("Stage")
    )
    edition = forms.ModelChoiceField(
        Edition.objects.all(), to_field_name="slug", required=False, label=_("Edition")
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Sort"))

    def __init__(self, *args: object, cities: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if cities is not None:
            self.fields["city"].queryset = cities  # type: ignore[attr-defined]

    def more_filters(self) -> list[forms.BoundField]:
        """Every filter but the search box (folded away on a phone)."""
        return [self[name] for name in self.fields if name != "q"]

    def filters_used(self) -> bool:
        """Whether a filter other than the search box is set (then the fold starts open)."""
        return any(self.data.get(name) for name in self.fields if name not in ("q", "sort"))


class AmountField(forms.CharField):
    """A written amount (3.5億元, 數千萬美元, 未披露) read by ``duijie_core.money.parse_amount``."""

    def clean(self, value: object) -> Amount:  # type: ignore[override]
        text = super().clean(value)
        try:
            return parse_amount(text)
        except AmountError as error:
            raise forms.ValidationError(
                message("bad_amount", {"value": text, **error.params})
            ) from None


class ProjectForm(forms.ModelForm):
    """Project fields an owner or staff member edits; staff also set code, owner and edition."""

    investment = AmountField(
        label=_("Total investment"),
        required=False,
        max_length=100,
        help_text=_("e.g. 3.5億人民幣, 1-2億元, US$5M, 未披露"),
    )
    financing = AmountField(label=_("Financing sought"), required=False, max_length=100)
    tags = forms.CharField(
        label=_("ESG and policy tags"), required=False, help_text=_("Separate with commas.")
    )

    class Meta:
        model = Project
        fields = [
            *[f"{stem}_{lang}" for stem in TEXT_STEMS for lang in ("hant", "hans", "en")],
            "key_industry",
            "industry",
            "city",
            "county",
            "park",
            "instrument",
            "stage",
            "expected_return",
            "payback_years",
            "contact_name",
            "contact_phone",
            "contact_email",
            "promotion_methods",
        ]
        widgets = {
            "promotion_methods": forms.CheckboxSelectMultiple,
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["promotion_methods"].queryset = PromotionMethod.objects.filter(active=True)  # type: ignore[attr-defined]
        self._narrow_places()
        self._searchable_industry()
        if self.instance.pk:
            self.initial.update(
                investment=self._written("investment"),
                financing=self._written("financing"),
                tags=", ".join(self.instance.policy_tags or []),
            )

    def _narrow_places(self) -> None:
        """Hunan's cities; the counties of the chosen city only, refreshed by HTMX on change."""
        divisions = AdminDivision.objects.order_by("code")
        city = self.fields["city"]
        city.queryset = divisions.filter(level=DivisionLevel.CITY, code__startswith="43")  # type: ignore[attr-defined]
        city.widget.attrs |= {
            "hx-get": reverse_lazy("catalogue:county_options"),
            "hx-target": "#id_county",
            "hx-swap": "innerHTML",
        }
        chosen = self.data.get("city") if self.is_bound else self.instance.city_id
        self.fields["county"].queryset = (  # type: ignore[attr-defined]
            divisions.filter(level=DivisionLevel.COUNTY, parent_id=chosen)
            if str(chosen or "").isdigit()
            else divisions.none()
        )

    def _searchable_industry(self) -> None:
        """The GB/T industry: a picker over every industry, searched as you type."""
        field = self.fields["industry"]
        field.queryset = Industry.objects.all()  # type: ignore[attr-defined]
        field.to_field_name = "code"  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["industry"] = getattr(self.instance.industry, "code", "")
        use_picker(self, "industry", "industries")

    def _written(self, prefix: str) -> str:
        """The stored amount as the interface language writes it (``parse_amount`` reads it)."""
        amount = amount_of(self.instance, prefix)
        if isinstance(amount, UnknownAmount):
            return amount.text
        return money(amount)

    def text_groups(self) -> list[dict[str, object]]:
        """The long texts by language, the interface language first (it alone starts open)."""
        names = {
            "hant": _("Traditional Chinese"),
            "hans": _("Simplified Chinese"),
            "en": _("English"),
        }
        order = [SUFFIX[language] for language in FALLBACK[current_language()]]
        return [
            {
                "title": names[suffix],
                "open": index == 0 or any(self[f"{s}_{suffix}"].errors for s in TEXT_STEMS[1:]),
                "fields": [self[f"{stem}_{suffix}"] for stem in TEXT_STEMS[1:]],
            }
            for index, suffix in enumerate(order)
        ]

    def other_fields(self) -> list[forms.BoundField]:
        """Every field except the long texts (names first, as declared)."""
        texts = {f"{stem}_{suffix}" for stem in TEXT_STEMS[1:] for suffix in SUFFIX.values()}
        return [self[name] for name in self.fields if name not in texts]

    def project_values(self) -> dict[str, object]:
        """Field values for :mod:`duijie.catalogue.services` (amount columns, tags; no M2M)."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in self.Meta.fields
            if name != "promotion_methods" and name in data
        }
        for prefix in ("investment", "financing"):
            values |= amount_columns(prefix, data.get(prefix) or UnknownAmount())
        values["policy_tags"] = [
            t.strip() for t in LIST_SEPARATORS.split(data.get("tags", "")) if t.strip()
        ]
        return values

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(data.get(f"name_{lang}") for lang in ("hant", "hans", "en")):
            raise forms.ValidationError(message("name_required", {}))
        county, city = data.get("county"), data.get("city")
        if county and city and county.parent_id != city.pk:  # type: ignore[attr-defined]
            self.add_error("county", _("This county is not in the chosen city."))
        return data


class StaffProjectForm(ProjectForm):
    """Staff also choose the edition, the code and the owners."""

    class Meta(ProjectForm.Meta):
        fields = ["edition", "code", "owner_organisation", "owner_user", *ProjectForm.Meta.fields]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        use_picker(self, "owner_organisation", "organisations")


class AttachmentForm(forms.Form):
    """An image (PNG, JPEG, WebP; at most 5 MB) or a document (at most 15 MB), checked by
    content (:func:`duijie.interchange.uploads.checked_upload`); the caption defaults to
    the uploaded file's name."""

    kind = forms.ChoiceField(choices=AttachmentKind.choices, label=_("Kind"))
    file = forms.FileField(label=_("File"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None:
            return data
        images_only = data.get("kind") == AttachmentKind.IMAGE
        try:
            checked = checked_upload(
                upload,  # type: ignore[arg-type]
                images_only=images_only,
                max_bytes=MAX_IMAGE_BYTES if images_only else MAX_DOCUMENT_BYTES,
            )
        except forms.ValidationError as error:
            self.add_error("file", error)
            return data
        data["caption"] = data.get("caption") or str(upload.name)[:200]  # type: ignore[attr-defined]
        checked.content.name = f"upload.{checked.extension}"
        data["file"] = checked.content
        return data


class ImportForm(forms.Form):
    """Choose the edition and the file (the interchange flow previews, then confirms)."""

    edition = forms.ModelChoiceField(
        Edition.objects.all(), to_field_name="slug", label=_("Edition")
    )
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"))


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class BookletForm(forms.Form):
    edition = forms.ModelChoiceField(
        Edition.objects.all(), to_field_name="slug", label=_("Edition")
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,  # named in the reader's language, like the site's switch
        label=_("Language"),
    )


class RoadshowForm(forms.Form):
    """A roadshow and its shortlist: project codes of the edition, one per line, in order."""

    edition = forms.ModelChoiceField(
        Edition.objects.all(), to_field_name="slug", label=_("Edition")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    codes = forms.CharField(
        label=_("Project codes, one per line, in presentation order"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        codes = [c.strip() for c in str(data.get("codes", "")).split() if c.strip()]
        edition = data.get("edition")
        if edition is not None:
            known = set(
                Project.objects.filter(edition=edition, code__in=codes).values_list(
                    "code", flat=True
                )
            )
            unknown = [c for c in codes if c not in known]
            if unknown:
                self.add_error(
                    "codes",
                    _("Unknown project codes in this edition: %(codes)s")
                    % {"codes": ", ".join(unknown)},
                )
        if len(set(codes)) != len(codes):
            self.add_error("codes", _("A project code appears twice."))
        data["code_list"] = codes
        return data
