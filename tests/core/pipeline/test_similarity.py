import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from duijie_core.pipeline.similarity import (
    DealKey,
    Reason,
    Suspicion,
    compare,
    find_suspects,
    name_similarity,
    named_places,
    organisation_keys,
    phases,
)

INVESTOR = organisation_keys(10, ["深圳某上市公司"])
SIGNED = DealKey(
    id=1,
    names=("湖南健康醫療大數據中心", "Hunan health and medical big-data centre"),
    investor_keys=INVESTOR,
    amount=Decimal("1000000000"),
)


def test_traditional_and_simplified_names_are_equal():
    assert name_similarity("湖南健康醫療大數據中心", "湖南健康医疗大数据中心") == 1.0
    assert name_similarity("", "anything") == 0.0
    assert name_similarity("A", "a") == 1.0


def test_organisation_keys_join_scripts_legal_forms_and_english_names():
    traditional = organisation_keys(1, ["香港冷鏈集團有限公司", "HK Cold Chain Group Limited"])
    simplified = organisation_keys(2, ["香港冷链集团"])
    english = organisation_keys(3, ["Hong Kong Cold Chain Group Ltd."])
    assert traditional == {"record:1", "zh:香港冷链", "en:cold chain"}
    assert traditional & simplified == {"zh:香港冷链"}
    assert traditional & english == {"en:cold chain"}
    assert organisation_keys(None, ["", " "]) == frozenset()


def test_same_investor_and_similar_name_in_the_other_script_is_suspect():
    candidate = DealKey(id=2, names=("湖南健康医疗大数据中心项目",), investor_keys=INVESTOR)
    assert find_suspects(candidate, [SIGNED]) == [
        Suspicion(1, 0.517, (Reason("same_investor"), Reason("similar_name", "89")))
    ]


def test_english_name_and_amount_match_without_the_same_investor():
    candidate = DealKey(
        id=3, names=("HUNAN Health and Medical Big-Data Centre",), amount=Decimal("980000000")
    )
    assert find_suspects(candidate, [SIGNED]) == [
        Suspicion(1, 0.45, (Reason("similar_amount", "2.0"), Reason("similar_name", "100")))
    ]


def test_same_project_needs_one_more_fact_and_investor_name_variants_count():
    other = DealKey(
        id=4,
        names=("冷鏈中心",),
        project_id=7,
        investor_keys=organisation_keys(1, ["香港冷鏈集團"]),
    )
    candidate = DealKey(
        id=5,
        names=("完全不同",),
        project_id=7,
        investor_keys=organisation_keys(2, ["香港冷链集团"]),
    )
    assert compare(candidate, other) == Suspicion(
        4, 0.7, (Reason("same_project"), Reason("same_investor_name"))
    )
    co_investor = DealKey(id=6, names=("完全不同",), project_id=7, amount=Decimal(5))
    assert compare(co_investor, other) is None


def test_unrelated_deals_and_itself_are_not_suspects():
    candidate = DealKey(
        id=6, names=("長沙人工智能產業園",), investor_keys=organisation_keys(11, ["x"]),
        amount=Decimal("5"),
    )  # fmt: skip
    assert find_suspects(candidate, [SIGNED, DealKey(id=6, names=("長沙人工智能產業園",))]) == []


@given(st.text(max_size=30), st.text(max_size=30))
def test_similarity_is_symmetric_and_bounded(first, second):
    score = name_similarity(first, second)
    assert 0.0 <= score <= 1.0
    assert score == name_similarity(second, first)


def test_same_investor_and_amount_need_a_related_name():
    keys = organisation_keys(3, [])
    other = DealKey(id=8, names=("長沙市冷鏈物流園",), investor_keys=keys, amount=Decimal(100))
    unrelated = DealKey(
        id=9, names=("株洲市航空零部件廠",), investor_keys=keys, amount=Decimal(100)
    )
    related = DealKey(id=10, names=("长沙冷链物流园",), investor_keys=keys, amount=Decimal(95))
    assert compare(unrelated, other) is None
    assert compare(related, other) == Suspicion(
        8,
        0.7,
        (Reason("same_investor"), Reason("similar_amount", "5.0"), Reason("similar_name", "100")),
    )


