"""Sentences for chain-analysis codes in zh-Hant (default, Hong Kong usage), zh-Hans and en.

The core reports problems, conflicts, target reasons and recommendations as codes with
parameters; the edge (the command line, later the web) turns them into sentences here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from duijie_core.chains.model import Names
from duijie_core.files import describe_file_error
from duijie_core.problems import ParamValue

_FIELD = re.compile(r"\{(\w+)\}")

_PHRASES: dict[str, tuple[str, str, str]] = {
    # Input.
    "bad_line": (
        "{where} 第 {line} 行格式錯誤",
        "{where} 第 {line} 行格式错误",
        "{where}, line {line}: malformed",
    ),
    "bad_header": (
        "{where}：標題列應包括 {columns}",
        "{where}：标题行应包括 {columns}",
        "{where}: the header must include {columns}",
    ),
    "bad_json": (
        "{where} 第 {line} 行：不是有效的 JSON（{message}）",
        "{where} 第 {line} 行：不是有效的 JSON（{message}）",
        "{where}, line {line}: not valid JSON ({message})",
    ),
    "bad_chain_file": (
        "{where}：產業鏈定義的「{field}」無效",
        "{where}：产业链定义的“{field}”无效",
        "{where}: “{field}” of the chain definition is not valid",
    ),
    "bad_io_table": (
        "{where} 第 {line} 行：投入產出表格式錯誤",
        "{where} 第 {line} 行：投入产出表格式错误",
        "{where}, line {line}: not an input–output table row",
    ),
    "unknown_region": (
        "找不到行政區「{region}」（請用代碼如 430000 或名稱如 湖南省）",
        "找不到行政区“{region}”（请用代码如 430000 或名称如 湖南省）",
        "unknown region “{region}” (use a code like 430000 or a name like 湖南省)",
    ),
    "region_without_firms": (
        "{region} 沒有可確定總部在本地的企業：所有環節均為缺失",
        "{region} 没有可确定总部在本地的企业：所有环节均为缺失",
        "no firm is known to be headquartered in {region}: every link is missing",
    ),
    # Chain validation.
    "chain_without_links": (
        "產業鏈 {chain} 沒有環節",
        "产业链 {chain} 没有环节",
        "chain {chain} has no links",
    ),
    "duplicate_link": (
        "產業鏈 {chain}：環節 {link} 出現多於一次",
        "产业链 {chain}：环节 {link} 出现多于一次",
        "chain {chain}: link {link} appears more than once",
    ),
    "dangling_link": (
        "產業鏈 {chain}：環節 {link} 的上游 {upstream} 不存在",
        "产业链 {chain}：环节 {link} 的上游 {upstream} 不存在",
        "chain {chain}: link {link} names an upstream link {upstream} that does not exist",
    ),
    "unmapped_link": (
        "產業鏈 {chain}：環節 {link} 沒有行業代碼或產品關鍵詞",
        "产业链 {chain}：环节 {link} 没有行业代码或产品关键词",
        "chain {chain}: link {link} has no industry code and no product keyword",
    ),
    "cycle": (
        "產業鏈 {chain} 有循環：{links}",
        "产业链 {chain} 有循环：{links}",
        "chain {chain} has a cycle: {links}",
    ),
    # Conflicts in the knowledge graph.
    "duplicate_code": (
        "股票代碼 {code}（{name}）對應 {count} 個不同全稱：{fullnames}；全稱均不採用",
        "股票代码 {code}（{name}）对应 {count} 个不同全称：{fullnames}；全称均不采用",
        "stock code {code} ({name}) carries {count} different full names: {fullnames}; "
        "none is used",
    ),
    "name_mismatch": (
        "{code}：簡稱「{name}」與全稱「{fullname}」不符；全稱不採用",
        "{code}：简称“{name}”与全称“{fullname}”不符；全称不采用",
        "{code}: short name “{name}” does not fit full name “{fullname}”; "
        "the full name is not used",
    ),
    "name_disagrees": (
        "{code}：公司表作「{name}」，行業表作「{other}」",
        "{code}：公司表作“{name}”，行业表作“{other}”",
        "{code}: the company file says “{name}”, the industry file “{other}”",
    ),
    "odd_weights": (
        "{code}：{count} 項產品營收佔比不在 0–1 之間（{products}），規模按 0 計",
        "{code}：{count} 项产品营收占比不在 0–1 之间（{products}），规模按 0 计",
        "{code}: {count} product revenue shares outside 0–1 ({products}), counted as 0 for scale",
    ),
    # Target reasons.
    "industry_on_link": (
        "申萬行業 {industries} 屬於此環節",
        "申万行业 {industries} 属于此环节",
        "Shenwan industry {industries} belongs to this link",
    ),
    "products_on_link": (
        "產品：{products}",
        "产品：{products}",
        "products: {products}",
    ),
    "revenue_share": (
        "此環節產品佔營收 {share}",
        "此环节产品占营收 {share}",
        "products on this link are {share} of revenue",
    ),
    "listed": ("上市公司（{code}）", "上市公司（{code}）", "listed company ({code})"),
    "headquarters": ("總部在{province}", "总部在{province}", "headquartered in {province}"),
    # Recommendations.
    "strengthen": (
        "強鏈：{link} 本地 {local} 家、全國 {national} 家，區位商 {lq}；"
        "扶持鏈主 {leaders} 做大做強",
        "强链：{link} 本地 {local} 家、全国 {national} 家，区位商 {lq}；"
        "扶持链主 {leaders} 做大做强",
        "Strengthen: {link} has {local} local of {national} firms nationally, "
        "location quotient {lq}; grow the leaders {leaders}",
    ),
    "fill": (
        "補鏈：{link} 本地只有 {local} 家（全國 {national} 家，區位商 {lq}）；引進 {targets}",
        "补链：{link} 本地只有 {local} 家（全国 {national} 家，区位商 {lq}）；引进 {targets}",
        "Fill: {link} has only {local} local firms ({national} nationally, "
        "location quotient {lq}); bring in {targets}",
    ),
    "build": (
        "建鏈：{link} 本地沒有企業（全國 {national} 家）；從 {targets} 開始招商",
        "建链：{link} 本地没有企业（全国 {national} 家）；从 {targets} 开始招商",
        "Build: {link} has no local firm ({national} nationally); start with {targets}",
    ),
    "fill_none": (
        "補鏈：{link} 本地只有 {local} 家（全國 {national} 家，區位商 {lq}）；外地暫無可引進的企業",
        "补链：{link} 本地只有 {local} 家（全国 {national} 家，区位商 {lq}）；外地暂无可引进的企业",
        "Fill: {link} has only {local} local firms ({national} nationally, "
        "location quotient {lq}); no firm elsewhere to bring in yet",
    ),
    "build_none": (
        "建鏈：{link} 本地沒有企業（全國 {national} 家）；外地暫無可引進的企業",
        "建链：{link} 本地没有企业（全国 {national} 家）；外地暂无可引进的企业",
        "Build: {link} has no local firm ({national} nationally); no firm elsewhere to "
        "start with yet",
    ),
}


_SENTENCES = {code: Names(*texts) for code, texts in _PHRASES.items()}


def describe(code: str, params: Mapping[str, ParamValue], language: str = "zh-Hant") -> str:
    """The sentence for `code` in `language`; an unknown code or parameter stays visible.

    File errors (missing_folder, missing_file, not_utf8, cannot_read, cannot_write) take the
    core's one table, :data:`duijie_core.files.FILE_PHRASES`.
    """
    if code not in _SENTENCES:
        return describe_file_error(code, params, language)
    template = _SENTENCES[code].in_language(language)
    return _FIELD.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)


def codes() -> frozenset[str]:
    """Every code that has sentences of its own here."""
    return frozenset(_SENTENCES)
