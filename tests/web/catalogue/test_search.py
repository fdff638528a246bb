"""Search: either script, two-character queries, all tokens must match, ranking."""

from __future__ import annotations

import pytest

from duijie.catalogue.models import Project, ProjectToken
from duijie.catalogue.search import index_projects, query_tokens, search, search_by_like
from tests.web.catalogue import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(edition):  # type: ignore[no-untyped-def]
    return {
        "car": factories.project(
            edition,
            code="S1",
            name_hant="新能源汽車電驅系統項目",
            name_hans="",
            technology_hant="永磁同步電機",
        ),
        "battery": factories.project(
            edition,
            code="S2",
            name_hant="",
            name_hans="动力电池正极材料项目",
            market_en="Batteries for EVs",
        ),
        "tea": factories.project(
            edition,
            code="S3",
            name_hant="安化黑茶精深加工",
            name_hans="",
            technology_hans="新能源烘干设备",
        ),
    }


def found(query: str) -> list[str]:
    return list(search(Project.objects.all(), query).values_list("code", flat=True))


def test_query_tokens_require_bigrams_and_keep_words_for_ranking():
    assert query_tokens("新能源汽車") == (["汽车", "新能", "能源", "源汽"], ["新能源"])
    assert query_tokens("電池") == (["电池"], [])
    assert query_tokens("5G 基站") == (["5g", "基站"], [])
    assert query_tokens("茶") == (["茶"], [])
    assert query_tokens("  ") == ([], [])


def test_either_script_finds_the_same_project(projects):
    assert found("新能源汽车") == found("新能源汽車") == ["S1"]
    assert found("動力電池") == found("动力电池") == ["S2"]


def test_two_and_one_character_queries(projects):
    assert found("電池") == found("电池") == ["S2"]
    assert found("茶") == ["S3"]


def test_all_query_tokens_must_match(projects):
    assert found("新能源 黑茶") == ["S3"]
    assert found("新能源 火箭") == []


def test_latin_words_are_case_insensitive(projects):
    assert found("BATTERIES evs") == ["S2"]


def test_ranking_by_number_of_matching_tokens(projects):
    ranked = search(Project.objects.all(), "新能源").values_list("code", "search_hits")
    assert list(ranked) == [("S1", 3), ("S3", 3)]  # 新能, 能源 and the word 新能源; ties by code


def test_empty_query_returns_the_queryset_unchanged(projects):
    assert found("") == ["S1", "S2", "S3"]


def test_reindexing_replaces_tokens(projects):
    car = projects["car"]
    car.name_hant = "高鐵配件"
    car.technology_hant = ""
    car.save()
    index_projects([car])
    assert found("汽车") == []
    assert found("高铁") == ["S1"]
    assert ProjectToken.objects.filter(project=car, token="汽车").count() == 0


def test_like_search_does_not_bridge_scripts(projects):
    assert (
        list(search_by_like(Project.objects.all(), "新能源汽车").values_list("code", flat=True))
        == []
    )
    assert list(
        search_by_like(Project.objects.all(), "新能源汽車").values_list("code", flat=True)
    ) == ["S1"]
