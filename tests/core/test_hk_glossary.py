"""Hong Kong Traditional: OpenCC s2hk plus our glossary (issue #11)."""

from __future__ import annotations

import pytest

from duijie_core import hk_glossary
from duijie_core.text import pinyin, simplified_only, to_traditional


@pytest.mark.parametrize(
    ("simplified", "hong_kong"),
    [
        ("提交并跟进", "提交並跟進"),
        ("已落户", "已落戶"),
        ("经贸合作活动周", "經貿合作活動週"),
        ("批量导入", "批量匯入"),
        ("导出", "匯出"),
        ("发布", "發佈"),
        ("签订", "簽訂"),
        ("商务局", "商務局"),
        ("香港特别行政区", "香港特別行政區"),
        ("岳阳市冷链物流园二期", "岳陽市冷鏈物流園二期"),
        ("高新技术企业", "高新技術企業"),
        ("合并记录", "合併記錄"),
        ("周先生", "周先生"),
        ("张家界", "張家界"),
    ],
)
def test_to_traditional_uses_hong_kong_words(simplified, hong_kong):
    assert to_traditional(simplified) == hong_kong


def test_glossary_is_idempotent_on_traditional_text():
    text = "匯入、發佈、活動週、已落戶、提交並跟進"
    assert hk_glossary.apply(text) == text
    assert hk_glossary.apply("導入並發布") == "匯入並發佈"


def test_simplified_only_finds_half_converted_text():
    assert simplified_only("岳阳市冷鏈物流園二期") == ["阳"]
    assert simplified_only("签訂") == ["签"]
    assert simplified_only("岳陽市冷鏈物流園二期 平台 批准 周先生") == []


def test_pinyin_joins_syllables_by_word():
    assert pinyin("长沙市") == "changshashi"
    assert pinyin("張家界 光伏") == "zhangjiajie guangfu"
    assert pinyin("西安 5G") == "xi'an 5G"
