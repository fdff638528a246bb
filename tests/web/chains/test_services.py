"""Chains as data: the shipped chains, whole-chain saves that refuse bad graphs, placing
firms, and leads made from targets."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from duijie.chains import services
from duijie.chains.adapters import analyse_region, core_chains, resolve_region
from duijie.chains.models import Chain, Edge, Link, Placement
from duijie.directory.models import OrganisationKind
from duijie.pipeline.models import Deal, Stage
from duijie_core.chains.model import Names, shipped_chains
from tests.web.chains.factories import firm

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_shipped_chain_with_its_links_and_edges() -> None:
    shipped = shipped_chains()
    assert list(Chain.objects.values_list("code", flat=True)) == [c.id for c in shipped]
    assert core_chains() == shipped
    assert Link.objects.count() == sum(len(c.links) for c in shipped)
    assert Edge.objects.count() == sum(len(link.upstream) for c in shipped for link in c.links)
    assert services.load_shipped_chains() == 0  # already there: nothing added twice


def _machinery():
    (chain,) = core_chains(Chain.objects.filter(code="engineering-machinery"))
    return services.draft_of(chain)


def test_a_draft_with_a_cycle_is_refused_and_nothing_is_saved() -> None:
    draft = _machinery()
    steel = dataclasses.replace(draft.links[0], upstream=("em-aftermarket",))  # steel ← services
    renamed = dataclasses.replace(draft, names=Names("改名", "改名", "Renamed"))
    bad = dataclasses.replace(renamed, links=(steel, *draft.links[1:]))
    with pytest.raises(services.ChainRejected) as caught:
        services.save_chain(draft=bad)
    assert [p.code for p in caught.value.problems] == ["cycle"]
    assert Chain.objects.get(code="engineering-machinery").name == "工程机械"
    assert (
        Edge.objects.filter(upstream__code="em-aftermarket", downstream__code="em-steel").count()
        == 0
    )


def test_dangling_and_unmapped_links_are_refused() -> None:
    draft = _machinery()
    dangling = dataclasses.replace(draft.links[1], upstream=("em-nowhere",))
    unmapped = dataclasses.replace(draft.links[2], gbt=(), shenwan=(), keywords=())
    bad = dataclasses.replace(draft, links=(draft.links[0], dangling, unmapped, *draft.links[3:]))
    with pytest.raises(services.ChainRejected) as caught:
        services.save_chain(draft=bad)
    assert sorted(p.code for p in caught.value.problems) == ["dangling_link", "unmapped_link"]
    assert Link.objects.get(code="em-powertrain").keywords[0] == "发动机"


def test_save_renames_adds_and_removes_links_and_edges_with_history() -> None:
    draft = _machinery()
    steel, hydraulics, _power, control, machines, after = draft.links
    renamed = dataclasses.replace(
        hydraulics, names=Names("液壓系統", "液压系统", "Hydraulic systems")
    )
    motors = dataclasses.replace(control, id="em-motors", keywords=("电机",), gbt=(), upstream=())
    machines = dataclasses.replace(machines, upstream=("em-hydraulics", "em-motors"))
    services.save_chain(
        draft=dataclasses.replace(draft, links=(steel, renamed, motors, control, machines, after))
    )
    links = Link.objects.filter(chain__code="engineering-machinery")
    assert list(links.values_list("code", flat=True)) == [
        "em-steel",
        "em-hydraulics",
        "em-motors",
        "em-control",
        "em-machines",
        "em-aftermarket",
    ]
    assert links.get(code="em-hydraulics").name_en == "Hydraulic systems"
    (saved,) = core_chains(Chain.objects.filter(code="engineering-machinery"))
    assert saved.link("em-machines").upstream == ("em-hydraulics", "em-motors")
    history = Link.history.filter(code="em-hydraulics").order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~"]
    assert Link.history.filter(code="em-powertrain", history_type="-").count() == 1
    assert (
        Edge.history.filter(history_type="-").count() == 3
    )  # steel→power, power→machines, control→machines


def test_firms_are_placed_by_their_gbt_class_and_their_description() -> None:
    sany = firm("三一重工股份有限公司", gbt=("3511",), description="挖掘機、起重機和泵車")
    pumps = firm("Acme Hydraulics", division="4201", description="Hydraulic cylinders and 液壓泵閥")
    bank = firm("某银行", kind=OrganisationKind.BANK, description="挖掘机贷款")
    assert services.place_firms() == 2  # one link each; the bank is not a firm
    machines = Placement.objects.get(organisation=sany, link__code="em-machines")
    assert machines.confidence == 0.9
    assert {e["kind"] for e in machines.evidence} == {"industry", "text"}
    assert {e["detail"] for e in machines.evidence} >= {"GB/T 3511", "挖掘机", "起重机", "泵车"}
    hydraulics = Placement.objects.get(organisation=pumps, link__code="em-hydraulics")
    assert hydraulics.confidence == 0.8  # five keywords, English and 繁體, capped at 0.8
    assert [e["detail"] for e in hydraulics.evidence] == [
        "hydraulics",
        "hydraulic",
        "hydraulic cylinder",
        "液压",
        "泵阀",
    ]
    assert not Placement.objects.filter(organisation=bank).exists()


def test_region_analysis_counts_firms_without_region_apart() -> None:
    firm("长沙挖掘机厂", description="挖掘机", division="4301")
    firm("湘潭起重机厂", description="起重机", division="4303")
    firm("武汉挖掘机厂", description="挖掘机", division="4201")
    firm("无名挖掘机厂", description="挖掘机", division=None)
    firm("武汉钢板厂", description="钢板", division="4201")
    firm("中联重科股份有限公司", description="起重机", division=None, stock_code="000157.SZ")
    services.place_firms()
    analysis = analyse_region(resolve_region("湖南"))
    machines = next(c for c in analysis.chains if c.chain == "engineering-machinery").links[4]
    # 中联重科 has no headquarters in the directory: the core's hand-kept list says Changsha.
    assert (machines.link, machines.local_firms, machines.national_firms) == ("em-machines", 3, 5)
    assert machines.no_region_firms == 1
    assert machines.location_quotient == 1.25  # (3 of 3 local) ÷ (4 of 5 known-region firms)
    assert machines.label == "strong"
    assert analysis.no_region_firms == 1
    assert resolve_region("湖北").name == "湖北省"


def test_a_target_becomes_a_lead_tagged_industry_chain(organiser) -> None:
    target = firm("恒立液压", division="3204", description="液压油缸")
    link = Link.objects.get(code="em-hydraulics")
    deal = services.make_lead(
        organisation=target,
        link=link,
        region_name="湖南省",
        owner=organiser,
        today=dt.date(2026, 12, 7),
    )
    assert Deal.objects.get() == deal
    assert (deal.investor, deal.enterprise, deal.stage, deal.owner) == (
        target,
        target,
        Stage.LEAD,
        organiser,
    )
    assert list(deal.methods.values_list("code", flat=True)) == ["industry-chain"]
    assert deal.title == "恒立液压 · 工程机械 · 液压件与关键零部件"
