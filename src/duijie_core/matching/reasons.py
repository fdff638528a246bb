"""Reason templates in three languages, and the functions that render them.

Templates are data: one entry per reason code, one ``str.format`` pattern per
language; a reason is its code and parameters (:func:`make_reason`), rendered per
language by :func:`render`. Parameters that are proper names (companies,
people) are shown as the source wrote them. The names of industries, key
industries and places (:data:`NAME_PARAMS`) are reference data: the caller may
pass ``names``, the reader's-language name of each Simplified name or code (the
web app passes the reference tables'); otherwise industries and key industries
get their English names in English (:func:`~duijie_core.matching.taxonomy.load_english_names`)
and ``{industry}``/``{chain}`` labels are converted per script.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from duijie_core.locale import format_money
from duijie_core.matching.model import LANGUAGES, ParamValue, Reason
from duijie_core.matching.produce import LOCALISABLE, Localisable
from duijie_core.matching.taxonomy import KEY_INDUSTRY_NAMES_EN, load_english_names
from duijie_core.money import Amount, Money, MoneyRange, UnknownAmount
from duijie_core.text import to_simplified, to_traditional

AMOUNT_TYPES = (Money, MoneyRange, UnknownAmount)

TEMPLATES: dict[str, tuple[str, str, str]] = {
    # soft signals, investor side
    "industry_exact": (
        "行業完全吻合：{industry}",
        "行业完全吻合：{industry}",
        "same industry: {industry}",
    ),
    "industry_group": (
        "同一行業小類組：{industry}",
        "同一行业小类组：{industry}",
        "same industry group: {industry}",
    ),
    "industry_division": (
        "同一行業大類：{industry}",
        "同一行业大类：{industry}",
        "same industry division: {industry}",
    ),
    "industry_related": (
        "同屬重點產業「{chain}」",
        "同属重点产业「{chain}」",
        "same key industry: {chain}",
    ),
    "industry_section": (
        "同一行業門類：{industry}",
        "同一行业门类：{industry}",
        "same industry section: {industry}",
    ),
    "industry_unknown": (
        "行業不詳，行業匹配按中性計",
        "行业不详，行业匹配按中性计",
        "industry unknown: scored as neutral",
    ),
    "ticket_covers": (
        "投資額 {low}–{high} 涵蓋 {amount}",
        "投资额 {low}–{high} 涵盖 {amount}",
        "ticket {low}–{high} covers {amount}",
    ),
    "ticket_near": (
        "投資額 {low}–{high} 接近 {amount}",
        "投资额 {low}–{high} 接近 {amount}",
        "ticket {low}–{high} is near {amount}",
    ),
    "ticket_typical": (
        "過往單筆約 {typical}，與 {amount} 相近",
        "过往单笔约 {typical}，与 {amount} 相近",
        "typical past ticket {typical}, close to {amount}",
    ),
    "ticket_typical_below": (
        "過往單筆約 {typical}，低於所需 {amount}",
        "过往单笔约 {typical}，低于所需 {amount}",
        "typical past ticket {typical}, below the {amount} sought",
    ),
    "ticket_typical_above": (
        "過往單筆約 {typical}，高於所需 {amount}",
        "过往单笔约 {typical}，高于所需 {amount}",
        "typical past ticket {typical}, above the {amount} sought",
    ),
    "no_strong_signal": (
        "沒有單項突出的匹配信號，按綜合得分 {score} 建議",
        "没有单项突出的匹配信号，按综合得分 {score} 建议",
        "no single signal stands out: suggested on the combined score {score}",
    ),
    "amount_unknown": (
        "融資金額不詳，金額匹配按中性計",
        "融资金额不详，金额匹配按中性计",
        "amount unknown: ticket fit scored as neutral",
    ),
    "stage_match": ("投資階段包括{round}", "投资阶段包括{round}", "invests at stage {round}"),
    "stage_adjacent": (
        "投資階段接近{round}",
        "投资阶段接近{round}",
        "invests at stages next to {round}",
    ),
    "round_unknown": (
        "輪次不詳，階段匹配按中性計",
        "轮次不详，阶段匹配按中性计",
        "round unknown: stage fit scored as neutral",
    ),
    "instrument_match": ("接受{instrument}", "接受{instrument}", "accepts {instrument}"),
    "region_match": (
        "關注地區包括{region}",
        "关注地区包括{region}",
        "focus region includes {region}",
    ),
    "city_unknown": (
        "城市不詳，地區匹配按中性計",
        "城市不详，地区匹配按中性计",
        "city unknown: region fit scored as neutral",
    ),
    "history_similar": (
        "投資過{count}家{city}的{industry}{round}項目",
        "投资过{count}家{city}的{industry}{round}项目",
        "invested in {count} {industry} {round} companies in {city}",
    ),
    "history_industry": (
        "投資過{count}家{industry}項目",
        "投资过{count}家{industry}项目",
        "invested in {count} {industry} companies",
    ),
    "history_round": (
        "投資過{count}個{round}項目",
        "投资过{count}个{round}项目",
        "did {count} {round} deals",
    ),
    "history_city": (
        "投資過{count}家{city}企業",
        "投资过{count}家{city}企业",
        "invested in {count} companies in {city}",
    ),
    "history_text": (
        "曾投資相似企業：{company}",
        "曾投资相似企业：{company}",
        "funded a similar company: {company}",
    ),
    "thesis_text": (
        "投資主題與項目描述相近",
        "投资主题与项目描述相近",
        "investment thesis close to the project text",
    ),
    "follow_on": (
        "曾於{round}投資{company}，可能跟投",
        "曾于{round}投资{company}，可能跟投",
        "invested in {company} at {round}: likely follow-on",
    ),
    "co_investor": (
        "與{company}現有股東{partner}合投過{count}次",
        "与{company}现有股东{partner}合投过{count}次",
        "co-invested {count}× with {partner}, an existing investor in {company}",
    ),
    # the learned ranker (ranker.py): network, owner's side, cold start
    "network_shared": (
        "曾與本公司{count}家既有投資方共同投資",
        "曾与本公司{count}家既有投资方共同投资",
        "co-invested with {count} of the company's earlier investors",
    ),
    "network_near": (
        "在合投網絡中與本公司既有投資方相近",
        "在合投网络中与本公司既有投资方相近",
        "close to the company's earlier investors in the co-investment network",
    ),
    "follows_on": (
        "所投企業中{pct}%曾再投後續輪次",
        "所投企业中{pct}%曾再投后续轮次",
        "backed {pct}% of its companies again in a later round",
    ),
    "few_comparable_deals": (
        "可比交易很少；按投資方針匹配排序",
        "可比交易很少；按投资方针匹配排序",
        "few comparable deals; ranked by mandate fit",
    ),
    "no_deals_yet": (
        "尚無交易記錄；按投資方針匹配排序",
        "尚无交易记录；按投资方针匹配排序",
        "no deals on record yet; ranked by mandate fit",
    ),
    "recently_active": (
        "近期活躍：近一年{count}筆投資",
        "近期活跃：近一年{count}笔投资",
        "recently active: {count} deals in the last year",
    ),
    "popular": (
        "活躍投資方：共{count}筆投資",
        "活跃投资方：共{count}笔投资",
        "active investor: {count} deals in total",
    ),
    "tie_hometown": ("同為{place}籍", "同为{place}籍", "both from {place}"),
    "tie_school": ("同為{school}校友", "同为{school}校友", "fellow alumni of {school}"),
    "tie_met": ("曾與{person}會面", "曾与{person}会面", "has met {person} before"),
    # project side
    "owner_wants_strategic": (
        "項目方希望引入產業（戰略）投資方",
        "项目方希望引入产业（战略）投资方",
        "the owner wants a strategic investor",
    ),
    "owner_wants_financial": (
        "項目方希望引入財務投資方",
        "项目方希望引入财务投资方",
        "the owner wants a financial investor",
    ),
    "owner_currency": ("可用{currency}投資", "可用{currency}投资", "can invest in {currency}"),
    "owner_location": (
        "投資方位於{region}",
        "投资方位于{region}",
        "investor is located in {region}",
    ),
    "owner_unknown": (
        "項目方偏好不詳，按中性計",
        "项目方偏好不详，按中性计",
        "owner preferences unknown: scored as neutral",
    ),
    # hard filters
    "excluded_industry": (
        "排除：投資方不投{industry}",
        "排除：投资方不投{industry}",
        "excluded: investor does not invest in {industry}",
    ),
    "excluded_ticket": (
        "排除：{amount}不在投資額 {low}–{high} 內",
        "排除：{amount}不在投资额 {low}–{high} 内",
        "excluded: {amount} outside ticket {low}–{high}",
    ),
    "excluded_region": (
        "排除：投資方不投{region}",
        "排除：投资方不投{region}",
        "excluded: investor does not invest in {region}",
    ),
    "excluded_instrument": (
        "排除：投資方不接受{instrument}",
        "排除：投资方不接受{instrument}",
        "excluded: investor does not accept {instrument}",
    ),
    "excluded_certification": (
        "排除：缺少認證{certification}",
        "排除：缺少认证{certification}",
        "excluded: certification {certification} missing",
    ),
    # suppliers (quantities, months, hours and certifications are written per language)
    "supply_product": (
        "供應{product}，對應需求「{need}」",
        "供应{product}，对应需求「{need}」",
        "supplies {product}, for the need “{need}”",
    ),
    "supply_product_same": (
        "供應所需產品：{product}",
        "供应所需产品：{product}",
        "supplies the product wanted: {product}",
    ),
    "supply_capacity": (
        "{months}每月可供 {capacity}，需求每月 {volume}",
        "{months}每月可供 {capacity}，需求每月 {volume}",
        "{capacity} a month ({months}), {volume} a month needed",
    ),
    "supply_capacity_short": (
        "{months}每月只可供 {capacity}，需求每月 {volume}",
        "{months}每月只可供 {capacity}，需求每月 {volume}",
        "only {capacity} a month ({months}), {volume} a month needed",
    ),
    "supply_unit_mismatch": (
        "產能以{unit}計，需求以{need_unit}計，無法比較，按中性計",
        "产能以{unit}计，需求以{need_unit}计，无法比较，按中性计",
        "capacity in {unit}, need in {need_unit}: not comparable, scored as neutral",
    ),
    "supply_season": (
        "供應期{season}，涵蓋所需 {covered}/{needed} 個月",
        "供应期{season}，涵盖所需 {covered}/{needed} 个月",
        "in season {season}: {covered} of the {needed} months needed",
    ),
    "supply_certified": (
        "持有所需認證：{certifications}",
        "持有所需认证：{certifications}",
        "holds the certifications required: {certifications}",
    ),
    "supply_delivery": (
        "運抵{market}約 {hours}，在 {limit} 限期內",
        "运抵{market}约 {hours}，在 {limit} 限期内",
        "delivers to {market} in {hours}, within the {limit} limit",
    ),
    "supply_delivery_unknown": (
        "運抵{market}所需時間不詳，按中性計",
        "运抵{market}所需时间不详，按中性计",
        "delivery time to {market} unknown: scored as neutral",
    ),
    "supply_serves": (
        "供貨地區包括{region}",
        "供货地区包括{region}",
        "serves {region}",
    ),
    "supply_cold_chain": (
        "具備所需冷鏈",
        "具备所需冷链",
        "has the cold chain needed",
    ),
    "excluded_delivery": (
        "排除：運抵{market}需 {hours}，超過 {limit} 限期",
        "排除：运抵{market}需 {hours}，超过 {limit} 限期",
        "excluded: delivery to {market} takes {hours}, over the {limit} limit",
    ),
    "excluded_cold_chain": (
        "排除：需要冷鏈，供應商沒有",
        "排除：需要冷链，供应商没有",
        "excluded: cold chain needed, the supplier has none",
    ),
    "supply_price_within": (
        "報價{price}，在上限{limit}之內",
        "报价{price}，在上限{limit}之内",
        "{price}, within the {limit} maximum",
    ),
    "supply_price_over": (
        "報價{price}，超出上限{limit}",
        "报价{price}，超出上限{limit}",
        "{price}, over the {limit} maximum",
    ),
    "supply_price_target": (
        "報價{price}，目標價{limit}",
        "报价{price}，目标价{limit}",
        "{price}, target price {limit}",
    ),
    "supply_price_no_rate": (
        "價格無法比較：沒有 {need}–{offer} 匯率，按中性計",
        "价格无法比较：没有 {need}–{offer} 汇率，按中性计",
        "price not comparable: no {need}–{offer} rate, scored as neutral",
    ),
    "supply_price_unit_mismatch": (
        "報價以{unit}計，需求以{need_unit}計，無法比較，按中性計",
        "报价以{unit}计，需求以{need_unit}计，无法比较，按中性计",
        "priced in {unit}, wanted in {need_unit}: not comparable, scored as neutral",
    ),
    "supply_price_unknown": (
        "供應商未有報價，按中性計",
        "供应商未有报价，按中性计",
        "no price stated: scored as neutral",
    ),
    "capacity_unknown": (
        "產能或需求量不詳，按中性計",
        "产能或需求量不详，按中性计",
        "capacity or volume unknown: scored as neutral",
    ),
}

SCRIPT_PARAMS = ("industry", "chain", "round", "instrument")
# Parameters naming reference data; ``{key}_code`` (e.g. ``industry_code``) may carry its code.
NAME_PARAMS = ("industry", "chain", "region", "place", "city")
_traditional = functools.lru_cache(maxsize=4096)(to_traditional)
_simplified = functools.lru_cache(maxsize=4096)(to_simplified)


@functools.cache
def _english_names() -> dict[str, str]:
    """English names of industries (by code and Chinese name) and of the key industries."""
    return load_english_names() | KEY_INDUSTRY_NAMES_EN


def _localise(
    params: Mapping[str, ParamValue | Amount | Localisable],
    language: str,
    names: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Parameters for ``language``: amounts written, reference names in the reader's
    language (``names``, then in English the core's English names), labels in the
    right script."""
    local: dict[str, object] = dict(params)
    for key, value in params.items():
        if isinstance(value, AMOUNT_TYPES):
            local[key] = format_money(value, language)
        elif isinstance(value, LOCALISABLE):
            local[key] = value.written(language)
    tables = [names or {}, _english_names() if language == "en" else {}]
    for key in NAME_PARAMS:
        name, code = params.get(key), params.get(f"{key}_code")
        wanted = [k for k in (code, name.strip() if isinstance(name, str) else None) if k]
        found = next((t[k] for t in tables for k in wanted if isinstance(k, str) and k in t), None)
        if found is not None:
            local[key] = found
    for key in SCRIPT_PARAMS:
        text = local.get(key)
        if isinstance(text, str) and language == "zh-Hant":
            local[key] = _traditional(text)
        elif isinstance(text, str) and language == "zh-Hans":
            local[key] = _simplified(text)
    return local


