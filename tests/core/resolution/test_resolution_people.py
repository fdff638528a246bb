"""Tests for the conservative people-resolution rule."""

from duijie_core.resolution import Match, PersonRecord, PersonResolver, describe_match
from duijie_core.resolution.people import person_name_key, phone_key

PEOPLE = (
    PersonRecord("1", "王偉", phones=("+86 138-1234-5678",), affiliation="比亞迪股份有限公司"),
    PersonRecord("2", "王伟", phones=("13812345678",)),
    PersonRecord("3", "王伟", emails=("WANG@EXAMPLE.COM",), birth_year=1970),
    PersonRecord("4", "王 伟", emails=("wang@example.com",), birth_year=1971),
    PersonRecord("5", "王伟", birth_year=1980, hometown="邵阳市", affiliation="比亚迪"),
    PersonRecord("6", "王伟", birth_year=1980, hometown="邵陽", affiliation="比亞迪股份有限公司"),
    PersonRecord("7", "王伟", birth_year=1980, affiliation="比亚迪"),
    PersonRecord("8", "王伟", hometown="长沙", affiliation="比亚迪"),
    PersonRecord("9", "李娜", phones=("13812345678",)),
)


def test_keys():
    assert person_name_key("王 偉") == "王伟"
    assert person_name_key("Wang, Wei") == "wang wei"
    assert person_name_key("wei WANG") == "wang wei"
    assert phone_key("+86 138-1234-5678") == "+8613812345678"
    assert phone_key("0086 13812345678") == "+8613812345678"
    assert phone_key("13812345678") == "+8613812345678"
    assert phone_key("123") is None


def test_same_person_only_with_contact_or_full_profile():
    # 7 joins 5 and 6: same affiliation and birth year, hometown unknown (profile_year)
    resolver = PersonResolver().fit(PEOPLE)
    assert [c.keys for c in resolver.clusters_] == [
        ("1", "2"),
        ("3",),
        ("4",),
        ("5", "6", "7"),
        ("8",),
        ("9",),
    ]


def test_review_pairs_and_evidence():
    found = {(m.a, m.b): m for m in PersonResolver().fit(PEOPLE).duplicates()}
    assert {pair: m.score for pair, m in found.items()} == {
        ("1", "2"): 0.95,
        ("5", "6"): 0.9,
        ("5", "7"): 0.88,
        ("6", "7"): 0.88,
        ("1", "5"): 0.75,
        ("1", "6"): 0.75,
        ("1", "7"): 0.75,
        ("1", "8"): 0.75,
        ("7", "8"): 0.75,
    }
    assert describe_match(found["5", "7"], "en") == [
        "same affiliation (比亚迪) and birth year (1980), nothing contradicts",
        "same name: 王伟",
    ]
    assert describe_match(found["1", "2"], "en") == [
        "same phone number (+8613812345678)",
        "same name: 王伟",
    ]


def test_hometown_difference_lowers_the_score():
    people = [
        PersonRecord("a", "陈静", phones=("13900000000",), hometown="长沙"),
        PersonRecord("b", "陈静", phones=("13900000000",), hometown="岳阳"),
    ]
    from duijie_core.resolution.people import prepare_person, score_people

    score, evidence = score_people(prepare_person(people[0]), prepare_person(people[1]))
    assert score == 0.65
    assert [e.rule for e in evidence] == ["same_person_name", "shared_phone", "hometown_differ"]
    assert PersonResolver().fit(people).duplicates() == []
    assert [c.keys for c in PersonResolver().fit(people).clusters_] == [("a",), ("b",)]


def test_birth_year_conflict_is_never_the_same():
    from duijie_core.resolution.people import prepare_person, score_people

    a, b = (prepare_person(PEOPLE[2]), prepare_person(PEOPLE[3]))
    assert score_people(a, b)[0] == 0.0
    assert score_people(a, prepare_person(PEOPLE[8])) == (0.0, ())


def test_resolve_people():
    resolver = PersonResolver().fit(PEOPLE)
    resolved = resolver.resolve(
        [
            PersonRecord("x", "王偉", phones=("138 1234 5678",)),
            PersonRecord("y", "张三", emails=("z@example.com",)),
            PersonRecord("z", "張三", emails=("Z@example.com",)),
        ]
    )
    assert [(r.key, r.outcome, r.existing_key, r.group) for r in resolved] == [
        ("x", "existing", "1", None),
        ("y", "new", None, "y"),
        ("z", "new", None, "y"),
    ]


def score_people_match(x: PersonRecord, y: PersonRecord) -> Match:
    from duijie_core.resolution.people import prepare_person, score_people

    score, evidence = score_people(prepare_person(x), prepare_person(y))
    return Match(x.key, y.key, score, evidence)


