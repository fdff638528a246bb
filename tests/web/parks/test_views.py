"""Platform, innovation, corridor and route pages: who sees what, sample labels, numbers."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from duijie.directory.models import Person
from duijie.pipeline.models import ExchangeRate
from tests.web.parks.factories import innovation, network, platform

pytestmark = pytest.mark.django_db


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def test_anonymous_visitors_log_in_and_investors_cannot_edit(client, client_for, investor) -> None:  # type: ignore[no-untyped-def]
    made = platform("alpha")
    response = client.get(reverse("parks:list"))
    assert response.status_code == 302 and "login" in response.url
    reader = client_for(investor)
    assert reader.get(reverse("parks:detail", args=[made.code])).status_code == 200
    assert reader.get(reverse("parks:edit", args=[made.code])).status_code == 403
    assert reader.get(reverse("parks:suggest_project", args=[1])).status_code == 403


def test_list_marks_sample_figures_and_filters_by_kind(
    client_for, organiser, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    platform("alpha", keys=("new-energy",), sample_fields=["land"])
    platform("beta", kind="bonded", hectares=None)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("parks:list"))
    page = response.content.decode()
    assert [p.code for p in response.context["page"]] == ["alpha", "beta"]
    assert page.count('class="badge warn">sample<') == 1  # alpha's land only
    assert "New energy" in page and "unknown" in page
    bonded = client.get(reverse("parks:list"), {"kind": "bonded"})
    assert [p.code for p in bonded.context["page"]] == ["beta"]
    for number in range(10):
        platform(f"more-{number}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("parks:list")).context["count"] == 12


def test_contact_people_are_shown_to_staff_only(client_for, organiser, investor) -> None:  # type: ignore[no-untyped-def]
    made = platform("alpha")
    person = Person.objects.create(name="陳大文")
    made.contact_people.add(person)
    assert (
        "陳大文"
        in client_for(organiser).get(reverse("parks:detail", args=["alpha"])).content.decode()
    )
    assert (
        "陳大文"
        not in client_for(investor).get(reverse("parks:detail", args=["alpha"])).content.decode()
    )


def test_editing_keeps_history_and_refuses_negative_land(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    made = platform("alpha")
    data = {
        "code": "alpha",
        "kind": "national_htz",
        "name": "甲园",
        "name_hant": "甲園",
        "division": "430104",
        "land_hectares": "-5",
        "industry_codes": "3711、9999",
    }
    response = client.post(reverse("parks:edit", args=["alpha"]), data)
    with translation.override("en"):
        errors = {k: [str(e) for e in v] for k, v in response.context["form"].errors.items()}
    assert errors["land_hectares"] == ["This figure may not be negative."]
    assert errors["industry_codes"] == ["Unknown GB/T 4754 codes: 9999"]
    data |= {"land_hectares": "42.5", "industry_codes": "3711", "sample_fields": ["land"]}
    assert client.post(reverse("parks:edit", args=["alpha"]), data).status_code == 302
    made.refresh_from_db()
    assert made.land_hectares == Decimal("42.50") and made.division.code == "430104"
    assert [i.code for i in made.industries.all()] == ["3711"]
    assert made.sample_fields == ["land"]
    assert made.history.count() == 2
    history = client.get(reverse("parks:detail", args=["alpha"])).context["history"]
    assert len(history) >= 1


def test_innovations_are_found_in_any_script(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    client = client_for(investor)
    zone = platform("ftz")
    innovation("bonded-repair", "保稅維修", "保税维修", "Bonded repair", zone)
    innovation("one-bill", "鐵海聯運一單制", "铁海联运一单制", "One bill for rail and sea")
    for query in ("保稅", "保税", "bonded", "維修"):
        found = client.get(reverse("parks:innovations"), {"q": query}).context["page"]
        assert [i.code for i in found] == ["bonded-repair"], query
    by_zone = client.get(reverse("parks:innovations"), {"platform": zone.pk}).context["page"]
    assert [i.code for i in by_zone] == ["bonded-repair"]
    assert len(client.get(reverse("parks:innovations")).context["page"]) == 2


def test_route_page_gives_fastest_and_cheapest_with_converted_costs(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(investor))
    network()
    ExchangeRate.objects.create(
        base="HKD", quote="CNY", rate=Decimal("0.92"), on=dt.date(2025, 1, 1)
    )
    made = platform("zhuzhou", division="4302")
    response = client.get(
        reverse("parks:route"), {"platform": made.pk, "destination": "81", "unit": "TEU"}
    )
    fastest = response.context["fastest"]["path"]
    assert fastest.hours == Decimal(16)
    assert fastest.cost.amount == Decimal("6228.00")  # 600 + 4800 + 900 × 0.92
    page = response.content.decode()
    text = re.sub(r"\s+", " ", page)
    assert "<strong>16 hours</strong> · CN¥6.228k / TEU" in text
    assert 'data-label="Transit time">1 h' in text
    assert response.context["cheapest"]["path"].cost.amount == Decimal("6228.00")


def test_route_page_refuses_to_add_a_currency_without_a_rate(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(investor))
    network()
    made = platform("changsha")
    response = client.get(
        reverse("parks:route"), {"platform": made.pk, "destination": "port-klang", "unit": "TEU"}
    )
    assert response.context["cheapest_refused"] == (
        "no exchange rate from HKD, USD to CNY: the costs cannot be added; add a rate first"
    )
    assert response.context["fastest"]["path"].cost is None
    assert response.context["fastest"]["gap"] == (
        "no exchange rate from USD to CNY: the costs cannot be added; add a rate first"
    )


def test_route_from_a_place_no_corridor_reaches(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(investor))
    network()
    far = platform("far", division="4312")
    response = client.get(reverse("parks:route"), {"platform": far.pk, "destination": "81"})
    assert response.context["origin"] is None
    assert "No corridor starts in the city or province" in response.content.decode()


def test_corridor_list_names_the_ends(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(investor))
    network()
    page = client.get(reverse("parks:corridors")).content.decode()
    assert "Nansha" in page and "Zhuzhou" in page and "Test route" in page
