"""Headline figures for people (PDFs): amounts with units, counts grouped; xlsx keeps numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from duijie.pipeline.exporters import display_rows
from duijie_core.money import Money

# 22,176.5 million rounds half-even to 22,176 million at the dashboard's precision.
ROWS = [
    ("signed", Money(Decimal("22176500000"), "CNY")),
    ("suggested", 1380),
    ("unavailable", "not yet available"),
]


@pytest.mark.parametrize(
    ("language", "signed", "suggested"),
    [
        ("zh-hant", "221.76億人民幣", "1,380"),
        ("zh-hans", "221.76亿人民币", "1,380"),
        ("en", "CN¥22.176bn", "1,380"),
    ],
)
def test_display_rows_write_amounts_with_units(language: str, signed: str, suggested: str) -> None:
    with translation.override(language):
        assert display_rows(ROWS) == [
            ("signed", signed),
            ("suggested", suggested),
            ("unavailable", "not yet available"),
        ]
