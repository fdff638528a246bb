"""What an organisation wants or offers: mandates, buying needs, products supplied and
delivery times (add, edit, delete), and a supplier's terms (certifications, cold chain).
Staff or the organisation's members.

An organisation may have several of each (e.g. an equity fund and a loan book); matching
reads every active one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duijie.directory.forms import BuyingNeedForm, MandateForm
from duijie.directory.models import (
    BuyingNeed,
    DeliveryTime,
    Mandate,
    Organisation,
    SupplierProfile,
    SupplyProduct,
)
from duijie.directory.services import delete_mandate_or_need, save_mandate_or_need
from duijie.directory.supply_forms import DeliveryTimeForm, SupplierProfileForm, SupplyProductForm
from duijie.directory.views.access import check

KINDS: dict[str, tuple[type[Model], type[ModelForm], Any]] = {
    "mandate": (Mandate, MandateForm, gettext_lazy("Investment mandate")),
    "need": (BuyingNeed, BuyingNeedForm, gettext_lazy("Buying need")),
    "product": (SupplyProduct, SupplyProductForm, gettext_lazy("Product supplied")),
    "delivery": (DeliveryTime, DeliveryTimeForm, gettext_lazy("Delivery time")),
}


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    org = get_object_or_404(Organisation, pk=pk)
    check(request, "directory.edit_organisation", org)
    return org


def _item(request: HttpRequest, kind: str, pk: int) -> Any:
    model = KINDS[kind][0]
    item = get_object_or_404(model.objects.select_related("organisation"), pk=pk)
    check(request, "directory.edit_organisation", item.organisation)
    return item


def _form_page(request: HttpRequest, kind: str, org: Organisation, item: Any) -> HttpResponse:
    _model, form_class, label = KINDS[kind]
    form = form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        save_mandate_or_need(form=form, organisation=org)
        messages.success(request, _("Saved."))
        return redirect("directory:organisation", pk=org.pk)
    context = {"org": org, "form": form, "label": label, "kind": kind, "item": item}
    return render(request, "directory/mandate_form.html", context)


@login_required
def mandate_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a mandate to organisation ``pk``."""
    return _form_page(request, "mandate", _organisation(request, pk), None)


@login_required
def mandate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit mandate ``pk``."""
    mandate = _item(request, "mandate", pk)
    return _form_page(request, "mandate", mandate.organisation, mandate)


@login_required
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a buying need to organisation ``pk``."""
    return _form_page(request, "need", _organisation(request, pk), None)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit buying need ``pk``."""
    need = _item(request, "need", pk)
    return _form_page(request, "need", need.organisation, need)


def _delete_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(request, kind, pk)
    org = item.organisation
    if request.method == "POST":
        delete_mandate_or_need(item=item)
        messages.success(request, _("Deleted."))
        return redirect("directory:organisation", pk=org.pk)
    context = {"org": org, "item": item, "label": KINDS[kind][2]}
    return render(request, "directory/mandate_delete.html", context)


@login_required
def mandate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete mandate ``pk``."""
    return _delete_page(request, "mandate", pk)


@login_required
def need_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete buying need ``pk``."""
    return _delete_page(request, "need", pk)


@login_required
def item_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a product supplied or a delivery time (``kind``) to organisation ``pk``."""
    return _form_page(request, kind, _organisation(request, pk), None)


@login_required
def item_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Edit product supplied or delivery time ``pk``."""
    item = _item(request, kind, pk)
    return _form_page(request, kind, item.organisation, item)


@login_required
def item_delete(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Ask, then delete product supplied or delivery time ``pk``."""
    return _delete_page(request, kind, pk)


@login_required
def supply_terms(request: HttpRequest, pk: int) -> HttpResponse:
    """A supplier's certifications and cold chain (created on first save)."""
    org = _organisation(request, pk)
    profile = SupplierProfile.objects.filter(organisation=org).first()
    form = SupplierProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        save_mandate_or_need(form=form, organisation=org)
        messages.success(request, _("Saved."))
        return redirect("directory:organisation", pk=org.pk)
    label = gettext_lazy("Certifications and cold chain")
    context = {"org": org, "form": form, "label": label, "kind": "terms", "item": None}
    return render(request, "directory/mandate_form.html", context)
