"""Forms of the pipeline pages; all input goes through them."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duijie.accounts.models import User
from duijie.accounts.roles import STAFF_ROLES
from duijie.catalogue.models import Project
from duijie.directory.models import Organisation
from duijie.interchange.uploads import checked_upload
from duijie.pipeline.models import (
    CURRENCY_CHOICES,
    AftercareIssue,
    AftercareVisit,
    Deal,
    Evidence,
    Stage,
)
from duijie.pipeline.phrases import sentence
from duijie.reference.pickers import use_picker
from duijie.tradeweek.models import Event
from duijie_core.pipeline.stages import check_evidence

DATE = forms.DateInput(attrs={"type": "date"})
EVIDENCE_FIELDS = {
    "evidence_missing_file": "evidence_file",
    "evidence_missing_link": "evidence_link",
    "evidence_missing_note": "evidence_note",
    "evidence_kind_unknown": "evidence_kind",
}


def edition_projects(edition_id: object) -> QuerySet[Project]:
    """The catalogue projects of an edition (none without an edition)."""
    if not edition_id:
        return Project.objects.none()
    return Project.objects.filter(edition_id=edition_id).order_by("code")


def edition_events(edition_id: object) -> QuerySet[Event]:
    """The trade-week events of an edition (none without an edition)."""
    if not edition_id:
        return Event.objects.none()
    return Event.objects.filter(edition_id=edition_id).order_by("starts_at", "pk")


class DealForm(forms.ModelForm):
    """A new deal (or its editable details); the amount is typed as written.

    The project and event choices are those of the deal's edition; the project is a
    picker over the catalogue's ``projects`` source that follows the edition select.
    """

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
            "title", "title_en", "investor", "edition", "project", "enterprise", "methods",
            "event", "event_name", "city", "key_industry", "owner", "opened_on", "notes",
        ]  # fmt: skip
        widgets = {"opened_on": DATE, "methods": forms.CheckboxSelectMultiple}
        help_texts = {
            "project": _(
                "Projects of the edition chosen above; type in the search field to find one."
            ),
            "event": _("The trade-week event where it was signed, if it is in the programme."),
            "event_name": _("For an event outside the trade-week programme: its name as printed."),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(role__in=STAFF_ROLES)  # type: ignore[attr-defined]
        self.fields["city"].queryset = self.fields["city"].queryset.filter(level=2)  # type: ignore[attr-defined]
        self.fields["investor"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        edition_id = self._edition_id()
        self.fields["project"].queryset = edition_projects(edition_id)  # type: ignore[attr-defined]
        self.fields["event"].queryset = edition_events(edition_id)  # type: ignore[attr-defined]
        for name, source in (("investor", "organisations"), ("enterprise", "organisations"),
                             ("city", "cities")):  # fmt: skip
            use_picker(self, name, source)
        edition = {"edition": str(edition_id or "")}
        use_picker(self, "project", "projects", params=edition, follow=["edition"])

    def _edition_id(self) -> object:
        """The edition the choices follow: the submitted one, else the deal's or initial."""
        if self.is_bound:
            return self.data.get(self.add_prefix("edition")) or None
        initial = self.initial.get("edition")
        return getattr(initial, "pk", initial) or self.instance.edition_id


MAX_EVIDENCE_BYTES = 15 * 1024 * 1024


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

    def clean_evidence_file(self):  # type: ignore[no-untyped-def]
        """A PDF, image or office document of at most 15 MB, checked by content."""
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return upload
        checked = checked_upload(upload, images_only=False, max_bytes=MAX_EVIDENCE_BYTES)
        checked.content.name = f"evidence.{checked.extension}"
        return checked.content

    def clean(self):  # type: ignore[no-untyped-def]
        """The evidence kind must come with what it names (file, link or note)."""
        data = super().clean()
        supplied = {
            "has_file": bool(data.get("evidence_file")),
            "has_link": bool((data.get("evidence_link") or "").strip()),
            "has_note": bool((data.get("evidence_note") or "").strip()),
        }
        if data.get("evidence_kind") and any(supplied.values()):
            for problem in check_evidence(data["evidence_kind"], **supplied):
                self.add_error(EVIDENCE_FIELDS[problem.code], sentence(problem))
        return data


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

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        use_picker(self, "organisation", "organisations")


class IssueForm(forms.ModelForm):
    class Meta:
        model = AftercareIssue
        fields = ["organisation", "visit", "raised_on", "title", "details"]
        widgets = {"raised_on": DATE}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        use_picker(self, "organisation", "organisations")


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE)
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))
