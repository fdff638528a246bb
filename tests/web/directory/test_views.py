"""Directory pages: outsiders, query counts, personal data visibility and logging."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duijie.accounts.models import PersonalDataAccess
from duijie.directory.models import (
    Campaign,
    ImportBatch,
    Organisation,
    Segment,
    SuspectedDuplicate,
)
from duijie.directory.services import link_user
from duijie.interchange.models import PendingUpload
from tests.web.interchange.confirmed import confirmed_job

from .factories import credit_code, csv_bytes, make_organisation, make_person

STAFF_PAGES = ["directory:network", "directory:duplicates", "directory:import", "directory:people"]
READER_PAGES = ["directory:organisations", "directory:export"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_PAGES + READER_PAGES)
def test_anonymous_visitors_go_to_login(client, name: str) -> None:
    response = client.get(reverse(name))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_PAGES + READER_PAGES)
def test_investors_and_owners_are_refused(client_for, investor, name: str) -> None:
    assert client_for(investor).get(reverse(name)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_leadership_cannot_use_staff_pages(client_for, leadership, name: str) -> None:
    assert client_for(leadership).get(reverse(name)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_organisation_list_query_count(
    client_for, organiser, django_assert_max_num_queries, rows: int
) -> None:
    for i in range(rows):
        make_organisation(f"湖南測試{i}有限公司", hq_division_id=None)
    client = client_for(organiser)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("directory:organisations"), {"q": "測試"})
    assert response.status_code == 200
    assert response.content.decode().count("湖南測試") == rows


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_people_list_query_count(
    client_for, organiser, django_assert_max_num_queries, rows: int
) -> None:
    for i in range(rows):
        make_person(f"王{i}", phone="+852 91234567")
    client = client_for(organiser)  # logging in (and django-axes' login bookkeeping) not counted
    with django_assert_max_num_queries(29):  # 25 + the access record (4, any number of rows)
        response = client.get(reverse("directory:people"))
    assert response.content.decode().count("+852") == 0
    assert response.content.decode().count("王") >= rows


@pytest.mark.django_db
def test_contacts_are_shown_to_staff_and_logged(client_for, organiser) -> None:
    person = make_person("王偉", phone="+852 91234567")
    response = client_for(organiser).get(reverse("directory:person", args=[person.pk]))
    assert "+852 91234567" in response.content.decode()
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.action, log.subject) == (
        organiser,
        "view",
        f"directory.person:{person.pk}",
    )


@pytest.mark.django_db
def test_people_are_hidden_from_leadership(client_for, leadership) -> None:
    """Hometowns and schools are personal data: leadership reads figures, not people."""
    person = make_person("王偉", phone="+852 91234567")
    client = client_for(leadership)
    assert client.get(reverse("directory:people")).status_code == 403
    assert client.get(reverse("directory:person", args=[person.pk])).status_code == 403
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_leadership_may_not_export_people(client_for, leadership) -> None:
    make_person("王偉", phone="+852 91234567")
    data = {"what": "people", "file_format": "csv", "purpose": "港洽周邀請"}
    response = client_for(leadership).post(reverse("directory:export"), data)
    assert response.status_code == 200
    assert "王偉" not in response.content.decode()
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_people_export_without_contacts_leaves_them_out_and_logs_purpose(
    client_for, organiser
) -> None:
    make_person("王偉", phone="+852 91234567")
    data = {"what": "people", "file_format": "csv", "purpose": "港洽周邀請"}
    response = client_for(organiser).post(reverse("directory:export"), data)
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("王偉,")
    assert "phone" not in text and "+852" not in text
    log = PersonalDataAccess.objects.get()
    assert (log.action, log.purpose, "phone" in log.fields) == ("export", "港洽周邀請", False)


@pytest.mark.django_db
def test_export_needs_a_purpose(client_for, organiser) -> None:
    response = client_for(organiser).post(
        reverse("directory:export"), {"what": "people", "file_format": "csv"}
    )
    assert response.status_code == 200
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_import_preview_then_confirm(client_for, organiser) -> None:
    client = client_for(organiser)
    content = csv_bytes([["name", "kind"], ["香港瀟湘資本", "vc_pe"]])
    upload = SimpleUploadedFile("orgs.csv", content, content_type="text/csv")
    response = client.post(reverse("directory:import"), {"kind": "organisations", "file": upload})
    assert Organisation.objects.count() == 0
    preview = client.get(response.url)
    assert preview.context["preview"]["rows"] == [
        {"number": 2, "label": "香港瀟湘資本", "outcome": "new", "record": "",
         "evidence": [], "changes": []}
    ]  # fmt: skip
    assert "<li>新紀錄: 1</li>" in preview.content.decode()
    pending = preview.context["pending"]
    done = client.post(reverse("directory:import"), {"upload": pending.pk, "confirm": ""})
    job = confirmed_job(done)
    assert (job.is_successful, job.message) == (True, "已匯入：新增 1，更新 0，0 個待核查。")
    assert job.result_url == reverse("directory:import")
    assert list(Organisation.objects.values_list("name", flat=True)) == ["香港瀟湘資本"]
    assert not PendingUpload.objects.exists()
    batch = ImportBatch.objects.get()
    assert (batch.filename, batch.summary["created"]) == ("orgs.csv", 1)


@pytest.mark.django_db
def test_import_with_errors_shows_rows_and_writes_nothing(client_for, organiser) -> None:
    content = csv_bytes([["name", "kind"], ["甲", "alien"]])
    upload = SimpleUploadedFile("orgs.csv", content, content_type="text/csv")
    response = client_for(organiser).post(
        reverse("directory:import"), {"kind": "organisations", "file": upload}
    )
    assert response.status_code == 200
    assert response.context["problems"] == [
        "第 2 行，「kind」欄：未知的值「alien」。可用的值：投資方：VC/PE、投資方：企業投資、"
        "投資方：銀行、投資方：基金、投資方：家族辦公室、企業、採購商、供應商、政府部門、協會或商會"
    ]
    assert (Organisation.objects.count(), PendingUpload.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_merge_from_the_duplicates_page_refuses_conflicts(client_for, organiser) -> None:
    a = make_organisation("甲公司", credit_code=credit_code("91430100MA4L00000"))
    b = make_organisation("甲公司", credit_code=credit_code("91430100MA4L00001"))
    pair = SuspectedDuplicate.objects.create(a=a, b=b, score=1.0, evidence=[])
    client = client_for(organiser)
    page = client.get(reverse("directory:duplicates"))
    assert len(page.context["page"].object_list[0].problems) == 1
    client.post(reverse("directory:duplicate_merge", args=[pair.pk]), {"keep": "a"})
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_merge_from_the_duplicates_page(client_for, organiser) -> None:
    make_organisation("湖南華聯瓷業股份有限公司")
    b = make_organisation("湖南华联瓷业股份有限公司")
    client = client_for(organiser)
    client.post(reverse("directory:duplicates_refresh"))
    pair = SuspectedDuplicate.objects.get()
    client.post(reverse("directory:duplicate_merge", args=[pair.pk]), {"keep": "b"})
    assert list(Organisation.objects.values_list("pk", flat=True)) == [b.pk]


@pytest.mark.django_db
def test_investor_edits_only_their_own_organisation(client_for, investor) -> None:
    mine, other = (
        make_organisation("香港瀟湘資本", kind="vc_pe"),
        make_organisation("別家資本", kind="vc_pe"),
    )
    link_user(user=investor, organisation=mine)
    client = client_for(investor)
    assert client.get(reverse("directory:my_organisation")).url == reverse(
        "directory:organisation_edit", args=[mine.pk]
    )
    assert client.get(reverse("directory:organisation_edit", args=[other.pk])).status_code == 403
    assert client.get(reverse("directory:organisation", args=[other.pk])).status_code == 403
    data = {
        "org-kind": "vc_pe",
        "org-name": "香港瀟湘資本",
        "org-credit_code": "91430100MA4L000000",
    }
    response = client.post(reverse("directory:organisation_edit", args=[mine.pk]), data)
    assert set(response.context["org_form"].errors) == {"credit_code"}


@pytest.mark.django_db
def test_network_counts_and_saves_segments(client_for, organiser) -> None:
    make_person("王偉")
    client = client_for(organiser)
    assert client.get(reverse("directory:network")).context["count"] == 1
    client.post(reverse("directory:segment_save"), {"name": "全部", "school": "中南"})
    page = client.get(reverse("directory:network"))
    assert [(s.name, link) for s, link in page.context["segments"]] == [
        ("全部", "school=%E4%B8%AD%E5%8D%97")
    ]


@pytest.mark.django_db
def test_a_segment_without_a_name_keeps_the_filters_and_says_why(client_for, organiser) -> None:
    make_person("王偉")
    organiser.language = "en"
    organiser.save()
    response = client_for(organiser).post(reverse("directory:segment_save"), {"school": "中南"})
    page = response.content.decode()
    assert (response.status_code, Segment.objects.count()) == (200, 0)
    assert response.context["form"].cleaned_data["school"] == "中南"
    assert '<input type="hidden" name="school" value="中南">' in page
    assert (
        '<ul class="errorlist" id="segment_name_error"><li>This field is required.</li></ul>'
        in (page)
    )


@pytest.mark.django_db
def test_a_campaign_without_a_name_shows_the_error_by_its_field(client_for, organiser) -> None:
    organiser.language = "en"
    organiser.save()
    response = client_for(organiser).post(reverse("directory:campaign_create"), {"name": ""})
    assert (response.status_code, Campaign.objects.count()) == (200, 0)
    assert '<ul class="errorlist" id="id_name_error"><li>This field is required.</li></ul>' in (
        response.content.decode()
    )