def test_weak_profiles_need_agreeing_phones():
    from duijie_core.resolution.people import prepare_person, score_people

    town = PersonRecord("t1", "刘洋", hometown="岳阳", affiliation="华菱钢铁")
    town_again = PersonRecord(
        "t2", "劉洋", birth_year=1976, hometown="岳陽市", affiliation="華菱鋼鐵"
    )
    born = PersonRecord("b1", "刘洋", phones=("13900000001",), birth_year=1975, hometown="岳阳")
    born_again = PersonRecord("b2", "刘洋", birth_year=1975, hometown="岳阳", affiliation="某公司")
    other_phone = PersonRecord(
        "b3", "刘洋", phones=("13900000002",), birth_year=1975, hometown="岳阳"
    )

    def rules(x: PersonRecord, y: PersonRecord) -> tuple[float, list[str]]:
        score, evidence = score_people(prepare_person(x), prepare_person(y))
        return score, [e.rule for e in evidence]

    assert rules(town, town_again) == (0.86, ["same_person_name", "profile_hometown"])
    assert rules(born, born_again) == (0.86, ["same_person_name", "birth_and_hometown"])
    assert rules(born, other_phone) == (
        0.72,
        ["same_person_name", "birth_and_hometown", "phones_differ"],
    )
    assert describe_match(score_people_match(born, other_phone), "en") == [
        "same birth year (1975) and hometown (岳阳), nothing contradicts",
        "both have phone numbers, none in common",
        "same name: 刘洋",
    ]
    people = [town, town_again, born, other_phone]
    assert [c.keys for c in PersonResolver().fit(people).clusters_] == [
        ("t1", "t2"),
        ("b1",),
        ("b3",),
    ]


# --- name frequencies (Fellegi–Sunter) ----------------------------------------------------

FILLERS = tuple(
    PersonRecord(f"f{i:02d}", f"測試{i}", birth_year=1950 + i) for i in range(40)
)  # 40 other people, one per birth year 1950–1989
RARE = (
    PersonRecord("a1", "周立新", emails=("zhou@example.cn",), birth_year=1975),
    PersonRecord("a2", "周立新", birth_year=1975),
)
COMMON = (
    PersonRecord("w0", "王伟", birth_year=1980),
    PersonRecord("w1", "王偉", emails=("w1@example.cn",), birth_year=1980),
    *(PersonRecord(f"w{k}", "王伟", phones=(f"1390000000{k}",)) for k in range(2, 10)),
)
# Birth years known on 44 distinct records: 1975 and 1980 three times each, 38 others once,
# so two records agree by chance with u = (38 + 9 + 9) / 44² = 56 / 1936 (about 1 in 35).


def test_name_frequencies_count_distinct_records_and_agreement_chances():
    from duijie_core.resolution.people import name_frequencies, prepare_person

    copy = PersonRecord("x", "周立新", birth_year=1975)  # identical to a2 but for the key
    context = name_frequencies([prepare_person(r) for r in (*FILLERS, *RARE, *COMMON, copy)])
    assert context.records_by_name["周立新"] == 2
    assert context.records_by_name["王伟"] == 10
    assert context.chance == {"affiliation": 1.0, "birth_year": 56 / 1936, "hometown": 1.0}
    # 1 + (1 − 0.7) / (0.7 × 56 / 1936) = 15.8: names on more records get no name block
    assert context.largest_useful_name_block(0.7) == 15


def test_agreement_chance():
    from duijie_core.resolution.people import agreement_chance

    assert agreement_chance(["长沙", "长沙", "岳阳", None]) == 5 / 9
    assert agreement_chance([None]) == 1.0


def test_rare_name_with_one_agreeing_field_merges_common_name_goes_to_review():
    resolver = PersonResolver().fit((*FILLERS, *RARE, *COMMON))
    assert resolver.cluster_of_["a2"] == "a1"
    assert resolver.cluster_of_["w1"] == "w1"
    found = {(m.a, m.b): m for m in resolver.duplicates()}
    assert set(found) == {("a1", "a2"), ("w0", "w1")}
    # 周立新: odds 1 / (1 × u) = 34.6 → 0.97, capped at 0.90
    assert found["a1", "a2"].score == 0.9
    assert describe_match(found["a1", "a2"], "en") == [
        "2 distinct records carry the name 周立新; with the matching details below and nothing "
        "contradicting, 90% likely the same person",
        "same name: 周立新",
        "same birth year (1975): two namesakes share one by chance about 1 in 35",
    ]
    # 王伟 on 10 records: odds 34.6 / 9 = 3.84 → 0.793, review only
    assert found["w0", "w1"].score == 0.793
    assert [m.a + m.b for m in resolver.review_queue()] == ["w0w1"]
    assert describe_match(found["w0", "w1"], "zh-Hant")[0] == (
        "姓名「王伟」共有 10 筆不同記錄；連同下列相符資料、且無矛盾，估計 79% 是同一人"
    )
    assert describe_match(found["w0", "w1"], "zh-Hans")[2] == (
        "出生年份相同（1980）：两位同名者碰巧同年约 35 分之一"
    )


