"""Sentences for match evidence and merge problems in zh-Hant (default), zh-Hans and en."""

from __future__ import annotations

from duijie_core.identifiers import describe
from duijie_core.problems import Problem
from duijie_core.resolution.model import Evidence, Match

EVIDENCE_TEXT: dict[str, dict[str, str]] = {
    "credit_code": {
        "zh-Hant": "統一社會信用代碼相同（{code}）",
        "zh-Hans": "统一社会信用代码相同（{code}）",
        "en": "same unified social credit code ({code})",
    },
    "credit_code_conflict": {
        "zh-Hant": "統一社會信用代碼不同（{a} / {b}），不可能是同一機構",
        "zh-Hans": "统一社会信用代码不同（{a} / {b}），不可能是同一机构",
        "en": "different credit codes ({a} / {b}): never the same organisation",
    },
    "hk_cr_no": {
        "zh-Hant": "香港公司註冊編號相同（{code}）",
        "zh-Hans": "香港公司注册编号相同（{code}）",
        "en": "same Hong Kong company registration number ({code})",
    },
    "hk_cr_no_conflict": {
        "zh-Hant": "香港公司註冊編號不同（{a} / {b}），不可能是同一機構",
        "zh-Hans": "香港公司注册编号不同（{a} / {b}），不可能是同一机构",
        "en": "different HK company registration numbers ({a} / {b}): never the same",
    },
    "a_share_conflict": {
        "zh-Hant": "A股代碼不同（{a} / {b}），是兩家上市公司",
        "zh-Hans": "A股代码不同（{a} / {b}），是两家上市公司",
        "en": "different A-share codes ({a} / {b}): two listed companies",
    },
    "jurisdiction_conflict": {
        "zh-Hant": "註冊地不同（{a} / {b}），不可能是同一法人",
        "zh-Hans": "注册地不同（{a} / {b}），不可能是同一法人",
        "en": "incorporated in different jurisdictions ({a} / {b}): never the same entity",
    },
    "stock_code": {
        "zh-Hant": "股票代碼相同（{code}）",
        "zh-Hans": "股票代码相同（{code}）",
        "en": "same stock code ({code})",
    },
    "same_name": {
        "zh-Hant": "名稱相同（不計繁簡、全半形、大小寫）：{name}",
        "zh-Hans": "名称相同（不计繁简、全半角、大小写）：{name}",
        "en": "same name (ignoring script, width and case): {name}",
    },
    "same_core_name": {
        "zh-Hant": "去掉地區與公司類型後名稱相同：{core}",
        "zh-Hans": "去掉地区与公司类型后名称相同：{core}",
        "en": "same name without region and legal form: {core}",
    },
    "short_name": {
        "zh-Hant": "「{short}」是「{full}」的簡稱",
        "zh-Hans": "“{short}”是“{full}”的简称",
        "en": "'{short}' is the short name of '{full}'",
    },
    "trade_name_inside": {
        "zh-Hant": "「{short}」是「{full}」的字號簡稱（現有名稱中只有這一家）",
        "zh-Hans": "“{short}”是“{full}”的字号简称（现有名称中只有这一家）",
        "en": "'{short}' is the trade name in '{full}' (the only firm holding it)",
    },
    "short_name_ambiguous": {
        "zh-Hant": "「{short}」可能是「{full}」的簡稱，但現有名稱中有 {firms} 家包含它，需人工確認",
        "zh-Hans": "“{short}”可能是“{full}”的简称，但现有名称中有 {firms} 家包含它，需人工确认",
        "en": "'{short}' may be the short name of '{full}', but {firms} firms' names hold it: "
        "staff must confirm",
    },
    "core_name_similarity": {
        "zh-Hant": "名稱相近：「{a}」與「{b}」",
        "zh-Hans": "名称相近：“{a}”与“{b}”",
        "en": "similar names: '{a}' and '{b}'",
    },
    "abbreviation": {
        "zh-Hant": "「{short}」可能是「{full}」的縮寫",
        "zh-Hans": "“{short}”可能是“{full}”的缩写",
        "en": "'{short}' may abbreviate '{full}'",
    },
    "english_name": {
        "zh-Hant": "英文名稱相同：{name}",
        "zh-Hans": "英文名称相同：{name}",
        "en": "same English name: {name}",
    },
    "english_similarity": {
        "zh-Hant": "英文名稱相近：{a} / {b}",
        "zh-Hans": "英文名称相近：{a} / {b}",
        "en": "similar English names: {a} / {b}",
    },
    "romanised_name": {
        "zh-Hant": "英文名稱「{name}」是「{trade}」的拼音與行業譯名",
        "zh-Hans": "英文名称“{name}”是“{trade}”的拼音与行业译名",
        "en": "the English name '{name}' is the pinyin and industry of '{trade}'",
    },
    "romanised_name_partial": {
        "zh-Hant": "英文名稱「{name}」可能是「{trade}」的拼音（行業不全或同音字號不止一家）",
        "zh-Hans": "英文名称“{name}”可能是“{trade}”的拼音（行业不全或同音字号不止一家）",
        "en": "the English name '{name}' may be the pinyin of '{trade}' "
        "(industry incomplete, or several trade names sound alike)",
    },
    "homophone_name": {
        "zh-Hant": "名稱同音：「{a}」與「{b}」（可能是輸入錯字）",
        "zh-Hans": "名称同音：“{a}”与“{b}”（可能是输入错字）",
        "en": "names sound the same: '{a}' and '{b}' (possibly a typing slip)",
    },
    "homophone_name_same_frame": {
        "zh-Hant": "全名只差一個同音字：「{a}」與「{b}」（地區與公司類型相同）",
        "zh-Hans": "全名只差一个同音字：“{a}”与“{b}”（地区与公司类型相同）",
        "en": "full names differ only by a homophone: '{a}' and '{b}' (same place and legal form)",
    },
    "name_typo_same_frame": {
        "zh-Hant": "全名只差一個字：「{a}」與「{b}」（地區與公司類型相同）",
        "zh-Hans": "全名只差一个字：“{a}”与“{b}”（地区与公司类型相同）",
        "en": "full names differ by one character: '{a}' and '{b}' (same place and legal form)",
    },
    "ambiguous_name": {
        "zh-Hant": "此名稱在 {provinces} 個省份都有機構使用，需人工確認",
        "zh-Hans": "此名称在 {provinces} 个省份都有机构使用，需人工确认",
        "en": "organisations in {provinces} provinces carry this name: staff must confirm",
    },
    "body_differs": {
        "zh-Hant": "同類機構但地方或所屬不同（{a} / {b}），名稱相同之處不能說明是同一機構",
        "zh-Hans": "同类机构但地方或所属不同（{a} / {b}），名称相同之处不能说明是同一机构",
        "en": "bodies of one kind for different places or groups ({a} / {b}): "
        "the shared words do not make them one organisation",
    },
    "place_differs": {
        "zh-Hant": "註冊地的市縣不同（{a} / {b}），是兩個法人",
        "zh-Hans": "注册地的市县不同（{a} / {b}），是两个法人",
        "en": "registered in different cities or counties ({a} / {b}): two legal persons",
    },
    "region_agree": {
        "zh-Hant": "同一省份（{province}）",
        "zh-Hans": "同一省份（{province}）",
        "en": "same province ({province})",
    },
    "region_differ": {
        "zh-Hant": "省份不同（{a} / {b}）",
        "zh-Hans": "省份不同（{a} / {b}）",
        "en": "different provinces ({a} / {b})",
    },
    "same_person_name": {
        "zh-Hant": "姓名相同：{name}",
        "zh-Hans": "姓名相同：{name}",
        "en": "same name: {name}",
    },
    "romanised_person_name": {
        "zh-Hant": "「{latin}」與「{han}」讀音相同（粵語或普通話拼音）",
        "zh-Hans": "“{latin}”与“{han}”读音相同（粤语或普通话拼音）",
        "en": "'{latin}' is how '{han}' is romanised (Cantonese or pinyin)",
    },
    "shared_phone": {
        "zh-Hant": "電話號碼相同（{phone}）",
        "zh-Hans": "电话号码相同（{phone}）",
        "en": "same phone number ({phone})",
    },
    "shared_email": {
        "zh-Hant": "電郵地址相同（{email}）",
        "zh-Hans": "电邮地址相同（{email}）",
        "en": "same e-mail address ({email})",
    },
    "same_profile": {
        "zh-Hant": "同一單位（{affiliation}），出生年份（{birth_year}）與籍貫相同",
        "zh-Hans": "同一单位（{affiliation}），出生年份（{birth_year}）与籍贯相同",
        "en": "same affiliation ({affiliation}), birth year ({birth_year}) and hometown",
    },
    "partial_profile": {
        "zh-Hant": "同一單位（{affiliation}），出生年份或籍貫相同",
        "zh-Hans": "同一单位（{affiliation}），出生年份或籍贯相同",
        "en": "same affiliation ({affiliation}) and birth year or hometown",
    },
    "profile_year": {
        "zh-Hant": "同一單位（{affiliation}）且出生年份相同（{birth_year}），其他資料不矛盾",
        "zh-Hans": "同一单位（{affiliation}）且出生年份相同（{birth_year}），其他资料不矛盾",
        "en": "same affiliation ({affiliation}) and birth year ({birth_year}), nothing contradicts",
    },
    "profile_hometown": {
        "zh-Hant": "同一單位（{affiliation}）且籍貫相同（{hometown}），其他資料不矛盾",
        "zh-Hans": "同一单位（{affiliation}）且籍贯相同（{hometown}），其他资料不矛盾",
        "en": "same affiliation ({affiliation}) and hometown ({hometown}), nothing contradicts",
    },
    "birth_and_hometown": {
        "zh-Hant": "出生年份（{birth_year}）與籍貫（{hometown}）相同，其他資料不矛盾",
        "zh-Hans": "出生年份（{birth_year}）与籍贯（{hometown}）相同，其他资料不矛盾",
        "en": "same birth year ({birth_year}) and hometown ({hometown}), nothing contradicts",
    },
    "same_affiliation": {
        "zh-Hant": "同一單位（{affiliation}），但沒有其他佐證",
        "zh-Hans": "同一单位（{affiliation}），但没有其他佐证",
        "en": "same affiliation ({affiliation}) but nothing else to confirm",
    },
    "name_frequency": {
        "zh-Hant": "姓名「{name}」共有 {records} 筆不同記錄；連同下列相符資料、且無矛盾，"
        "估計 {probability} 是同一人",
        "zh-Hans": "姓名“{name}”共有 {records} 条不同记录；连同下列相符资料、且无矛盾，"
        "估计 {probability} 是同一人",
        "en": "{records} distinct records carry the name {name}; with the matching details "
        "below and nothing contradicting, {probability} likely the same person",
    },
    "affiliation_agrees": {
        "zh-Hant": "同一單位（{value}）：兩位同名者碰巧同單位約 {one_in} 分之一",
        "zh-Hans": "同一单位（{value}）：两位同名者碰巧同单位约 {one_in} 分之一",
        "en": "same affiliation ({value}): two namesakes share one by chance about 1 in {one_in}",
    },
    "birth_year_agrees": {
        "zh-Hant": "出生年份相同（{value}）：兩位同名者碰巧同年約 {one_in} 分之一",
        "zh-Hans": "出生年份相同（{value}）：两位同名者碰巧同年约 {one_in} 分之一",
        "en": "same birth year ({value}): two namesakes share one by chance about 1 in {one_in}",
    },
    "hometown_agrees": {
        "zh-Hant": "籍貫相同（{value}）：兩位同名者碰巧同鄉約 {one_in} 分之一",
        "zh-Hans": "籍贯相同（{value}）：两位同名者碰巧同乡约 {one_in} 分之一",
        "en": "same hometown ({value}): two namesakes share one by chance about 1 in {one_in}",
    },
    "phones_differ": {
        "zh-Hant": "兩邊都有電話號碼但沒有相同的",
        "zh-Hans": "两边都有电话号码但没有相同的",
        "en": "both have phone numbers, none in common",
    },
    "birth_year_conflict": {
        "zh-Hant": "出生年份不同（{a} / {b}），不可能是同一人",
        "zh-Hans": "出生年份不同（{a} / {b}），不可能是同一人",
        "en": "different birth years ({a} / {b}): never the same person",
    },
    "hometown_differ": {
        "zh-Hant": "籍貫不同（{a} / {b}）",
        "zh-Hans": "籍贯不同（{a} / {b}）",
        "en": "different hometowns ({a} / {b})",
    },
}

