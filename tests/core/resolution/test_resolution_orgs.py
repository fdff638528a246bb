"""Tests for organisation resolution: scoring, clustering, resolving, merge checks."""

from duijie_core.identifiers import problem
from duijie_core.resolution import (
    Evidence,
    Match,
    OrgRecord,
    OrgResolver,
    Resolution,
    check_merge,
    describe_evidence,
    describe_match,
    describe_problem,
)
from duijie_core.resolution.orgs import prepare_org, score_orgs

BYD_CODE = "91440300192317458F"
CMB_CODE = "9144030010001686XA"

EXISTING = (
    OrgRecord("1", ("比亚迪股份有限公司",), credit_code=BYD_CODE, stock_codes=("002594.SZ",)),
    OrgRecord("2", ("比亞迪",), region="深圳"),
    OrgRecord("3", ("招商银行股份有限公司",), ("China Merchants Bank Co., Ltd.",), CMB_CODE),
    OrgRecord("4", (), ("CHINA MERCHANTS BANK",)),
    OrgRecord("5", ("比亞迪（香港）有限公司",), ("BYD (H.K.) Co., Limited",), hk_cr_no="123456"),
    OrgRecord("6", ("湖南华联瓷业股份有限公司",)),
    OrgRecord("7", ("湖南華聯磁業有限公司",)),
    OrgRecord("8", ("深圳华联瓷业有限公司",)),
    OrgRecord("9", ("招商银行",), credit_code="91440300100016860G"),
)


def _fit():
    return OrgResolver().fit(EXISTING)


def test_clusters():
    assert [c.keys for c in _fit().clusters_] == [
        ("1", "2"),
        ("3", "4"),
        ("5",),
        ("6",),
        ("7",),
        ("8",),
        ("9",),
    ]


def test_duplicates_with_evidence():
    found = {(m.a, m.b): m for m in _fit().duplicates()}
    assert sorted(found) == [("1", "2"), ("3", "4"), ("6", "7"), ("6", "8")]
    assert found["1", "2"] == Match(
        "1",
        "2",
        0.95,
        (Evidence("same_core_name", 0.95, (("core", "比亚迪"),)),),
    )
    assert found["6", "7"].score == 0.78
    assert describe_match(found["6", "7"], "en") == [
        "names sound the same: '华联瓷业' and '华联磁业' (possibly a typing slip)",
        "same province (湖南省)",
    ]
    assert found["6", "8"].score == 0.75
    assert describe_match(found["6", "8"], "zh-Hans") == [
        "去掉地区与公司类型后名称相同：华联瓷业",
        "省份不同（湖南省 / 广东省）",
    ]


def test_identifier_conflict_is_never_the_same():
    score, evidence = score_orgs(prepare_org(EXISTING[2]), prepare_org(EXISTING[8]))
    assert score == 0.0
    assert evidence == (
        Evidence("credit_code_conflict", 0.0, (("a", CMB_CODE), ("b", "91440300100016860G"))),
    )
    score, evidence = score_orgs(prepare_org(EXISTING[0]), prepare_org(EXISTING[4]))
    assert (score, [e.rule for e in evidence]) == (0.0, ["jurisdiction_conflict"])
    assert describe_evidence(evidence[0], "en") == (
        "incorporated in different jurisdictions (mainland / hk): never the same entity"
    )


def test_invalid_identifiers_are_reported_and_ignored():
    resolver = OrgResolver().fit(
        [OrgRecord("x", ("某公司",), credit_code="123", stock_codes=("1",))]
    )
    assert resolver.identifier_problems_ == {
        "x": (
            problem("credit_code.length", length=3, expected=18),
            problem("stock_code.format", value="1"),
        )
    }


def test_importing_the_same_list_twice_creates_nothing_new():
    resolver = _fit()
    again = resolver.resolve(
        [
            OrgRecord(
                f"row{r.key}",
                r.names,
                r.english_names,
                r.credit_code,
                r.hk_cr_no,
                r.stock_codes,
                r.region,
            )
            for r in EXISTING
        ]
    )
    assert [(r.key, r.outcome, r.existing_key) for r in again] == [
        ("row1", "existing", "1"),
        ("row2", "existing", "2"),
        ("row3", "existing", "3"),
        ("row4", "existing", "4"),
        ("row5", "existing", "5"),
        ("row6", "existing", "6"),
        ("row7", "existing", "7"),
        ("row8", "existing", "8"),
        ("row9", "existing", "9"),
    ]


