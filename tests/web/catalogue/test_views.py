"""Pages: public list and detail, owner and staff pages, outsiders, query counts, languages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duijie.catalogue.models import Project, ProjectAttachment, Roadshow, Status
from duijie.interchange.models import PendingUpload
from tests.web.catalogue import factories
from tests.web.interchange.sheets import row, xlsx

pytestmark = pytest.mark.django_db
PNG = factories.png_bytes()


def detail_url(project: Project) -> str:
    return reverse("catalogue:detail", args=[project.edition.slug, project.code])


@pytest.mark.parametrize("count", [1, 7])
def test_list_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, edition, count
):
    for _ in range(count):
        factories.project(edition)
    # city check, count, rows, 3 filter option lists, and the search's rate-limit count:
    # one upsert (duijie.accounts.throttle), on SQLite and PostgreSQL alike
    with django_assert_num_queries(7):
        response = client.get(
            reverse("catalogue:list"), {"q": "測試", "city": "4301", "sort": "financing_desc"}
        )
    assert response.status_code == 200
    assert response.text.count('class="card"') == count


def test_list_shows_published_only_and_filters(client, edition):
    factories.project(edition, code="PUB", name_hant="公開項目")
    factories.project(edition, code="DRAFT", name_hant="草稿項目", status=Status.DRAFT)
    factories.project(edition, code="DEBT", name_hant="債權項目", instrument="debt")
    response = client.get(reverse("catalogue:list"), {"instrument": "equity", "city": "9999"})
    assert (
        "公開項目" in response.text
        and "草稿項目" not in response.text
        and "債權項目" not in response.text
    )


def test_amount_range_filter_in_hundred_millions(client, edition):
    from duijie.catalogue.amounts import amount_columns
    from duijie_core.money import Money

    factories.project(
        edition,
        code="BIG",
        name_hant="大項目",
        **amount_columns("financing", Money(500_000_000, "CNY")),
    )
    factories.project(
        edition,
        code="SMALL",
        name_hant="小項目",
        **amount_columns("financing", Money(20_000_000, "CNY")),
    )
    response = client.get(reverse("catalogue:list"), {"amount_min": "1", "amount_max": "10"})
    assert "大項目" in response.text and "小項目" not in response.text


def test_htmx_request_gets_only_the_results(client, edition):
    factories.project(edition)
    response = client.get(reverse("catalogue:list"), HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="results">')


def test_detail_falls_back_and_says_which_language(client, edition):
    project = factories.project(
        edition,
        name_hant="",
        name_hans="简体名称",
        technology_hant="",
        technology_hans="简体技术说明",
    )
    client.cookies["django_language"] = "zh-hant"
    response = client.get(detail_url(project))
    assert "简体名称" in response.text
    assert "以簡體中文顯示：沒有您所用語言的版本。" in response.text


def test_detail_in_english_uses_english_text(client, edition):
    project = factories.project(
        edition, name_en="Battery plant", technology_en="Solid-state electrolyte"
    )
    client.cookies["django_language"] = "en"
    response = client.get(detail_url(project))
    assert "Battery plant" in response.text and "Solid-state electrolyte" in response.text
    assert "no version in your language" not in response.text


def test_contact_person_only_for_investors_staff_and_owner(
    client, edition, investor, organiser, leadership, project_owner
):
    project = factories.project(edition, contact_name="王經理", owner_user=project_owner)
    assert "王經理" not in client.get(detail_url(project)).text
    for user, visible in [
        (investor, True),
        (organiser, True),
        (project_owner, True),
        (leadership, False),
    ]:
        client.force_login(user)
        assert ("王經理" in client.get(detail_url(project)).text) is visible


def test_unpublished_detail_is_hidden_from_the_public_but_not_the_owner(
    client, edition, project_owner
):
    project = factories.project(edition, status=Status.SUBMITTED, owner_user=project_owner)
    assert client.get(detail_url(project)).status_code == 404
    client.force_login(project_owner)
    assert client.get(detail_url(project)).status_code == 200


def test_owner_creates_edits_and_submits(client_for, edition, project_owner):
    client = client_for(project_owner)
    response = client.post(
        reverse("catalogue:create"),
        {
            "name_hant": "新項目",
            "investment": "2億元",
            "financing": "5000萬元",
            "tags": "綠色低碳, ESG",
        },
    )
    project = Project.objects.get(owner_user=project_owner)
    assert response.status_code == 302
    assert (project.code, project.status, project.investment_low, project.policy_tags) == (
        "P00001",
        "draft",
        200_000_000,
        ["綠色低碳", "ESG"],
    )
    client.post(reverse("catalogue:move", args=[project.pk, "submit"]))
    project.refresh_from_db()
    assert project.status == "submitted"
    assert client.get(reverse("catalogue:mine")).status_code == 200


def test_bad_amount_in_form_is_explained(client_for, project_owner, edition):
    response = client_for(project_owner).post(
        reverse("catalogue:create"), {"name_hant": "x", "investment": "很多錢"}
    )
    assert "無法讀取金額「很多錢」。" in response.text
    assert Project.objects.count() == 0


def test_owner_cannot_edit_after_approval_or_others_projects(client, edition, project_owner):
    from duijie.accounts.models import User

    approved = factories.project(edition, status=Status.APPROVED, owner_user=project_owner)
    theirs = factories.project(
        edition,
        status=Status.DRAFT,
        owner_user=User.objects.create_user("x@example.test", "x", role="project_owner"),
    )
    client.force_login(project_owner)
    assert client.get(reverse("catalogue:edit", args=[approved.pk])).status_code == 404
    assert client.get(reverse("catalogue:edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("catalogue:manage", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("catalogue:manage", args=[approved.pk])).status_code == 200


def test_staff_review_with_comment(client_for, edition, organiser):
    project = factories.project(edition, status=Status.SUBMITTED)
    client = client_for(organiser)
    client.post(reverse("catalogue:move", args=[project.pk, "return"]), {"comment": ""})
    project.refresh_from_db()
    assert project.status == "submitted"
    client.post(
        reverse("catalogue:move", args=[project.pk, "return"]), {"comment": "請補充市場前景"}
    )
    project.refresh_from_db()
    assert project.status == "draft"
    assert "請補充市場前景" in client.get(reverse("catalogue:manage", args=[project.pk])).text


def test_attachments_accept_images_and_refuse_oversized_or_fake_ones(
    client_for, edition, organiser
):
    project = factories.project(edition)
    client = client_for(organiser)
    url = reverse("catalogue:attach", args=[project.pk])
    client.post(
        url, {"kind": "image", "caption": "效果圖", "file": SimpleUploadedFile("a.png", PNG)}
    )
    response = client.post(
        url, {"kind": "image", "file": SimpleUploadedFile("b.png", b"not an image")}, follow=True
    )
    assert "這不是 PNG、JPEG 或 WebP 圖片。" in response.text
    response = client.post(
        url,
        {"kind": "image", "file": SimpleUploadedFile("c.png", PNG + b"\0" * (5 * 1024 * 1024))},
        follow=True,
    )
    assert "文件過大（最多 5 MB）。" in response.text
    assert list(ProjectAttachment.objects.values_list("caption", flat=True)) == ["效果圖"]


def test_import_preview_then_confirm(client_for, edition, organiser):
    client = client_for(organiser)
    upload = SimpleUploadedFile("p.xlsx", xlsx([row()]))
    response = client.post(reverse("catalogue:import"), {"edition": edition.slug, "file": upload})
    preview = client.get(response.url)
    assert preview.context["preview"]["counts"]["new"] == 1
    assert [
        (r["number"], r["label"], r["outcome"]) for r in preview.context["preview"]["rows"]
    ] == [(2, "HN-001", "new")]
    assert Project.objects.count() == 0
    pending = preview.context["pending"]
    client.post(reverse("accounts:set_language"), {"language": "en"})  # the preview stands
    client.post(reverse("catalogue:import"), {"upload": pending.pk, "confirm": ""})
    assert list(Project.objects.values_list("code", flat=True)) == ["HN-001"]
    assert not PendingUpload.objects.exists()


def test_import_cancel_drops_the_upload(client_for, edition, organiser):
    client = client_for(organiser)
    upload = SimpleUploadedFile("p.xlsx", xlsx([row()]))
    client.post(reverse("catalogue:import"), {"edition": edition.slug, "file": upload})
    pending = PendingUpload.objects.get()
    client.post(reverse("catalogue:import"), {"upload": pending.pk, "cancel": ""})
    assert (PendingUpload.objects.count(), Project.objects.count()) == (0, 0)


def test_import_preview_lists_every_problem(client_for, edition, organiser):
    upload = SimpleUploadedFile(
        "p.xlsx", xlsx([row(city="火星市"), row("HN-2", investment="很多錢")])
    )
    response = client_for(organiser).post(
        reverse("catalogue:import"), {"edition": edition.slug, "file": upload}
    )
    assert response.context["problems"] == [
        "第 2 行，「市州」欄：未知的市州「火星市」。請按行政區劃填寫地級市名稱，中文或英文均可"
        "（例如 長沙市、Changsha）。",
        "第 3 行，「總投資」欄：無法讀取金額「很多錢」。",
    ]
    assert response.context["pending"] is None and not PendingUpload.objects.exists()


def test_import_confirm_of_someone_elses_upload_is_404(client_for, edition, organiser):
    from duijie.accounts.models import User

    other = User.objects.create_user(email="other@example.test", password="x")
    pending = PendingUpload.objects.create(
        owner=other, kind="catalogue.projects", filename="p.xlsx", file="pending/p.xlsx", size=0
    )
    client = client_for(organiser)
    for data in ({"upload": pending.pk, "confirm": ""}, {"upload": "abc", "confirm": ""}):
        assert client.post(reverse("catalogue:import"), data).status_code == 404


def test_export_downloads(client_for, edition, organiser):
    factories.project(edition)
    client = client_for(organiser)
    assert client.get(reverse("catalogue:export", args=["csv"])).content.startswith(
        "\ufeff項目編號".encode()
    )
    assert client.get(reverse("catalogue:export", args=["xlsx"])).content[:2] == b"PK"
    assert client.get(reverse("catalogue:export", args=["pdf"])).status_code == 404


def test_roadshow_shortlist(client_for, edition, organiser):
    projects = [factories.project(edition, code=f"R{i}") for i in range(6)]
    client = client_for(organiser)
    codes = "\n".join(p.code for p in reversed(projects))
    client.post(
        reverse("catalogue:roadshows"),
        {"edition": edition.slug, "title": "深圳路演", "codes": codes},
    )
    roadshow = Roadshow.objects.get()
    assert list(roadshow.entries.values_list("project__code", flat=True)) == [
        "R5",
        "R4",
        "R3",
        "R2",
        "R1",
        "R0",
    ]
    response = client.post(
        reverse("catalogue:roadshow", args=[roadshow.pk]),
        {"edition": edition.slug, "title": "x", "codes": "R1\nNOPE"},
    )
    assert "本屆沒有這些項目編號：NOPE" in response.text


def test_home_panels_for_owner_and_staff(client, edition, project_owner, organiser):
    factories.project(
        edition, status=Status.SUBMITTED, owner_user=project_owner, name_hant="我的項目甲"
    )
    client.force_login(project_owner)
    assert "我的項目甲" in client.get(reverse("accounts:home")).text
    client.force_login(organiser)
    assert "1 個已提交，0 個已審核待發佈" in client.get(reverse("accounts:home")).text


STAFF_PAGES = [
    "catalogue:review_queue",
    "catalogue:import",
    "catalogue:booklet",
    "catalogue:roadshows",
]


@pytest.mark.parametrize("name", [*STAFF_PAGES, "catalogue:mine", "catalogue:create"])
def test_anonymous_users_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("role", ["investor", "project_owner", "leadership"])
def test_staff_pages_refuse_other_roles(request, client, name, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_open_for_staff(client_for, organiser, name):
    assert client_for(organiser).get(reverse(name)).status_code == 200


def test_project_pages_refuse_outsiders(client, edition, investor):
    project = factories.project(edition, status=Status.SUBMITTED)
    for name in ("catalogue:manage", "catalogue:edit"):
        assert client.get(reverse(name, args=[project.pk])).status_code == 302
    client.force_login(investor)
    for name in ("catalogue:manage", "catalogue:edit"):
        assert client.get(reverse(name, args=[project.pk])).status_code == 404
    assert client.post(reverse("catalogue:move", args=[project.pk, "approve"])).status_code == 404
    assert (
        client.post(
            reverse("catalogue:carry", args=[project.pk]), {"edition": edition.slug}
        ).status_code
        == 403
    )


def test_import_refuses_a_50_mb_upload_without_reading_it(client_for, edition, organiser):
    """Over the site's 20 MB cap: refused (413) before the body is read; nothing stored."""
    upload = SimpleUploadedFile("big.xlsx", b"\0" * (50 * 1024 * 1024))
    response = client_for(organiser).post(
        reverse("catalogue:import"), {"edition": edition.slug, "file": upload}
    )
    assert response.status_code == 413
    assert (Project.objects.count(), PendingUpload.objects.count()) == (0, 0)