MERGE_TEXT: dict[str, dict[str, str]] = {
    "merge.same_record": {
        "zh-Hant": "不能把記錄 {key} 與自身合併",
        "zh-Hans": "不能把记录 {key} 与自身合并",
        "en": "cannot merge record {key} with itself",
    },
    "merge.credit_code_conflict": {
        "zh-Hant": "不能合併：統一社會信用代碼不同（{a} / {b}），應是兩個不同機構",
        "zh-Hans": "不能合并：统一社会信用代码不同（{a} / {b}），应是两个不同机构",
        "en": "cannot merge: different credit codes ({a} / {b}) mean two organisations",
    },
    "merge.hk_cr_no_conflict": {
        "zh-Hant": "不能合併：香港公司註冊編號不同（{a} / {b}），應是兩間不同公司",
        "zh-Hans": "不能合并：香港公司注册编号不同（{a} / {b}），应是两家不同公司",
        "en": "cannot merge: different HK company registration numbers ({a} / {b})",
    },
}


def describe_evidence(evidence: Evidence, language: str = "zh-Hant") -> str:
    """The sentence for one piece of evidence."""
    return describe(Problem(evidence.rule, dict(evidence.params)), language, EVIDENCE_TEXT)


def describe_match(match: Match, language: str = "zh-Hant") -> list[str]:
    """The sentences explaining a match, strongest evidence first."""
    ordered = sorted(match.evidence, key=lambda e: -abs(e.weight))
    return [describe_evidence(e, language) for e in ordered]


def describe_problem(problem: Problem, language: str = "zh-Hant") -> str:
    """The sentence for a merge or identifier problem."""
    return describe(problem, language, MERGE_TEXT)
