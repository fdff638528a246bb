"""Sentences for cost-model codes in zh-Hant (default), zh-Hans and en.

The core raises `CostError` codes with parameters; the edge (CLI, later the web)
turns them into sentences with :func:`describe`.
"""

from __future__ import annotations

from collections.abc import Mapping

from duijie_core.files import describe_with

LANGUAGES = ("zh-Hant", "zh-Hans", "en")

_PHRASES: dict[str, tuple[str, str, str]] = {
    # Files (the shared file errors are in duijie_core.files).
    "bad_csv": (
        "{where}：CSV 格式錯誤（{message}）",
        "{where}：CSV 格式错误（{message}）",
        "{where}: not readable as CSV ({message})",
    ),
    "missing_column": (
        "{where}：缺少欄「{column}」",
        "{where}：缺少列“{column}”",
        "{where}: the column “{column}” is missing",
    ),
    "unknown_column": (
        "{where}：未知的欄「{column}」",
        "{where}：未知的列“{column}”",
        "{where}: unknown column “{column}”",
    ),
    "duplicate_column": (
        "{where}：欄「{column}」出現兩次",
        "{where}：列“{column}”出现两次",
        "{where}: the column “{column}” appears twice",
    ),
    "bad_row_length": (
        "{where}：應有 {expected} 個欄位，實有 {got} 個",
        "{where}：应有 {expected} 个字段，实有 {got} 个",
        "{where}: {got} fields where the header has {expected}",
    ),
    "missing_field": (
        "{where}：「{column}」未填寫",
        "{where}：“{column}”未填写",
        "{where}: “{column}” is empty or missing",
    ),
    "bad_number": (
        "{where}：「{column}」的「{value}」不是數字（例如 12.5）",
        "{where}：“{column}”的“{value}”不是数字（例如 12.5）",
        "{where}: “{column}” “{value}” is not a number (like 12.5)",
    ),
    "bad_date": (
        "{where}：「{column}」的「{value}」不是日期（例如 2025-05-14）",
        "{where}：“{column}”的“{value}”不是日期（例如 2025-05-14）",
        "{where}: “{column}” “{value}” is not a date (like 2025-05-14)",
    ),
    "bad_status": (
        "{where}：狀態「{value}」應為 official、estimated 或 sample",
        "{where}：状态“{value}”应为 official、estimated 或 sample",
        "{where}: status “{value}” must be official, estimated or sample",
    ),
    "bad_json": (
        "{where}：JSON 無效（第 {line} 行第 {column} 列：{message}）",
        "{where}：JSON 无效（第 {line} 行第 {column} 列：{message}）",
        "{where}: invalid JSON (line {line}, column {column}: {message})",
    ),
    "field_not_text": (
        "{where}：「{field}」應為非空白文字",
        "{where}：“{field}”应为非空文本",
        "{where}: “{field}” must be non-empty text",
    ),
    "field_not_number": (
        "{where}：「{field}」應為數字",
        "{where}：“{field}”应为数字",
        "{where}: “{field}” must be a number",
    ),
    "field_not_object": (
        "{where}：「{field}」應為 JSON 物件 {{…}}",
        "{where}：“{field}”应为 JSON 对象 {{…}}",
        "{where}: “{field}” must be a JSON object {{…}}",
    ),
    "field_not_list": (
        "{where}：「{field}」應為至少有一項的清單 […]",
        "{where}：“{field}”应为至少有一项的列表 […]",
        "{where}: “{field}” must be a list of at least one item […]",
    ),
    "unknown_field": (
        "{where}：未知的欄位「{field}」",
        "{where}：未知的字段“{field}”",
        "{where}: unknown field “{field}”",
    ),
    # Values.
    "missing_source": (
        "{where}：沒有來源的數值不予採用",
        "{where}：没有来源的数值不予采用",
        "{where}: a value without a source is refused",
    ),
    "missing_date": (
        "{where}：沒有日期的數值不予採用",
        "{where}：没有日期的数值不予采用",
        "{where}: a value without a date is refused",
    ),
    "missing_key": (
        "{where}：缺少地區或指標",
        "{where}：缺少地区或指标",
        "{where}: the place or indicator is missing",
    ),
    "bad_value": (
        "{where}：數值「{value}」無效（須為非負數）",
        "{where}：数值“{value}”无效（须为非负数）",
        "{where}: value “{value}” must be a number of at least 0",
    ),
    "bad_quantity": (
        "{where}：「{indicator}」的數量「{value}」無效（須為非負數）",
        "{where}：“{indicator}”的数量“{value}”无效（须为非负数）",
        "{where}: quantity “{value}” of “{indicator}” must be a number of at least 0",
    ),
    "bad_unit": (
        "{where}：單位「{unit}」不符合「貨幣/單位[/期間]」格式（例如 CNY/m2/year）",
        "{where}：单位“{unit}”不符合“货币/单位[/期间]”格式（例如 CNY/m2/year）",
        "{where}: unit “{unit}” is not <currency>/<unit>[/<period>] (like CNY/m2/year)",
    ),
    "bad_quantity_unit": (
        "{where}：數量單位「{unit}」不符合「單位[-期間]」格式（例如 m2、person-month）",
        "{where}：数量单位“{unit}”不符合“单位[-期间]”格式（例如 m2、person-month）",
        "{where}: quantity unit “{unit}” is not <unit>[-<period>] (like m2, person-month)",
    ),
    "currency_mismatch": (
        "{where}：貨幣「{currency}」與單位「{unit}」不符",
        "{where}：货币“{currency}”与单位“{unit}”不符",
        "{where}: currency “{currency}” does not match the unit “{unit}”",
    ),
    "duplicate_row": (
        "{second}：與 {first} 同為 {place} {indicator} {date} 的數值",
        "{second}：与 {first} 同为 {place} {indicator} {date} 的数值",
        "{second}: a second value for {place} {indicator} on {date} (first: {first})",
    ),
    "duplicate_item": (
        "{where}：營運概況中「{indicator}」項目出現兩次",
        "{where}：运营概况中“{indicator}”项目出现两次",
        "{where}: the indicator “{indicator}” appears twice in the profile",
    ),
    # Rates and units.
    "unknown_currency": (
        "{where}：未知的貨幣「{currency}」",
        "{where}：未知的货币“{currency}”",
        "{where}: unknown currency “{currency}”",
    ),
    "bad_rate": (
        "{where}：匯率「{rate}」須大於 0",
        "{where}：汇率“{rate}”须大于 0",
        "{where}: rate “{rate}” must be above 0",
    ),
    "bad_rate_pair": (
        "{where}：只接受兌人民幣的匯率（{base}→{quote}）",
        "{where}：只接受兑人民币的汇率（{base}→{quote}）",
        "{where}: only rates into CNY are used ({base}→{quote})",
    ),
    "duplicate_rate": (
        "{second}：與 {first} 同為 {currency} {date} 的匯率",
        "{second}：与 {first} 同为 {currency} {date} 的汇率",
        "{second}: a second {currency} rate on {date} (first: {first})",
    ),
    "no_rate": (
        "{where}：沒有 {date} 或之前的 {currency} 兌人民幣匯率，無法換算",
        "{where}：没有 {date} 或之前的 {currency} 兑人民币汇率，无法换算",
        "{where}: no {currency} to CNY rate on or before {date}; cannot convert",
    ),
    "unit_mismatch": (
        "{where}：「{indicator}」的數量單位「{item_unit}」與指標單位「{indicator_unit}」不能相乘得出年度成本",
        "{where}：“{indicator}”的数量单位“{item_unit}”与指标单位“{indicator_unit}”不能相乘得出年度成本",
        "{where}: “{indicator}” in {item_unit} times a price in {indicator_unit} is no yearly cost",
    ),
    "period_not_annual": (
        "{where}：「{indicator}」的價格單位為「{indicator_unit}」，數量請以「{expected}」填寫（不會自動換算）",
        "{where}：“{indicator}”的价格单位为“{indicator_unit}”，数量请以“{expected}”填写（不会自动换算）",
        "{where}: “{indicator}” is priced in {indicator_unit}; give the quantity in {expected}"
        " (nothing is converted implicitly)",
    ),
    "not_a_price": (
        "{where}：「{indicator}」的單位「{indicator_unit}」不是價格",
        "{where}：“{indicator}”的单位“{indicator_unit}”不是价格",
        "{where}: “{indicator}” in {indicator_unit} is not a price",
    ),
    # Places and what-if.
    "no_places": ("未指定地區（{option}）", "未指定地区（{option}）", "no place given ({option})"),
    "empty_place": (
        "地區代碼不能為空（{option}）",
        "地区代码不能为空（{option}）",
        "an empty place code ({option})",
    ),
    "duplicate_place": (
        "地區 {place} 重複（{option}）",
        "地区 {place} 重复（{option}）",
        "place {place} is given twice ({option})",
    ),
    "what_if_unknown_item": (
        "營運概況沒有「{indicator}」項目",
        "运营概况没有“{indicator}”项目",
        "the profile has no item “{indicator}”",
    ),
    "what_if_without_value": (
        "{place} 沒有「{indicator}」的數值可供假設",
        "{place} 没有“{indicator}”的数值可供假设",
        "{place} has no value of “{indicator}” to change",
    ),
    "bad_escalation": (
        "年增長率「{value}」無效",
        "年增长率“{value}”无效",
        "escalation rate “{value}” is not valid",
    ),
    "bad_years": (
        "年數「{value}」無效",
        "年数“{value}”无效",
        "number of years “{value}” is not valid",
    ),
    "bad_option": (
        "{option}：「{value}」無效（應為 {expected}）",
        "{option}：“{value}”无效（应为 {expected}）",
        "{option}: “{value}” is not valid (expected {expected})",
    ),
    # Quality.
    "unknown_factor": (
        "未知的質素因素「{factor}」",
        "未知的质量因素“{factor}”",
        "unknown quality factor “{factor}”",
    ),
    "bad_weight": (
        "質素因素「{factor}」的權重「{value}」無效",
        "质量因素“{factor}”的权重“{value}”无效",
        "weight “{value}” of quality factor “{factor}” is not valid",
    ),
    "no_weight": (
        "質素因素的權重合計為 0",
        "质量因素的权重合计为 0",
        "the quality weights add up to 0",
    ),
    "not_a_score": (
        "{where}：質素分數的單位應為 score，而非「{unit}」",
        "{where}：质量分数的单位应为 score，而非“{unit}”",
        "{where}: a quality score must be in score, not “{unit}”",
    ),
    "score_out_of_range": (
        "{where}：分數「{value}」超出 0–100",
        "{where}：分数“{value}”超出 0–100",
        "{where}: score “{value}” is outside 0–100",
    ),
}


def describe(code: str, params: Mapping[str, str], language: str = "zh-Hant") -> str:
    """The sentence for `code` in `language` (file errors: :data:`duijie_core.files.FILE_PHRASES`);
    unknown codes and missing parameters stay visible."""
    return describe_with(_PHRASES, code, params, language)
