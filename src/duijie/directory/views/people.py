"""People and the hometown network: lists, profiles, segments, campaigns, erasure."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duijie.accounts.access import permission_required
from duijie.directory.consent import ConsentWithheld, campaign_reach, change_consent
from duijie.directory.erasure import erase_person
from duijie.directory.forms import (
    CampaignForm,
    ConsentForm,
    EraseForm,
    InteractionForm,
    IntroductionForm,
    PersonForm,
    SaveSegmentForm,
    SegmentForm,
)
from duijie.directory.models import Campaign, Interaction, Person, Segment
from duijie.directory.privacy import LIST_FIELDS, check_filters, read_people, read_person
from duijie.directory.segments import segment_people
from duijie.directory.services import (
    record_interaction,
    save_person,
    save_segment,
    start_campaign,
)
from duijie.directory.views.access import page_of, query_without_page
from duijie.directory.views.merges import merge_lines, survivor_redirect
from duijie.history.services import history_sentences


def _filters(
    request: HttpRequest, data: QueryDict | None = None
) -> tuple[SegmentForm, dict[str, object], tuple[str, ...]]:
    """The segment filters of the query (or of ``data``), and the personal fields they select
    on (checked)."""
    form = SegmentForm((request.GET if data is None else data) or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filters, check_filters(user=request.user, filters=filters)


def _shown(request: HttpRequest, people: object, used: tuple[str, ...]) -> list[Person]:
    """People shown with their hometowns, through the privacy boundary (one access record)."""
    fields = tuple(dict.fromkeys(LIST_FIELDS + used))
    # the path only: a query (?school=…) could name the person, and the log is never changed
    return read_people(user=request.user, people=people, where=request.path,  # type: ignore[arg-type]
                       fields=fields)  # fmt: skip


@permission_required("directory.read_people")
def people_list(request: HttpRequest) -> HttpResponse:
    """People, filtered like a segment; no contact details here; the page shown is logged."""
    form, filters, used = _filters(request)
    page = page_of(request, segment_people(filters).select_related("hometown", "location"))
    page.object_list = _shown(request, page.object_list, used)
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "directory/people_list.html", context)


def _person_context(request: HttpRequest, person: Person, **forms: object) -> dict[str, object]:
    """The person page: personal fields through the boundary (logged), forms for staff."""
    return {
        "person": person,
        "personal": read_person(user=request.user, person=person, where=request.path),
        "affiliations": person.affiliations.select_related("organisation"),
        "introductions": person.introductions.select_related("organisation"),
        "interactions": person.interactions.select_related("campaign", "organisation")[:50],
        "interaction_form": InteractionForm(
            person=person, initial={"happened_on": timezone.localdate()}
        ),
        "introduction_form": IntroductionForm(),
        "consent_form": ConsentForm(instance=person),
        "staff": request.user.has_perm("directory.manage"),
        "history": history_sentences(person, user=request.user, language=get_language()),
        "merges": merge_lines(person),
        **forms,
    }


@permission_required("directory.read_people")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's profile; personal fields only for those allowed, and every view logged.

    The address of a person merged into another leads to the survivor."""
    person = Person.objects.select_related("hometown", "location").filter(pk=pk).first()
    if person is None:
        response = survivor_redirect(request, pk, Person)
        if response is None:
            raise Http404
        return response
    return render(request, "directory/person_detail.html", _person_context(request, person))


