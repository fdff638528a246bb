"""Uploaded files: checked by content, unguessable names, served only to who may see them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from duijie.accounts.models import User
from duijie.accounts.roles import Role
from duijie.catalogue.models import ProjectAttachment, Status
from duijie.interchange.uploads import UnguessableName
from duijie.pipeline.models import Evidence, Stage
from tests.web.catalogue import factories
from tests.web.pipeline.factories import make_deal

HTML = b"<!doctype html><html><body><script>fetch('/directory/')</script></body></html>"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def attach(client, project, name: str, content: bytes, kind: str = "document"):  # type: ignore[no-untyped-def]
    url = reverse("catalogue:attach", args=[project.pk])
    return client.post(url, {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize(
    "name,content", [("plan.html", HTML), ("plan.svg", SVG), ("plan.pdf", HTML)]
)
def test_an_owner_uploading_html_or_svg_is_refused(
    client_for, edition, project_owner, name, content
):
    project = factories.project(edition, status=Status.DRAFT, owner_user=project_owner)
    response = attach(client_for(project_owner), project, name, content)
    assert "不接受網頁（HTML）及 SVG 圖形" in response.text
    assert not ProjectAttachment.objects.exists()


def test_an_svg_is_refused_as_an_image_too(client_for, edition, project_owner):
    project = factories.project(edition, status=Status.DRAFT, owner_user=project_owner)
    response = attach(client_for(project_owner), project, "logo.svg", SVG, kind="image")
    assert "不接受網頁（HTML）及 SVG 圖形" in response.text
    assert not ProjectAttachment.objects.exists()


def test_other_types_are_refused_by_content_whatever_their_name(client_for, edition, organiser):
    project = factories.project(edition)
    response = attach(client_for(organiser), project, "plan.pdf", b"MZ\x90\x00 an executable")
    assert "不接受這類文件" in response.text
    assert not ProjectAttachment.objects.exists()


def test_a_pdf_is_stored_under_an_unguessable_name_and_downloaded(client_for, edition, organiser):
    project = factories.project(edition)
    client = client_for(organiser)
    attach(client, project, "商業計劃書.pdf", PDF)
    attachment = ProjectAttachment.objects.get()
    assert attachment.caption == "商業計劃書.pdf"
    assert attachment.file.name.startswith("catalogue/attachments/")
    assert attachment.file.name.endswith(".pdf") and "商業" not in attachment.file.name
    assert len(attachment.file.name.rsplit("/", 1)[1]) == len("0" * 32 + ".pdf")
    response = client.get(reverse("catalogue:file", args=[project.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_an_image_is_reencoded_and_shown_inline(client_for, edition, organiser):
    project = factories.project(edition)
    client = client_for(organiser)
    attach(
        client, project, "site.png", factories.png_bytes(b"<script>trailing</script>"), kind="image"
    )
    attachment = ProjectAttachment.objects.get()
    stored = attachment.file.read()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (8, 6)
    assert attachment.size == len(stored)
    response = client.get(reverse("catalogue:file", args=[project.pk, attachment.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")


def test_the_pages_link_the_checked_view_not_media(client_for, edition, organiser):
    project = factories.project(edition)
    client = client_for(organiser)
    attach(client, project, "plan.pdf", PDF)
    attachment = ProjectAttachment.objects.get()
    link = reverse("catalogue:file", args=[project.pk, attachment.pk])
    detail = client.get(reverse("catalogue:detail", args=[edition.slug, project.code])).text
    manage = client.get(reverse("catalogue:manage", args=[project.pk])).text
    assert link in detail and link in manage
    assert "/media/" not in detail + manage


def test_unpublished_files_only_to_their_owner_and_staff(
    client, client_for, edition, project_owner, organiser
):
    project = factories.project(edition, status=Status.SUBMITTED, owner_user=project_owner)
    attach(client_for(organiser), project, "plan.pdf", PDF)
    attachment = ProjectAttachment.objects.get()
    url = reverse("catalogue:file", args=[project.pk, attachment.pk])
    client.logout()
    assert client.get(url).status_code == 404
    other = User.objects.create_user("other@example.test", "x", role=Role.PROJECT_OWNER)
    assert client_for(other).get(url).status_code == 404
    assert client_for(project_owner).get(url).status_code == 200
    assert client_for(organiser).get(url).status_code == 200
    wrong_project = factories.project(edition)
    assert (
        client.get(reverse("catalogue:file", args=[wrong_project.pk, attachment.pk])).status_code
        == 404
    )


def test_published_files_are_public(client, edition, organiser, client_for):
    project = factories.project(edition)
    attach(client_for(organiser), project, "plan.pdf", PDF)
    client.logout()
    attachment = ProjectAttachment.objects.get()
    assert (
        client.get(reverse("catalogue:file", args=[project.pk, attachment.pk])).status_code == 200
    )


def test_media_is_not_served_at_all(client, client_for, edition, organiser):
    project = factories.project(edition)
    attach(client_for(organiser), project, "plan.pdf", PDF)
    name = ProjectAttachment.objects.get().file.name
    assert client.get(f"/media/{name}").status_code == 404


def test_deal_evidence_is_checked_and_served_only_to_deal_readers(
    client_for, organiser, project_owner
):
    deal = make_deal(organiser)
    client = client_for(organiser)
    url = reverse("pipeline:deal_move", args=[deal.pk])
    data = {"to_stage": Stage.SIGNED, "on": "2025-05-14", "evidence_kind": Evidence.DOCUMENT}
    refused = client.post(url, {**data, "evidence_file": SimpleUploadedFile("x.html", HTML)})
    assert "不接受網頁（HTML）及 SVG 圖形" in refused.text
    assert not deal.events.exists()
    client.post(url, {**data, "evidence_file": SimpleUploadedFile("contract.pdf", PDF)})
    event = deal.events.get()
    assert event.evidence_file.name.startswith("pipeline/evidence/")
    link = reverse("pipeline:evidence_file", args=[event.pk])
    assert link in client.get(reverse("pipeline:deal_detail", args=[deal.pk])).text
    response = client.get(link)
    assert response["Content-Disposition"].startswith("attachment;")
    assert client_for(project_owner).get(link).status_code in {403, 404}


def test_unguessable_names_keep_only_known_extensions():
    name = UnguessableName("x")
    assert name(None, "a.PDF").endswith(".pdf")
    assert name(None, "a.html").endswith(".bin")
    assert name(None, "a.pdf") != name(None, "a.pdf")
    assert name == UnguessableName("x") and name != UnguessableName("y")
