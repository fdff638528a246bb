"""Forms of matchmaking: start a run, give feedback, record an introduction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duijie.matchmaking.models import FeedbackReason, Verdict


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
    """A verdict on one suggestion, with an optional reason."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    reason = forms.ChoiceField(label=_("Why"), choices=FeedbackReason.choices, required=False)
    text = forms.CharField(label=_("Comment"), max_length=500, required=False)


class IntroductionForm(forms.Form):
    """Who introduces the suggested investor (one of its introduction paths)."""

    person = forms.IntegerField(label=_("Introduced by"))
