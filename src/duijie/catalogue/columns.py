"""The project spreadsheet's columns: one key, an English and a Chinese header each.

Headers are matched after ``duijie_core.text.normalise`` (so Traditional and
Simplified spellings, full-width brackets and letter case all match) with spaces
removed. Exports write English or Chinese headers; imports accept any of them.
Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from duijie_core.text import normalise


@dataclass(frozen=True)
class Column:
    """One column: its key, English header, Chinese (Simplified) header, Traditional header."""

    key: str
    en: str
    zh_hans: str
    zh_hant: str
    required: bool = False


_LANGS = (
    ("hant", "zh-Hant", "繁体", "繁體"),
    ("hans", "zh-Hans", "简体", "簡體"),
    ("en", "English", "英文", "英文"),
)


def _versions(stem: str, en: str, hans: str, hant: str) -> list[Column]:
    return [
        Column(
            f"{stem}_{suffix}",
            f"{en} ({en_lang})",
            f"{hans}（{zh_lang}）",
            f"{hant}（{zh_lang_t}）",
        )
        for suffix, en_lang, zh_lang, zh_lang_t in _LANGS
    ]


COLUMNS: list[Column] = [
    Column("code", "Project code", "项目编号", "項目編號", required=True),
    *_versions("name", "Project name", "项目名称", "項目名稱"),
    Column("owner", "Owner organisation", "项目单位", "項目單位"),
    Column("key_industry", "Key industry", "重点产业", "重點產業"),
    Column("industry_code", "GB/T 4754 code", "国民经济行业代码", "國民經濟行業代碼"),
    Column("city", "City", "市州", "市州"),
    Column("county", "County", "县市区", "縣市區"),
    Column("park", "Park", "园区", "園區"),
    Column("investment", "Total investment", "总投资", "總投資"),
    Column("financing", "Financing sought", "拟融资金额", "擬融資金額"),
    Column("instrument", "Financing instrument", "融资方式", "融資方式"),
    Column("stage", "Stage", "项目阶段", "項目階段"),
    Column("expected_return", "Expected return", "预期收益", "預期收益"),
    Column("payback_years", "Payback (years)", "投资回收期（年）", "投資回收期（年）"),
    *_versions("technology", "Technology advantages", "技术优势", "技術優勢"),
    *_versions("market", "Market prospects", "市场前景", "市場前景"),
    *_versions("financing_needs", "Financing needs", "融资需求", "融資需求"),
    *_versions("cooperation", "Cooperation model", "合作模式", "合作模式"),
    Column("contact_name", "Contact person", "联系人", "聯繫人"),
    Column("contact_phone", "Contact phone", "联系电话", "聯繫電話"),
    Column("contact_email", "Contact email", "联系邮箱", "聯繫郵箱"),
    Column("promotion_methods", "Promotion methods", "招商方式", "招商方式"),
    Column("policy_tags", "Policy tags", "政策标签", "政策標籤"),
    Column("status", "Status", "状态", "狀態"),
]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


def header_key(header: str) -> str:
    """The comparison key of a written header."""
    return normalise(header).replace(" ", "")


_BY_HEADER = {header_key(h): c.key for c in COLUMNS for h in (c.key, c.en, c.zh_hans, c.zh_hant)}


def column_for(header: str) -> str | None:
    """The column key a written header stands for, or None if unknown."""
    return _BY_HEADER.get(header_key(header))


def header(key: str, language: str) -> str:
    """The header of column ``key`` for exports in ``language`` (en, zh-hans, zh-hant)."""
    column = COLUMN_BY_KEY[key]
    return {"en": column.en, "zh-hans": column.zh_hans}.get(language, column.zh_hant)
