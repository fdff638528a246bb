"""The Hong Kong Traditional glossary: our word choices on top of OpenCC ``s2hk``.

OpenCC converts characters and common phrases; it does not know that a Hong Kong
reader imports data (匯入, not the mainland 導入), that "and" in 提交并跟进 is 並
(OpenCC reads 并 as 合併's 併), or that a trade *week* is a 週. Each entry below
was decided by Hong Kong usage (HKSAR government sites, Hong Kong Trade
Development Council, Hong Kong banks' online forms) and is applied, in order,
to the output of ``s2hk`` by :func:`duijie_core.text.to_traditional` — so the
interface catalogues (``scripts/po_fill.py``), the reference data and the demo
data all use the same words. docs/i18n.md lists the decisions.

:data:`ALSO_TRADITIONAL` are the characters OpenCC's ``s2t`` would change but
that are standard Hong Kong Traditional forms in their own right; the test of
the zh_Hant catalogues and reference data allows exactly these.
"""

from __future__ import annotations

# (as OpenCC s2hk writes it, as Hong Kong writes it), applied in order.
PHRASES: tuple[tuple[str, str], ...] = (
    # import / export of files and data
    ("導入", "匯入"),
    ("導出", "匯出"),
    # publish: 發佈 throughout (s2hk gives 發佈 for 发布, but some entries were typed 發布)
    ("發布", "發佈"),
    # return: 回歸 (香港回歸, 湘商回歸); OpenCC writes 迴歸
    ("迴歸", "回歸"),
    # "submit and follow up": 并 here is the conjunction 並, not 合併's 併
    ("併跟進", "並跟進"),
    ("併且", "並且"),
    # week: 週 (活動週, 每週, 本週); 周 stays in names such as 周先生 and 周邊
    ("活動周", "活動週"),
    ("合作周", "合作週"),
    ("經貿周", "經貿週"),
    ("本周", "本週"),
    ("上周", "上週"),
    ("下周", "下週"),
    ("每周", "每週"),
    ("周期", "週期"),
    # Hong Kong computing words
    ("默認", "預設"),
    ("登錄", "登入"),
    ("賬戶", "帳戶"),
    ("賬號", "帳號"),
    ("鏈接", "連結"),
    ("搜索", "搜尋"),
    ("視頻", "影片"),
    ("信息", "資訊"),
    ("資訊冊", "資料冊"),  # the project booklet: a 資料冊 in Hong Kong
    ("設置", "設定"),
)

# Characters OpenCC keeps in its Hong Kong variant but a Hong Kong reader writes otherwise.
CHARACTERS: dict[str, str] = {
    "户": "戶",  # 落戶, 用戶, 帳戶 (HK government and banks print 戶)
    "兑": "兌",  # 兌換, 匯兌
    # OpenCC's Hong Kong glyph variants that Hong Kong's own sites do not type:
    "温": "溫",  # 溫度 (Hong Kong Observatory)
    "税": "稅",  # 稅務局 (Inland Revenue Department)
    "脱": "脫",  # 脫貧
    "卧": "臥",
    "藴": "蘊",
}

# s2t would change these, but each is also a standard Hong Kong Traditional character.
ALSO_TRADITIONAL = frozenset(
    "台"  # 平台, 後台, 台灣 — Hong Kong writes 台, Taiwan's standard prefers 臺
    "准"  # 批准, 准許
    "周"  # 周邊, the surname 周
    "里"  # 公里, 鄰里
    "干"  # 干預, 若干
    "后"  # 皇后
    "只"  # 只有, 只是
    "系"  # 系統, 關係 (s2t picks 係 without context)
    "余"  # the surname 余
    "范"  # the surname 范
    "制"  # 制度, 機制
    "云"  # 人云亦云
    "征"  # 征服
    "几"  # 茶几
    "松"  # 松樹
    "游"  # 上游, 下游
    "谷"  # 山谷
    "斗"  # 北斗
    "面"  # 面積, 方面
    "才"  # 人才
    "志"  # 志願
    "岳"  # 岳陽, 岳麓 (place names; s2t picks 嶽)
    "吃"  # 小吃 (喫 is archaic)
    "皂"  # 肥皂
    "咸"  # 咸豐縣 (place name)
    "于"  # 于田縣 (place name, surname)
    "淀"  # 海淀區 (place name)
    "朴"  # 朴子市 (place name)
    "峰"  # 雪峰山 (s2t picks the variant 峯)
)


def apply(text: str) -> str:
    """Apply the glossary to text already converted by OpenCC ``s2hk``."""
    for source, target in PHRASES:
        if source in text:
            text = text.replace(source, target)
    if any(char in text for char in CHARACTERS):
        text = "".join(CHARACTERS.get(char, char) for char in text)
    return text
