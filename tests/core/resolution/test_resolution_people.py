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
    assert phone_key("+86 138-1234-5678") == "13812345678"
    assert phone_key("0086 13812345678") == "13812345678"
    assert phone_key("+852 9123 4567") == "85291234567"
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
        "same phone number (13812345678)",
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
