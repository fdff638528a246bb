"""Upload caps: refused before being read; pending imports wait on disk, not in a row."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duijie.interchange.models import PendingUpload
from duijie.interchange.reader import SheetError
from duijie.interchange.services import finish_upload, receive_upload

pytestmark = pytest.mark.django_db


def pending_files() -> set[Path]:
    folder = Path(settings.VAR_DIR) / "pending-uploads"
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_a_request_over_the_cap_is_refused_before_it_is_read(client_for, organiser):
    client = client_for(organiser)
    response = client.post(
        reverse("directory:import"), data=b"x" * 10, content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.UPLOAD_MAX_BYTES + 1),
    )  # fmt: skip
    assert response.status_code == 413
    assert "大於 20 MB" in response.text


def test_the_directory_import_streams_its_upload_to_a_file(client_for, organiser):
    before = pending_files()
    csv = "name,kind\n香港瀟湘資本,vc_pe\n".encode()
    client = client_for(organiser)
    client.post(
        reverse("directory:import"),
        {"kind": "organisations", "file": SimpleUploadedFile("orgs.csv", csv)},
    )
    pending = PendingUpload.objects.get()
    stored = Path(settings.VAR_DIR) / "pending-uploads" / pending.file.name
    assert stored in pending_files() - before
    assert stored.read_bytes() == csv and pending.content == csv
    assert [
        f.name for f in PendingUpload._meta.fields if f.get_internal_type() == "BinaryField"
    ] == []
    finish_upload(pending)
    assert not stored.exists()


def test_a_lying_size_leaves_nothing_on_disk(organiser):
    before = pending_files()
    with pytest.raises(SheetError):
        receive_upload(owner=organiser, kind="t", filename="x.csv", size=1,
                       chunks=iter([b"a" * 6, b"b" * 6]), max_bytes=10)  # fmt: skip
    assert pending_files() == before
    assert not PendingUpload.objects.exists()


def test_the_directory_import_refuses_a_file_over_10_mb(client_for, organiser):
    big = SimpleUploadedFile("big.csv", b"name\n" + b"x" * (10 * 1024 * 1024))
    response = client_for(organiser).post(
        reverse("directory:import"), {"kind": "organisations", "file": big}
    )
    assert response.status_code == 200
    assert "上限" in response.text
    assert not PendingUpload.objects.exists()