def render(
    code: str,
    params: Mapping[str, ParamValue | Amount | Localisable],
    language: str,
    names: Mapping[str, str] | None = None,
) -> str:
    """The sentence of reason ``code`` with ``params`` in ``language`` (zh-Hant, zh-Hans, en).

    ``names`` maps Simplified reference names and codes to their names in ``language``.
    """
    pattern = TEMPLATES[code][LANGUAGES.index(language)]
    return pattern.format(**_localise(params, language, names))


def make_reason(code: str, **params: ParamValue | Amount | Localisable) -> Reason:
    """Build a :class:`Reason` with its text rendered in every language.

    Amount parameters are written per language (``format_money``) and kept in
    ``params`` in their English form. Renderings are remembered by code and
    parameter values (the top k of many projects repeat the same sentences).
    """
    key = (code, tuple((k, _key(v)) for k, v in params.items()))
    rendered = _RENDERED.get(key)
    if rendered is None:
        if len(_RENDERED) >= 65536:
            _RENDERED.clear()
        rendered = _RENDERED[key] = _render(code, params)
    plain, texts = rendered
    return Reason(code=code, params=dict(plain), texts=dict(texts))


_RENDERED: dict[
    tuple[str, tuple[tuple[str, object], ...]], tuple[dict[str, ParamValue], dict[str, str]]
] = {}


def _key(value: ParamValue | Amount | Localisable) -> object:
    """What a parameter's rendering depends on: an amount as itself (equal amounts are
    written alike, and hashing is cheaper than ``repr``), anything else by ``repr``
    (so that 3 and 3.0 stay apart)."""
    return value if isinstance(value, AMOUNT_TYPES + LOCALISABLE) else repr(value)


def _plain(value: ParamValue | Amount | Localisable) -> ParamValue:
    """A parameter as stored: amounts and localisable values in their English form."""
    if isinstance(value, AMOUNT_TYPES):
        return format_money(value, "en")
    if isinstance(value, LOCALISABLE):
        return value.written("en")
    return value


def _render(
    code: str, params: dict[str, ParamValue | Amount | Localisable]
) -> tuple[dict[str, ParamValue], dict[str, str]]:
    texts = {language: render(code, params, language) for language in LANGUAGES}
    plain = {k: _plain(v) for k, v in params.items()}
    return plain, texts