def test_different_cities_phases_and_enterprises_are_different_investments():
    keys = organisation_keys(3, [])
    other = DealKey(id=11, names=("長沙市冷鏈物流園",), investor_keys=keys, city_id=1, project_id=5)
    elsewhere = DealKey(id=12, names=("衡陽市冷鏈物流園",), investor_keys=keys, city_id=2)
    phase_two = DealKey(id=13, names=("長沙市冷鏈物流園二期",), investor_keys=keys, city_id=1)
    same_project = DealKey(id=14, names=("x",), investor_keys=keys, city_id=2, project_id=5)
    assert compare(elsewhere, other) is None
    assert compare(phase_two, other) is None
    assert compare(same_project, other) == Suspicion(
        11, 0.7, (Reason("same_project"), Reason("same_investor"))
    )
    ours = DealKey(id=15, names=("長沙市冷鏈物流園",), investor_keys=keys, enterprise_keys={"a"})
    theirs = DealKey(id=16, names=("長沙市冷鏈物流園",), investor_keys=keys, enterprise_keys={"b"})
    assert compare(ours, theirs) is None


def test_phases_read_chinese_and_english_numbers():
    assert phases(["冷鏈物流園二期", "Cold chain park phase II"]) == {"2"}
    assert phases(["冷鏈物流園"]) == {"1"}
    assert phases(["三期工程", "Phase 3"]) == {"3"}


def test_signings_years_apart_are_not_resignings():
    early = DealKey(id=1, names=("長沙冷鏈物流園",), investor_keys=organisation_keys(1, []),
                    signed_on=dt.date(2015, 5, 1))  # fmt: skip
    late = DealKey(id=2, names=("長沙冷鏈物流園",), investor_keys=organisation_keys(1, []),
                   signed_on=dt.date(2025, 5, 1))  # fmt: skip
    assert compare(late, early) is None


def test_bug_carried_over_project_with_hkd_amount_ranks_above_a_name_only_match():
    """Issue 15: same investor, same enterprise, 8億港元 ≈ CNY 744 M and the carried-over
    copy of the catalogue project was "No look-alike found" (or ranked below a name-only
    match with raw codes)."""
    investor = organisation_keys(20, ["香港卓越物流集團有限公司"])
    enterprise = organisation_keys(21, ["湖南卓越冷鏈有限公司"])
    original = DealKey(
        id=30, names=("岳陽城陵磯冷鏈產業園",), investor_keys=investor, enterprise_keys=enterprise,
        project_id=100, project_line=100, amount=Decimal("744000000"), city_id=4306,
        signed_on=dt.date(2025, 5, 14),
    )  # fmt: skip
    name_only = DealKey(
        id=31, names=("岳陽城陵磯冷鏈產業園項目",), amount=Decimal("745000000"), city_id=4306,
        signed_on=dt.date(2025, 5, 14),
    )  # fmt: skip
    again = DealKey(
        id=32, names=("卓越冷鏈項目（2026年簽約）",), investor_keys=investor,
        enterprise_keys=enterprise, project_id=200, project_line=100,
        amount=Decimal("736800000"), city_id=4306, signed_on=dt.date(2026, 5, 20),
    )  # fmt: skip
    found = find_suspects(again, [name_only, original])
    assert [s.other_id for s in found] == [30]
    assert found[0].codes == (
        "carried_over_project", "same_investor", "same_enterprise", "similar_amount", "same_city"
    )  # fmt: skip
    assert found[0].score == 1.0


def test_names_starting_with_two_different_cities_are_different_investments():
    keys = organisation_keys(3, [])
    changsha = DealKey(id=1, names=("長沙冷鏈物流園",), investor_keys=keys)
    xiangtan = DealKey(id=2, names=("湘潭冷鏈物流園",), investor_keys=keys)
    hunan = DealKey(id=3, names=("湖南長沙市冷鏈物流園",), investor_keys=keys)
    assert named_places(["湖南長沙市冷鏈物流園", "Changsha park"]) == {"长沙"}
    assert compare(xiangtan, changsha) is None
    assert compare(hunan, changsha) is not None
