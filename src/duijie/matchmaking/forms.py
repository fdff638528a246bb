"""Forms of matchmaking: start a run, give feedback, record an introduction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.matchmaking.models import FEEDBACK_OPTIONS, FeedbackReason, Side, Verdict

# Which readers' options a suggestion of each side may be answered with.
READERS_OF_SIDE = {
    Side.PROJECT_INVESTOR: ("owner",),
    Side.INVESTOR_PROJECT: ("investor",),
    Side.BUYER_SUPPLIER: ("buyer", "supplier"),
}


def reader_of(side: str, *, as_supplier: bool = False) -> str:
    """Whose why-not options a row shows: the supplier's on a supplier's own list."""
    return "supplier" if as_supplier else READERS_OF_SIDE[Side(side)][0]


def why_options(reader: str) -> list[tuple[str, str]]:
    """The why-not options of ``reader`` (value, label in the active language)."""
    return [(r.value, str(r.label)) for r in FEEDBACK_OPTIONS[reader]]


class RunForm(forms.Form):
    """Parameters of a match run."""

    top = forms.IntegerField(
        label=_("Suggestions per project"), min_value=1, max_value=100, initial=20
    )
    capacity = forms.IntegerField(
        label=_("Most projects per investor"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Leave empty for no load spreading."),
    )
    use_fitted_weights = forms.BooleanField(
        label=_("Use the latest fitted weights"), required=False
    )


class FeedbackForm(forms.Form):
    """A verdict on one suggestion, with an optional reason from the options of its side."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    reason = forms.ChoiceField(label=_("Why"), choices=FeedbackReason.choices, required=False)
    text = forms.CharField(label=_("Comment"), max_length=500, required=False)

    def __init__(self, *args: object, side: str = Side.PROJECT_INVESTOR, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.side = side

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "")
        allowed = {r for who in READERS_OF_SIDE[Side(self.side)] for r in FEEDBACK_OPTIONS[who]}
        if reason and reason not in allowed:
            raise forms.ValidationError(_("This reason does not apply to this kind of suggestion."))
        return reason


class IntroductionForm(forms.Form):
    """Who introduces the suggested investor (one of its introduction paths)."""

    person = forms.IntegerField(label=_("Introduced by"))
