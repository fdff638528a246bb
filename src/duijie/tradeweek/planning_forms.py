"""Forms of the organisers' set-up screens: venues, events, travel times, the slot
generator, request rules and enrolment. Times are entered in the venue's local time."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from duijie import localised
from duijie.reference.models import Edition
from duijie.reference.pickers import use_picker
from duijie.tradeweek.models import (
    Event,
    EventKind,
    Meeting,
    ParticipantKind,
    RegistrationRule,
    RequestQuota,
    Venue,
)
from duijie.tradeweek.services.planning import SlotPlan

MOST_LISTED = 10
"""Meetings named in the "tables in use" message at most (the count says how many in all)."""
DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "name_en", "city", "address", "time_zone", "tables"]

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip()
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                _("Unknown time zone %(zone)s; write it like Asia/Hong_Kong."),
                params={"zone": zone},
            ) from None
        return zone

    def clean_tables(self) -> int:
        tables = self.cleaned_data["tables"]
        if self.instance.pk is None:
            return tables
        in_the_way = list(
            Meeting.objects.filter(slot__venue=self.instance, table__gt=tables)
            .exclude(status="cancelled")
            .select_related("slot", "request__requester__user", "request__recipient__user")
            .order_by("slot__starts_at", "table")
        )
        if in_the_way:
            raise forms.ValidationError(
                ngettext_lazy(
                    "%(count)s meeting uses a table above %(tables)s: %(meetings)s. "
                    "Move or cancel it on the schedule first.",
                    "%(count)s meetings use a table above %(tables)s: %(meetings)s. "
                    "Move or cancel them on the schedule first.",
                    "count",
                ),
                params={
                    "count": len(in_the_way),
                    "tables": tables,
                    "meetings": "; ".join(self._meeting_line(m) for m in in_the_way[:MOST_LISTED]),
                },
            )
        return tables

    def _meeting_line(self, meeting: Meeting) -> str:
        """ "14 May 10:00 Hong Kong Time, table 7: A ↔ B" in the venue's time zone."""
        with timezone.override(ZoneInfo(self.instance.time_zone)):
            when = localised.moment(meeting.slot.starts_at, year=False)
        request = meeting.request
        return str(
            _("%(when)s, table %(table)s: %(a)s ↔ %(b)s")
            % {"when": when, "table": meeting.table, "a": request.requester, "b": request.recipient}
        )


class EventForm(forms.ModelForm):
    """An event; ``day``, ``start`` and ``end`` are local to the chosen venue."""

    day = forms.DateField(label=_("Day"), widget=DATE)
    start = forms.TimeField(label=_("Starts at (local time)"), widget=TIME)
    end = forms.TimeField(label=_("Ends at (local time)"), widget=TIME)

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "title_en",
            "venue",
            "capacity",
            "rule",
            "meeting_kind",
            "language",
            "audience",
            "description",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(edition=edition)  # type: ignore[attr-defined]
        self.fields["kind"].initial = EventKind.SESSION
        self.fields["rule"].initial = RegistrationRule.OPEN
        if self.instance.pk is not None:
            local = self.instance.starts_at.astimezone(ZoneInfo(self.instance.venue.time_zone))
            ends = self.instance.ends_at.astimezone(ZoneInfo(self.instance.venue.time_zone))
            self.initial.update({"day": local.date(), "start": local.time(), "end": ends.time()})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", _("The end must be after the start."))
        capacity = data.get("capacity")
        confirmed = self.instance.confirmed_count if self.instance.pk else 0
        if capacity is not None and capacity < confirmed:
            self.add_error(
                "capacity",
                _("%(count)s people are already confirmed; the capacity cannot be lower.")
                % {"count": confirmed},
            )
        return data

    def event_fields(self) -> dict[str, object]:
        """The cleaned data as Event fields, times made aware in the venue's zone."""
        data = dict(self.cleaned_data)
        zone = ZoneInfo(data["venue"].time_zone)
        day, start, end = data.pop("day"), data.pop("start"), data.pop("end")
        data["starts_at"] = dt.datetime.combine(day, start, tzinfo=zone)
        data["ends_at"] = dt.datetime.combine(day, end, tzinfo=zone)
        return data


