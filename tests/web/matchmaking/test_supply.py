"""Supply–demand pages: the buyer's and the supplier's suggestions, feedback per side,
the staff feedback page, the needs left unserved, and editing what a supplier offers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.directory.models import Membership, SupplyProduct
from duijie.matchmaking.models import MatchFeedback, MatchRun, Side
from duijie.matchmaking.services import execute_run
from tests.web.matchmaking.factories import TODAY, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world):  # type: ignore[no-untyped-def]
    found = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    return execute_run(run=found, today=TODAY)


@pytest.fixture
def supplier_user(world):  # type: ignore[no-untyped-def]
    member = user("project_owner", "supply")
    Membership.objects.create(user=member, organisation=world.supplier)
    return member


def _supplier_rec(run):  # type: ignore[no-untyped-def]
    return run.recommendations.get(side=Side.BUYER_SUPPLIER)


def test_the_buyer_reads_the_supplier_its_need_and_reasons_in_english(client_for, world, run):
    world.buyer_user.language = "en"
    world.buyer_user.save()
    page = client_for(world.buyer_user).get(reverse("matchmaking:mine")).content.decode()
    assert "永州臍橙農業有限公司" in page
    assert "supplies the product wanted: navel oranges" in page
    assert "100 t a month (Nov–Feb), 41.7 t a month needed" in page
    assert "Certification missing" in page  # the buyer's why-not options
    assert "Wrong stage" not in page


def test_the_supplier_reads_the_buyer_it_is_suggested_to(client_for, world, run, supplier_user):
    page = client_for(supplier_user).get(reverse("matchmaking:mine")).content.decode()
    assert "香港紫荊超市" in page
    assert "供應所需產品：臍橙" in page
    assert 'name="as_supplier" value="1"' in page
    assert "Certification missing" not in page and "欠缺認證" not in page


def test_a_supplier_may_answer_with_its_own_options_only(client_for, world, run, supplier_user):
    rec = _supplier_rec(run)
    url = reverse("matchmaking:feedback", args=[rec.pk])
    refused = client_for(supplier_user).post(url, {"verdict": "not_relevant", "reason": "stage"})
    assert refused.status_code == 302 and MatchFeedback.objects.count() == 0
    client_for(supplier_user).post(url, {"verdict": "not_relevant", "reason": "price"})
    assert list(MatchFeedback.objects.values_list("user", "reason")) == [
        (supplier_user.pk, "price")
    ]
    page = client_for(supplier_user).get(reverse("matchmaking:mine")).content.decode()
    assert "香港紫荊超市" not in page  # dismissed: it leaves the supplier's list
    buyer_page = client_for(world.buyer_user).get(reverse("matchmaking:mine")).content.decode()
    assert "永州臍橙農業有限公司" in buyer_page  # the buyer's own list is the buyer's


def test_staff_see_what_participants_said(client_for, world, run, organiser):
    rec = _supplier_rec(run)
    client_for(world.buyer_user).post(
        reverse("matchmaking:feedback", args=[rec.pk]),
        {"verdict": "not_relevant", "reason": "volume", "text": "量太少"},
    )
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:feedback_list")).content.decode()
    assert "Volume does not fit" in page and "量太少" in page
    assert "Suppliers for a buyer" in page
    assert "Volume does not fit: 1" in page


def test_the_run_page_says_why_a_need_has_no_supplier(client_for, world, organiser):
    world.buyer.buying_needs.update(certifications_required=["organic"], title="有機臍橙")
    found = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    run = execute_run(run=found, today=TODAY)
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk])).content.decode()
    assert "Left without suggestions" in page
    assert "有機臍橙" in page
    assert "Of 1 suppliers: 1 lack a certification the buyer requires." in page


def test_a_member_adds_a_product_and_the_history_keeps_it(client_for, world, supplier_user):
    url = reverse("directory:product_create", args=[world.supplier.pk])
    response = client_for(supplier_user).post(
        url,
        {"name": "冰糖橙", "name_hans": "冰糖橙", "name_en": "rock-sugar oranges",
         "months": ["11", "12"], "monthly_volume": "50", "unit": "t", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    product = SupplyProduct.objects.get(name="冰糖橙")
    assert (product.months, product.monthly_volume, product.unit) == ([11, 12], 50, "t")
    assert product.history.count() == 1
    page = client_for(supplier_user).get(
        reverse("directory:organisation", args=[world.supplier.pk])
    )
    assert "11月至12月" in page.content.decode() and "50 公噸" in page.content.decode()


def test_a_product_volume_must_be_positive(client_for, world, supplier_user):
    url = reverse("directory:product_create", args=[world.supplier.pk])
    response = client_for(supplier_user).post(
        url, {"name": "臍橙", "monthly_volume": "-5", "unit": "t"}
    )
    assert response.status_code == 200
    assert SupplyProduct.objects.filter(monthly_volume=-5).count() == 0


def test_outsiders_cannot_edit_what_a_supplier_offers(client, client_for, world, investor):
    product = world.supplier.supply_products.get()
    urls = (
        reverse("directory:product_create", args=[world.supplier.pk]),
        reverse("directory:product_edit", args=[product.pk]),
        reverse("directory:supply_terms", args=[world.supplier.pk]),
        reverse("directory:delivery_create", args=[world.supplier.pk]),
    )
    assert [client.get(url).status_code for url in urls] == [302] * 4
    assert [client_for(investor).get(url).status_code for url in urls] == [403] * 4


def test_terms_are_saved_as_codes_of_the_one_list(client_for, world, supplier_user):
    url = reverse("directory:supply_terms", args=[world.supplier.pk])
    client_for(supplier_user).post(
        url, {"certifications": ["organic", "haccp"], "cold_chain": "on"}
    )
    profile = world.supplier.supplier_profile
    profile.refresh_from_db()
    assert (profile.certifications, profile.cold_chain) == (["organic", "haccp"], True)
    refused = client_for(supplier_user).post(url, {"certifications": ["made-up"]})
    assert refused.status_code == 200
