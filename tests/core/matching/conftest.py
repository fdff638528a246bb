"""Shared builders for matching tests (factories, not fixture files)."""

from __future__ import annotations

import datetime as dt

import pytest

from duijie_core.matching.model import Deal
from duijie_core.matching.taxonomy import IndustryTaxonomy, default_taxonomy_path, load_taxonomy
from duijie_core.money import parse_amount


@pytest.fixture(scope="session")
def taxonomy() -> IndustryTaxonomy:
    return load_taxonomy(default_taxonomy_path())


def deal(
    day: str,
    company: str,
    investors: str,
    industry: str = "",
    city: str = "",
    round: str = "",
    amount: str = "",
    description: str = "",
) -> Deal:
    return Deal(
        dt.date.fromisoformat(day),
        company,
        tuple(investors.split(";")),
        industry,
        city,
        round,
        parse_amount(amount) if amount else parse_amount("未披露"),
        description,
    )


@pytest.fixture
def history() -> list[Deal]:
    return [
        deal(
            "2021-03-02",
            "湘能儲能",
            "紅杉中國;高瓴創投",
            "锂离子电池制造",
            "長沙",
            "A輪",
            "2億元",
            "儲能電池系統",
        ),
        deal(
            "2021-09-15",
            "星沙動力",
            "紅杉中國;湖南高新创投",
            "电池制造",
            "长沙",
            "A轮",
            "1.5亿元",
            "动力电池电芯",
        ),
        deal(
            "2022-06-01",
            "湘能儲能",
            "高瓴創投;國投創新",
            "锂离子电池制造",
            "長沙",
            "B輪",
            "5億元",
            "儲能擴產",
        ),
        deal(
            "2023-02-08",
            "岳陽生物",
            "啟明創投;深创投",
            "生物药品制造",
            "岳陽",
            "A輪",
            "",
            "單抗藥物",
        ),
        deal(
            "2023-03-01",
            "麓谷智芯",
            "深创投;湖南高新创投",
            "集成电路设计",
            "长沙",
            "Pre-A轮",
            "5000万元",
            "芯片",
        ),
        deal("2025-01-01", "未來公司", "未來基金", "软件开发", "长沙", "A轮", "1亿元", "SaaS"),
    ]