class TravelTimeForm(forms.Form):
    origin = forms.ModelChoiceField(label=_("From"), queryset=Venue.objects.none())
    destination = forms.ModelChoiceField(label=_("To"), queryset=Venue.objects.none())
    minutes = forms.IntegerField(
        label=_("Minutes (empty to remove)"), min_value=0, max_value=24 * 60, required=False
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        venues = Venue.objects.filter(edition=edition)
        self.fields["origin"].queryset = venues  # type: ignore[attr-defined]
        self.fields["destination"].queryset = venues  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("origin") is not None and data.get("origin") == data.get("destination"):
            self.add_error("destination", _("Choose two different venues."))
        return data


def edition_days(edition: Edition) -> list[tuple[str, str]]:
    """The edition's days as (ISO date, label) choices."""
    days, day = [], edition.starts_on
    while day <= edition.ends_on:
        days.append((day.isoformat(), localised.day(day, weekday=True)))
        day += dt.timedelta(days=1)
    return days


class SlotGenerationForm(forms.Form):
    """Generate meeting slots: days, window, slot and break length, venues."""

    days = forms.MultipleChoiceField(label=_("Days"), widget=forms.CheckboxSelectMultiple)
    start = forms.TimeField(label=_("First slot starts (local time)"), widget=TIME)
    end = forms.TimeField(label=_("Last slot ends by (local time)"), widget=TIME)
    length = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20
    )
    gap = forms.IntegerField(
        label=_("Break between slots (minutes)"), min_value=0, max_value=120, initial=0
    )
    venues = forms.ModelMultipleChoiceField(
        label=_("Venues"), queryset=Venue.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    event = forms.ModelChoiceField(
        label=_("Matchmaking session (optional)"), queryset=Event.objects.none(), required=False
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = edition_days(edition)  # type: ignore[attr-defined]
        self.fields["venues"].queryset = Venue.objects.filter(edition=edition, tables__gt=0)  # type: ignore[attr-defined]
        self.fields["event"].queryset = Event.objects.filter(  # type: ignore[attr-defined]
            edition=edition, kind=EventKind.MATCHMAKING
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, length = data.get("start"), data.get("end"), data.get("length")
        if start is None or end is None or length is None:
            return data
        day = dt.date(2000, 1, 1)
        room = dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
        if room < dt.timedelta(minutes=length):
            self.add_error(
                "end",
                _("No slot of %(length)s minutes fits between %(start)s and %(end)s.")
                % {
                    "length": length,
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                },
            )
        return data

    def plan(self) -> SlotPlan:
        data = self.cleaned_data
        return SlotPlan(
            days=[dt.date.fromisoformat(day) for day in data["days"]],
            start=data["start"],
            end=data["end"],
            length=data["length"],
            gap=data["gap"],
        )


class RequestRulesForm(forms.Form):
    """Request expiry and, per side, the open requests sent and pending ones received."""

    expiry_hours = forms.IntegerField(
        label=_("Pending requests expire after (hours)"),
        min_value=1,
        max_value=24 * 30,
        required=False,
        help_text=_("Empty: the platform default (72 hours unless configured)."),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quotas = {q.kind: q for q in RequestQuota.objects.filter(edition=edition)}
        rules = getattr(edition, "week_rules", None)
        self.initial.setdefault("expiry_hours", rules.request_expiry_hours if rules else None)
        for kind, label in ParticipantKind.choices:
            quota = quotas.get(kind)
            self.fields[f"{kind}_sent"] = self._number(
                _("%(side)s: open requests sent") % {"side": label}
            )
            self.fields[f"{kind}_received"] = self._number(
                _("%(side)s: pending requests received") % {"side": label}
            )
            if quota is not None:
                self.initial.setdefault(f"{kind}_sent", quota.max_open_sent)
                self.initial.setdefault(f"{kind}_received", quota.max_pending_received)

    @staticmethod
    def _number(label: str) -> forms.IntegerField:
        return forms.IntegerField(label=label, min_value=0, max_value=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind, label in ParticipantKind.choices:
            given = [data.get(f"{kind}_sent"), data.get(f"{kind}_received")]
            if given.count(None) == 1:
                self.add_error(
                    f"{kind}_sent" if given[0] is None else f"{kind}_received",
                    _("Give both numbers for %(side)s, or neither.") % {"side": label},
                )
        return data

    def quotas(self) -> dict[str, tuple[int, int] | None]:
        data = self.cleaned_data
        return {
            kind: None
            if data[f"{kind}_sent"] is None
            else (data[f"{kind}_sent"], data[f"{kind}_received"])
            for kind in ParticipantKind.values
        }


class EnrolForm(forms.Form):
    """Enrol people: pick accounts, an organisation's members, or paste emails."""

    kind = forms.ChoiceField(label=_("Side"), choices=ParticipantKind.choices)
    users = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=get_user_model().objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Every member of an organisation"), queryset=None, required=False
    )
    emails = forms.CharField(
        label=_("Emails, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        from duijie.directory.models import Organisation

        super().__init__(*args, **kwargs)
        users = (
            get_user_model().objects.filter(is_active=True).exclude(participations__edition=edition)
        )
        self.fields["users"].queryset = users.order_by("name", "email")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(memberships__isnull=False).distinct().order_by("name")
        )
        use_picker(self, "organisation", "organisations")

    def clean_emails(self) -> list[object]:
        """Every line an existing account's email; all or nothing."""
        lines = [
            (number, line.strip())
            for number, line in enumerate(self.cleaned_data["emails"].splitlines(), 1)
        ]
        lines = [(number, text) for number, text in lines if text]
        wanted = [text.lower() for _n, text in lines]
        found = {
            u.email.lower(): u
            for u in get_user_model()
            .objects.annotate(lowered=Lower("email"))
            .filter(lowered__in=wanted)
        }
        errors = [
            forms.ValidationError(
                _("Line %(line)s: no account has the email %(email)s."),
                params={"line": number, "email": text},
            )
            for number, text in lines
            if text.lower() not in found
        ]
        if errors:
            raise forms.ValidationError(errors)
        return [found[text.lower()] for _n, text in lines]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("users") or data.get("organisation") or data.get("emails")
        ):
            raise forms.ValidationError(
                _("Pick people, an organisation or paste a list of emails.")
            )
        return data
