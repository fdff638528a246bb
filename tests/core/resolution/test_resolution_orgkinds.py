"""Public bodies, chambers, associations and universities: compared by place and group."""

from pathlib import Path

import pytest

from duijie_core.resolution import OrgRecord, OrgResolver, describe_evidence, load_regions
from duijie_core.resolution.orgkinds import Place, body_key
from duijie_core.resolution.orgs import prepare_org, score_orgs

REFERENCE = Path(__file__).resolve().parents[3] / "src" / "duijie" / "reference" / "data"
REGIONS = load_regions(
    REFERENCE / "provinces.csv", REFERENCE / "cities.csv", REFERENCE / "areas.csv"
)


def _score(x: str, y: str) -> tuple[float, list[str]]:
    a, b = (prepare_org(OrgRecord(k, (n,)), REGIONS) for k, n in (("a", x), ("b", y)))
    score, evidence = score_orgs(a, b)
    return score, [e.rule for e in evidence]


@pytest.mark.parametrize(
    ("name", "kind", "places", "group"),
    [
        ("長沙市商務局", "government", (Place("长沙", "city"),), ""),
        ("湖南省長沙市商務局", "government", (Place("长沙", "city"),), ""),
        ("长沙商务局", "government", (Place("长沙", ""),), ""),
        ("長沙縣商務局", "government", (Place("长沙县", "county"),), ""),
        ("湖南省長沙市芙蓉區商務局", "government", (Place("芙蓉区", "county"),), ""),
        ("黃花鎮人民政府", "government", (Place("黄花", "镇"),), ""),
        ("长沙市统计局", "government", (Place("长沙", "city"),), "统计"),
        ("香港湖南商會", "chamber", (Place("香港", "region"), Place("湖南", "")), ""),
        ("湖南省企业联合会", "association", (Place("湖南", "province"),), "企业"),
        ("湖南師範大學", "university", (Place("湖南", ""),), "师范"),
        ("中南大学", "university", (), "中南"),
    ],
)
def test_body_key_reads_kind_places_and_group(name, kind, places, group):
    key = body_key(name, REGIONS)
    assert key is not None
    assert (key.kind, key.places, key.group) == (kind, places, group)


@pytest.mark.parametrize(
    "name", ["招商局集团有限公司", "湖南华联瓷业股份有限公司", "商会", "比亞迪"]
)
def test_companies_and_bare_kind_words_are_not_bodies(name):
    assert body_key(name, REGIONS) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("長沙市商務局", "株洲市商務局"),  # the demo's bug: 0.97 before
        ("香港長沙商會", "香港株洲商會"),  # the demo's bug: 0.97 before
        ("香港湖南商會", "香港長沙商會"),
        ("湖南大學", "湖南師範大學"),
        ("長沙市人民政府", "長沙縣人民政府"),
        ("黃花鎮人民政府", "榔梨鎮人民政府"),
        ("长沙市商务局", "长沙市招商局"),
        ("湖南省人民政府", "長沙市人民政府"),
        ("長沙市商務局", "长沙商务有限公司"),
    ],
)
def test_different_bodies_never_pair(a, b):
    score, rules = _score(a, b)
    assert (score, rules) == (0.0, ["body_differs"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("長沙市商務局", "长沙市商务局"),
        ("湖南省長沙市商務局", "长沙市商务局"),
        ("长沙商务局", "長沙市商務局"),
        ("香港湖南商會", "香港湖南商会"),
        ("湖南師範大學", "湖南师范大学"),
    ],
)
def test_the_same_body_written_otherwise_still_pairs(a, b):
    score, rules = _score(a, b)
    assert score >= 0.85
    assert "body_differs" not in rules


def test_different_bodies_with_the_same_identifier_still_pair():
    a = prepare_org(OrgRecord("a", ("長沙市商務局",), hk_cr_no="1234567"), REGIONS)
    b = prepare_org(OrgRecord("b", ("长沙市商务委员会",), hk_cr_no="1234567"), REGIONS)
    assert score_orgs(a, b)[0] == 1.0


def test_review_queue_of_cities_bureaus_and_chambers_is_empty():
    cities = ["長沙", "株洲", "湘潭", "衡陽", "岳陽", "常德"]
    records = [OrgRecord(f"g{i}", (f"{c}市商務局",)) for i, c in enumerate(cities)]
    records += [OrgRecord(f"c{i}", (f"香港{c}商會",)) for i, c in enumerate(cities)]
    records += [OrgRecord("dup", ("长沙商务局",)), OrgRecord("u1", ("湖南大學",))]
    records += [OrgRecord("u2", ("湖南師範大學",))]
    resolver = OrgResolver(regions=REGIONS).fit(records)
    assert [(m.a, m.b) for m in resolver.duplicates()] == [("dup", "g0")]


def test_body_differs_reads_in_three_languages():
    a = prepare_org(OrgRecord("a", ("長沙市商務局",)), REGIONS)
    b = prepare_org(OrgRecord("b", ("株洲市商務局",)), REGIONS)
    found = score_orgs(a, b)[1][0]
    assert describe_evidence(found, "zh-Hant").startswith(
        "同類機構但地方或所屬不同（长沙市 / 株洲市）"
    )
    assert describe_evidence(found, "zh-Hans").startswith(
        "同类机构但地方或所属不同（长沙市 / 株洲市）"
    )
    assert describe_evidence(found, "en").startswith("bodies of one kind for different places")


def test_gazetteers_with_and_without_counties_are_different_cache_keys():
    without = load_regions(REFERENCE / "provinces.csv", REFERENCE / "cities.csv")
    assert without != REGIONS
    assert body_key("芙蓉區商務局", without).places == ()
    assert body_key("芙蓉區商務局", REGIONS).places == (Place("芙蓉区", "county"),)
