"""The organisers' form for an event's speakers, moderators and hosts (one row each)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.directory.models import Organisation, Person
from duijie.tradeweek.models import EventSpeaker


class SpeakerForm(forms.ModelForm):
    """A person or organisation of the directory, or a name as typed (an outside speaker)."""

    class Meta:
        model = EventSpeaker
        fields = ["role", "person", "organisation", "name", "title", "title_en",
                  "organisation_name"]  # fmt: skip
        help_texts = {
            "name": _("For a speaker who is not in the directory."),
            "title": _("Empty: the person's current title in the directory."),
            "organisation_name": _("Empty: the organisation chosen, or the person's own."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "pk")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.order_by("name", "pk")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed = (data.get("name") or "").strip() or (data.get("organisation_name") or "").strip()
        named = data.get("person") or data.get("organisation") or typed
        if self.has_changed() and not named and not data.get("DELETE"):
            raise forms.ValidationError(
                _("Choose a person or an organisation from the directory, or type a name.")
            )
        return data


SpeakerFormSet = forms.modelformset_factory(
    EventSpeaker, form=SpeakerForm, extra=2, can_delete=True, max_num=40, validate_max=True
)
