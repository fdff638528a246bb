"""News intelligence in the web app: read → preview → keep, review facts into the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duijie.directory.models import Organisation, OrganisationKind
from duijie.intel.models import Document, Fact, FactKind, FactStatus
from duijie.interchange.models import PendingUpload
from duijie.pipeline.models import Deal, Stage, StageEvent
from duijie_core.text import normalise
from tests.web.catalogue import factories as catalogue
from tests.web.interchange.confirmed import confirmed_job

pytestmark = pytest.mark.django_db

ARTICLE = (
    "湖南—香港投融資對接洽談會湖南—香港投融資對接洽談會\n"
    "2024年1月，三一重工與長沙經開區簽約三一智能裝備產業園項目，總投資120億元，佔地800畝。"
    "該項目當年拿地、開工並於10月封頂，預計2026年投產。"
)
FOLLOW_UP = "2025年3月15日，三一智能装备产业园项目正式投产，这是长沙的重点项目。"


@pytest.fixture
def sany(db) -> Organisation:  # type: ignore[no-untyped-def]
    name = "三一重工股份有限公司"
    return Organisation.objects.create(
        kind=OrganisationKind.CORPORATE, name=name, short_name="三一重工", match_key=normalise(name)
    )


def read(client, text: str, **fields: str):  # type: ignore[no-untyped-def]
    data = {"text": text, "published_on": "2025-05-16", "publisher": "湖南日報", **fields}
    response = client.post(reverse("intel:read"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def keep(client, text: str, **fields: str) -> Document:  # type: ignore[no-untyped-def]
    preview = read(client, text, **fields)
    upload = preview.split("upload=")[1]
    response = client.post(reverse("intel:read"), {"upload": upload, "confirm": "1"})
    job = confirmed_job(response)
    assert job.is_successful, job.message
    return Document.objects.get(pk=job.result_url.rstrip("/").split("/")[-1])


def fact(document: Document, kind: str, text: str | None = None, label: str | None = None) -> Fact:
    found = document.facts.filter(kind=kind)
    if text is not None:
        found = found.filter(text=text)
    if label is not None:
        found = found.filter(label=label)
    return found.get()


def test_preview_shows_facts_and_keeps_nothing_until_confirmed(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    preview = read(client, ARTICLE, title="三一產業園")
    page = client.get(preview).content.decode()
    assert "三一智能裝備產業園項目" in page
    assert "已有記錄: 三一重工股份有限公司" in page
    assert Document.objects.count() == 0 and Fact.objects.count() == 0


def test_confirm_keeps_the_repaired_text_and_proposed_facts(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    document = keep(client_for(organiser), ARTICLE, title="三一產業園")
    assert document.text.startswith("湖南—香港投融資對接洽談會\n2024年1月")
    assert document.original_text == ARTICLE
    assert {e["kind"] for e in document.edits} == {"doubled"}
    assert document.publisher == "湖南日報" and document.published_on == dt.date(2025, 5, 16)
    assert document.kind == "pasted" and document.added_by == organiser
    organisation = fact(document, FactKind.ORGANISATION, "三一重工")
    assert organisation.organisation == sany  # linked through the directory's resolution
    project = fact(document, FactKind.PROJECT)
    assert project.text == "三一智能裝備產業園項目" and project.deal is None
    assert fact(document, FactKind.AMOUNT).value == {
        "value": "12000000000",
        "unit": "money",
        "currency": "CNY",
    }
    events = {f.label: f.value for f in document.facts.filter(kind=FactKind.EVENT)}
    assert events["signed"] == {"date": "2024-01", "project": "三一智能裝備產業園項目"}
    assert events["topped_out"]["date"] == "2024-10"
    for item in document.facts.all():
        assert document.text[item.start : item.end] == item.text
    assert not PendingUpload.objects.exists()


def test_document_page_highlights_facts_and_lists_repairs(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    document = keep(client_for(organiser), ARTICLE)
    page = client_for(organiser).get(reverse("intel:document", args=[document.pk])).content.decode()
    assert '<mark class="mark-project"' in page
    assert "<del>湖南—香港投融資對接洽談會</del>" in page
    assert "接納為線索" in page


def test_reviewed_facts_become_a_lead_and_stage_evidence(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    document = keep(client, ARTICLE)
    project = fact(document, FactKind.PROJECT)
    response = client.post(reverse("intel:accept", args=[project.pk]), {"organisation": sany.pk})
    assert response.status_code == 302
    project.refresh_from_db()
    deal = project.deal
    assert project.status == FactStatus.ACCEPTED and project.reviewed_by == organiser
    assert (deal.title, deal.investor, deal.stage) == ("三一智能裝備產業園項目", sany, Stage.LEAD)
    assert deal.amount_text == "120億元" and deal.currency == "CNY"
    assert f"#fact-{project.pk}" in deal.notes

    signed = fact(document, FactKind.EVENT, label="signed")
    client.post(reverse("intel:accept", args=[signed.pk]))
    deal.refresh_from_db()
    assert deal.stage == Stage.SIGNED and deal.signed_on == dt.date(2024, 1, 1)
    event = StageEvent.objects.get(deal=deal, to_stage=Stage.SIGNED)
    assert event.evidence_link.endswith(f"/intel/{document.pk}/#fact-{signed.pk}")
    assert "簽約三一智能裝備產業園項目" in event.evidence_note

    topped = fact(document, FactKind.EVENT, label="topped_out")
    client.post(reverse("intel:accept", args=[topped.pk]))
    deal.refresh_from_db()
    assert deal.stage == Stage.TOPPED_OUT and deal.topped_out_on == dt.date(2024, 10, 1)


def test_the_same_project_reported_again_joins_its_deal(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    first = keep(client, ARTICLE)
    client.post(
        reverse("intel:accept", args=[fact(first, FactKind.PROJECT).pk]), {"organisation": sany.pk}
    )
    deal = fact(first, FactKind.PROJECT).deal
    second = keep(client, FOLLOW_UP, title="投產")
    again = fact(second, FactKind.PROJECT, "三一智能装备产业园项目")
    assert again.deal == deal  # proposed as the deal it was reported under
    client.post(reverse("intel:accept", args=[again.pk]))
    operating = fact(second, FactKind.EVENT, label="operating")
    client.post(reverse("intel:accept", args=[operating.pk]))
    assert Deal.objects.count() == 1
    deal.refresh_from_db()
    assert deal.stage == Stage.OPERATING and deal.operating_on == dt.date(2025, 3, 15)


def test_a_milestone_before_its_project_says_what_to_do(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    document = keep(client, ARTICLE)
    signed = fact(document, FactKind.EVENT, label="signed")
    response = client.post(reverse("intel:accept", args=[signed.pk]), follow=True)
    signed.refresh_from_db()
    assert signed.status == FactStatus.PROPOSED
    assert "請先接納項目" in response.content.decode()
    assert StageEvent.objects.count() == 0


def test_a_project_without_a_known_investor_is_not_a_lead(client_for, organiser):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    document = keep(client, "2024年1月，某公司簽約長沙新材料產業園項目。")
    project = fact(document, FactKind.PROJECT)
    client.post(reverse("intel:accept", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == FactStatus.PROPOSED and Deal.objects.count() == 0


def test_reject(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    document = keep(client, ARTICLE)
    amount = fact(document, FactKind.AMOUNT)
    client.post(reverse("intel:reject", args=[amount.pk]))
    amount.refresh_from_db()
    assert amount.status == FactStatus.REJECTED and amount.reviewed_by == organiser


def test_the_same_text_twice_is_refused(client_for, organiser, sany):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    keep(client, ARTICLE)
    response = client.post(
        reverse("intel:read"), {"text": ARTICLE + "\n", "published_on": "2025-05-16"}
    )
    assert response.status_code == 200
    assert Document.objects.count() == 1
    assert not PendingUpload.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "沒有文字層"), ("zh-hans", "没有文字层"), ("en", "has no text layer")],
)
def test_a_scanned_pdf_is_explained_in_the_readers_language(
    client_for, organiser, language, expected
):  # type: ignore[no-untyped-def]
    import weasyprint

    blank = weasyprint.HTML(
        string="<div style='width:4cm;height:4cm;background:#777'></div>"
    ).write_pdf()
    organiser.language = language
    organiser.save()
    client = client_for(organiser)
    response = client.post(
        reverse("intel:read"),
        {
            "file": SimpleUploadedFile("scan.pdf", blank, "application/pdf"),
            "published_on": "2025-05-16",
        },
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert Document.objects.count() == 0 and not PendingUpload.objects.exists()


def test_file_and_text_together_or_neither_is_a_form_error(client_for, organiser):  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    response = client.post(reverse("intel:read"), {"published_on": "2025-05-16"})
    assert response.status_code == 200 and Document.objects.count() == 0
    assert response.context["form"].errors["__all__"]


@pytest.mark.parametrize("role", ["investor", "project_owner", "leadership"])
def test_only_staff_read_news(client_for, role, request):  # type: ignore[no-untyped-def]
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("intel:documents")).status_code == 403
    assert client.get(reverse("intel:read")).status_code == 403


def test_anonymous_goes_to_login(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("intel:documents"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_catalogue_project_is_linked_and_its_lead_points_at_it(
    client_for, organiser, sany, edition
):  # type: ignore[no-untyped-def]
    listed = catalogue.project(
        edition, name_hant="三一智能裝備產業園項目", name_hans="三一智能装备产业园项目"
    )
    client = client_for(organiser)
    document = keep(client, ARTICLE)
    project = fact(document, FactKind.PROJECT)
    assert project.project == listed and project.deal is None
    client.post(reverse("intel:accept", args=[project.pk]), {"organisation": sany.pk})
    project.refresh_from_db()
    assert project.deal.project == listed


def test_the_original_file_is_kept_and_only_downloaded(
    client_for, organiser, investor, settings, tmp_path
):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    page = ("<html><body><article><p>" + ARTICLE + "</p></article>"
            "<script>alert(1)</script></body></html>").encode()  # fmt: skip
    client = client_for(organiser)
    response = client.post(
        reverse("intel:read"),
        {"file": SimpleUploadedFile("news.html", page, "text/html"), "published_on": "2025-05-16"},
    )
    upload = response["Location"].split("upload=")[1]
    response = client.post(reverse("intel:read"), {"upload": upload, "confirm": "1"})
    document = Document.objects.get()
    assert document.kind == "html" and document.filename == "news.html"
    download = client.get(reverse("intel:original", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == page
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert (
        client_for(investor).get(reverse("intel:original", args=[document.pk])).status_code == 403
    )
