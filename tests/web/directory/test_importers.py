"""Spreadsheet imports: all or nothing, row errors, resolution, idempotency."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from duijie.directory.importers import apply_plan, plan_import
from duijie.directory.models import Organisation, Person, SuspectedDuplicate
from duijie.directory.repeats import repeated_rows
from duijie.directory.resolution import (
    headquarters_region,
    organisation_records,
    province_names,
)
from duijie.directory.tabular import read_table
from duijie.interchange.reader import SheetError
from duijie.reference.models import AdminDivision

from .factories import credit_code, csv_bytes, make_organisation

ORG_HEADER = ["名稱", "類型", "統一社會信用代碼", "總部", "重點產業"]


def org_file(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    return csv_bytes([ORG_HEADER, *rows], encoding)


@pytest.mark.django_db
def test_bad_check_digit_rejects_the_whole_file() -> None:
    bad = credit_code()[:-1] + ("0" if credit_code()[-1] != "0" else "1")
    content = org_file(
        [
            ["湖南甲公司", "enterprise", credit_code(), "長沙市", ""],
            ["湖南乙公司", "enterprise", bad, "", ""],
        ]
    )
    with translation.override("en"):
        plan = plan_import("organisations", content, "orgs.csv")
        assert [str(e) for e in plan.errors] == [
            f"Row 3, column 統一社會信用代碼: wrong check character in credit code: "
            f"expected '{credit_code()[-1]}', found '{bad[-1]}'"
        ]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_unknown_kind_and_place_are_reported_by_row_and_column() -> None:
    plan = plan_import("organisations", org_file([["甲", "alien", "", "火星", ""]]), "o.csv")
    assert sorted((e.row, e.column) for e in plan.errors) == [(2, "總部"), (2, "類型")]


@pytest.mark.django_db
def test_importing_the_same_list_twice_creates_nothing_new() -> None:
    content = org_file(
        [
            ["湖南華聯瓷業股份有限公司", "enterprise", credit_code(), "湖南省", "new-energy"],
            ["香港瀟湘資本", "Investor: VC/PE", "", "香港特別行政區", ""],
        ]
    )
    first = plan_import("organisations", content, "o.csv")
    assert first.counts == {"rows": 2, "existing": 0, "new": 2, "review": 0}
    assert apply_plan(first) == {"created": 2, "updated": 0, "review": 0, "unchanged": 0}
    second = plan_import("organisations", content, "o.csv")
    assert second.counts == {"rows": 2, "existing": 2, "new": 0, "review": 0}
    assert apply_plan(second) == {"created": 0, "updated": 0, "review": 0, "unchanged": 2}
    assert Organisation.objects.count() == 2
    org = Organisation.objects.get(credit_code=credit_code())
    assert [k.code for k in org.key_industries.all()] == ["new-energy"]
    assert org.hq_division.code == "43"


@pytest.mark.django_db
def test_simplified_spelling_resolves_to_the_traditional_record() -> None:
    make_organisation("湖南華聯瓷業股份有限公司")
    plan = plan_import(
        "organisations", org_file([["湖南华联瓷业股份有限公司", "enterprise", "", "", ""]]), "o.csv"
    )
    assert plan.counts["existing"] == 1


@pytest.mark.django_db
def test_unsure_rows_are_created_for_review_with_a_suspected_pair() -> None:
    make_organisation("湖南華聯瓷業股份有限公司")
    plan = plan_import(
        "organisations", org_file([["湖南華連瓷業有限公司", "enterprise", "", "", ""]]), "o.csv"
    )
    assert plan.counts["review"] == 1
    apply_plan(plan)
    created = Organisation.objects.get(name="湖南華連瓷業有限公司")
    assert created.needs_review is True
    assert SuspectedDuplicate.objects.count() == 1


@pytest.mark.django_db
def test_the_core_reads_the_province_of_a_county_or_district_headquarters() -> None:
    provinces = province_names()
    codes = ("430102", "4301", "43", "", None)
    assert [headquarters_region(code, provinces) for code in codes] == [
        "湖南省", "湖南省", "湖南省", None, None,
    ]  # fmt: skip
    hk_district = AdminDivision.objects.filter(code__startswith="81", level=3).first()
    assert hk_district is not None
    assert headquarters_region(hk_district.code, provinces) == "香港特别行政区"
    furong = AdminDivision.objects.get(code="430102")
    make_organisation("華聯電子科技有限公司", hq_division=furong)
    assert [r.region for r in organisation_records()] == ["湖南省"]


@pytest.mark.django_db
def test_same_name_with_headquarters_in_two_provinces_is_not_merged() -> None:
    """芙蓉区 (Changsha, Hunan) and 天河区 (Guangzhou, Guangdong): the core compares the
    provinces of county-level headquarters, so one name in two provinces goes to review."""
    make_organisation("華聯電子科技有限公司", hq_division=AdminDivision.objects.get(code="430102"))
    rows = [["华联电子科技有限公司", "enterprise", "", "440106", ""],
            ["华联电子科技有限公司", "enterprise", "", "430102", ""]]  # fmt: skip
    plan = plan_import("organisations", org_file(rows), "o.csv")
    assert [r.outcome for r in plan.resolutions] == ["review", "existing"]
    assert plan.resolutions[0].candidates[0].score == 0.8


@pytest.mark.django_db
def test_repeated_rows_resolve_without_the_resolver_and_create_nothing() -> None:
    original = make_organisation("湖南華聯瓷業股份有限公司")
    rows = [["湖南華連瓷業有限公司", "enterprise", "", "", ""],
            ["湖南華聯瓷業股份有限公司", "enterprise", "", "", ""],
            ["湖南華聯瓷業股份有限公司", "enterprise", credit_code(), "", ""]]  # fmt: skip
    apply_plan(plan_import("organisations", org_file(rows[:1]), "o.csv"))
    review = Organisation.objects.get(needs_review=True)
    again = plan_import("organisations", org_file(rows), "o.csv")
    assert repeated_rows(again.cleaned) == {0: review.pk, 1: original.pk}
    assert again.counts == {"rows": 3, "existing": 3, "new": 0, "review": 0}
    assert apply_plan(again) == {"created": 0, "updated": 1, "review": 0, "unchanged": 1}
    original.refresh_from_db()
    assert (Organisation.objects.count(), original.credit_code) == (2, credit_code())


@pytest.mark.django_db
def test_people_import_twice_and_gb18030() -> None:
    make_organisation("香港瀟湘資本", kind="vc_pe")
    rows = [
        ["姓名", "籍貫", "所在地", "學校", "單位", "職務", "電話", "同意"],
        [
            "王偉",
            "常德市",
            "香港特別行政區",
            "中南大學；香港大學",
            "香港瀟湘資本",
            "合夥人",
            "",
            "given",
        ],
        ["李娜", "430721", "", "", "", "", "", ""],
    ]
    content = csv_bytes(rows, "gb18030")
    first = plan_import("people", content, "p.csv")
    assert first.errors == []
    assert apply_plan(first)["created"] == 2
    wang = Person.objects.get(name="王偉")
    assert [s.school for s in wang.schools.all()] == ["中南大學", "香港大學"]
    assert wang.affiliations.get().organisation.name == "香港瀟湘資本"
    assert wang.consent == "given"
    assert apply_plan(plan_import("people", content, "p.csv"))["created"] == 0
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_xlsx_is_read_like_csv() -> None:
    book = Workbook()
    book.active.append(["name", "kind"])
    book.active.append(["Lightspeed Venture Partners", "vc_pe"])
    out = io.BytesIO()
    book.save(out)
    plan = plan_import("organisations", out.getvalue(), "o.xlsx")
    assert (plan.errors, plan.counts["new"]) == ([], 1)


def test_unreadable_files_raise_sheet_errors() -> None:
    with pytest.raises(SheetError) as caught:
        read_table(b"\xff\xfe\x00garbage", "x.csv", {"name": "name"})
    assert [p.code for p in caught.value.problems] == ["unknown_encoding"]
    with pytest.raises(SheetError) as caught:
        read_table(b"a,b\n1,2\n", "x.csv", {"name": "name"})
    assert [p.code for p in caught.value.problems] == ["no_known_header"]
    with pytest.raises(SheetError) as caught:
        read_table(b"a,b", "x.pdf", {})
    assert [p.code for p in caught.value.problems] == ["unsupported_file_type"]


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_table_error(content: bytes) -> None:
    try:
        table = read_table(content, "fuzz.csv", {"name": "name"})
    except SheetError:
        return
    assert all(row.number >= 2 for row in table.rows)


@pytest.mark.django_db
def test_likely_pairs_within_one_file_are_recorded_as_suspected_duplicates() -> None:
    rows = [["湖南華聯瓷業股份有限公司", "enterprise", "", "", ""],
            ["湖南華連瓷業有限公司", "enterprise", "", "", ""]]  # fmt: skip
    plan = plan_import("organisations", org_file(rows), "o.csv")
    assert plan.counts == {"rows": 2, "existing": 0, "new": 2, "review": 0}
    assert [(m.a, m.b) for m in plan.resolutions[0].incoming] == [("row:0", "row:1")]
    assert apply_plan(plan)["created"] == 2
    pair = SuspectedDuplicate.objects.get()
    names = sorted(
        Organisation.objects.filter(pk__in=(pair.a_id, pair.b_id)).values_list("name", flat=True)
    )
    assert names == ["湖南華聯瓷業股份有限公司", "湖南華連瓷業有限公司"]
    assert pair.score == plan.resolutions[0].incoming[0].score
    apply_plan(plan_import("organisations", org_file(rows), "o.csv"))
    assert (Organisation.objects.count(), SuspectedDuplicate.objects.count()) == (2, 1)
