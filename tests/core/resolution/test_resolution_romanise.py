"""Tests for pinyin keys, industry translations and English ↔ Chinese name matching."""

from duijie_core.resolution import OrgRecord, OrgResolver, describe_match
from duijie_core.resolution.orgevidence import industry_agreement, name_context
from duijie_core.resolution.orgs import prepare_org, score_orgs
from duijie_core.resolution.romanise import (
    industry_english,
    latin_words,
    leading_joins,
    pinyin_keys,
)


def test_pinyin_keys_with_several_readings():
    assert pinyin_keys("湘能") == ("xiangneng", "xiangtai")
    assert pinyin_keys("長盛") == ("zhangsheng", "zhangcheng", "changsheng", "changcheng")
    assert pinyin_keys("绿源") == ("lvyuan", "luyuan")
    assert pinyin_keys("A1") == ("A1",)
    assert len(pinyin_keys("长行重乐")) == 4


def test_industry_words_in_english():
    assert industry_english("能源") == frozenset({"energy"})
    assert industry_english("环保科技") == frozenset(
        {"environmental", "protection", "environment", "technology", "tech", "science"}
    )
    assert industry_english("") == frozenset()
    assert industry_english("某业") is None
    assert industry_agreement("能源", ("energy",)) is True
    assert industry_agreement("", ()) is True
    assert industry_agreement("新材料", ("new",)) is True
    assert industry_agreement("新材料", ("materials", "trading")) is False
    assert industry_agreement("能源", ()) is False
    assert industry_agreement("某业", ("energy",)) is False
    assert industry_agreement("能源", ("pharmaceutical",)) is None


def test_latin_words_and_leading_joins():
    assert latin_words("hunan xiang neng, energy") == ("hunan", "xiang", "neng", "energy")
    assert leading_joins(("xiang", "neng", "energy", "storage")) == [
        ("xiang", ("neng", "energy", "storage")),
        ("xiangneng", ("energy", "storage")),
        ("xiangnengenergy", ("storage",)),
    ]


ORGS = (
    OrgRecord("1", ("长沙湘能储能有限公司",)),
    OrgRecord("2", (), ("Hunan Xiangneng Energy Storage Co., Ltd.",)),
    OrgRecord("3", (), ("Xiang Neng Energy Storage Company Limited",)),
    OrgRecord("4", (), ("Hunan Xiangneng Pharmaceutical Co., Ltd.",)),
    OrgRecord("5", ("郴州市亿鑫投资股份有限公司",), ("Hunan Yixin Investment Co., Ltd.",)),
    OrgRecord("6", ("永州市益鑫投资有限公司",), ("Hunan Yixin Investment Co., Ltd.",)),
    OrgRecord("7", (), ("Yixin Investment Limited",)),
)


def test_english_names_match_the_pinyin_of_the_trade_name():
    resolver = OrgResolver().fit(ORGS)
    assert [c.keys for c in resolver.clusters_] == [
        ("1", "2", "3"),
        ("4",),
        ("5",),
        ("6",),
        ("7",),
    ]
    found = {(m.a, m.b): m for m in resolver.duplicates()}
    assert describe_match(found["1", "2"], "en") == [
        "the English name 'xiangneng' is the pinyin and industry of '湘能储能'",
        "same province (湖南省)",
    ]
    # two Chinese trade names read "Yixin": English alone is never enough to merge
    # (and an English name two of them carry is not enough either)
    assert (found["5", "7"].score, found["6", "7"].score) == (0.8, 0.8)
    assert [e.rule for e in found["5", "7"].evidence] == ["english_name"]
    assert [(m.a, m.b) for m in resolver.review_queue(limit=None)] == [("5", "7"), ("6", "7")]
    # 5 and 6 are registered in two cities (郴州, 永州): two legal persons
    context = name_context([prepare_org(r) for r in ORGS])
    score, evidence = score_orgs(prepare_org(ORGS[4]), prepare_org(ORGS[5]), context)
    assert score == 0.6
    assert "place_differs" in [e.rule for e in evidence]


def test_homophone_typo_in_the_same_frame_merges():
    a = prepare_org(OrgRecord("a", ("长沙华联科技有限公司",)))
    b = prepare_org(OrgRecord("b", ("长沙华连科技有限公司",)))
    c = prepare_org(OrgRecord("c", ("株洲华连科技股份有限公司",)))
    d = prepare_org(OrgRecord("d", ("长沙华星科技有限公司",)))
    context = name_context([a, b, c, d])
    assert score_orgs(a, b, context)[0] == 0.9
    assert [e.rule for e in score_orgs(a, c, context)[1]] == [
        "homophone_name",
        "place_differs",
        "region_agree",
    ]
    assert score_orgs(a, c, context)[0] == 0.6  # 长沙 / 株洲: below review
    assert score_orgs(a, d, context)[0] == 0.67  # 华联 / 华星: two firms, below review
    assert score_orgs(c, d, context)[0] == 0.6


def test_short_name_claimed_in_two_provinces_goes_to_review():
    resolver = OrgResolver().fit(
        [
            OrgRecord("1", ("长沙众合科技有限公司",)),
            OrgRecord("2", ("杭州众合科技有限公司",)),
            OrgRecord("3", ("众合科技",)),
        ]
    )
    assert [c.keys for c in resolver.clusters_] == [("1",), ("2",), ("3",)]
    [first, *_] = resolver.review_queue()
    assert (first.score, [e.rule for e in first.evidence]) == (
        0.8,
        ["same_core_name", "ambiguous_name"],
    )
    assert describe_match(first, "zh-Hans")[-1] == "此名称在 2 个省份都有机构使用，需人工确认"
