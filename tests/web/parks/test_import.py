"""Platforms from a spreadsheet: preview then confirm, row-by-row problems, export round trip."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from duijie.interchange.models import PendingUpload
from duijie.parks.models import Platform
from tests.web.interchange.sheets import csv_bytes
from tests.web.parks.factories import platform

pytestmark = pytest.mark.django_db

HEADER = [
    "Code",
    "Kind",
    "Name (Simplified)",
    "Name (Traditional)",
    "Division code",
    "Key industries",
    "GB/T 4754 codes",
    "Land available (ha)",
    "Sample attributes",
]


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def _upload(client, rows: list[list[str]], headers: list[str] = HEADER):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("platforms.csv", csv_bytes(rows, headers=headers))
    return client.post(reverse("parks:import"), {"file": upload})


def test_import_previews_then_writes_on_confirmation(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    platform("alpha", hectares="10")
    rows = [
        ["alpha", "national_htz", "甲园", "甲園", "4302", "rail-transit", "3711", "55.5", "land"],
        ["beta", "Comprehensive bonded zone", "乙区", "乙區", "4306", "", "", "", ""],
    ]
    response = _upload(client, rows)
    pending = PendingUpload.objects.get()
    preview = client.get(response.url).context["preview"]
    assert [(r["label"], r["outcome"]) for r in preview["rows"]] == [
        ("甲園", "updated"),
        ("乙區", "new"),
    ]
    assert Platform.objects.get(code="alpha").land_hectares == 10
    client.post(reverse("parks:import"), {"upload": pending.pk, "confirm": ""})
    alpha = Platform.objects.get(code="alpha")
    assert (alpha.kind, alpha.division.code, str(alpha.land_hectares)) == (
        "national_htz",
        "4302",
        "55.50",
    )
    assert [k.code for k in alpha.key_industries.all()] == ["rail-transit"]
    assert [i.code for i in alpha.industries.all()] == ["3711"]
    assert alpha.sample_fields == ["land"]
    assert Platform.objects.get(code="beta").kind == "bonded"


def test_bad_rows_are_named_and_nothing_is_written(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    rows = [
        ["gamma", "national_htz", "丙园", "丙園", "9999", "no-such", "", "-3", "maybe"],
        ["gamma", "national_htz", "丙园", "丙園", "4301", "", "", "", ""],
        ["delta", "spaceport", "丁园", "丁園", "4301", "", "", "abc", ""],
    ]
    problems = _upload(client, rows).context["problems"]
    assert problems == [
        "Row 2, column Key industries: unknown key industries: no-such",
        "Row 2, column Sample attributes: unknown groups maybe; use name、industries、land、"
        "incentives、contacts",
        "Row 2, column Division code: No administrative division has the code 9999.",
        "Row 2, column Land available (ha): This figure may not be negative.",
        "Row 3, column Code: this code is already on an earlier row.",
        "Row 4, column Kind: Select a valid choice. spaceport is not one of the available choices.",
        "Row 4, column Land available (ha): Enter a number.",
    ]
    assert not Platform.objects.exists() and not PendingUpload.objects.exists()
    missing = _upload(client, [["x"]], headers=["Code"]).context["problems"]
    assert missing == ["These columns are missing: Kind、Name (Simplified)、Division code"]


def test_export_reads_back_unchanged(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    made = platform("alpha", keys=("new-energy",), hectares="12.5", sample_fields=["land"])
    made.keywords = ["光伏"]
    made.save()
    content = client.get(reverse("parks:export")).content
    rows = list(load_workbook(io.BytesIO(content)).active.values)
    assert rows[0][:3] == ("Code", "Kind", "Name (Traditional)")
    assert rows[1][:6] == ("alpha", "national_etdz", "alpha園", "alpha园", "alpha park", "4301")
    response = client.post(
        reverse("parks:import"), {"file": SimpleUploadedFile("platforms.xlsx", content)}
    )
    preview = client.get(response.url).context["preview"]
    assert [r["outcome"] for r in preview["rows"]] == ["unchanged"]
