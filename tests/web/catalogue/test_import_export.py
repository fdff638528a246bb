"""Import (preview, all-or-nothing, natural keys); export (.xlsx/.csv round trip, formula-safe)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from duijie.catalogue.exporters import (
    export_csv,
    export_queryset,
    export_xlsx,
    headers,
    project_row,
)
from duijie.catalogue.importers import preview_import, run_import
from duijie.catalogue.models import Project
from duijie.catalogue.problems import sheet_problem_text
from duijie.catalogue.services import snapshot
from duijie.directory.models import Organisation
from tests.web.catalogue import factories
from tests.web.interchange.sheets import HEADERS_ZH, csv_bytes, row, xlsx

pytestmark = pytest.mark.django_db


def test_preview_writes_nothing(edition):
    plan = preview_import(
        data=xlsx([row(), row("HN-002")]), filename="p.xlsx", edition=edition, language="zh-hant"
    )
    assert (plan.creates, plan.updates, plan.problems) == (2, 0, [])
    assert Project.objects.count() == 0


def test_import_creates_projects_with_resolved_references(edition, organiser):
    result = run_import(
        data=xlsx([row()]), filename="p.xlsx", edition=edition, user=organiser, language="zh-hant"
    )
    assert result.written
    project = Project.objects.select_related("city", "province", "key_industry").get(code="HN-001")
    assert (project.name_hant, project.name_hans, project.city.code, project.province.code) == (
        "長沙儲能電站項目",
        "长沙储能电站项目",
        "4301",
        "43",
    )
    assert (project.key_industry.code, project.instrument, project.stage, project.status) == (
        "new-energy",
        "equity",
        "construction",
        "draft",
    )
    assert (project.investment_low, project.investment_kind, project.financing_cny) == (
        Decimal(350_000_000),
        "exact",
        Decimal(100_000_000),
    )
    created = project.history.get()
    assert (created.history_type, created.history_change_reason) == ("+", "import")
    assert created.history_user.email == "staff@example.test"
    assert project.tokens.filter(token="储能").exists()


def test_import_updates_by_code_and_records_before_after(edition, organiser):
    existing = factories.project(edition, code="HN-001", name_hant="舊名")
    run_import(
        data=csv_bytes([row(hant="新名")]),
        filename="p.csv",
        edition=edition,
        user=organiser,
        language="en",
    )
    existing.refresh_from_db()
    assert existing.name_hant == "新名"
    imported = existing.history.get(history_change_reason="import")
    assert (imported.history_type, imported.history_user) == ("~", organiser)
    assert (imported.prev_record.name_hant, imported.name_hant) == ("舊名", "新名")


def test_one_bad_row_means_nothing_is_written(edition, organiser):
    factories.project(edition, code="HN-001", name_hant="舊名")
    data = xlsx([row(hant="新名"), row("HN-009", city="火星市"), row("HN-010")])
    result = run_import(
        data=data, filename="p.xlsx", edition=edition, user=organiser, language="zh-hant"
    )
    assert not result.written
    assert Project.objects.get(code="HN-001").name_hant == "舊名"
    assert set(Project.objects.values_list("code", flat=True)) == {"HN-001"}
    with translation.override("en"):
        assert [sheet_problem_text(p) for p in result.plan.problems] == [
            "Row 3, column 市州: Unknown city “火星市”. Write a prefecture-level city as named "
            "in the administrative divisions, in Chinese or English (e.g. 長沙市, Changsha)."
        ]


def test_problem_text_is_in_the_users_language(edition):
    plan = preview_import(
        data=xlsx([row(investment="很多錢")], headers=HEADERS_ZH),
        filename="p.xlsx",
        edition=edition,
        language="zh-hans",
    )
    with translation.override("zh-hans"):
        assert [sheet_problem_text(p) for p in plan.problems] == [
            "第 2 行，“總投資”列：无法读取金额“很多錢”。"
        ]


def test_whole_file_problems_have_no_row(edition):
    plan = preview_import(
        data=xlsx([row()], merge="A2:B2"), filename="p.xlsx", edition=edition, language="en"
    )
    with translation.override("en"):
        assert [sheet_problem_text(p) for p in plan.problems] == [
            "The sheet has merged cells; unmerge them and try again."
        ]


def test_owner_organisations_are_found_by_normalised_name_or_created(edition, organiser):
    known = factories.organisation("長沙新材料科技有限公司")
    known.match_key = "长沙新材料科技有限公司"
    known.save()
    headers = ["項目編號", "項目名稱（繁體）", "項目單位"]
    data = xlsx(
        [["A-1", "甲", "长沙新材料科技有限公司"], ["A-2", "乙", "湘潭新公司"]], headers=headers
    )
    run_import(data=data, filename="p.xlsx", edition=edition, user=organiser, language="en")
    assert Project.objects.get(code="A-1").owner_organisation == known
    assert Organisation.objects.get(name="湘潭新公司").projects.get().code == "A-2"


def _rich_project(edition):  # type: ignore[no-untyped-def]
    from duijie.catalogue.amounts import amount_columns
    from duijie.reference.models import AdminDivision, Industry, PromotionMethod

    project = factories.project(
        edition,
        code="RT-1",
        status="published",
        name_en='=HYPERLINK("http://evil")',
        technology_hans="+86 技术",
        market_hant="-市場",
        payback_years=Decimal("6.5"),
        expected_return="12%",
        park="長沙經開區",
        county=AdminDivision.objects.get(code="430104"),
        industry=Industry.objects.get(code="4415"),
        contact_name="王先生",
        contact_email="wang@example.test",
        policy_tags=["綠色低碳", "專精特新"],
        owner_organisation=factories.organisation("湘江儲能股份有限公司"),
        **amount_columns("investment", factories.range_amount(100_000_000, 200_000_000, "USD")),
        **amount_columns("financing", factories.UNKNOWN),
    )
    project.promotion_methods.set(PromotionMethod.objects.all()[:2])
    return project


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_export_round_trips_through_the_importer(edition, organiser, fmt, language):
    original = _rich_project(edition)
    before, methods = (
        snapshot(original),
        sorted(original.promotion_methods.values_list("code", flat=True)),
    )
    exporter = export_xlsx if fmt == "xlsx" else export_csv
    data = exporter(export_queryset(Project.objects.all()), language=language)
    Project.objects.all().delete()
    result = run_import(
        data=data, filename=f"x.{fmt}", edition=edition, user=organiser, language=language
    )
    assert result.plan.problems == []
    again = Project.objects.get(code="RT-1")
    ignore = {"owner_organisation_id", "id"}
    assert {k: v for k, v in snapshot(again).items() if k not in ignore} == {
        k: v for k, v in before.items() if k not in ignore
    }
    assert again.owner_organisation.name == "湘江儲能股份有限公司"
    assert sorted(again.promotion_methods.values_list("code", flat=True)) == methods


def test_csv_export_is_formula_safe(edition):
    _rich_project(edition)
    text = export_csv(export_queryset(Project.objects.all()), language="en").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+86 技术" in text and "'-市場" in text
    assert ",=" not in text and ",+" not in text


def test_xlsx_export_has_no_formula_cells(edition):
    from duijie.interchange.reader import read_table

    _rich_project(edition)
    table = read_table(
        export_xlsx(export_queryset(Project.objects.all()), language="zh-hans"), "x.xlsx"
    )
    assert table.headers[:2] == ["项目编号", "项目名称（繁体）"]
    assert '=HYPERLINK("http://evil")' in table.rows[0][1]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_reimporting_an_unchanged_export_previews_and_writes_no_change(
    edition, organiser, fmt, language
):
    from duijie.catalogue.importers import preview_rows, write_plan

    _rich_project(edition)
    factories.project(edition, code="RT-2")
    exporter = export_xlsx if fmt == "xlsx" else export_csv
    with translation.override(language):
        data = exporter(export_queryset(Project.objects.all()), language=language)
        plan = preview_import(data=data, filename=f"x.{fmt}", edition=edition, language=language)
        assert plan.problems == []
        rows = preview_rows(plan=plan, edition=edition, language=language)
    assert [(r.label, r.outcome, r.changes) for r in rows] == [
        ("RT-1", "unchanged", ()),
        ("RT-2", "unchanged", ()),
    ]
    history = Project.history.count()
    assert write_plan(plan=plan, edition=edition, user=organiser) == []
    assert Project.history.count() == history


def test_export_writes_values_as_people_read_them(edition):
    _rich_project(edition)
    projects = export_queryset(Project.objects.all())
    cells = dict(zip(headers("zh-hant"), project_row(projects.get(), "zh-hant"), strict=True))
    assert (cells["總投資"], cells["市州"], cells["縣市區"], cells["重點產業"]) == (
        "1億至2億美元", "長沙市", "嶽麓區", "新能源",
    )  # fmt: skip
    english = dict(zip(headers("en"), project_row(projects.get(), "en"), strict=True))
    assert (english["Total investment"], english["Stage"]) == (
        "US$100m–200m",
        "Under construction",
    )


def test_an_edited_export_previews_each_changed_cell(edition, organiser):
    from duijie.catalogue.importers import preview_rows

    _rich_project(edition)
    data = export_csv(export_queryset(Project.objects.all()), language="zh-hant")
    text = (
        data.decode("utf-8-sig").replace("1億至2億美元", "3億元").replace("長沙經開區", "湘江新區")
    )
    plan = preview_import(data=text.encode(), filename="x.csv", edition=edition, language="zh-hant")
    with translation.override("zh-hant"):
        rows = preview_rows(plan=plan, edition=edition, language="zh-hant")
    assert [(r.outcome, [(c.field, c.before, c.after) for c in r.changes]) for r in rows] == [
        ("updated", [("園區", "長沙經開區", "湘江新區"), ("總投資", "1億至2億美元", "3億人民幣")])
    ]


def test_an_update_keeps_blank_cells_and_empties_cleared_ones(edition, organiser):
    _rich_project(edition)
    header = ["項目編號", "項目名稱（繁體）", "園區", "聯繫人", "投資回收期（年）", "市州"]
    data = csv_bytes([["RT-1", "", "", "(clear)", "（清除）", ""]], headers=header)
    result = run_import(
        data=data, filename="x.csv", edition=edition, user=organiser, language="zh-hant"
    )
    assert result.plan.problems == []
    project = Project.objects.get(code="RT-1")
    assert (project.park, project.contact_name, project.payback_years) == ("長沙經開區", "", None)
    assert project.county.code == "430104" and project.name_hant


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Row 2, column 融資方式: Unknown financing instrument “贈款”. Accepted values: "
            "Equity, Debt, Public–private partnership, Joint venture, Merger or acquisition, "
            "Other",
        ),
        (
            "zh-hant",
            "第 2 行，「融資方式」欄：未知的融資方式「贈款」。可接受的值：股權、債權、"
            "政府和社會資本合作（PPP）、合資、併購、其他",
        ),
    ],
)
def test_an_unknown_choice_lists_the_accepted_values(edition, language, expected):
    with translation.override(language):
        plan = preview_import(
            data=xlsx([row(instrument="贈款")]), filename="p.xlsx", edition=edition,
            language=language,
        )  # fmt: skip
        assert [sheet_problem_text(p) for p in plan.problems] == [expected]


def test_a_short_form_of_one_label_is_read_as_its_value(edition, organiser):
    result = run_import(
        data=csv_bytes([row(instrument="政府和社會資本合作")]),
        filename="p.csv",
        edition=edition,
        user=organiser,
        language="zh-hant",
    )
    assert result.plan.problems == []
    assert Project.objects.get(code="HN-001").instrument == "ppp"
