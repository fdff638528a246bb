"""Sentences for logistics codes in zh-Hant (default), zh-Hans and en."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh-Hant", "zh-Hans", "en")

_PHRASES: dict[str, tuple[str, str, str]] = {
    "unknown_currency": (
        "未知的貨幣「{currency}」",
        "未知的货币“{currency}”",
        "unknown currency “{currency}”",
    ),
    "bad_cost": ("費用「{amount}」無效", "费用“{amount}”无效", "the cost “{amount}” is not valid"),
    "missing_unit": ("費用缺少計價單位", "费用缺少计价单位", "the cost has no unit (TEU, t …)"),
    "unknown_unit": (
        "未知的計價單位「{unit}」（可用：{known}）",
        "未知的计价单位“{unit}”（可用：{known}）",
        "unknown cost unit “{unit}” (use {known})",
    ),
    "unknown_node": (
        "「{node}」不是已知的港口或行政區劃代碼",
        "“{node}”不是已知的港口或行政区划代码",
        "“{node}” is not a known port or administrative division code",
    ),
    "unknown_mode": (
        "未知的運輸方式「{mode}」（鐵路、海運、公路、航空、內河）",
        "未知的运输方式“{mode}”（铁路、海运、公路、航空、内河）",
        "unknown mode “{mode}” (rail, sea, road, air, river)",
    ),
    "bad_hours": (
        "運輸時間「{hours}」無效",
        "运输时间“{hours}”无效",
        "the transit time “{hours}” is not valid",
    ),
    "leg_to_itself": (
        "路段的起點與終點相同（{place}）",
        "路段的起点与终点相同（{place}）",
        "the leg starts and ends at {place}",
    ),
    "no_rate": (
        "沒有 {base} 兌 {quote} 的匯率：費用不能相加，請先加入匯率",
        "没有 {base} 兑 {quote} 的汇率：费用不能相加，请先加入汇率",
        "no exchange rate from {base} to {quote}: the costs cannot be added; add a rate first",
    ),
    "missing_cost": (
        "{origin} → {destination} 路段沒有費用資料",
        "{origin} → {destination} 路段没有费用数据",
        "the leg {origin} → {destination} has no cost",
    ),
    "unit_mismatch": (
        "{origin} → {destination} 路段按「{unit}」計價，不是「{expected}」",
        "{origin} → {destination} 路段按“{unit}”计价，不是“{expected}”",
        "the leg {origin} → {destination} is priced per “{unit}”, not per “{expected}”",
    ),
    "no_unit": ("未選擇計價單位", "未选择计价单位", "no cost unit chosen"),
}


def describe(code: str, params: Mapping[str, object], language: str = "zh-Hant") -> str:
    """The sentence for ``code`` in ``language``; unknown codes stay visible."""
    phrases = _PHRASES.get(code)
    if phrases is None:
        return f"{code} {dict(params)}"
    template = phrases[LANGUAGES.index(language) if language in LANGUAGES else 0]
    return template.format_map(_Defaults({k: str(v) for k, v in params.items()}))


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
