"""Editing a chain in the UI and importing chains from a spreadsheet: all-or-nothing, bad
graphs explained in the reader's language, every change in the history."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from duijie.chains.adapters import core_chains
from duijie.chains.forms import link_initial
from duijie.chains.models import Chain, Link
from duijie.interchange.models import PendingUpload
from tests.web.interchange.sheets import csv_bytes

pytestmark = pytest.mark.django_db

CHAIN = "engineering-machinery"


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def form_data(**changes: Any) -> dict[str, str]:
    """The editor's POST for the machinery chain as stored, with `changes` (``links-N-field``)."""
    (chain,) = core_chains(Chain.objects.filter(code=CHAIN))
    rows = link_initial(chain)
    data = {"name": "工程机械", "name_hant": "工程機械", "name_en": "Engineering machinery"}
    data |= {"links-TOTAL_FORMS": str(len(rows) + 1), "links-INITIAL_FORMS": str(len(rows))}
    data |= {"links-MIN_NUM_FORMS": "0", "links-MAX_NUM_FORMS": "1000"}
    for number, row in enumerate(rows):
        data |= {f"links-{number}-{key}": value for key, value in row.items()}
    return data | changes


def test_a_cycle_is_explained_and_nothing_is_saved(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    data = form_data(**{"links-0-upstream": "em-aftermarket", "links-1-name_en": "Renamed"})
    response = client.post(reverse("chains:edit", args=[CHAIN]), data)
    assert response.status_code == 200
    assert response.context["problems"] == [
        "chain engineering-machinery has a cycle: "
        "em-steel → em-aftermarket → em-machines → em-hydraulics → em-steel"
    ]
    assert Link.objects.get(code="em-hydraulics").name_en == "Hydraulics and key components"


def test_a_dangling_upstream_link_is_explained(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    data = form_data(**{"links-1-upstream": "em-steel, em-nowhere"})
    response = client.post(reverse("chains:edit", args=[CHAIN]), data)
    assert response.context["problems"] == [
        "chain engineering-machinery: link em-hydraulics names an upstream link em-nowhere "
        "that does not exist"
    ]
    assert Link.objects.get(code="em-hydraulics").history.count() == 1  # the baseline only


def test_rename_add_and_remove_links_with_history(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    data = form_data(**{
        "links-1-name_en": "Hydraulic systems",
        "links-2-DELETE": "on",
        "links-4-upstream": "em-hydraulics, em-control, em-motors",
        "links-6-code": "em-motors", "links-6-name": "电机", "links-6-keywords": "电机、伺服电机",
    })  # fmt: skip
    response = client.post(reverse("chains:edit", args=[CHAIN]), data)
    assert response.status_code == 302
    (chain,) = core_chains(Chain.objects.filter(code=CHAIN))
    assert [link.id for link in chain.links] == [
        "em-steel", "em-hydraulics", "em-control", "em-machines", "em-aftermarket", "em-motors",
    ]  # fmt: skip
    assert chain.link("em-machines").upstream == ("em-hydraulics", "em-control", "em-motors")
    assert chain.link("em-motors").names.en == "电机"  # names default to the Simplified one
    page = client.get(reverse("chains:edit", args=[CHAIN]))
    sentences = [s.text for s in page.context["history"]]
    assert [t.rsplit(" on ", 1)[0] for t in sentences if "order" not in t] == [
        "staff created the chain edge “电机 → 工程机械整机”",
        "staff created the chain link “电机”",
        "staff changed the name (English) of the chain link “液压件与关键零部件” from "
        "Hydraulics and key components to Hydraulic systems",
        "staff deleted the chain link “发动机与传动系统”",
        "staff deleted the chain edge “钢材与铸锻件 → 发动机与传动系统”",
        "staff deleted the chain edge “发动机与传动系统 → 工程机械整机”",
    ]


def test_leadership_may_not_edit(client_for, leadership) -> None:  # type: ignore[no-untyped-def]
    client = client_for(leadership)
    assert client.post(reverse("chains:edit", args=[CHAIN]), form_data()).status_code == 403


HEADER = ["Chain code", "Chain name (Simplified)", "Link code", "Link name (Simplified)",
          "Product keywords", "Upstream links"]  # fmt: skip


def _upload(client, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("chain.csv", csv_bytes(rows, headers=HEADER))
    return client.post(reverse("chains:import"), {"file": upload})


def test_import_previews_then_creates_the_chain_on_confirmation(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    rows = [
        ["ceramics", "陶瓷", "clay", "黏土原料", "高岭土、黏土", ""],
        ["ceramics", "陶瓷", "kilns", "窑炉", "窑炉", ""],
        ["ceramics", "陶瓷", "ware", "日用陶瓷", "陶瓷、瓷器", "clay、kilns"],
    ]
    response = _upload(client, rows)
    pending = PendingUpload.objects.get()
    assert response.url == f"{reverse('chains:import')}?upload={pending.pk}"
    assert not Chain.objects.filter(code="ceramics").exists()
    preview = client.get(response.url).context["preview"]
    assert [(r["label"], r["outcome"]) for r in preview["rows"]] == [("陶瓷", "new")]
    client.post(reverse("chains:import"), {"upload": pending.pk, "confirm": ""})
    (chain,) = core_chains(Chain.objects.filter(code="ceramics"))
    assert chain.link("ware").upstream == ("clay", "kilns")
    assert chain.link("ware").keywords == ("陶瓷", "瓷器")


def test_a_bad_file_is_explained_row_by_row_and_nothing_is_written(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    rows = [
        ["ceramics", "陶瓷", "clay", "黏土原料", "", ""],  # no mapping
        ["ceramics", "陶瓷", "ware", "日用陶瓷", "陶瓷", "clay、glaze"],  # glaze is not a link
        ["Bad Code", "", "x", "", "", ""],
    ]
    response = _upload(client, rows)
    assert response.context["problems"] == [
        "Row 4, column Chain name (Simplified): this cell may not be empty.",
        "Row 4, column Link name (Simplified): this cell may not be empty.",
        "Row 4, column Chain code: use lowercase letters, digits and hyphens only.",
    ]
    response = _upload(client, rows[:2])
    assert len(response.context["problems"]) == 2
    assert any("glaze" in p for p in response.context["problems"])
    assert not Chain.objects.filter(code="ceramics").exists()
    assert not PendingUpload.objects.exists()


def test_export_reads_back_as_the_same_chain(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    content = client.get(reverse("chains:export"), {"chain": CHAIN}).content
    rows = list(load_workbook(io.BytesIO(content)).active.values)
    assert rows[0][:3] == ("Chain code", "Chain name (Simplified)", "Chain name (Traditional)")
    assert [r[4] for r in rows[1:]] == [
        "em-steel", "em-hydraulics", "em-powertrain", "em-control", "em-machines", "em-aftermarket",
    ]  # fmt: skip
    upload = SimpleUploadedFile("chains.xlsx", content)
    response = client.post(reverse("chains:import"), {"file": upload})
    preview = client.get(response.url).context["preview"]
    assert [r["outcome"] for r in preview["rows"]] == ["unchanged"]
