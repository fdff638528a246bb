"""The chain pages: who may see them, the numbers behind each figure, targets with the warm
path only for roles that may read personal data (and the read logged), leads in one click."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from duijie.accounts.models import PersonalDataAccess
from duijie.chains.services import place_firms
from duijie.directory.models import Affiliation, Person
from duijie.pipeline.models import Deal
from tests.web.chains.factories import firm

pytestmark = pytest.mark.django_db

MACHINES = ("engineering-machinery", "em-hydraulics")


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


@pytest.fixture
def placed():  # type: ignore[no-untyped-def]
    """Two Changsha machine makers, a Jiangsu and a Hubei hydraulics maker, one of unknown
    region, a Changsha steel and a control maker, three Shenzhen chip makers."""
    firms = {
        "zoomlion": firm("中联重科", description="挖掘机、起重机", division="4301"),
        "sunward": firm("山河智能", description="挖掘机", division="4301"),
        "hengli": firm("恒立液压", description="液压油缸", division="3204", stock_code="601100"),
        "wuhan": firm("武汉液压件厂", description="液压", division="4201"),
        "nowhere": firm("无名液压", description="液压泵阀", division=None),
        "steel": firm("长沙钢板厂", description="钢板", division="4301"),
        "control": firm("长沙电控", description="控制器", division="4301"),
        **{
            f"chips{n}": firm(f"深圳芯片{n}厂", description="芯片", division="4403")
            for n in range(3)
        },
    }
    place_firms()
    return firms


def test_outsiders_may_not_see_the_chains(client_for, investor, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("chains:list")).status_code == 302
    assert client_for(investor).get(reverse("chains:list")).status_code == 403
    assert client_for(investor).get(reverse("chains:edit", args=[MACHINES[0]])).status_code == 403


def test_the_list_labels_each_chain_for_the_region_and_says_what_is_missing(  # type: ignore[no-untyped-def]
    client_for, leadership, placed
) -> None:
    client = english(client_for(leadership))
    response = client.get(reverse("chains:list"), {"region": "430000"})
    rows = {
        chain.code: (strength.label, strength.local_firms)
        for chain, strength, _l in response.context["rows"]
    }
    assert rows["engineering-machinery"] == ("strong", 4)  # quotient (4/4) ÷ (6/9) = 1.5
    assert rows["rail-transit"][1] == 0
    assert response.context["notes"] == [
        "1 firm has no known headquarters region; it is counted apart, never as outside the region."
    ]
    empty = client.get(reverse("chains:list"), {"region": "650000"})  # Xinjiang: no firm
    assert empty.context["notes"][0].startswith(
        "No firm of the directory is known to be headquartered in Xinjiang"
    )
    unknown = client.get(reverse("chains:list"), {"region": "Atlantis"})
    assert unknown.context["region"].code == "430000"
    assert "not known" in unknown.context["region_note"]


def test_the_map_links_every_number_to_the_firms_behind_it(client_for, leadership, placed) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(leadership))
    response = client.get(reverse("chains:map", args=[MACHINES[0]]), {"region": "430000"})
    hydraulics = next(r for r in response.context["links"] if r["link"].code == "em-hydraulics")
    strength = hydraulics["strength"]
    assert (
        strength.label,
        strength.local_firms,
        strength.national_firms,
        strength.no_region_firms,
    ) == (
        "missing",
        0,
        3,
        1,
    )
    firms_url = reverse("chains:firms", args=MACHINES)
    assert f'href="{firms_url}?which=no_region&amp;region=430000"' in response.content.decode()
    behind = client.get(firms_url, {"which": "no_region", "region": "430000"})
    assert [p.organisation.name for p, _method in behind.context["placements"]] == ["无名液压"]
    outside = client.get(firms_url, {"which": "outside", "region": "430000"})
    assert sorted(p.organisation.name for p, _method in outside.context["placements"]) == [
        "恒立液压",
        "武汉液压件厂",
    ]
    graph = client.get(reverse("chains:graph", args=[MACHINES[0]]), {"region": "430000"}).json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert (nodes["em-machines"]["category"], nodes["em-hydraulics"]["category"]) == (
        "strong",
        "missing",
    )
    assert {"source": "em-hydraulics", "target": "em-machines"} in graph["edges"]
    assert nodes["em-hydraulics"]["url"] == reverse("chains:link", args=MACHINES) + "?region=430000"


def _warm_person(organisation):  # type: ignore[no-untyped-def]
    person = Person.objects.create(name="李四")
    Affiliation.objects.create(
        person=person, organisation=organisation, organisation_name=organisation.name, title="副总"
    )
    return person


def test_targets_show_the_warm_path_to_staff_only_and_log_the_read(  # type: ignore[no-untyped-def]
    client_for, organiser, leadership, placed
) -> None:
    person = _warm_person(placed["hengli"])
    url = reverse("chains:link", args=MACHINES)
    seen = english(client_for(leadership)).get(url, {"region": "430000"})
    assert [t["organisation"].name for t in seen.context["targets"]] == ["恒立液压", "武汉液压件厂"]
    assert seen.context["targets"][0]["warm"] == []
    assert "李四" not in seen.content.decode()
    assert not PersonalDataAccess.objects.exists()
    staff = english(client_for(organiser)).get(url, {"region": "430000"})
    assert staff.context["targets"][0]["warm"] == ["李四 (副总) works there"]
    assert "listed company (601100)" in staff.context["targets"][0]["reasons"]
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.subject, access.purpose) == (
        organiser,
        f"directory.person:{person.pk}",
        "chains.link",
    )


def test_one_click_makes_a_lead_tagged_industry_chain(
    client_for, organiser, leadership, placed
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("chains:lead", args=MACHINES) + "?region=430000"
    target = placed["hengli"]
    assert client_for(leadership).post(url, {"organisation": target.pk}).status_code == 403
    response = client_for(organiser).post(url, {"organisation": target.pk})
    deal = Deal.objects.get()
    assert response.url == reverse("pipeline:deal_detail", args=[deal.pk])
    assert (deal.investor, list(deal.methods.values_list("code", flat=True))) == (
        target,
        ["industry-chain"],
    )
    assert "湖南省" in deal.notes


def test_the_target_list_exports_to_xlsx(client_for, organiser, placed) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(organiser))
    response = client.get(reverse("chains:targets_xlsx", args=MACHINES), {"region": "430000"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == (
        "Firm",
        "Stock code",
        "Score",
        "Why",
        "Financing rounds",
        "Warm introduction",
    )
    assert [r[0] for r in rows[1:]] == ["恒立液压", "武汉液压件厂"]


def test_regions_side_by_side(client_for, leadership, placed) -> None:  # type: ignore[no-untyped-def]
    client = english(client_for(leadership))
    response = client.get(
        reverse("chains:compare"),
        {"chain": MACHINES[0], "regions": ["430000", "420000", "nowhere"]},
    )
    assert response.context["regions"] == ["Hunan", "Hubei"]
    assert response.context["unknown"] == ["nowhere"]
    hydraulics = next(
        cells for link, cells in response.context["rows"] if link.code == "em-hydraulics"
    )
    cells = [(s.label, s.local_firms, code) for s, _label, code in hydraulics]
    assert cells == [("missing", 0, "430000"), ("weak", 1, "420000")]  # one firm is never strong


def test_the_dashboard_has_a_chain_section(client_for, leadership, placed) -> None:  # type: ignore[no-untyped-def]
    response = client_for(leadership).get(reverse("pipeline:dashboard"))
    section = response.context["sections"][0]
    assert section["template_name"] == "chains/_dashboard.html"
    rows = {chain.code: strength.label for chain, _label, strength, _gaps in section["chains_rows"]}
    assert rows["engineering-machinery"] == "strong"
    assert reverse("chains:map", args=[MACHINES[0]]) in response.content.decode()
