"""Supply words in the reader's language: ``{% load supply %}``.

{{ need.certifications_required|certifications }}   有機認證、HACCP · organic, HACCP
{% product_name product %}                           臍橙 · 脐橙 · navel orange
{% need_title need %}                                冬季臍橙 · 冬季臍橙 · 冬季臍橙 (navel orange)
{% need_products need %}                             臍橙、菜心 · 脐橙、菜心 · navel orange, 菜心
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q

from duijie.directory.models import SupplyProduct
from duijie.localised import reader_language
from duijie_core import locale
from duijie_core.matching.produce import CertificationsParam, ProductName, certification_code

register = template.Library()


@register.filter
def certifications(value: list[str] | None) -> str:
    """Certification codes (or spellings) as the core's names in the reader's language."""
    codes = tuple(certification_code(c) or c for c in value or ())
    return CertificationsParam(codes).written(reader_language()) if codes else ""


@register.simple_tag
def product_name(product: Any) -> str:
    """A product's name in the reader's language (another language's when that one is empty)."""
    name = ProductName(product.name, product.name_hans, product.name_en)
    return name.written(reader_language())


@register.simple_tag
def need_title(need: Any) -> str:
    """A buying need as the reader reads it: its title as entered (a name the buyer chose),
    then its products in the reader's language that the title does not already say, in
    brackets (冬季臍橙 (navel orange)); with no title, the products alone. A product is
    named in three languages when a supplier's product carries that name in any script;
    otherwise it stays as entered."""
    language = reader_language()
    names = product_names(need.product_categories or [])
    products = [name.written(language) for name in names]
    title = need.title.strip()
    said = [
        written
        for name, written in zip(names, products, strict=True)
        if not any(n and n in title for n in _in_script_of(name, language, written))
    ]
    if not title:
        return locale.list_separator(language).join(products) or str(need)
    if not said:
        return title
    joined = locale.list_separator(language).join(said)
    return f"{title} ({joined})" if language == "en" else f"{title}（{joined}）"


@register.simple_tag
def need_products(need: Any) -> str:
    """A buying need's products in the reader's language, joined in its style (臍橙、菜心)."""
    language = reader_language()
    names = product_names(need.product_categories or [])
    return locale.list_separator(language).join(name.written(language) for name in names)


def _in_script_of(name: ProductName, language: str, written: str) -> tuple[str, ...]:
    """The names a title may already say a product with: either Chinese one for a Chinese
    reader (the title is in one script), the reader's own otherwise."""
    return (name.hant, name.hans, written) if language != "en" else (written,)


def product_names(categories: list[str]) -> list[ProductName]:
    """The names of each product category in three languages, from the first supplier's
    product that carries it in any script (else the category as entered, in all three)."""
    found = SupplyProduct.objects.filter(
        Q(name__in=categories) | Q(name_hans__in=categories) | Q(name_en__in=categories)
    ).order_by("pk")
    known: dict[str, ProductName] = {}
    for product in found:
        name = ProductName(product.name, product.name_hans, product.name_en)
        for written in name.names:
            known.setdefault(written, name)
    return [known.get(c, ProductName(c, c, c)) for c in categories]
