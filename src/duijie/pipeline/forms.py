"""Forms of the pipeline pages; all input goes through them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.accounts.models import User
from duijie.accounts.roles import STAFF_ROLES
from duijie.directory.models import Organisation
from duijie.pipeline.models import (
    CURRENCY_CHOICES,
    AftercareIssue,
    AftercareVisit,
    Deal,
    Evidence,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"})


class DealForm(forms.ModelForm):
    """A new deal (or its editable details); the amount is typed as written."""

    amount_text = forms.CharField(
        label=_("Agreed amount"), required=False,
        help_text=_("As written, e.g. 3.5億人民幣, HK$300萬, 未披露."),
    )  # fmt: skip
    currency_code = forms.ChoiceField(
        label=_("Currency when not written"), choices=CURRENCY_CHOICES, initial="CNY"
    )

    class Meta:
        model = Deal
        fields = [
            "title", "title_en", "investor", "project", "enterprise", "methods", "edition",
            "event_name", "city", "key_industry", "owner", "opened_on", "notes",
        ]  # fmt: skip
        widgets = {"opened_on": DATE, "methods": forms.CheckboxSelectMultiple}
        help_texts = {
            "event_name": _("Until trade-week events are linked: the event's name as printed.")
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(role__in=STAFF_ROLES)  # type: ignore[attr-defined]
        self.fields["city"].queryset = self.fields["city"].queryset.filter(level=2)  # type: ignore[attr-defined]
        self.fields["investor"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    """A stage change with dated evidence (and a reason when going back)."""

    to_stage = forms.TypedChoiceField(label=_("New stage"), choices=Stage.choices, coerce=int)
    on = forms.DateField(label=_("Date"), widget=DATE)
    evidence_kind = forms.ChoiceField(label=_("Evidence"), choices=Evidence.choices)
    evidence_file = forms.FileField(label=_("Document or photo"), required=False)
    evidence_link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason (when going back)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EventEditForm(forms.Form):
    """A correction of a past stage event (kept in its history)."""

    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    evidence_link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    evidence_note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ArrivalForm(forms.Form):
    """Capital that arrived."""

    arrived_on = forms.DateField(label=_("Arrived on"), widget=DATE)
    amount_text = forms.CharField(label=_("Amount"), help_text=_("e.g. 5000萬元, HK$2,000,000"))
    currency_code = forms.ChoiceField(
        label=_("Currency when not written"), choices=CURRENCY_CHOICES, initial="CNY"
    )
    evidence_note = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))


class DuplicateForm(forms.Form):
    """The staff decision on a re-signing suspect."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("distinct", _("A distinct deal: count it")),
            ("duplicate", _("A duplicate: do not count it")),
        ],
    )
    duplicate_of = forms.ModelChoiceField(
        Deal.objects.none(), required=False, label=_("Duplicate of")
    )

    def __init__(self, *args, deal: Deal, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        others = deal.suspicions.values("other")
        self.fields["duplicate_of"].queryset = Deal.objects.filter(pk__in=others)  # type: ignore[attr-defined]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("decision") == "duplicate" and not data.get("duplicate_of"):
            self.add_error("duplicate_of", _("Choose the deal it duplicates."))
        return data


class VisitForm(forms.ModelForm):
    class Meta:
        model = AftercareVisit
        fields = ["organisation", "deal", "visited_on", "summary", "reinvestment_interest"]
        widgets = {"visited_on": DATE}


class IssueForm(forms.ModelForm):
    class Meta:
        model = AftercareIssue
        fields = ["organisation", "visit", "raised_on", "title", "details"]
        widgets = {"raised_on": DATE}


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))