def test_import_refuses_an_upload_over_its_own_10_mb_cap(client_for, edition, organiser):
    upload = SimpleUploadedFile("big.xlsx", b"\0" * (12 * 1024 * 1024))
    response = client_for(organiser).post(
        reverse("catalogue:import"), {"edition": edition.slug, "file": upload}
    )
    assert response.context["problems"] == ["文件過大（12582912 字節，上限 10485760 字節）。"]
    assert (Project.objects.count(), PendingUpload.objects.count()) == (0, 0)


def test_booklet_page_starts_a_job_and_shows_its_progress(client_for, edition, organiser):
    from duijie.jobs.models import Job

    client = client_for(organiser)
    response = client.post(
        reverse("catalogue:booklet"), {"edition": edition.slug, "language": "en"}
    )
    job = Job.objects.get()
    assert (job.kind, job.params, job.created_by) == (
        "catalogue.booklet",
        {"edition": edition.slug, "language": "en", "site": "http://testserver/"},
        organiser,
    )
    assert response["Location"] == f"/projects/booklet/?job={job.pk}"
    assert (job.status, job.result_name) == ("SUCCESSFUL", f"booklet-{edition.slug}-en.pdf")
    assert job.result_file.read(5) == b"%PDF-"
    page = client.get(response["Location"])
    assert f'id="job-{job.pk}"' in page.text
    assert page.text.count(f'href="/jobs/{job.pk}/download/"') == 2  # progress box and list


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("zh-hant", "投融資需求項目", "擬融資金額"),
        ("zh-hans", "投融资需求项目", "拟融资金额"),
        ("en", "Projects seeking investment", "Financing sought"),
    ],
)
def test_list_and_detail_in_three_languages(client, edition, language, heading, label):
    project = factories.project(
        edition, name_hant="長沙項目", name_hans="长沙项目", name_en="Changsha project"
    )
    client.cookies["django_language"] = language
    listing = client.get(reverse("catalogue:list"))
    assert heading in listing.text and label in listing.text
    expected_name = {"zh-hant": "長沙項目", "zh-hans": "长沙项目", "en": "Changsha project"}[
        language
    ]
    assert expected_name in client.get(detail_url(project)).text
