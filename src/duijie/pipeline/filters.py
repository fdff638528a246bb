"""The filters shared by the dashboard, its data endpoints, exports and the deal list.

Every figure is computed over :func:`counted_deals` of the same filter form, and
drill-down links carry the same query string, so a bar opens the deals behind it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from duijie.pipeline.models import COUNTED_STATUSES, Deal, DuplicateStatus, Stage
from duijie.reference.models import (
    AdminDivision,
    Edition,
    KeyIndustry,
    PromotionMethod,
)
from duijie.tradeweek.models import Event

FILTER_FIELDS = ("edition", "city", "industry", "method", "event")
HUNAN = "43"  # province code prefix of the cities offered in the city filter
MILESTONE_FIELDS = {
    "signed": "signed_on",
    "registered": "registered_on",
    "land_acquired": "land_acquired_on",
    "construction_started": "construction_started_on",
    "topped_out": "topped_out_on",
    "operating": "operating_on",
}


class FigureFilter(forms.Form):
    """Edition, city, key industry and promotion method; every field optional."""

    edition = forms.ModelChoiceField(Edition.objects.all(), required=False, label=_("Edition"))
    city = forms.ModelChoiceField(AdminDivision.objects.none(), required=False, label=_("City"))
    industry = forms.ModelChoiceField(
        KeyIndustry.objects.filter(active=True), required=False, label=_("Key industry")
    )
    method = forms.ModelChoiceField(
        PromotionMethod.objects.filter(active=True), required=False, label=_("Promotion method")
    )
    event = forms.ModelChoiceField(
        Event.objects.order_by("-starts_at", "pk"), required=False,
        label=_("Trade-week event"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = filter_cities()  # type: ignore[attr-defined]

    def valid_data(self) -> dict[str, object]:
        """The fields that validated (an invalid field is ignored, not the whole filter)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def q(self, *, without: tuple[str, ...] = ()) -> Q:
        """The filter as a Q over Deal (unset or invalid fields and `without` ignored)."""
        data = {k: v for k, v in self.valid_data().items() if k not in without}
        lookups = {
            "edition": "edition",
            "city": "city",
            "industry": "key_industry",
            "method": "methods",
            "event": "event",
        }
        return Q(**{lookups[k]: v for k, v in data.items() if k in lookups and v is not None})

    def params(self) -> dict[str, str]:
        """The filter as query parameters (ids), for drill-down and export links."""
        data = self.valid_data()
        return {k: str(v.pk) for k, v in data.items() if k in FILTER_FIELDS and v is not None}


class DealFilter(FigureFilter):
    """The deal list: the figure filters plus milestone reached, current stage and flags."""

    reached = forms.ChoiceField(
        choices=[("", "—"), *((k, Stage[k.upper()].label) for k in MILESTONE_FIELDS)],
        required=False, label=_("Reached"),
    )  # fmt: skip
    stage = forms.TypedChoiceField(
        choices=[("", "—"), *Stage.choices], coerce=int, required=False, label=_("Current stage")
    )
    check = forms.ChoiceField(
        choices=[("", "—"), *DuplicateStatus.choices], required=False, label=_("Re-signing check")
    )
    stalled = forms.BooleanField(required=False, label=_("Stalled only"))
    counted = forms.BooleanField(required=False, label=_("Counted in figures only"))
    mine = forms.BooleanField(required=False, label=_("Only deals I am responsible for"))

    def deal_q(self, *, stall_cutoff, user=None) -> Q:  # type: ignore[no-untyped-def]
        """The full list filter as a Q over Deal (``mine`` needs the `user`)."""
        q = self.q()
        data = self.valid_data()
        if data.get("mine") and user is not None:
            q &= Q(owner=user)
        if data.get("reached"):
            q &= Q(**{f"{MILESTONE_FIELDS[data['reached']]}__isnull": False})
        if data.get("stage") not in (None, ""):
            q &= Q(stage=data["stage"])
        if data.get("check"):
            q &= Q(duplicate_status=data["check"])
        if data.get("stalled"):
            q &= stalled_q(stall_cutoff)
        if data.get("counted"):
            q &= Q(duplicate_status__in=COUNTED_STATUSES)
        return q


def filter_cities() -> QuerySet[AdminDivision]:
    """Hunan's prefecture-level cities plus any other city that occurs in a deal."""
    hunan = Q(level=2, code__startswith=HUNAN)
    return AdminDivision.objects.filter(hunan | Q(pk__in=Deal.objects.values("city"))).order_by(
        "code"
    )


def stalled_q(cutoff) -> Q:  # type: ignore[no-untyped-def]
    """Deals not operating whose last progress is on or before `cutoff`."""
    return Q(last_progress_on__lte=cutoff) & ~Q(stage=Stage.OPERATING)


def counted_deals(q: Q) -> QuerySet[Deal]:
    """Deals that count in figures (no duplicates, no open suspicions) matching `q`."""
    return Deal.objects.filter(duplicate_status__in=COUNTED_STATUSES).filter(q)


def drill_url(base: str, params: dict[str, str], **extra: str) -> str:
    """`base` with the filter `params` and `extra` as the query string (counted deals)."""
    query = {**params, **{k: v for k, v in extra.items() if v != ""}, "counted": "on"}
    return f"{base}?{urlencode(sorted(query.items()))}"
