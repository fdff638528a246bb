"""Supply words in the reader's language: ``{% load supply %}``.

{{ need.certifications_required|certifications }}   有機認證、HACCP · organic, HACCP
{% product_name product %}                           臍橙 · 脐橙 · navel orange
"""

from __future__ import annotations

from typing import Any

from django import template

from duijie.localised import reader_language
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
