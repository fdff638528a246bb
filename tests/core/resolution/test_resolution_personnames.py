"""People across scripts and romanisations (Cantonese and pinyin), phones as evidence."""

import pytest

from duijie_core.resolution import PersonRecord, PersonResolver, describe_match
from duijie_core.resolution.people import affiliation_key, phone_key
from duijie_core.resolution.personnames import coarse, jyutping_coarse, sound_keys
from duijie_core.resolution.regions import DEFAULT_REGIONS


@pytest.mark.parametrize(
    "written", ["+852 9123 4567", "9123 4567", "85291234567", "+85291234567", "00852 91234567"]
)
def test_hong_kong_phone_written_any_way_is_one_number(written):
    assert phone_key(written) == "+85291234567"
    assert phone_key(written, "HK") == "+85291234567"


def test_mainland_mobile_and_default_region():
    assert phone_key("+86 138-1234-5678") == phone_key("13812345678") == "+8613812345678"
    assert phone_key("8613812345678") == "+8613812345678"
    assert phone_key("2812 3456", "HK") == "+85228123456"  # a landline needs its region
    assert phone_key("123456") is None


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("劉建華", "Lau Kin Wah"),
        ("劉建華", "Kin-wah LAU"),
        ("刘建华", "Liu Jianhua"),
        ("陳大文", "Chan Tai Man"),
        ("張學友", "Cheung Hok Yau"),
        ("李嘉誠", "Lee Ka Shing"),
        ("周潤發", "Chow Yun Fat"),
        ("謝霆鋒", "Tse Ting Fung"),
        ("黃子華", "Wong Tsz Wah"),
    ],
)
def test_han_names_sound_like_their_romanisations(han, latin):
    assert sound_keys(han) & sound_keys(latin)


def test_different_names_do_not_sound_alike():
    assert not sound_keys("劉建華") & sound_keys("Lau Kin Man")
    assert not sound_keys("陳大文") & sound_keys("Chan Siu Ming")
    assert sound_keys("王") == sound_keys("Wong") == frozenset()


def test_spelling_tables():
    assert jyutping_coarse("zoeng1") == coarse("Cheung") == "ceung"
    assert jyutping_coarse("gin3") == coarse("Kin") == "kin"
    assert jyutping_coarse("ng4") == coarse("Ng") == "ng"
    assert jyutping_coarse("ceoi4") == coarse("Tsui") == "cui"
    assert jyutping_coarse("aa3") == "a"


PEOPLE = (
    PersonRecord("1", "劉建華", emails=("kinwah.lau@example.com",), affiliation="香港湖南商會"),
    PersonRecord(
        "2", "Lau Kin Wah", emails=("KinWah.Lau@Example.com",), affiliation="香港湖南商會"
    ),
    PersonRecord("3", "Lau Kin Wah", affiliation="香港湖南商會"),
    PersonRecord("4", "LAU Kin Wah", phones=("+852 9123 4567",)),
    PersonRecord("5", "刘建华", phones=("85291234567",)),
    PersonRecord("6", "Lau Kin Wah", affiliation="香港長沙商會"),
)


def test_lau_kin_wah_with_the_same_email_merges_with_the_han_name():
    resolver = PersonResolver().fit(PEOPLE)
    clusters = [c.keys for c in resolver.clusters_]
    assert ("1", "2") in [c[:2] for c in clusters]
    assert ("4", "5") in clusters
    found = {(m.a, m.b): m for m in resolver.duplicates()}
    assert found["1", "2"].score == 0.9
    assert describe_match(found["1", "2"], "en") == [
        "same e-mail address (kinwah.lau@example.com)",
        "same affiliation (香港湖南商会) but nothing else to confirm",
        "'Lau Kin Wah' is how '劉建華' is romanised (Cantonese or pinyin)",
    ]
    assert describe_match(found["4", "5"], "zh-Hant")[0] == "電話號碼相同（+85291234567）"
    assert describe_match(found["4", "5"], "zh-Hans")[-1] == (
        "“LAU Kin Wah”与“刘建华”读音相同（粤语或普通话拼音）"
    )


def test_same_affiliation_only_is_flagged_not_merged():
    resolver = PersonResolver().fit(PEOPLE)
    assert ("1", "3") in {(m.a, m.b) for m in resolver.review_queue(limit=None)}
    # another chamber is another affiliation: 6 never pairs with the 湖南 chamber's 劉建華
    assert not any("6" in (m.a, m.b) and "1" in (m.a, m.b) for m in resolver.duplicates())


def test_chambers_are_different_affiliations():
    assert affiliation_key("香港湖南商會", DEFAULT_REGIONS) == "香港湖南商会"
    assert affiliation_key("香港長沙商會", DEFAULT_REGIONS) == "香港长沙商会"
    assert affiliation_key("比亞迪股份有限公司", DEFAULT_REGIONS) == "比亚迪"


def test_numbers_no_region_reads_keep_one_form_with_or_without_country_code():
    # 154 numbers are not valid mainland mobiles in the metadata: compared by digits alike
    assert phone_key("+86 154-1234-5678") == phone_key("15412345678") == "15412345678"
