"""Trade-week forms: every input goes through one of these."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duijie import localised
from duijie.localised import day
from duijie.reference.pickers import use_picker
from duijie.tradeweek.models import (
    City,
    EventKind,
    MeetingSlot,
    NextStep,
    Participant,
    ParticipantKind,
    Preference,
    Venue,
)


class QuestionForm(forms.Form):
    """A form whose labels are questions: no ":" after them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MeetingRequestForm(QuestionForm):
    preference = forms.ChoiceField(
        label=_("How much do you want this meeting?"),
        choices=Preference.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Side"), choices=[("", _("Any")), *ParticipantKind.choices], required=False
    )


class OutcomeForm(QuestionForm):
    rating = forms.TypedChoiceField(
        label=_("How useful was the meeting?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(n, str(n)) for n in range(1, 6)],
    )
    next_step = forms.ChoiceField(
        label=_("Next step"), choices=NextStep.choices, widget=forms.RadioSelect
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person to invite"))


class ScheduleForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=20
    )


class SlotChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Meeting slots labelled with the venue and the start in the venue's own time zone
    (not UTC): "HKCEC · 14 May 10:00 Hong Kong Time"."""

    def label_from_instance(self, obj: MeetingSlot) -> str:  # type: ignore[override]
        with timezone.override(ZoneInfo(obj.venue.time_zone)):
            return f"{obj.venue.shown_name} · {localised.moment(obj.starts_at, year=False)}"


class MandatoryMeetingForm(forms.Form):
    """An organiser's meeting between two participants, optionally fixed to a slot/table."""

    requester = forms.ModelChoiceField(
        label=_("First participant"), queryset=Participant.objects.none()
    )
    recipient = forms.ModelChoiceField(
        label=_("Second participant"), queryset=Participant.objects.none()
    )
    slot = SlotChoiceField(
        label=_("Fixed slot"), queryset=MeetingSlot.objects.none(), required=False
    )
    table = forms.IntegerField(label=_("Fixed table"), min_value=1, required=False)
    note = forms.CharField(label=_("Note"), max_length=280, required=False)

    def __init__(self, *args: Any, edition: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Participant.objects.filter(edition=edition).select_related("user")
        self.fields["requester"].queryset = people  # type: ignore[attr-defined]
        self.fields["recipient"].queryset = people  # type: ignore[attr-defined]
        for name in ("requester", "recipient"):
            use_picker(
                self, name, "participants", params={"edition": str(getattr(edition, "pk", edition))}
            )
        self.fields["slot"].queryset = MeetingSlot.objects.filter(edition=edition).select_related(
            "venue"
        )  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("requester") and data.get("requester") == data.get("recipient"):
            self.add_error(None, _("Choose two different participants."))
        slot, table = data.get("slot"), data.get("table")
        if table and slot is None:
            self.add_error("table", _("A fixed table needs a fixed slot."))
        if table and slot is not None and table > slot.venue.tables:
            self.add_error(
                "table", _("This venue has only %(count)s tables.") % {"count": slot.venue.tables}
            )
        return data


class ProgrammeFilterForm(forms.Form):
    """The programme's filters: local day, city, venue, kind of event and a speaker's or
    host's name or organisation, in either script (all optional)."""

    day = forms.ChoiceField(label=_("Day"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.none(), required=False, empty_label=_("Any")
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any")), *EventKind.choices], required=False
    )
    speaker = forms.CharField(label=_("Speaker or host"), max_length=100, required=False)

    def __init__(self, *args: Any, days: list[date], venues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [("", _("Any"))] + [  # type: ignore[attr-defined]
            (d.isoformat(), day(d, weekday=True, year=False)) for d in days
        ]
        self.fields["venue"].queryset = venues  # type: ignore[attr-defined]
        cities = {v.city for v in venues}
        self.fields["city"].choices = [("", _("Any"))] + [  # type: ignore[attr-defined]
            (value, label) for value, label in City.choices if value in cities
        ]
