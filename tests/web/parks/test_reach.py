"""The platform page: time and cost to every GBA port and destination beyond Hunan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from duijie.parks.models import Port
from tests.web.parks.factories import network, platform

pytestmark = pytest.mark.django_db


def test_platform_page_gives_time_and_cost_to_each_port_and_destination(
    client_for, organiser
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    network()
    Port.objects.create(code="port-klang", name="巴生港", name_hant="巴生港", name_en="Klang")
    made = platform("zz", division="4302")
    reach = client.get(reverse("parks:detail", args=[made.code])).context["reach"]
    assert (reach["origin"], reach["unit"]) == ("4302", "TEU")
    assert reach["origin_name"] == "Zhuzhou"
    rows = {row["code"]: row for row in reach["rows"]}
    assert list(rows) == ["port-nansha", "81", "port-klang"]  # GBA first; Changsha is a feeder
    nansha = rows["port-nansha"]
    assert nansha["gba"] and nansha["via"] == rows["81"]["via"].split(" → ")[0]
    assert nansha["fastest"]["path"].hours == Decimal(10)
    assert nansha["fastest"]["path"].cost.amount == Decimal(5400)
    assert nansha["cheapest"]["path"].cost.amount == Decimal(5400)
    hong_kong = rows["81"]
    assert hong_kong["fastest"]["path"].hours == Decimal(16)
    assert hong_kong["fastest"]["path"].cost is None  # a HKD leg and no rate: never 0
    assert hong_kong["fastest"]["gap"] == (
        "no exchange rate from HKD to CNY: the costs cannot be added; add a rate first"
    )
    assert hong_kong["cheapest_refused"] == (  # every leg that cannot be priced is named
        "no exchange rate from HKD, USD to CNY: the costs cannot be added; add a rate first"
    )
    assert rows["port-klang"]["fastest"]["path"].hours == Decimal(201)


def test_a_platform_without_a_corridor_says_so(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    made = platform("far", division="4312")
    page = client.get(reverse("parks:detail", args=[made.code]))
    assert page.context["reach"] == {"origin": None, "unit": None, "rows": []}
    assert "暫時沒有物流通道從此平台所在的城市或省份出發。" in page.content.decode()


def test_places_are_named_in_the_readers_script(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = client_for(organiser)
    client.post(reverse("accounts:set_language"), {"language": "zh-hans"})
    network()
    made = platform("zz", division="4302")
    reach = client.get(reverse("parks:detail", args=[made.code])).context["reach"]
    assert [row["name"] for row in reach["rows"]][:1] == ["南沙港"]
    assert reach["rows"][0]["via"] == "长沙市"
