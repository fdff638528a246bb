"""Firms on links: industry and weighted products for listed firms, text for the others."""

from __future__ import annotations

from duijie_core.chains.knowledge import Company
from duijie_core.chains.model import Chain, Link, Names
from duijie_core.chains.placement import Evidence, Placement, Placer

MACHINES = Link(
    "m", Names("整機", "整机", "Machines"), shenwan=("640601",), keywords=("挖掘机", "起重机")
)
HYDRAULICS = Link("h", Names("液壓", "液压", "Hydraulics"), keywords=("液压", "液压件", "油缸"))
CHAIN = Chain("em", Names("工程機械", "工程机械", "EM"), (HYDRAULICS, MACHINES))


def test_text_in_traditional_simplified_or_full_width_finds_the_same_keywords() -> None:
    placer = Placer([CHAIN])
    for text in ("生產挖掘機與液壓件", "生产挖掘机与液压件", "生产挖掘机与液压件　ＯＩＬ"):
        assert placer.keywords_in(text) == {
            ("em", "m"): ["挖掘机"],
            ("em", "h"): ["液压件", "液压"],
        }


def test_lexical_confidence_grows_with_distinct_keywords() -> None:
    placed = Placer([CHAIN]).place_text("f", ["液压油缸", "挖掘机"])
    assert placed == [
        Placement("f", "em", "h", 0.7, 0.0, (Evidence("text", "液压"), Evidence("text", "油缸"))),
        Placement("f", "em", "m", 0.55, 0.0, (Evidence("text", "挖掘机"),)),
    ]
    assert Placer([CHAIN]).place_text("f", ["银行理财"]) == []


def test_listed_company_by_industry_and_products_with_revenue_share() -> None:
    company = Company(
        "000157",
        "中联重科",
        "",
        ("640601",),
        (("起重机械", 0.33), ("挖掘机", 0.2), ("液压件", 0.1)),
    )
    placed = {p.link: p for p in Placer([CHAIN]).place_listed(company)}
    assert placed["m"].confidence == 0.95
    assert placed["m"].scale == 0.53
    assert placed["m"].evidence[0] == Evidence("industry", "640601")
    assert placed["h"].confidence == 0.55  # 0.5 + 0.1 / 2, products only
    only_industry = Placer([CHAIN]).place_listed(Company("1", "x", "", ("640601",), ()))
    assert [(p.link, p.confidence, p.scale) for p in only_industry] == [("m", 0.9, 0.0)]


def test_hiding_the_industry_places_from_products_only() -> None:
    company = Company("1", "x", "", ("640601",), (("钢板", 1.0),))
    assert Placer([CHAIN]).place_listed(company, use_industry=False) == []


def test_negative_revenue_shares_count_as_zero_scale() -> None:
    company = Company("1", "x", "", (), (("挖掘机", -1.3), ("起重机", 0.2)))
    [placed] = Placer([CHAIN]).place_listed(company)
    assert placed.scale == 0.2


def test_english_keywords_match_whole_words_only() -> None:
    link = Link(
        "c", Names("元件", "元件", "Components"), keywords=("LED", "显示面板", "display panel")
    )
    placer = Placer([Chain("ei", Names("電子", "电子", "EI"), (link,))])
    assert placer.keywords_in("We make LED Display Panels") == {
        ("ei", "c"): ["led", "display panel"]
    }
    assert placer.keywords_in("controlled ledger") == {}
    assert placer.keywords_in("ＬＥＤ顯示面板") == {("ei", "c"): ["led", "显示面板"]}


def test_shipped_chains_place_english_descriptions() -> None:
    from duijie_core.chains.model import shipped_chains

    placed = Placer(shipped_chains()).place_text(
        "f", ["Maker of excavators and hydraulic cylinders"]
    )
    assert {(p.chain, p.link) for p in placed} >= {
        ("engineering-machinery", "em-machines"),
        ("engineering-machinery", "em-hydraulics"),
    }


def test_classified_firm_is_placed_through_its_gbt_class_or_a_class_under_the_link() -> None:
    steel = Link("s", Names("鋼", "钢", "Steel"), gbt=("312",), keywords=("钢材",))
    machines = Link("m", Names("整機", "整机", "Machines"), gbt=("3431",), upstream=("s",))
    placer = Placer([Chain("em", Names("工程機械", "工程机械", "EM"), (steel, machines))])
    assert placer.place_classified("7", ["C3120", "3431", "5110"]) == [
        Placement("7", "em", "m", 0.9, 0.0, (Evidence("industry", "GB/T 3431"),)),
        Placement("7", "em", "s", 0.9, 0.0, (Evidence("industry", "GB/T 3120"),)),
    ]
    assert placer.place_classified("7", ["31"]) == []  # a division above the link's group
