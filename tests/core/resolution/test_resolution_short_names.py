"""Short names (字號) found inside registered names, and short names two firms share."""

from duijie_core.resolution import OrgRecord, OrgResolver, describe_evidence
from duijie_core.resolution.linkage import block_index, candidate_pairs, candidates_in
from duijie_core.resolution.orgkeys import host_name, substrings

FULL = (
    OrgRecord("jinshan", ("北京金山办公软件股份有限公司",)),
    OrgRecord("crrc", ("株洲中车时代电气股份有限公司",)),
    OrgRecord("zoomlion", ("中联重科股份有限公司",)),
    OrgRecord("huaci", ("湖南華聯瓷業股份有限公司",)),
)


def _resolve(existing, *shorts):
    resolver = OrgResolver().fit(existing)
    return resolver.resolve([OrgRecord(f"s{i}", (s,)) for i, s in enumerate(shorts)])


def test_short_names_join_their_firm_whatever_stands_around_them():
    found = _resolve(FULL, "金山办公", "时代电气", "中联重科", "時代電氣")
    assert [(r.outcome, r.existing_key) for r in found] == [
        ("existing", "jinshan"),
        ("existing", "crrc"),
        ("existing", "zoomlion"),
        ("existing", "crrc"),
    ]
    rules = [e.rule for e in found[1].candidates[0].evidence]
    assert rules == ["trade_name_inside"]


def test_a_short_name_two_firms_hold_goes_to_review():
    existing = (*FULL, OrgRecord("other", ("深圳时代电气设备有限公司",)))
    [found] = _resolve(existing, "时代电气")
    assert found.outcome == "review"
    assert sorted(m.b for m in found.candidates) == ["crrc", "other"]
    evidence = found.candidates[0].evidence[0]
    assert (evidence.rule, dict(evidence.params)["firms"]) == ("short_name_ambiguous", "2")
    assert describe_evidence(evidence, "zh-Hant").endswith("家包含它，需人工確認")


def test_a_short_name_that_is_another_firms_own_name_is_not_guessed_inside():
    existing = (*FULL, OrgRecord("own", ("时代电气有限公司",)))
    [found] = _resolve(existing, "时代电气")
    assert (found.outcome, found.existing_key) == ("existing", "own")
    assert [m.b for m in found.candidates] == ["own"]


def test_industry_words_must_follow_the_trade_name():
    [found] = _resolve(FULL, "电气时代")
    assert found.outcome == "new"


def test_host_names_and_substrings():
    assert host_name("中國株洲中車時代電氣股份有限公司") == "株洲中车时代电气"
    assert substrings("中车时代", 2, 3) == {"中车", "车时", "时代", "中车时", "车时代"}


def test_directed_blocks_pair_probes_with_hosts_only():
    index = block_index([["s>时代"], ["s<时代"], ["s<时代"], ["x"]])
    assert candidate_pairs(index, lambda key: 10) == [(0, 1), (0, 2)]
    assert candidates_in(index, ["s>时代"], lambda key: 10) == [1, 2]
    assert candidates_in(index, ["s<时代"], lambda key: 10) == [0]
    assert candidates_in(index, ["s>时代"], lambda key: 1) == []


def test_a_short_name_that_is_several_firms_trade_name_goes_to_review():
    existing = (
        OrgRecord("e", ("东方电子股份有限公司",)),
        OrgRecord("t", ("東方通信股份有限公司",)),
        OrgRecord("x", ("同益中新材料科技股份有限公司",)),
    )
    resolver = OrgResolver().fit(existing)
    east, unique = resolver.resolve([OrgRecord("s", ("东方",)), OrgRecord("u", ("同益中",))])
    assert east.outcome == "review"
    assert {m.evidence[0].rule for m in east.candidates} == {"short_name_ambiguous"}
    assert (unique.outcome, unique.existing_key) == ("existing", "x")
