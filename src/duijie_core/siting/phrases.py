"""Reasons of the site suggestion as sentences in zh-Hant (default), zh-Hans and en.

Numbers go through the locale layer (:func:`duijie_core.locale.format_number`); codes
(an industry, a market) are replaced by the display names the caller passes in ``names``.
"""

from __future__ import annotations

from collections.abc import Mapping

from duijie_core.locale import format_number
from duijie_core.siting.model import Reason

LANGUAGES = ("zh-Hant", "zh-Hans", "en")

_PHRASES: dict[str, tuple[str, str, str]] = {
    "factor_missing": ("此因素未有資料", "此因素暂无数据", "no data for this factor"),
    "platform_no_industry": (
        "園區未登記主導產業，未能評估產業匹配",
        "园区未登记主导产业，无法评估产业匹配",
        "the platform has no leading industries on record: industry fit not judged",
    ),
    "subject_no_industry": (
        "項目未註明行業，未能評估產業匹配",
        "项目未注明行业，无法评估产业匹配",
        "the project names no industry: industry fit not judged",
    ),
    "same_key_industry": (
        "主導產業包括「{industry}」",
        "主导产业包括“{industry}”",
        "“{industry}” is one of its leading industries",
    ),
    "key_industry_firms": (
        "主導產業包括「{industry}」：所在城市有 {firms} 家該產業企業，"
        "佔其主導產業企業 {all} 家的 {share}%",
        "主导产业包括“{industry}”：所在城市有 {firms} 家该产业企业，"
        "占其主导产业企业 {all} 家的 {share}%",
        "“{industry}” is one of its leading industries: {firms} firms of it in the city, "
        "{share}% of the {all} firms of its leading industries",
    ),
    "key_industry_no_firms": (
        "主導產業包括「{industry}」，但所在城市未有其主導產業企業的紀錄",
        "主导产业包括“{industry}”，但所在城市没有其主导产业企业的记录",
        "“{industry}” is one of its leading industries; no firm of its leading industries "
        "on record in the city",
    ),
    "shared_code": (
        "主導產業與項目同屬國民經濟行業 {code}",
        "主导产业与项目同属国民经济行业 {code}",
        "a leading industry shares the GB/T 4754 code {code} with the project",
    ),
    "shared_keywords": (
        "主導產業關鍵詞相同：{words}",
        "主导产业关键词相同：{words}",
        "leading-industry keywords in common: {words}",
    ),
    "no_industry_fit": (
        "主導產業不包括「{industry}」",
        "主导产业不包括“{industry}”",
        "“{industry}” is not among its leading industries",
    ),
    "no_market": (
        "未選擇目標市場，未能評估物流",
        "未选择目标市场，无法评估物流",
        "no market chosen: logistics not judged",
    ),
    "no_route": (
        "未有通往{market}的已知路線",
        "没有通往{market}的已知线路",
        "no known route to {market}",
    ),
    "hours_to_market": (
        "經最快路線約 {hours} 小時到{market}",
        "经最快线路约 {hours} 小时到{market}",
        "about {hours} hours to {market} by the fastest route",
    ),
    "hours_over_fastest": (
        "比最快的平台多 {more} 小時（{slack} 小時內不扣分）",
        "比最快的平台多 {more} 小时（{slack} 小时内不扣分）",
        "{more} hours more than the fastest platform (no penalty within {slack} hours)",
    ),
    "no_land_figure": (
        "未有可供土地資料",
        "暂无可供土地数据",
        "no figure for land available",
    ),
    "not_enough_land": (
        "可供土地 {hectares} 公頃，少於所需的 {needed} 公頃",
        "可供土地 {hectares} 公顷，少于所需的 {needed} 公顷",
        "{hectares} ha of land available, less than the {needed} ha needed",
    ),
    "land_hectares": (
        "可供土地 {hectares} 公頃",
        "可供土地 {hectares} 公顷",
        "{hectares} ha of land available",
    ),
    "cost_incomplete": (
        "{place}的{profile}成本資料不全",
        "{place}的{profile}成本数据不全",
        "cost data for a {profile} in {place} incomplete",
    ),
    "annual_cost": (
        "{place}的{profile}每年約 {million} 百萬元人民幣，為各平台平均的 {index}%",
        "{place}的{profile}每年约 {million} 百万元人民币，为各平台平均的 {index}%",
        "a {profile} in {place} costs about CNY {million} million a year, {index}% of the "
        "platforms' average",
    ),
    "land_sample": (
        "土地數字為示例",
        "土地数字为示例",
        "the land figure is a sample",
    ),
}


def describe(
    reason: Reason, language: str = "zh-Hant", names: Mapping[str, str] | None = None
) -> str:
    """The sentence of ``reason`` in ``language`` (zh-Hant, zh-Hans or en)."""
    phrases = _PHRASES.get(reason.code)
    if phrases is None:
        return f"{reason.code} {dict(reason.params)}"
    index = LANGUAGES.index(language) if language in LANGUAGES else 0
    values = {k: _worded(v, LANGUAGES[index], names or {}) for k, v in reason.params.items()}
    return phrases[index].format_map(_Defaults(values))


def _worded(value: object, language: str, names: Mapping[str, str]) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(round(float(value), 1), language)
    return names.get(str(value), str(value))


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
