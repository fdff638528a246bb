"""From a knowledge graph to an :class:`~.strength.Analysis`, and the analysis as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from duijie_core.chains.knowledge import KnowledgeGraph
from duijie_core.chains.model import Chain, io_weights
from duijie_core.chains.phrases import describe
from duijie_core.chains.placement import Placement, Placer
from duijie_core.chains.regions import Divisions, Region, locate
from duijie_core.chains.strength import Analysis, Firm, LinkStrength, Thresholds, analyse


def listed_firms(
    graph: KnowledgeGraph, divisions: Divisions, headquarters: Mapping[str, str]
) -> dict[str, Firm]:
    """Every company of `graph` as a listed :class:`Firm` with its derivable location."""
    return {
        company.code: Firm(
            company.code,
            company.name,
            locate(company.code, company.fullname, divisions, headquarters),
            listed=True,
        )
        for company in graph.companies
    }


def place_graph(graph: KnowledgeGraph, placer: Placer) -> list[Placement]:
    """Placements of every company of `graph` (industry and weighted products)."""
    return [placement for company in graph.companies for placement in placer.place_listed(company)]


def analyse_graph(
    graph: KnowledgeGraph,
    region: Region,
    chains: Sequence[Chain],
    divisions: Divisions,
    headquarters: Mapping[str, str],
    *,
    io_shares: Mapping[tuple[str, str], float] | None = None,
    thresholds: Thresholds | None = None,
) -> Analysis:
    """The analysis of `region` over `chains` for the listed companies of `graph`."""
    firms = listed_firms(graph, divisions, headquarters)
    placements = place_graph(graph, Placer(chains, graph.industry_names))
    weights = {chain.id: io_weights(chain, io_shares) for chain in chains} if io_shares else None
    return analyse(
        chains,
        firms,
        placements,
        region,
        weights=weights,
        thresholds=thresholds or Thresholds(),
        conflicts=graph.conflicts,
    )


def analysis_to_json(
    analysis: Analysis, chains: Sequence[Chain], divisions: Divisions, language: str = "zh-Hans"
) -> dict[str, Any]:
    """The ``duijie chains analyse`` output; names of chains and links in `language`."""
    by_id = {chain.id: chain for chain in chains}
    return {
        "region": {"code": analysis.region.code, "name": analysis.region.name},
        "firms": analysis.firms,
        "local_firms": analysis.local_firms,
        "unplaced_firms": analysis.unplaced_firms,
        "no_region_firms": analysis.no_region_firms,
        "chains": [
            {
                "id": chain.chain,
                "name": by_id[chain.chain].names.in_language(language),
                "label": chain.label,
                "local_firms": chain.local_firms,
                "national_firms": chain.national_firms,
                "location_quotient": chain.location_quotient,
                "links": [
                    _link(link, by_id[chain.chain], divisions, language) for link in chain.links
                ],
            }
            for chain in analysis.chains
        ],
        "conflicts": [{"code": c.code, "params": dict(c.params)} for c in analysis.conflicts],
    }


def _link(link: LinkStrength, chain: Chain, divisions: Divisions, language: str) -> dict[str, Any]:
    return {
        "id": link.link,
        "name": chain.link(link.link).names.in_language(language),
        "label": link.label,
        "recommendation": link.recommendation,
        "sentence": _sentence(link, chain, language),
        "local_firms": link.local_firms,
        "national_firms": link.national_firms,
        "no_region_firms": link.no_region_firms,
        "share": link.share,
        "location_quotient": link.location_quotient,
        "weight": link.weight,
        "leaders": [{"name": firm.name, "code": firm.code} for firm in link.leaders],
        "upstream_gaps": list(link.upstream_gaps),
        "targets": [
            {
                "name": target.firm.name,
                "code": target.firm.code,
                "score": target.score,
                "reasons": [
                    {"code": r.code, "params": _params(dict(r.params), divisions)}
                    for r in target.reasons
                ],
            }
            for target in link.targets
        ],
    }


def _params(params: dict[str, Any], divisions: Divisions) -> dict[str, Any]:
    if "province" in params:
        params["province"] = divisions.provinces.get(str(params["province"]), params["province"])
    return params


def _sentence(link: LinkStrength, chain: Chain, language: str) -> str:
    names = "、".join(firm.name for firm in link.leaders[:3]) or "—"
    targets = "、".join(target.firm.name for target in link.targets[:3]) or "—"
    quotient = "—" if link.location_quotient is None else f"{link.location_quotient:.2f}"
    params: dict[str, str | int] = {
        "link": chain.link(link.link).names.in_language(language),
        "local": link.local_firms,
        "national": link.national_firms,
        "lq": quotient,
        "leaders": names,
        "targets": targets,
    }
    return describe(link.recommendation, params, language)
