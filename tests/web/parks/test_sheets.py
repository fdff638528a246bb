"""Ports, corridors with legs and policy innovations: editors, imports, exports, round trips."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from duijie.interchange.models import PendingUpload
from duijie.parks.models import Corridor, Leg, PolicyInnovation, Port
from tests.web.interchange.sheets import csv_bytes
from tests.web.parks.factories import innovation, network, platform

pytestmark = pytest.mark.django_db

LEG_HEADER = [
    "Corridor code",
    "Name (Traditional)",
    "Name (Simplified)",
    "Name (English)",
    "Leg order",
    "From",
    "To",
    "Mode",
    "Transit time (hours)",
    "Cost per unit",
    "Currency",
    "Cost unit",
    "Sample leg",
]


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def _upload(client, name: str, rows: list[list[str]], headers: list[str]):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("sheet.csv", csv_bytes(rows, headers=headers))
    return client.post(reverse(name), {"file": upload})


def _confirm(client, name: str, response) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.context["problems"]
    preview = client.get(response.url).context["preview"]
    client.post(reverse(name), {"upload": PendingUpload.objects.get().pk, "confirm": ""})
    return preview  # type: ignore[no-any-return]


def _port(code: str = "port-nansha") -> Port:
    return Port.objects.create(code=code, name="南沙港", name_hant="南沙港", name_en="Nansha")


def test_corridor_import_writes_legs_in_order_after_the_preview(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    _port()
    rows = [
        [
            "zz-gz",
            "株洲—南沙",
            "株洲—南沙",
            "Zhuzhou–Nansha",
            "1",
            "4302",
            "4301",
            "公路",
            "1.5",
            "",
            "",
            "",
            "是",
        ],
        ["zz-gz", "", "", "", "2", "4301", "port-nansha", "Rail", "30", "3200", "CNY", "TEU", "no"],
    ]
    response = _upload(client, "parks:corridor_import", rows, LEG_HEADER)
    assert not Corridor.objects.exists()
    preview = _confirm(client, "parks:corridor_import", response)
    assert [(r["label"], r["outcome"]) for r in preview["rows"]] == [("株洲—南沙", "new")]
    corridor = Corridor.objects.get(code="zz-gz")
    legs = [
        (leg.order, leg.origin, leg.destination, leg.mode, leg.hours, leg.cost_amount, leg.sample)
        for leg in corridor.legs.all()
    ]
    assert legs == [
        (1, "4302", "4301", "road", Decimal("1.5"), None, True),
        (2, "4301", "port-nansha", "rail", Decimal("30.0"), Decimal("3200.00"), False),
    ]


def test_a_corridor_in_the_file_gets_exactly_the_files_legs(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    network()  # test-route: four legs
    rows = [
        [
            "test-route",
            "測試通道",
            "测试通道",
            "Test route",
            "2",
            "4301",
            "port-nansha",
            "road",
            "8",
        ]
    ]
    response = _upload(client, "parks:corridor_import", rows, LEG_HEADER[:9])
    preview = _confirm(client, "parks:corridor_import", response)
    (row,) = preview["rows"]
    assert row["outcome"] == "updated"
    assert [(c["field"], c["before"] == "", c["after"]) for c in row["changes"]] == [
        ("Leg order 1", False, ""),
        ("Leg order 2", False, "4301 · port-nansha · road · 8"),
        ("Leg order 3", False, ""),
        ("Leg order 4", False, ""),
    ]
    assert [(leg.order, leg.hours) for leg in Leg.objects.all()] == [(2, Decimal("8.0"))]
    assert Leg.history.filter(history_type="-").count() == 3  # removals kept in the history


def test_bad_leg_rows_are_named_and_nothing_is_written(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    rows = [
        ["bad", "壞", "坏", "Bad", "1", "4301", "port-nowhere", "rail", "30", "", "", "", ""],
        ["bad", "", "另一", "", "2", "4301", "4302", "hovercraft", "abc", "100", "", "box", ""],
        ["bad", "", "", "", "2", "4302", "4302", "road", "1", "", "", "", "maybe"],
        ["bad", "", "", "", "3", "4302", "4301", "road", "-2", "", "CNY", "", ""],
    ]
    problems = _upload(client, "parks:corridor_import", rows, LEG_HEADER).context["problems"]
    assert problems == [
        "Row 3, column Name (Simplified): differs from row 2 of the same corridor.",
        "Row 4, column Sample leg: write yes or no (是 or 否), not “maybe”.",
        "Row 2, column To: “port-nowhere” is not a known port or administrative division code",
        "Row 3, column Mode: Select a valid choice. hovercraft is not one of the available "
        "choices.",
        "Row 3, column Transit time (hours): Enter a number.",
        "Row 3, column Cost unit: Select a valid choice. box is not one of the available choices.",
        "Row 3, column Currency: A cost needs its currency.",
        "Row 4, column Leg order: row 3 of this corridor has the same leg order.",
        "Row 5, column Transit time (hours): This figure may not be negative.",
        "Row 5, column Cost per unit: A currency or unit without a cost: give the cost.",
    ]
    assert not Corridor.objects.exists() and not Leg.objects.exists()
    assert not PendingUpload.objects.exists()


def test_problems_are_in_the_readers_language(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)  # zh-Hant, the default
    rows = [
        ["bad", "壞", "坏", "Bad", "1", "4301", "port-nowhere", "rail", "30", "5", "", "TEU", ""]
    ]
    problems = _upload(client, "parks:corridor_import", rows, LEG_HEADER).context["problems"]
    assert problems == [
        "第 2 行，「貨幣」欄：費用須註明貨幣。",
        "第 2 行，「終點」欄：「port-nowhere」不是已知的港口或行政區劃代碼",
    ]


def test_corridor_export_reads_back_unchanged(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    network()
    _port("port-klang")
    Corridor.objects.create(code="empty", name="空", name_hant="空", name_en="Empty")
    content = client.get(reverse("parks:corridor_export")).content
    rows = list(load_workbook(io.BytesIO(content)).active.values)
    assert rows[0][:2] == ("Corridor code", "Name (Traditional)")
    assert [r[0] for r in rows[1:]] == ["empty", *["test-route"] * 4]
    assert rows[2][11:20] == (1, "4302", "4301", "road", 1, None, 600, "CNY", "TEU")
    response = client.post(
        reverse("parks:corridor_import"), {"file": SimpleUploadedFile("c.xlsx", content)}
    )
    preview = client.get(response.url).context["preview"]
    assert [(r["label"], r["outcome"]) for r in preview["rows"]] == [
        ("空", "unchanged"),
        ("測試通道", "unchanged"),
    ]


def test_ports_import_export_round_trip(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    header = ["Code", "Name (Traditional)", "Name (Simplified)", "Name (English)", "GBA"]
    missing = _upload(client, "parks:port_import", [["p", "港", "港"]], header[:3])
    assert missing.context["problems"] == ["These columns are missing: Name (English)"]
    header[4] = "Greater Bay Area port"
    bad = _upload(client, "parks:port_import", [["p", "港", "港", "Port", "perhaps"]], header)
    assert bad.context["problems"] == [
        "Row 2, column Greater Bay Area port: write yes or no (是 or 否), not “perhaps”."
    ]
    rows = [["port-a", "甲港", "甲港", "Port A", "是"], ["port-b", "乙港", "乙港", "Port B", ""]]
    _confirm(client, "parks:port_import", _upload(client, "parks:port_import", rows, header))
    assert list(Port.objects.order_by("code").values_list("code", "is_gba")) == [
        ("port-a", True),
        ("port-b", False),
    ]
    content = client.get(reverse("parks:port_export")).content
    assert list(load_workbook(io.BytesIO(content)).active.values)[1] == (
        "port-a",
        "甲港",
        "甲港",
        "Port A",
        "yes",
    )
    PendingUpload.objects.all().delete()
    again = client.post(
        reverse("parks:port_import"), {"file": SimpleUploadedFile("p.xlsx", content)}
    )
    outcomes = [r["outcome"] for r in client.get(again.url).context["preview"]["rows"]]
    assert outcomes == ["unchanged", "unchanged"]


def test_innovations_import_links_platforms_and_reads_back(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    platform("alpha")
    header = [
        "Code",
        "Title (Simplified)",
        "Title (Traditional)",
        "Platforms (codes)",
        "Sample record",
    ]
    bad = _upload(
        client, "parks:innovation_import", [["i1", "甲", "甲", "alpha、nope", ""]], header
    )
    assert bad.context["problems"] == [
        "Row 2, column Platforms (codes): Unknown platform codes: nope"
    ]
    rows = [["i1", "保税维修", "保稅維修", "alpha", "yes"]]
    _confirm(
        client, "parks:innovation_import", _upload(client, "parks:innovation_import", rows, header)
    )
    made = PolicyInnovation.objects.get(code="i1")
    assert ([p.code for p in made.platforms.all()], made.sample) == (["alpha"], True)
    assert "保税维修" in made.search_text  # indexed for the search
    content = client.get(reverse("parks:innovation_export")).content
    PendingUpload.objects.all().delete()
    again = client.post(
        reverse("parks:innovation_import"), {"file": SimpleUploadedFile("i.xlsx", content)}
    )
    outcomes = [r["outcome"] for r in client.get(again.url).context["preview"]["rows"]]
    assert outcomes == ["unchanged"]


def test_corridor_editor_saves_legs_and_refuses_an_unknown_port(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    _port()
    data = {
        "code": "ed",
        "name_hant": "編",
        "name": "编",
        "name_en": "Edited",
        "legs-TOTAL_FORMS": "2",
        "legs-INITIAL_FORMS": "0",
        "legs-0-order": "1",
        "legs-0-origin": "4301",
        "legs-0-destination": "port-nowhere",
        "legs-0-mode": "road",
        "legs-0-hours": "9",
    }
    refused = client.post(reverse("parks:corridor_create"), data)
    assert refused.status_code == 200 and not Corridor.objects.exists()
    assert refused.context["legs"].forms[0].errors == {
        "destination": ["“port-nowhere” is not a known port or administrative division code"]
    }
    data["legs-0-destination"] = "port-nansha"
    saved = client.post(reverse("parks:corridor_create"), data)
    assert saved.url == reverse("parks:corridors") + "#ed"
    assert [(leg.origin, leg.destination) for leg in Leg.objects.all()] == [("4301", "port-nansha")]
    page = client.get(reverse("parks:corridor_edit", args=["ed"]))
    assert page.status_code == 200 and page.context["history"]


def test_port_and_innovation_editors_keep_history(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    port = _port()
    data = {"code": port.code, "name_hant": "南沙", "name": "南沙", "name_en": "Nansha"}
    assert client.post(reverse("parks:port_edit", args=[port.code]), data).status_code == 302
    assert Port.history.filter(code=port.code).count() == 2
    made = innovation("inv", "舊", "旧", "Old")
    data = {"code": "inv", "title_hant": "新", "title_hans": "新", "platform_codes": ""}
    assert client.post(reverse("parks:innovation_edit", args=["inv"]), data).status_code == 302
    made.refresh_from_db()
    assert (made.title_hant, made.sample) == ("新", False)
    assert PolicyInnovation.history.filter(code="inv").count() == 2
