"""Search: either script, two-character queries, all tokens must match, ranking."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duijie.catalogue.models import Project, ProjectSearchText, ProjectToken
from duijie.catalogue.search import (
    QueryTerms,
    document_text,
    index_projects,
    index_tokens,
    query_terms,
    search,
    search_by_like,
)
from duijie.reference.models import AdminDivision, KeyIndustry
from tests.web.catalogue import factories

pytestmark = pytest.mark.django_db


# Without places and industries, so that the index holds only the project's own texts.
NO_REFERENCE = {"key_industry": None, "city": None, "province": None}


@pytest.fixture
def projects(edition):  # type: ignore[no-untyped-def]
    return {
        "car": factories.project(
            edition,
            code="S1",
            name_hant="新能源汽車電驅系統項目",
            name_hans="",
            technology_hant="永磁同步電機",
            **NO_REFERENCE,
        ),
        "battery": factories.project(
            edition,
            code="S2",
            name_hant="",
            name_hans="动力电池正极材料项目",
            market_en="Batteries for EVs",
            **NO_REFERENCE,
        ),
        "tea": factories.project(
            edition,
            code="S3",
            name_hant="安化黑茶精深加工",
            name_hans="",
            technology_hans="新能源烘干设备",
            **NO_REFERENCE,
        ),
    }


def found(query: str) -> list[str]:
    return list(search(Project.objects.all(), query).values_list("code", flat=True))


def test_query_terms_require_bigrams_and_keep_words_for_ranking():
    assert query_terms("新能源汽車") == QueryTerms(["新能", "能源", "源汽", "汽车"], [], ["新能源"])
    assert query_terms("電池") == QueryTerms(["电池"], [], [])
    assert query_terms("5G 基站") == QueryTerms(["5g", "基站"], [], [])
    assert query_terms("茶 黑茶") == QueryTerms(["黑茶"], ["茶"], [])
    assert not query_terms("  ")


def test_the_index_holds_bigrams_and_latin_words_of_the_normalised_text(projects):
    battery = projects["battery"]
    assert document_text(battery) == (
        "动力电池正极材料项目\nbatteries for evs\ns2\ndonglidianchi zhengji cailiao xiangmu"
    )
    assert list(index_tokens("动力电池 for EVs")) == ["动力", "力电", "电池", "for", "EVs"]
    assert set(ProjectToken.objects.filter(project=battery).values_list("token", flat=True)) == {
        "动力",
        "力电",
        "电池",
        "池正",
        "正极",
        "极材",
        "材料",
        "料项",
        "项目",
        "batteries",
        "for",
        "evs",
        "s2",
        "donglidianchi",
        "zhengji",
        "cailiao",
        "xiangmu",
    }
    assert ProjectSearchText.objects.get(project=battery).text == document_text(battery)


def test_either_script_finds_the_same_project(projects):
    assert found("新能源汽车") == found("新能源汽車") == ["S1"]
    assert found("動力電池") == found("动力电池") == ["S2"]


def test_two_and_one_character_queries(projects):
    assert found("電池") == found("电池") == ["S2"]
    assert found("茶") == ["S3"]
    assert found("車") == found("车") == ["S1"]
    assert found("茶 烘干") == ["S3"]
    assert found("茶 電池") == []


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


def test_reindexing_writes_only_the_difference(projects):
    car = projects["car"]
    car.name_hant = "高鐵配件"
    car.technology_hant = "永磁同步電機"
    car.save()
    # in: 高铁 铁配 配件 and the Pinyin gaotie peijian; out: the ten bigrams of the old name
    # and its Pinyin xinnengyuan qiche dianqu xitong xiangmu
    assert index_projects([car]) == (3 + 2) + (10 + 5)
    assert index_projects([car]) == 0
    assert found("汽车") == []
    assert found("高铁") == ["S1"]
    assert found("电机") == ["S1"]
    assert ProjectToken.objects.filter(project=car, token="汽车").count() == 0


def test_backslashes_and_line_breaks_reach_the_index_unchanged(edition):
    project = factories.project(
        edition,
        code="S9",
        name_hant="儲能\\電站\t項目",
        name_hans="",
        technology_hant="第一行\r\n第二行 N\\A",
        **NO_REFERENCE,
    )
    stored = ProjectSearchText.objects.get(project=project).text
    assert stored == document_text(project)
    assert stored == "储能\\电站 项目\n第一行 第二行 n\\a\ns9\nchuneng dianzhan xiangmu"
    assert set(ProjectToken.objects.filter(project=project).values_list("token", flat=True)) == {
        "储能",
        "电站",
        "项目",
        "第一",
        "一行",
        "第二",
        "二行",
        "n",
        "a",
        "s9",
        "chuneng",
        "dianzhan",
        "xiangmu",
    }
    assert found("电站") == found("第二行") == ["S9"]


def token_inserts(projects: dict[str, Project]) -> list[str]:
    """The SQL statements that write token rows when every project is indexed afresh."""
    ProjectSearchText.objects.all().delete()
    ProjectToken.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        index_projects(projects.values())
    return [q["sql"] for q in captured.captured_queries if "INSERT" in q["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL branch")
def test_postgresql_copies_the_rows_in_one_statement(projects):
    assert token_inserts(projects) == []  # COPY … FROM STDIN, which the debug cursor does not log
    assert ProjectToken.objects.count() == (16 + 5) + (13 + 4) + (
        14 + 4
    )  # car, battery, tea: bigrams and words + Pinyin
    assert found("电池") == ["S2"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite branch")
def test_sqlite_inserts_the_rows_through_executemany(projects):
    assert [sql.split(" INTO ")[1].split(" (")[0] for sql in token_inserts(projects)] == [
        '"catalogue_projecttoken"',
        '"catalogue_projectsearchtext"',
    ]
    assert ProjectToken.objects.count() == (16 + 5) + (13 + 4) + (
        14 + 4
    )  # car, battery, tea: bigrams and words + Pinyin
    assert found("电池") == ["S2"]


def test_deleting_a_project_deletes_its_tokens(projects):
    projects["tea"].delete()
    assert set(ProjectToken.objects.values_list("project__code", flat=True)) == {"S1", "S2"}


def test_like_search_does_not_bridge_scripts(projects):
    assert (
        list(search_by_like(Project.objects.all(), "新能源汽车").values_list("code", flat=True))
        == []
    )
    assert list(
        search_by_like(Project.objects.all(), "新能源汽車").values_list("code", flat=True)
    ) == ["S1"]


@pytest.fixture
def english_projects(edition):  # type: ignore[no-untyped-def]
    """Projects as the demo writes them: Chinese name, English name, a place, a key industry.

    Rows: code, Simplified name, English name, city, county, key industry ("" = the
    factory's default: Changsha, new energy).
    """
    rows = [
        ("E1", "湘西分布式光伏电站产业化项目",
         "Xiangxi distributed photovoltaic power station project", "4331", "", ""),
        ("E2", "株洲新能源汽车电驱系统扩能改造项目",
         "Zhuzhou new energy vehicle electric drive systems expansion project", "4302", "", ""),
        ("E3", "张家界茶叶精深加工产业化项目", "", "4308", "430811", "modern-agriculture"),
        ("E4", "长沙大型起重机研发及生产基地建设项目", "", "", "", "engineering-machinery"),
    ]  # fmt: skip
    made = []
    for code, name_hans, name_en, city, county, key_industry in rows:
        values: dict[str, object] = {"name_hans": name_hans, "name_hant": "", "name_en": name_en}
        if city:
            values["city"] = AdminDivision.objects.get(code=city)
        if county:
            values["county"] = AdminDivision.objects.get(code=county)
        if key_industry:
            values["key_industry"] = KeyIndustry.objects.get(code=key_industry)
        made.append(factories.project(edition, code=code, **values))
    return made


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("photovoltaic", ["E1"]),  # the English name
        ("new energy vehicle", ["E2"]),  # every English word required
        ("Changsha", ["E4"]),  # the English name of the factory's default city
        ("Zhangjiajie", ["E3"]),
        ("Wulingyuan", ["E3"]),  # the county, romanised
        ("Hunan", ["E1", "E2", "E3", "E4"]),  # the province
        ("guangfu", ["E1"]),  # Pinyin of the Chinese name
        ("qizhongji", ["E4"]),
        ("Engineering machinery", ["E4"]),  # the key industry in English
        ("Modern agriculture", ["E3"]),
        ("張家界", ["E3"]),  # the whole place name, in Traditional
        ("湘西", ["E1"]),
    ],
)
def test_english_place_industry_and_pinyin_queries(english_projects, query, codes):
    assert sorted(found(query)) == codes


def test_the_reindex_command_brings_stale_indexes_and_keys_up_to_date(english_projects):
    from django.core.management import call_command

    from duijie.directory.models import Organisation

    org = Organisation.objects.create(name="湖南麓山資本", kind="vc_pe", search_key="stale")
    ProjectToken.objects.all().delete()
    ProjectSearchText.objects.all().delete()  # as an index made before the rules changed
    assert found("Changsha") == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert sorted(found("Changsha")) == ["E4"]
    org.refresh_from_db()
    assert "ziben" in org.search_key and org.match_key  # the Pinyin joined the key
    assert out.getvalue().startswith("organisations with new keys: ")
    again = io.StringIO()
    call_command("reindex", stdout=again)
    assert again.getvalue() == "organisations with new keys: 0; project index rows changed: 0\n"
