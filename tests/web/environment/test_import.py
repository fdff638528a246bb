"""Indicator values from a spreadsheet: preview, confirm, all-or-nothing, row and column named."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from duijie.environment.models import IndicatorValue
from duijie.environment.spreadsheet import plan_values
from duijie.interchange.reader import Table
from tests.web.environment.factories import DAY, hkd_rate, indicator, value

pytestmark = pytest.mark.django_db

HEADER = "place,indicator,date,value,unit,currency,source,status,publisher,published\n"
GOOD = (
    "4301,land,2025-06-30,12.5,CNY/m2/year,CNY,Changsha land notice,official,Changsha NRB,"
    "2025-07-01\n"
    "81,land,2025-06-30,100,HKD/m2/year,HKD,sample,sample,,\n"
)
BAD = (
    "4301,land,2025-06-30,12.5,CNY/sqm/year,CNY,notice,official,,\n"  # row 2: unit typo
    "4302,land,2025-06-30,11,CNY/m2/year,CNY,,official,,\n"  # row 3: missing source
    "4303,land,2025-06-30,11,CNY/m2/year,HKD,notice,official,,\n"  # row 4: wrong currency
    "4304,land,2030-01-01,11,CNY/m2/year,CNY,notice,official,,\n"  # row 5: in the future
    "4305,land,2025-06-30,11,USD/m2/year,USD,notice,official,,\n"  # row 6: no USD rate
)


def upload(client, text: str, name: str = "values.csv"):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("environment:import"), {"file": file})


@pytest.fixture
def land(db):  # type: ignore[no-untyped-def]
    hkd_rate()
    return indicator("land", "CNY/m2/year")


def test_upload_preview_confirm_writes_values_with_history(client_for, organiser, land) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    value(land, "4301", "11", source="old notice")
    response = upload(client, HEADER + GOOD)
    assert response.status_code == 302 and "?upload=" in response["Location"]
    preview = client.get(response["Location"])
    assert preview.context["preview"]["counts"]["new"] == 1
    assert preview.context["preview"]["counts"]["updated"] == 1
    assert IndicatorValue.objects.count() == 1
    pending = response["Location"].split("upload=")[1]
    done = client.post(reverse("environment:import"), {"upload": pending})
    assert done.status_code == 302
    rows = {
        (v.place.code, v.value, v.currency, v.source, v.status)
        for v in IndicatorValue.objects.all()
    }
    assert rows == {
        ("4301", Decimal("12.5"), "CNY", "Changsha land notice", "official"),
        ("81", Decimal("100"), "HKD", "sample", "sample"),
    }
    changed = IndicatorValue.objects.get(place__code="4301")
    assert changed.publisher == "Changsha NRB" and changed.published == dt.date(2025, 7, 1)
    assert [h.history_type for h in changed.history.order_by("history_id")] == ["+", "~"]


def test_a_bad_file_names_row_and_column_in_the_readers_language_and_writes_nothing(
    client_for, organiser, land
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    page = upload(client, HEADER + GOOD + BAD)
    assert page.status_code == 200
    assert page.context["problems"] == [
        "Row 4, column Unit: “CNY/sqm/year” is not the unit of this indicator (CNY/m2/year).",
        "Row 5, column Source (document or URL): this cell may not be empty.",
        "Row 6, column Currency: currency “HKD” does not match the unit “CNY/m2/year”",
        "Row 7, column Date: 2030-01-01 is in the future; give the date the value was known.",
        "Row 8, column Currency: there is no USD to CNY exchange rate on or before 2025-06-30, "
        "so the value cannot be compared; add the rate first or give the value in CNY.",
    ]
    assert IndicatorValue.objects.count() == 0


def test_messages_in_traditional_chinese(land) -> None:  # type: ignore[no-untyped-def]
    table = Table(
        HEADER.strip().split(","),
        [(2, ["4302", "land", "2025-06-30", "11", "CNY/m2/year", "CNY", "", "official", "", ""])],
    )
    with translation.override("zh-hant"):
        plan = plan_values(table, today=dt.date(2025, 12, 1))
    assert plan.problems == ["第 2 行，「來源（文件或網址）」欄：此欄不能為空。"]


def test_missing_columns_repeated_rows_unknown_codes_and_blank_status(land) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        missing = plan_values(Table(["place", "indicator"], []), today=DAY)
        assert missing.problems == [
            "These columns are missing: Date、Value、Unit、Currency、Source (document or URL)、"
            "Status (official, estimated or sample)"
        ]
        rows = [
            (2, ["4301", "land", "2025-06-30", "1", "CNY/m2/year", "CNY", "s", "official", "", ""]),
            (3, ["4301", "land", "2025-06-30", "2", "CNY/m2/year", "CNY", "s", "official", "", ""]),
            (4, ["9999", "nope", "2025-06-30", "2", "CNY/m2/year", "CNY", "s", "", "", ""]),
        ]
        plan = plan_values(Table(HEADER.strip().split(","), rows), today=dt.date(2025, 12, 1))
    assert plan.problems == [
        "Row 3: the same place, indicator and date as row 2; keep one of them.",
        "Row 4, column Place code: “9999” is not a known division code.",
        "Row 4, column Indicator code: “nope” is not a known indicator; add it first.",
        "Row 4, column Status (official, estimated or sample): this cell may not be empty.",
    ]


def test_export_reads_back_as_the_same_values(client_for, organiser, land) -> None:  # type: ignore[no-untyped-def]
    value(land, "4301", "12.5")
    value(land, "81", "100", unit="HKD/m2/year", status="sample", source="sample")
    client = client_for(organiser)
    content = client.get(reverse("environment:export")).content
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[1][:8] == ["4301", "land", dt.datetime(2025, 6, 30), 12.5, "CNY/m2/year", "CNY",
                            "Hunan statistical yearbook 2025", "official"]  # fmt: skip
    again = upload(client, "", name="x.csv")  # an empty file is refused, not a crash
    assert again.status_code == 200 and again.context["form"].errors["file"]
    reimport = client.post(
        reverse("environment:import"),
        {"file": SimpleUploadedFile("values.xlsx", content)},
    )
    preview = client.get(reimport["Location"])
    assert preview.context["preview"]["counts"]["unchanged"] == 2


CELL = st.text(alphabet=st.sampled_from("0123456789-./,CNYHKDm2yearLkWh 長沙é\u3000"), max_size=14)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=11), max_size=4))
def test_any_cells_give_rows_or_row_problems_never_a_crash(land, rows) -> None:  # type: ignore[no-untyped-def]
    table = Table(HEADER.strip().split(","), [(n + 2, cells) for n, cells in enumerate(rows)])
    with translation.override("en"):
        plan = plan_values(table, today=dt.date(2025, 12, 1))
    assert plan.problems or len(plan.rows) == len(rows)
    for problem in plan.problems:
        assert problem.startswith("Row ")
    for row in plan.rows:
        assert row.value.indicator == "land" and row.value.value >= 0
