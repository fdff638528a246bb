"""Organisation pages: search, profile, edit (staff or members), my organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from duijie.accounts.access import permission_required
from duijie.directory.forms import OrganisationForm, SearchForm
from duijie.directory.models import FinancingEvent, Organisation, SupplierProfile
from duijie.directory.search import search_organisations
from duijie.directory.services import organisations_of, save_organisation
from duijie.directory.views.access import check, page_of, query_without_page
from duijie.directory.views.merges import merge_lines, survivor_redirect
from duijie.history.services import history_sentences


@permission_required("directory.read")
def organisation_list(request: HttpRequest) -> HttpResponse:
    """Search organisations by any name (either script) with filters; HTMX refreshes results."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = search_organisations(
        data.get("q", ""), kind=data.get("kind", ""), division=data.get("division", ""),
        key_industry=data.get("key_industry", ""),
    ).select_related("hq_division")  # fmt: skip
    context = {"form": form, "page": page_of(request, found), "query": query_without_page(request)}
    template = "directory/organisation_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's profile: names, identifiers, mandates, needs, deal history."""
    org = Organisation.objects.select_related("hq_division").filter(pk=pk).first()
    if org is None:
        response = survivor_redirect(request, pk)
        if response is None:
            raise Http404
        return response
    check(request, "directory.view_organisation", org)
    events = FinancingEvent.objects.select_related("company").prefetch_related("investors")
    context = {
        "org": org,
        "mandates": org.mandates.prefetch_related("key_industries", "regions_wanted"),
        "needs": org.buying_needs.prefetch_related("delivery_regions"),
        "supply": SupplierProfile.objects.filter(organisation=org).first(),
        "products": org.supply_products.all(),
        "deliveries": org.delivery_times.select_related("market"),
        "raised": events.filter(company=org)[:20],
        "invested": events.filter(investors=org)[:20],
        "introducers": org.introducers.select_related("person")[:20],
        "merges": merge_lines(org),
        "can_edit": request.user.has_perm("directory.edit_organisation", org),
        "staff": request.user.has_perm("directory.manage"),
        "history": history_sentences(org, user=request.user, language=get_language()),
    }
    return render(request, "directory/organisation_detail.html", context)


def _save_profile(org_form: OrganisationForm) -> Organisation:
    with transaction.atomic():
        org = save_organisation(org=org_form.save(commit=False))
        org_form.save_m2m()
    return org


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a profile (staff, or members of the organisation); mandates and buying needs
    are listed with links to their own pages."""
    org = get_object_or_404(Organisation, pk=pk)
    check(request, "directory.edit_organisation", org)
    org_form = OrganisationForm(request.POST or None, instance=org, prefix="org")
    if request.method == "POST" and org_form.is_valid():
        _save_profile(org_form)
        messages.success(request, _("Saved."))
        return redirect("directory:organisation", pk=org.pk)
    context = {
        "org": org,
        "org_form": org_form,
        "mandates": org.mandates.all(),
        "needs": org.buying_needs.all(),
    }
    return render(request, "directory/organisation_form.html", context)


@permission_required("directory.manage")
def organisation_create(request: HttpRequest) -> HttpResponse:
    """Staff add an organisation by hand."""
    org_form = OrganisationForm(request.POST or None, prefix="org")
    if request.method == "POST" and org_form.is_valid():
        org = _save_profile(org_form)
        return redirect("directory:organisation", pk=org.pk)
    return render(request, "directory/organisation_form.html", {"org_form": org_form})


@login_required
def my_organisation(request: HttpRequest) -> HttpResponse:
    """The organisations the user acts for (one: straight to its edit page)."""
    mine = list(organisations_of(request.user).prefetch_related(Prefetch("mandates")))
    if len(mine) == 1:
        return redirect("directory:organisation_edit", pk=mine[0].pk)
    return render(request, "directory/my_organisation.html", {"organisations": mine})
