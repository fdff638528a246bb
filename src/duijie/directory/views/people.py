"""People and the hometown network: lists, profiles, segments, campaigns, erasure."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.directory.forms import (
    CampaignForm,
    EraseForm,
    InteractionForm,
    IntroductionForm,
    SaveSegmentForm,
    SegmentForm,
)
from duijie.directory.models import Campaign, Interaction, Person, Segment
from duijie.directory.segments import segment_people
from duijie.directory.services import (
    erase_person,
    record_interaction,
    save_segment,
    show_contacts,
    start_campaign,
)
from duijie.directory.views.access import page_of, query_without_page, require


def _filters(request: HttpRequest) -> tuple[SegmentForm, dict[str, object]]:
    form = SegmentForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@require("directory.read_people")
def people_list(request: HttpRequest) -> HttpResponse:
    """People, filtered like a segment; no contact details here."""
    form, filters = _filters(request)
    people = segment_people(filters).select_related("hometown", "location")
    context = {"form": form, "page": page_of(request, people), "query": query_without_page(request)}
    return render(request, "directory/people_list.html", context)


@require("directory.read_people")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's profile; contact details only for those allowed, and every view logged."""
    person = get_object_or_404(Person.objects.select_related("hometown", "location"), pk=pk)
    return _person_page(request, person)


def _person_page(request: HttpRequest, person: Person, **bound: forms.Form) -> HttpResponse:
    """The profile; a ``bound`` form that failed (interaction_form) keeps the input and errors."""
    contacts = None
    if request.user.has_perm("directory.see_contacts"):
        contacts = show_contacts(user=request.user, person=person, purpose="profile page")
    context = {
        "person": person,
        "contacts": contacts,
        "affiliations": person.affiliations.select_related("organisation"),
        "introductions": person.introductions.select_related("organisation"),
        "interactions": person.interactions.select_related("campaign", "organisation")[:50],
        "interaction_form": InteractionForm(initial={"happened_on": timezone.localdate()}),
        "introduction_form": IntroductionForm(),
        "staff": request.user.has_perm("directory.manage"),
        **bound,
    }
    return render(request, "directory/person_detail.html", context)


@require_POST
@require("directory.manage")
def person_interaction(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a contact with a person (met, called, invited …)."""
    person = get_object_or_404(Person.objects.select_related("hometown", "location"), pk=pk)
    form = InteractionForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, interaction_form=form)
    record_interaction(person=person, user=request.user, **form.cleaned_data)
    messages.success(request, _("Interaction recorded."))
    return redirect("directory:person", pk=pk)


@require("directory.manage")
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase a person (right to erasure); their interactions are anonymised."""
    person = get_object_or_404(Person, pk=pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = erase_person(person=person, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("Erased; %(count)s interactions anonymised.") % {"count": count}
        )
        return redirect("directory:people")
    return render(request, "directory/person_erase.html", {"person": person, "form": form})


@require("directory.manage")
def network(request: HttpRequest) -> HttpResponse:
    """The segment builder: filters, a live count, a sample, saved segments and campaigns."""
    form, filters = _filters(request)
    people = segment_people(filters)
    context = {
        "form": form,
        "count": people.count(),
        "sample": people.select_related("hometown", "location")[:20],
        "save_form": SaveSegmentForm(),
        "query": request.GET.urlencode(),
        "segments": [(s, segment_link(s)) for s in Segment.objects.all()[:50]],
        "campaigns": Campaign.objects.select_related("segment")[:50],
        "campaign_form": CampaignForm(),
    }
    template = "directory/network.html" + ("#count" if request.htmx else "")
    return render(request, template, context)


@require_POST
@require("directory.manage")
def segment_save(request: HttpRequest) -> HttpResponse:
    """Save the current filters as a named segment."""
    form, name_form = SegmentForm(request.POST), SaveSegmentForm(request.POST)
    if form.is_valid() and name_form.is_valid():
        save_segment(
            name=name_form.cleaned_data["name"], filters=form.cleaned_data, user=request.user
        )
        messages.success(request, _("Segment saved."))
    else:
        messages.error(request, _("The segment needs a name."))
    return redirect("directory:network")


@require_POST
@require("directory.manage")
def campaign_create(request: HttpRequest) -> HttpResponse:
    """Start an outreach campaign."""
    form = CampaignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The campaign needs a name."))
        return redirect("directory:network")
    campaign = start_campaign(user=request.user, **form.cleaned_data)
    return redirect("directory:campaign", pk=campaign.pk)


@require("directory.manage")
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign: its segment's size and the interaction log."""
    campaign = get_object_or_404(Campaign.objects.select_related("segment"), pk=pk)
    interactions = Interaction.objects.filter(campaign=campaign).select_related("organisation")
    context = {
        "campaign": campaign,
        "segment_size": segment_people(campaign.segment.filters).count()
        if campaign.segment
        else None,
        "page": page_of(request, interactions),
        "query": "",
    }
    return render(request, "directory/campaign_detail.html", context)


def segment_link(segment: Segment) -> str:
    """The network page's query string for a saved segment."""
    filters = {k: ("on" if v is True else v) for k, v in segment.filters.items() if v}
    return urlencode(filters)