def test_name_frequency_needs_no_contradiction():
    from duijie_core.resolution.people import (
        NameFrequencies,
        frequency_evidence,
        prepare_person,
        score_people,
    )

    context = NameFrequencies({"陈静": 3}, {"hometown": 0.1, "affiliation": 0.001})
    a = prepare_person(PersonRecord("a", "陈静", phones=("13900000001",), hometown="长沙"))
    b = prepare_person(PersonRecord("b", "陈静", hometown="长沙"))
    other_phone = prepare_person(
        PersonRecord("c", "陈静", phones=("13900000002",), hometown="长沙")
    )
    other_mail = prepare_person(PersonRecord("d", "陈静", emails=("d@x.cn",), hometown="长沙"))
    mail = prepare_person(PersonRecord("e", "陈静", emails=("e@x.cn",), hometown="长沙"))
    # 3 records: odds 1 / (2 × 0.1) = 5 → 0.833
    assert score_people(a, b, context)[0] == 0.833
    assert [e.rule for e in score_people(a, b, context)[1]] == [
        "same_person_name",
        "name_frequency",
        "hometown_agrees",
    ]
    assert frequency_evidence(a, other_phone, context) == []
    assert frequency_evidence(other_mail, mail, context) == []
    assert score_people(a, other_phone, context) == (0.0, ())
    assert score_people(a, b) == (0.0, ())  # no context: the name's frequency is unknown
    colleague = prepare_person(PersonRecord("f", "陈静", hometown="长沙", affiliation="比亚迪"))
    elsewhere = prepare_person(PersonRecord("g", "陈静", hometown="长沙", affiliation="华菱"))
    assert frequency_evidence(colleague, elsewhere, context) == []
    # affiliation and hometown: 1 / (2 × 0.001 × 0.1) = 5,000 → capped at 0.90
    assert score_people(colleague, colleague, context)[0] == 0.9


def test_resolving_the_fitted_records_again_keeps_the_name_weight():
    resolver = PersonResolver().fit((*FILLERS, *RARE, *COMMON))
    again = resolver.resolve([PersonRecord("x", "周立新", birth_year=1975)])
    assert [(r.outcome, r.existing_key) for r in again] == [("existing", "a1")]
    assert [(m.b, m.score) for m in again[0].candidates] == [("a1", 0.9), ("a2", 0.9)]


def test_first_import_uses_the_incoming_records_frequencies():
    # fitted on nothing: name counts, chances and the name-block limit come from the import
    resolved = PersonResolver().fit([]).resolve((*FILLERS, *RARE, *COMMON))
    outcome = {r.key: (r.outcome, r.group) for r in resolved}
    assert outcome["a1"] == outcome["a2"] == ("new", "a1")
    assert outcome["w0"] == ("new", "w0")
    assert outcome["w1"] == ("new", "w1")


def test_name_block_is_bounded():
    from duijie_core.resolution.people import person_block_keys, prepare_person

    keys = person_block_keys(prepare_person(PersonRecord("a", "周立新", birth_year=1975)))
    assert keys == ["n:周立新"]
    resolver = PersonResolver(max_block=5).fit((*FILLERS, *RARE, *COMMON))
    assert [(m.a, m.b) for m in resolver.duplicates()] == [("a1", "a2")]  # 王伟: 10 > 5


def test_resolve_lists_unlinked_likely_matches_within_the_incoming_records():
    # 1 shares name and affiliation with 5, 6 and 8 (0.75: review band, not linked); 8 and
    # 5/6 differ in hometown (0.45); 5 and 6 link (0.90), so they list only 1
    resolver = PersonResolver().fit([PEOPLE[8]])
    one, eight, five, six = resolver.resolve([PEOPLE[0], PEOPLE[7], PEOPLE[4], PEOPLE[5]])
    assert [r.outcome for r in (one, eight, five, six)] == ["new"] * 4
    assert len({one.group, eight.group, five.group}) == 3 and five.group == six.group
    assert [(m.a, m.b, m.score) for m in one.incoming] == [
        ("1", "5", 0.75),
        ("1", "6", 0.75),
        ("1", "8", 0.75),
    ]
    assert [(m.a, m.b, m.score) for m in eight.incoming] == [("8", "1", 0.75)]
    assert [(m.a, m.b) for m in five.incoming] == [("5", "1")]
    assert [(m.a, m.b) for m in six.incoming] == [("6", "1")]
    assert describe_match(one.incoming[2], "en")[0] == (
        "same affiliation (比亚迪) but nothing else to confirm"
    )
