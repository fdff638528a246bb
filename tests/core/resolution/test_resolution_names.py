"""Tests for region prefixes, core names and string similarities."""

from pathlib import Path

import pytest

from duijie_core.resolution.names import core_name, english_tokens, name_key, trade_name
from duijie_core.resolution.regions import (
    DEFAULT_REGIONS,
    load_regions,
    province_from_legal_name,
    short_region_name,
)
from duijie_core.resolution.similarity import (
    bigram_jaccard,
    deletion_keys,
    edit_distance,
    edit_similarity,
    is_abbreviation,
    jaro_winkler,
)

REFERENCE = Path(__file__).resolve().parents[3] / "src" / "duijie" / "reference" / "data"


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("湖南华菱钢铁股份有限公司", "湖南省"),
        ("深圳市比亚迪汽车有限公司", "广东省"),
        ("長沙市華聯瓷業有限公司", "湖南省"),
        ("比亞迪（香港）有限公司", "香港特别行政区"),
        ("中国湖南国际经济技术合作集团", "湖南省"),
        ("比亚迪股份有限公司", None),
        ("广西壮族自治区投资集团", "广西壮族自治区"),
    ],
)
def test_province_from_legal_name_builtin(name, province):
    assert province_from_legal_name(name) == province


def test_loaded_regions_know_every_prefecture():
    regions = load_regions(REFERENCE / "provinces.csv", REFERENCE / "cities.csv")
    assert province_from_legal_name("邵阳维克液压股份有限公司", regions) == "湖南省"
    assert province_from_legal_name("克拉玛依红山油田有限责任公司", regions) == "新疆维吾尔自治区"
    assert province_from_legal_name("湘西土家族苗族自治州边城旅游公司", regions) == "湖南省"
    assert province_from_legal_name("克拉玛依红山油田有限责任公司") is None
    assert regions.province_of("長沙市") == "湖南省"
    assert regions.province_of("Hong Kong") == "香港特别行政区"
    assert regions.province_of("长沙比亚迪") is None


def test_short_region_names():
    assert short_region_name("湖南省") == "湖南"
    assert short_region_name("广西壮族自治区") == "广西"
    assert short_region_name("湘西土家族苗族自治州") == "湘西"
    assert short_region_name("内蒙古自治区") == "内蒙古"
    assert short_region_name("长沙") == "长沙"


@pytest.mark.parametrize(
    ("name", "core", "trade"),
    [
        ("比亚迪股份有限公司", "比亚迪", "比亚迪"),
        ("比亞迪", "比亚迪", "比亚迪"),
        ("招商銀行股份有限公司", "招商银行", "招商"),
        ("江苏银行股份有限公司", "江苏银行", "江苏"),
        ("湖南华联瓷业股份有限公司", "华联瓷业", "华联"),
        ("比亞迪（香港）有限公司", "比亚迪", "比亚迪"),
        ("深圳市同益中新材料科技有限公司", "同益中新材料科技", "同益中"),
        ("中国平安保险(集团)股份有限公司", "平安保险", "平安"),
        ("湖南省长沙市远大集团", "远大", "远大"),
    ],
)
def test_core_and_trade_names(name, core, trade):
    assert core_name(name, DEFAULT_REGIONS) == core
    assert trade_name(core) == trade


def test_name_key_and_english_tokens():
    assert name_key("比亞迪 股份（有限）公司") == "比亚迪股份有限公司"
    assert english_tokens("China Merchants Bank Co., Ltd.") == ("bank", "merchants")
    assert english_tokens("BYD Company Limited") == ("byd",)
    assert english_tokens("Hong Kong & China Gas Co. Ltd") == ("gas",)
    assert english_tokens("Hong Kong Limited") == ("hong", "kong")


def test_edit_distance_and_similarity():
    assert edit_distance("华联瓷业", "华联磁业") == 1
    assert edit_distance("华联瓷业", "华瓷联业") == 1
    assert edit_distance("", "abc") == 3
    assert edit_similarity("华联瓷业", "华联电业") == 0.75
    assert edit_similarity("", "") == 1.0


def test_jaro_winkler_and_bigrams():
    assert jaro_winkler("华联瓷业", "华联瓷业") == 1.0
    assert round(jaro_winkler("华联瓷业", "华联电业"), 4) == 0.8667
    assert round(jaro_winkler("martha", "marhta"), 4) == 0.9611
    assert jaro_winkler("ab", "cd") == 0.0
    assert bigram_jaccard("华联瓷业", "华联电业") == 0.2
    assert bigram_jaccard("a", "a") == 1.0


def test_abbreviation_and_deletion_keys():
    assert is_abbreviation("华瓷", "华联瓷业")
    assert not is_abbreviation("瓷华", "华联瓷业")
    assert not is_abbreviation("华电", "华联瓷业")
    assert not is_abbreviation("华", "华联瓷业")
    assert deletion_keys("比亚迪") == ("比亚迪",)
    assert deletion_keys("华联瓷业") == (
        "华联瓷业",
        *sorted(["联瓷业", "华瓷业", "华联业", "华联瓷"]),
    )
