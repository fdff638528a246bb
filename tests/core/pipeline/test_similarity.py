from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from duijie_core.pipeline.similarity import (
    DealKey,
    Suspicion,
    compare,
    find_suspects,
    name_similarity,
)

SIGNED = DealKey(
    id=1,
    names=("湖南健康醫療大數據中心", "Hunan health and medical big-data centre"),
    investor_id=10,
    investor_names=("深圳某上市公司",),
    amount=Decimal("1000000000"),
)


def test_traditional_and_simplified_names_are_equal():
    assert name_similarity("湖南健康醫療大數據中心", "湖南健康医疗大数据中心") == 1.0
    assert name_similarity("", "anything") == 0.0
    assert name_similarity("A", "a") == 1.0


def test_same_investor_and_similar_name_in_the_other_script_is_suspect():
    candidate = DealKey(id=2, names=("湖南健康医疗大数据中心项目",), investor_id=10, amount=None)
    assert find_suspects(candidate, [SIGNED]) == [
        Suspicion(other_id=1, score=0.909, reasons=("same_investor", "similar_name"))
    ]


def test_english_name_and_amount_match_without_the_same_investor():
    candidate = DealKey(
        id=3, names=("HUNAN Health and Medical Big-Data Centre",), amount=Decimal("980000000")
    )
    assert find_suspects(candidate, [SIGNED]) == [
        Suspicion(1, 1.0, ("similar_name_and_amount", "similar_name", "similar_amount"))
    ]


def test_same_project_is_suspect_and_investor_name_variants_count():
    other = DealKey(id=4, names=("冷鏈中心",), project_id=7, investor_names=("香港冷鏈集團",))
    candidate = DealKey(id=5, names=("完全不同",), project_id=7, investor_names=("香港冷链集团",))
    assert compare(candidate, other) == Suspicion(4, 0.0, ("same_project",))


def test_unrelated_deals_and_itself_are_not_suspects():
    candidate = DealKey(id=6, names=("長沙人工智能產業園",), investor_id=11, amount=Decimal("5"))
    assert find_suspects(candidate, [SIGNED, DealKey(id=6, names=("長沙人工智能產業園",))]) == []


@given(st.text(max_size=30), st.text(max_size=30))
def test_similarity_is_symmetric_and_bounded(first, second):
    score = name_similarity(first, second)
    assert 0.0 <= score <= 1.0
    assert score == name_similarity(second, first)


def test_same_investor_and_amount_need_a_related_name():
    other = DealKey(id=8, names=("長沙市冷鏈物流園",), investor_id=3, amount=Decimal(100))
    unrelated = DealKey(id=9, names=("株洲市航空零部件廠",), investor_id=3, amount=Decimal(100))
    related = DealKey(id=10, names=("长沙冷链物流园二期",), investor_id=3, amount=Decimal(95))
    assert compare(unrelated, other) is None
    assert compare(related, other) == Suspicion(8, 0.667, ("same_investor", "similar_amount"))


def test_different_cities_are_different_investments_unless_same_project():
    other = DealKey(id=11, names=("長沙市冷鏈物流園",), investor_id=3, city_id=1, project_id=5)
    elsewhere = DealKey(id=12, names=("衡陽市冷鏈物流園",), investor_id=3, city_id=2)
    same_project = DealKey(id=13, names=("x",), city_id=2, project_id=5)
    assert compare(elsewhere, other) is None
    assert compare(same_project, other) == Suspicion(11, 0.0, ("same_project",))