@permission_required("directory.manage")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a person's details (staff); showing the form is a logged read."""
    person = get_object_or_404(Person.objects.select_related("hometown", "location"), pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        save_person(person=form.save(commit=False), schools=form.cleaned_data["schools"])
        messages.success(request, _("Saved."))
        return redirect("directory:person", pk=pk)
    read_person(user=request.user, person=person, where=request.path)
    return render(request, "directory/person_form.html", {"person": person, "form": form})


@permission_required("directory.manage")
def person_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a person's consent answer with its date and source (staff)."""
    person = get_object_or_404(Person.objects.select_related("hometown", "location"), pk=pk)
    form = ConsentForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        change_consent(person=person, user=request.user, on=form.cleaned_data["consent_on"],
                       consent=form.cleaned_data["consent"],
                       source=form.cleaned_data["consent_source"],
                       purpose=form.cleaned_data["consent_purpose"])  # fmt: skip
        messages.success(request, _("Consent recorded."))
        return redirect("directory:person", pk=pk)
    person.refresh_from_db()
    context = _person_context(request, person, consent_form=form)
    return render(request, "directory/person_detail.html", context, status=400)


@require_POST
@permission_required("directory.manage")
def person_interaction(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a contact with a person (met, called, invited …)."""
    person = get_object_or_404(Person.objects.select_related("hometown", "location"), pk=pk)
    form = InteractionForm(request.POST, person=person)
    if form.is_valid():
        try:
            record_interaction(person=person, user=request.user, **form.cleaned_data)
        except ConsentWithheld as refused:
            error = _("The interaction was not recorded: %(error)s") % {"error": refused}
            form.add_error(None, error)
        else:
            messages.success(request, _("Interaction recorded."))
            return redirect("directory:person", pk=pk)
    context = _person_context(request, person, interaction_form=form)
    return render(request, "directory/person_detail.html", context)


@permission_required("directory.manage")
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase a person (right to erasure); their interactions are anonymised."""
    person = get_object_or_404(Person, pk=pk)
    form = EraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        count = erase_person(person=person, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("Erased; %(count)s interactions anonymised.") % {"count": count}
        )
        return redirect("directory:people")
    return render(request, "directory/person_erase.html", {"person": person, "form": form})


@permission_required("directory.manage")
def network(request: HttpRequest) -> HttpResponse:
    """The segment builder: filters, a live count, a sample, saved segments and campaigns."""
    return _network_page(request)


def _network_page(
    request: HttpRequest, data: QueryDict | None = None, **bound: forms.Form
) -> HttpResponse:
    """The network page; a ``bound`` form that failed (save_form, campaign_form) keeps the
    user's input and shows its errors, and the filters of ``data`` stay selected."""
    form, filters, used = _filters(request, data)
    people = segment_people(filters)
    context = {
        "form": form,
        "count": people.count(),
        "sample": _shown(request, people.select_related("hometown", "location")[:20], used),
        "save_form": SaveSegmentForm(),
        "query": request.GET.urlencode(),
        "segments": [(s, segment_link(s)) for s in Segment.objects.all()[:50]],
        "campaigns": Campaign.objects.select_related("segment")[:50],
        "campaign_form": CampaignForm(),
        **bound,
    }
    template = "directory/network.html" + ("#count" if request.htmx else "")
    return render(request, template, context)


@require_POST
@permission_required("directory.manage")
def segment_save(request: HttpRequest) -> HttpResponse:
    """Save the current filters as a named segment; a missing name shows the page again
    with the filters kept and the error by the name field."""
    form, name_form = SegmentForm(request.POST), SaveSegmentForm(request.POST)
    if not (form.is_valid() and name_form.is_valid()):
        return _network_page(request, request.POST, save_form=name_form)
    save_segment(name=name_form.cleaned_data["name"], filters=form.cleaned_data, user=request.user)
    messages.success(request, _("Segment saved."))
    return redirect("directory:network")


@require_POST
@permission_required("directory.manage")
def campaign_create(request: HttpRequest) -> HttpResponse:
    """Start an outreach campaign."""
    form = CampaignForm(request.POST)
    if not form.is_valid():
        return _network_page(request, QueryDict(), campaign_form=form)
    campaign = start_campaign(user=request.user, **form.cleaned_data)
    return redirect("directory:campaign", pk=campaign.pk)


@permission_required("directory.manage")
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign: its segment's size (without people who refused) and the interaction log."""
    campaign = get_object_or_404(Campaign.objects.select_related("segment"), pk=pk)
    interactions = Interaction.objects.filter(campaign=campaign).select_related("organisation")
    context = {
        "campaign": campaign,
        "reach": campaign_reach(campaign),
        "page": page_of(request, interactions),
        "query": "",
    }
    return render(request, "directory/campaign_detail.html", context)


def segment_link(segment: Segment) -> str:
    """The network page's query string for a saved segment."""
    filters = {k: ("on" if v is True else v) for k, v in segment.filters.items() if v}
    return urlencode(filters)
