"""A buying need's title in the reader's language: the title as entered, its products named
in the reader's language when the title does not say them already."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.directory.models import BuyingNeed, Membership, OrganisationKind, SupplyProduct
from duijie.directory.templatetags.supply import need_products, need_title
from tests.web.directory.factories import make_organisation

pytestmark = pytest.mark.django_db


def _need(title: str, *categories: str) -> BuyingNeed:
    buyer = make_organisation("港島鮮品超市", kind=OrganisationKind.BUYER)
    supplier = make_organisation("江永香柚果業合作社", kind=OrganisationKind.SUPPLIER)
    SupplyProduct.objects.create(
        organisation=supplier, name="臍橙", name_hans="脐橙", name_en="navel oranges"
    )
    return BuyingNeed.objects.create(
        organisation=buyer, title=title, product_categories=list(categories)
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hant", "冬季臍橙（示範）"),
        ("zh-hans", "冬季臍橙（示範）"),
        ("en", "冬季臍橙（示範） (navel oranges)"),
    ],
)
def test_a_title_is_kept_as_entered_and_the_products_follow_in_the_readers_language(
    language: str, expected: str
) -> None:
    need = _need("冬季臍橙（示範）", "臍橙")
    with translation.override(language):
        assert need_title(need) == expected


@pytest.mark.parametrize(
    ("language", "products"),
    [("zh-hant", "臍橙、菜心"), ("zh-hans", "脐橙、菜心"), ("en", "navel oranges, 菜心")],
)
def test_a_product_no_supplier_names_stays_as_entered(language: str, products: str) -> None:
    need = _need("港九蔬果採購", "臍橙", "菜心")
    with translation.override(language):
        assert need_products(need) == products
        brackets = f" ({products})" if language == "en" else f"（{products}）"
        assert need_title(need) == "港九蔬果採購" + brackets


def test_without_a_title_the_products_alone() -> None:
    need = _need("", "臍橙")
    with translation.override("en"):
        assert need_title(need) == "navel oranges"
    with translation.override("zh-hans"):
        assert need_title(need) == "脐橙"


def test_the_buyers_own_page_lists_the_need_in_english(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    need = _need("冬季臍橙（示範）", "臍橙")
    Membership.objects.create(user=investor, organisation=need.organisation)
    client = client_for(investor)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    page = client.get(reverse("directory:my_organisation"), follow=True).content.decode()
    assert ">冬季臍橙（示範） (navel oranges)</a>" in page


def test_the_need_on_its_organisations_page_in_english(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    need = _need("冬季臍橙（示範）", "臍橙")
    client = client_for(organiser)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    page = client.get(reverse("directory:organisation", args=[need.organisation.pk]))
    html = page.content.decode()
    assert "<h2>Buying need: 冬季臍橙（示範） (navel oranges)</h2>" in html
    assert "<dd>navel oranges</dd>" in html