def test_resolve_new_groups_and_review():
    resolver = _fit()
    incoming = [
        OrgRecord("a", ("比亚迪汽车",)),
        OrgRecord("b", ("远大科技集团有限公司",)),
        OrgRecord("c", ("遠大科技",)),
        OrgRecord("d", ("湖南华联电业有限公司",)),
        OrgRecord("e", ("某某",), credit_code=BYD_CODE),
        OrgRecord("f", (), ("BYD (H.K.) Company Limited",)),
    ]
    resolved = resolver.resolve(incoming)
    assert [(r.key, r.outcome, r.existing_key, r.group) for r in resolved] == [
        ("a", "review", None, None),
        ("b", "new", None, "b"),
        ("c", "new", None, "b"),
        ("d", "review", None, None),
        ("e", "existing", "1", None),
        ("f", "existing", "5", None),
    ]
    assert [(m.b, m.score) for m in resolved[0].candidates] == [("1", 0.9), ("2", 0.9), ("5", 0.9)]
    # 湖南华联电业有限公司 / 湖南華聯磁業有限公司: same place and legal form, one character off
    assert [(m.b, m.score) for m in resolved[3].candidates] == [("7", 0.82)]
    assert [e.rule for e in resolved[3].candidates[0].evidence] == [
        "name_typo_same_frame",
        "region_agree",
    ]


def test_incoming_linking_two_existing_entities_goes_to_review():
    resolver = OrgResolver().fit(
        [
            OrgRecord("x", ("华联瓷业",), credit_code=BYD_CODE),
            OrgRecord("y", ("华联瓷业",), credit_code=CMB_CODE),
        ]
    )
    assert [c.keys for c in resolver.clusters_] == [("x",), ("y",)]
    [resolution] = resolver.resolve([OrgRecord("z", ("華聯瓷業",))])
    assert (resolution.outcome, [m.b for m in resolution.candidates]) == ("review", ["x", "y"])


def test_short_name_of_one_entity_resolves_to_it():
    resolver = OrgResolver().fit(EXISTING[:2])
    [resolution] = resolver.resolve([OrgRecord("a", ("比亚迪汽车",))])
    assert (resolution.outcome, resolution.existing_key) == ("existing", "1")


def test_aliases_link_english_and_chinese_names():
    resolver = OrgResolver(aliases={"BYD": "比亞迪"}).fit(
        [OrgRecord("1", ("比亚迪股份有限公司",)), OrgRecord("2", (), ("BYD",))]
    )
    assert [c.keys for c in resolver.clusters_] == [("1", "2")]


def test_check_merge():
    a = OrgRecord("a", ("招商银行",), credit_code=CMB_CODE, hk_cr_no="1")
    b = OrgRecord("b", ("招商銀行",), credit_code="91440300100016860G", hk_cr_no="2")
    c = OrgRecord("c", ("招商銀行",), credit_code="9144 0300 1000 1686 xa")
    assert check_merge(a, c) == []
    assert check_merge(a, a) == [problem("merge.same_record", key="a")]
    problems = check_merge(a, b)
    assert problems == [
        problem("merge.credit_code_conflict", a=CMB_CODE, b="91440300100016860G"),
        problem("merge.hk_cr_no_conflict", a="0000001", b="0000002"),
    ]
    assert describe_problem(problems[0]) == (
        "不能合併：統一社會信用代碼不同（9144030010001686XA / 91440300100016860G），"
        "應是兩個不同機構"
    )
    assert describe_problem(problem("credit_code.length", length=3, expected=18), "en") == (
        "credit code must have 18 characters, not 3"
    )


def test_resolution_defaults():
    assert Resolution("k", "new") == Resolution("k", "new", None, None, ())
