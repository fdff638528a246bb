"""Directory imports tell the truth: the preview is what the commit does, row by row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from duijie.directory.exporters import export_directory
from duijie.directory.import_preview import import_preview
from duijie.directory.importers import apply_plan, plan_import
from duijie.directory.models import Consent, Organisation, OrganisationKind, Person
from duijie.interchange.models import PendingUpload
from duijie.interchange.preview import Change
from tests.web.interchange.confirmed import confirmed_job
from tests.web.interchange.sheets import xlsx

from .factories import credit_code, csv_bytes

HEADER = ["名稱", "類型", "統一社會信用代碼", "總部", "網站"]
FOUR_WAYS = [
    ["湖南華聯瓷業股份有限公司", "企業", credit_code(), "醴陵市", ""],
    ["湖南华联瓷业股份有限公司", "企业", "", "醴陵市", ""],
    ["華聯瓷業", "企業", "", "", ""],
    ["Hunan Hualian China Industry Co., Ltd.", "Enterprise", credit_code(), "", ""],
]


def outcomes(preview):  # type: ignore[no-untyped-def]
    return [(r.number, r.outcome, r.record) for r in preview.rows]


def reimport(what: str, user, fmt: str = "csv"):  # type: ignore[no-untyped-def]
    exported = export_directory(
        what=what, file_format=fmt, user=user, include_contacts=True, purpose="round trip"
    )
    return plan_import(what, exported.content, exported.filename)


@pytest.mark.django_db
def test_one_firm_written_four_ways_previews_what_the_commit_makes() -> None:
    plan = plan_import("organisations", csv_bytes([HEADER, *FOUR_WAYS]), "o.csv")
    preview = import_preview(plan)
    assert outcomes(preview) == [
        (2, "new", ""), (3, "same_as", "第 2 行"), (4, "same_as", "第 2 行"),
        (5, "same_as", "第 2 行"),
    ]  # fmt: skip
    assert preview.counts == {
        "new": 1, "same_as": 3, "updated": 0, "unchanged": 0, "review": 0, "rows": 4,
    }  # fmt: skip
    assert apply_plan(plan)["created"] == preview.counts["new"]
    org = Organisation.objects.get()
    assert (org.name, org.aliases) == (
        "湖南華聯瓷業股份有限公司",
        ["湖南华联瓷业股份有限公司", "華聯瓷業", "Hunan Hualian China Industry Co., Ltd."],
    )
    again = import_preview(plan_import("organisations", csv_bytes([HEADER, *FOUR_WAYS]), "o.csv"))
    assert [(o, r) for _n, o, r in outcomes(again)] == [("unchanged", str(org))] * 4


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_reimporting_an_unchanged_export_changes_nothing(organiser, fmt, language) -> None:
    rows = [
        ["湖南華聯瓷業股份有限公司", "enterprise", credit_code(), "醴陵市", "https://hualian.test"],
        ["香港瀟湘商會", "商會", "", "香港", ""],
        ["長沙朝陽投資", "vc_pe", "", "長沙市", ""],
    ]
    apply_plan(plan_import("organisations", csv_bytes([HEADER, *rows]), "o.csv"))
    people = [
        ["姓名", "籍貫", "所在地", "同意", "電話", "行業"],
        ["王偉", "醴陵市", "香港", "同意", "+852 95550001", "新能源"],
        ["李娜", "岳麓區", "", "已拒絕", "", ""],
    ]
    apply_plan(plan_import("people", csv_bytes(people), "p.csv"))
    with translation.override(language):
        for what in ("organisations", "people"):
            plan = reimport(what, organiser, fmt)
            assert plan.errors == []
            preview = import_preview(plan)
            assert {r.outcome for r in preview.rows} == {"unchanged"}, what
            assert apply_plan(plan)["updated"] == 0
    assert Person.objects.get(name="王偉").phone == "+852 95550001"


@pytest.mark.django_db
def test_short_forms_are_read_as_the_value_they_stand_for() -> None:
    apply_plan(
        plan_import(
            "organisations", csv_bytes([HEADER, ["瀟湘商會", "商會", "", "香港", ""]]), "o.csv"
        )
    )
    org = Organisation.objects.get()
    assert (org.kind, org.hq_division.code) == (OrganisationKind.ASSOCIATION, "81")
    apply_plan(plan_import("people", csv_bytes([["姓名", "同意"], ["王偉", "同意"]]), "p.csv"))
    assert Person.objects.get().consent == Consent.GIVEN


@pytest.mark.django_db
def test_an_edited_export_replaces_values_and_the_preview_shows_each_change(organiser) -> None:
    first = [["湖南華聯瓷業股份有限公司", "企業", credit_code(), "醴陵市", "https://hualian.test"]]
    apply_plan(plan_import("organisations", csv_bytes([HEADER, *first]), "o.csv"))
    edited = [["湖南華聯瓷業股份有限公司", "企業", "", "長沙市", "(clear)"]]
    plan = plan_import("organisations", csv_bytes([HEADER, *edited]), "o.csv")
    preview = import_preview(plan)
    assert [(r.outcome, r.changes) for r in preview.rows] == [
        (
            "updated",
            (Change("網站", "https://hualian.test", ""), Change("總部", "醴陵市", "長沙市")),
        )
    ]
    assert apply_plan(plan)["updated"] == 1
    org = Organisation.objects.get()
    assert (org.hq_division.code, org.website, org.credit_code) == ("4301", "", credit_code())


@pytest.mark.django_db
def test_name_and_kind_cannot_be_cleared() -> None:
    plan = plan_import(
        "organisations", csv_bytes([HEADER, ["甲公司", "(clear)", "", "", ""]]), "o.csv"
    )
    assert [str(e) for e in plan.errors] == ["第 2 行，「類型」欄：此欄不能清除；留空即保留原值"]


@pytest.mark.django_db
def test_a_formula_cell_is_refused_with_its_row_and_column() -> None:
    content = xlsx([["=1+1", "企業"]], headers=["名稱", "類型"])
    plan = plan_import("organisations", content, "o.xlsx")
    assert [str(e) for e in plan.errors] == [
        "第 2 行，「A」欄：不接受公式；請複製這些儲存格，再以「只貼上值」貼上。"
    ]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_a_confirmation_is_refused_when_the_records_changed_after_the_preview(
    client_for, organiser
) -> None:
    first = [["湖南華聯瓷業股份有限公司", "企業", credit_code(), "醴陵市", ""]]
    apply_plan(plan_import("organisations", csv_bytes([HEADER, *first]), "o.csv"))
    edited = [["湖南華聯瓷業股份有限公司", "企業", "", "長沙市", ""]]
    client = client_for(organiser)
    upload = SimpleUploadedFile("o.csv", csv_bytes([HEADER, *edited]))
    client.post(reverse("directory:import"), {"kind": "organisations", "file": upload})
    pending = PendingUpload.objects.get()
    org = Organisation.objects.get()
    org.hq_division = None
    org.save()
    response = client.post(reverse("directory:import"), {"upload": pending.pk, "confirm": ""})
    job = confirmed_job(response)
    assert (job.status, job.failure, job.message) == (
        "FAILED",
        "refused",
        "預覽之後資料已有變動：未匯入任何內容。請查看新的預覽後再次確認。",
    )
    assert job.result_url == f"{reverse('directory:import')}?upload={pending.pk}"
    page = client.get(response.url)
    assert "未匯入任何內容" in page.text and "沒有作出任何更改" in page.text, page.text
    assert f'href="{job.result_url}"' in page.text
    assert client.get(job.result_url).context["preview"]["rows"][0]["changes"] == [
        {"field": "總部", "before": "", "after": "長沙市"}
    ]
    assert Organisation.objects.get().hq_division is None
    client.post(reverse("accounts:set_language"), {"language": "en"})  # the preview stands
    client.post(reverse("directory:import"), {"upload": pending.pk, "confirm": ""})
    assert Organisation.objects.get().hq_division.code == "4301"
    assert not PendingUpload.objects.exists()


@pytest.mark.django_db
def test_previewing_people_who_are_already_in_the_directory_is_a_logged_read(
    client_for, organiser
) -> None:
    from duijie.accounts.models import PersonalDataAccess
    from duijie.directory.models import AccessedPerson

    rows = [["姓名", "電話"], ["王偉", "+852 9123 4567"]]
    apply_plan(plan_import("people", csv_bytes(rows), "p.csv"))
    person = Person.objects.get()
    upload = SimpleUploadedFile("p.csv", csv_bytes([["姓名", "電話"], ["王偉", "+852 9123 4567"]]))
    response = client_for(organiser).post(
        reverse("directory:import"), {"kind": "people", "file": upload}
    )
    assert response.status_code == 302
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.purpose) == (organiser, reverse("directory:import"))
    assert access.fields == "birth_year,phone,email,wechat,address"
    assert list(AccessedPerson.objects.values_list("person_id", flat=True)) == [person.pk]


@pytest.mark.django_db
def test_previewing_only_new_people_reads_nobody(client_for, organiser) -> None:
    from duijie.accounts.models import PersonalDataAccess

    upload = SimpleUploadedFile("p.csv", csv_bytes([["姓名", "電話"], ["王偉", "+852 9123 4567"]]))
    client_for(organiser).post(reverse("directory:import"), {"kind": "people", "file": upload})
    assert not PersonalDataAccess.objects.exists()
