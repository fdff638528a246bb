"""Link strength per region: exact counts, location quotients, labels, leaders, gaps, targets."""

from __future__ import annotations

import pytest

from duijie_core.chains.model import Chain, Link, Names
from duijie_core.chains.placement import Evidence, Placement
from duijie_core.chains.regions import Location, Region
from duijie_core.chains.strength import Firm, Reason, Thresholds, analyse, locality

HUNAN = Region("430000", "湖南省", "43")
CHANGSHA = Region("430100", "长沙市", "43", "4301")
CHAIN = Chain(
    "c",
    Names("鏈", "链", "Chain"),
    (
        Link("raw", Names("原料", "原料", "Raw"), keywords=("r",)),
        Link("part", Names("部件", "部件", "Part"), keywords=("p",), upstream=("raw",)),
        Link("end", Names("整機", "整机", "End"), keywords=("e",), upstream=("part",)),
    ),
)


def firm(code: str, province: str = "", city: str = "", listed: bool = False) -> Firm:
    return Firm(code, f"name-{code}", Location(province, city, "name" if province else ""), listed)


FIRMS = {
    f.code: f
    for f in (
        firm("L1", "43", listed=True),
        firm("L2", "43"),
        firm("L3", "43", "4302"),
        firm("O1", "32", listed=True),
        firm("O2", "44"),
        firm("O3", "11"),
        firm("U1"),
        firm("X1", "43"),
        firm("Y1", "11"),
    )
}


def on(
    link: str, code: str, confidence: float, scale: float = 0.0, *evidence: Evidence
) -> Placement:
    return Placement(code, "c", link, confidence, scale, evidence)


PLACEMENTS = [
    on("end", "L1", 0.95, 0.8),
    on("end", "L2", 0.9, 0.1),
    on("end", "L2", 0.55),  # a weaker duplicate of the same firm on the same link counts once
    on("end", "O1", 0.9, 0.5),
    on("end", "U1", 0.55),
    on("part", "L3", 0.55),
    on("part", "O1", 0.95, 0.3, Evidence("industry", "640602"), Evidence("product", "油缸", 0.3)),
    on("part", "O2", 0.55),
    on("raw", "O3", 0.9, 0.2),
    on("raw", "O2", 0.7),
]


def test_totals_count_unplaced_and_regionless_firms_apart() -> None:
    result = analyse([CHAIN], FIRMS, PLACEMENTS, HUNAN)
    assert (result.firms, result.local_firms, result.unplaced_firms, result.no_region_firms) == (
        9, 4, 2, 1,
    )  # fmt: skip


def test_numbers_and_labels_of_each_link() -> None:
    [chain] = analyse([CHAIN], FIRMS, PLACEMENTS, HUNAN).chains
    links = {link.link: link for link in chain.links}
    end, part, raw = links["end"], links["part"], links["raw"]
    assert (end.local_firms, end.national_firms, end.no_region_firms) == (2, 4, 1)
    assert end.share == pytest.approx(0.6667)
    assert end.location_quotient == pytest.approx(1.3333)  # (2/4) / (3/8)
    assert end.label == "strong" and end.recommendation == "strengthen"
    assert (part.local_firms, part.location_quotient, part.label) == (
        1,
        pytest.approx(0.6667),
        "weak",
    )
    assert (raw.local_firms, raw.location_quotient, raw.label) == (0, 0.0, "missing")
    assert raw.recommendation == "build"
    assert (chain.label, chain.local_firms, chain.national_firms) == ("weak", 3, 7)
    assert chain.location_quotient == pytest.approx(1.0)  # (3/4) / (6/8)


def test_leaders_by_revenue_share_and_upstream_gaps() -> None:
    [chain] = analyse([CHAIN], FIRMS, PLACEMENTS, HUNAN).chains
    links = {link.link: link for link in chain.links}
    assert [f.code for f in links["end"].leaders] == ["L1", "L2"]
    assert links["end"].upstream_gaps == ("part",)
    assert links["part"].upstream_gaps == ("raw",)
    assert links["raw"].upstream_gaps == ()  # nothing local to supply


def test_targets_only_for_weak_or_missing_links_outside_the_region_ranked_with_reasons() -> None:
    [chain] = analyse([CHAIN], FIRMS, PLACEMENTS, HUNAN).chains
    links = {link.link: link for link in chain.links}
    assert links["end"].targets == ()
    part = links["part"].targets
    assert [(t.firm.code, t.score) for t in part] == [("O1", 0.765), ("O2", 0.275)]
    assert part[0].reasons == (
        Reason("industry_on_link", {"industries": "640602"}),
        Reason("products_on_link", {"products": "油缸"}),
        Reason("revenue_share", {"share": 0.3}),
        Reason("listed", {"code": "O1"}),
        Reason("headquarters", {"province": "32"}),
    )
    assert [(t.firm.code, t.score) for t in links["raw"].targets] == [("O3", 0.51), ("O2", 0.35)]


def test_thresholds_are_parameters() -> None:
    strict = Thresholds(strong_lq=1.5, targets=1)
    [chain] = analyse([CHAIN], FIRMS, PLACEMENTS, HUNAN, thresholds=strict).chains
    links = {link.link: link for link in chain.links}
    assert links["end"].label == "weak"
    assert [t.firm.code for t in links["end"].targets] == ["O1"]


def test_a_region_without_firms_has_every_link_missing_and_no_quotient() -> None:
    [chain] = analyse([CHAIN], FIRMS, PLACEMENTS, Region("650000", "新疆维吾尔自治区", "65")).chains
    assert chain.label == "missing"
    assert {link.label for link in chain.links} == {"missing"}
    assert {link.location_quotient for link in chain.links} == {None}


def test_locality_at_city_level_leaves_firms_of_the_province_without_a_city_undecided() -> None:
    assert locality(Location("43", "4301"), CHANGSHA) is True
    assert locality(Location("43", "4302"), CHANGSHA) is False
    assert locality(Location("43", ""), CHANGSHA) is None
    assert locality(Location("32", ""), CHANGSHA) is False
    assert locality(Location(), HUNAN) is None
