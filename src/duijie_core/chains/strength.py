"""Link strength per region, chain labels, leaders (鏈主), upstream gaps and targets (招大引強).

For a region R and a link L (counting each firm once per link):

- ``local_firms``: firms on L headquartered in R;
- ``national_firms``: firms on L anywhere in the country (with or without a derivable region);
- ``no_region_firms``: firms on L whose region cannot be derived (never counted as outside R);
- ``share`` = local / firms on L with a known region;
- ``location_quotient`` (區位商) = (local on L / local firms on any link or none) ÷
  (known-region firms on L / known-region firms in all) — None when L has no known-region firm.

Labels (:class:`Thresholds`): ``missing`` when no local firm; ``strong`` when at least
``strong_firms`` local firms and a quotient of at least ``strong_lq``; otherwise ``weak``.
A chain is ``missing`` when none of its links has a local firm, ``strong`` when its own quotient
(firms on any of its links) reaches ``strong_lq`` and at most half its links are missing,
otherwise ``weak``. Recommendations: strong → ``strengthen`` (強鏈: grow the leaders),
weak → ``fill`` (補鏈), missing → ``build`` (建鏈).

Leaders (鏈主) are the local firms on a link ranked by placement confidence (industry and
products agreeing first), then revenue share on the link, then listed status. Upstream gaps are
the link's upstream links that are weak or missing locally (heaviest input share first): the
supplier list a leader's conference needs. Targets, for weak and missing links only, are firms
headquartered outside the region (never firms of unknown region) ranked by
``fit × confidence + scale × revenue share + listed × (1 if listed)``.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from duijie_core.chains.model import Chain
from duijie_core.chains.placement import Placement
from duijie_core.chains.regions import Location, Region
from duijie_core.problems import ParamValue, Problem

STRONG, WEAK, MISSING = "strong", "weak", "missing"
RECOMMENDATION = {STRONG: "strengthen", WEAK: "fill", MISSING: "build"}


@dataclass(frozen=True)
class Thresholds:
    """The documented thresholds of the labels and the list lengths."""

    strong_lq: float = 1.25
    strong_firms: int = 2
    leaders: int = 5
    targets: int = 10
    # Target score = fit × confidence + scale × revenue share + listed bonus.
    fit: float = 0.5
    scale: float = 0.3
    listed: float = 0.2


@dataclass(frozen=True)
class Firm:
    """An enterprise as the analysis sees it."""

    code: str
    name: str
    location: Location
    listed: bool = False


@dataclass(frozen=True)
class Reason:
    """Why a firm is a target: a code and its parameters (sentences in `phrases`)."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """A firm outside the region that fits a weak or missing link."""

    firm: Firm
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class LinkStrength:
    """The numbers, label and lists of one link in one region."""

    chain: str
    link: str
    label: str
    local_firms: int
    national_firms: int
    no_region_firms: int
    share: float | None
    location_quotient: float | None
    weight: float
    leaders: tuple[Firm, ...]
    upstream_gaps: tuple[str, ...]
    targets: tuple[Target, ...]

    @property
    def recommendation(self) -> str:
        """strengthen (強鏈), fill (補鏈) or build (建鏈)."""
        return RECOMMENDATION[self.label]


@dataclass(frozen=True)
class ChainStrength:
    """One chain in one region."""

    chain: str
    label: str
    local_firms: int
    national_firms: int
    location_quotient: float | None
    links: tuple[LinkStrength, ...]


@dataclass(frozen=True)
class Analysis:
    """The whole analysis of a region."""

    region: Region
    firms: int
    local_firms: int
    unplaced_firms: int
    no_region_firms: int
    chains: tuple[ChainStrength, ...]
    conflicts: tuple[Problem, ...] = ()


def locality(location: Location, region: Region) -> bool | None:
    """True inside `region`, False outside, None when it cannot be told."""
    if not location.province:
        return None
    if location.province != region.province:
        return False
    if not region.city:
        return True
    return location.city == region.city if location.city else None


@dataclass(frozen=True)
class Tally:
    """Firms on a link or a chain, each once: inside the region, with a known region, all."""

    local: int
    known: int
    total: int


@dataclass(frozen=True)
class Census:
    """The counts an analysis rests on, however they were taken (in memory or in a database).

    ``links`` is keyed by (chain id, link id), ``chains`` by chain id; a link or chain with
    no firm may be absent (it counts as zero firms).
    """

    firms: int
    local_firms: int
    known_firms: int
    placed_firms: int
    links: Mapping[tuple[str, str], Tally]
    chains: Mapping[str, Tally]


Candidate = tuple[Placement, Firm]
"""A firm on a link with its (best) placement there: a possible leader or target."""

_NONE = Tally(0, 0, 0)


def leader_key(candidate: Candidate) -> tuple[float, float, bool, str]:
    """Leaders rank by confidence, revenue share on the link, listing, then firm code."""
    placement, firm = candidate
    return (placement.confidence, placement.scale, firm.listed, placement.firm)


def target_key(candidate: Candidate, thresholds: Thresholds) -> tuple[float, str]:
    """Targets rank by their score (unrounded), then firm code (ties are never arbitrary)."""
    placement, firm = candidate
    return (
        thresholds.fit * placement.confidence
        + thresholds.scale * placement.scale
        + thresholds.listed * firm.listed,
        placement.firm,
    )


def analyse(
    chains: Sequence[Chain],
    firms: Mapping[str, Firm],
    placements: Sequence[Placement],
    region: Region,
    *,
    weights: Mapping[str, Mapping[str, float]] | None = None,
    thresholds: Thresholds = Thresholds(),
    conflicts: tuple[Problem, ...] = (),
) -> Analysis:
    """Link strength of every link of `chains` in `region` from `placements` of `firms`."""
    local = {code: locality(firm.location, region) for code, firm in firms.items()}
    on_link: dict[tuple[str, str], dict[str, Placement]] = defaultdict(dict)
    for placement in placements:
        if placement.firm in firms:
            best = on_link[placement.chain, placement.link].get(placement.firm)
            if best is None or placement.confidence > best.confidence:
                on_link[placement.chain, placement.link][placement.firm] = placement
    census = Census(
        firms=len(firms),
        local_firms=sum(1 for value in local.values() if value),
        known_firms=sum(1 for value in local.values() if value is not None),
        placed_firms=len({firm for by_firm in on_link.values() for firm in by_firm}),
        links={key: _tally(by_firm, local) for key, by_firm in on_link.items()},
        chains={
            chain.id: _tally(
                {f for link in chain.links for f in on_link.get((chain.id, link.id), {})}, local
            )
            for chain in chains
        },
    )

    def candidates(inside: bool) -> dict[tuple[str, str], list[Candidate]]:
        return {
            key: [(p, firms[p.firm]) for f, p in by_firm.items() if local[f] is inside]
            for key, by_firm in on_link.items()
        }

    return assemble(
        chains,
        census,
        region,
        leaders=candidates(True),
        targets=candidates(False),
        weights=weights,
        thresholds=thresholds,
        conflicts=conflicts,
    )


def link_labels(
    chains: Sequence[Chain], census: Census, thresholds: Thresholds = Thresholds()
) -> dict[tuple[str, str], str]:
    """The label of every link of `chains` from the counts alone (targets are sought for the
    links that are not strong)."""
    totals = (census.local_firms, census.known_firms)
    labels = {}
    for chain in chains:
        for link in chain.links:
            tally = census.links.get((chain.id, link.id), _NONE)
            quotient = _quotient(tally.local, tally.known, *totals)
            labels[chain.id, link.id] = _label(tally.local, quotient, thresholds)
    return labels


def assemble(
    chains: Sequence[Chain],
    census: Census,
    region: Region,
    *,
    leaders: Mapping[tuple[str, str], Iterable[Candidate]],
    targets: Mapping[tuple[str, str], Iterable[Candidate]],
    weights: Mapping[str, Mapping[str, float]] | None = None,
    thresholds: Thresholds = Thresholds(),
    conflicts: tuple[Problem, ...] = (),
) -> Analysis:
    """The analysis from its counts and its candidates: `leaders` holds local firms of each
    link, `targets` firms headquartered outside the region (each at least the best ones by
    :func:`leader_key` / :func:`target_key`; more are ranked and cut here)."""
    labels = link_labels(chains, census, thresholds)
    totals = (census.local_firms, census.known_firms)
    results = []
    for chain in chains:
        link_weights = (weights or {}).get(chain.id, {})
        chain_labels = {link: label for (c, link), label in labels.items() if c == chain.id}
        links = tuple(
            _link_strength(
                chain,
                link.id,
                census.links.get((chain.id, link.id), _NONE),
                chain_labels,
                leaders.get((chain.id, link.id), ()),
                targets.get((chain.id, link.id), ()),
                totals,
                link_weights,
                thresholds,
            )
            for link in chain.links
        )
        results.append(_chain_strength(chain, census.chains.get(chain.id, _NONE), links, totals,
                                       thresholds))  # fmt: skip
    return Analysis(
        region=region,
        firms=census.firms,
        local_firms=census.local_firms,
        unplaced_firms=census.firms - census.placed_firms,
        no_region_firms=census.firms - census.known_firms,
        chains=tuple(results),
        conflicts=conflicts,
    )


def _tally(firms: Iterable[str], local: Mapping[str, bool | None]) -> Tally:
    inside = known = total = 0
    for firm in firms:
        value = local[firm]
        inside += value is True
        known += value is not None
        total += 1
    return Tally(inside, known, total)


def _quotient(inside: int, known: int, local_total: int, known_total: int) -> float | None:
    if not known or not local_total or not known_total:
        return None
    return round((inside / local_total) / (known / known_total), 4)


def _label(inside: int, quotient: float | None, thresholds: Thresholds) -> str:
    if inside == 0:
        return MISSING
    if (
        inside >= thresholds.strong_firms
        and quotient is not None
        and quotient >= thresholds.strong_lq
    ):
        return STRONG
    return WEAK


def _link_strength(
    chain: Chain,
    link_id: str,
    tally: Tally,
    labels: Mapping[str, str],
    local: Iterable[Candidate],
    outside: Iterable[Candidate],
    totals: tuple[int, int],
    weights: Mapping[str, float],
    thresholds: Thresholds,
) -> LinkStrength:
    label = labels[link_id]
    leaders = heapq.nlargest(thresholds.leaders, local, key=leader_key)
    link = chain.link(link_id)
    gaps = sorted(
        (u for u in link.upstream if labels.get(u, STRONG) != STRONG),
        key=lambda u: (-weights.get(u, 0.0), u),
    )
    targets: list[Target] = []
    if label != STRONG:
        best = heapq.nlargest(thresholds.targets, outside, key=lambda c: target_key(c, thresholds))
        targets = [Target(f, _score(p, f, thresholds), _reasons(p, f)) for p, f in best]
    return LinkStrength(
        chain=chain.id,
        link=link_id,
        label=label,
        local_firms=tally.local,
        national_firms=tally.total,
        no_region_firms=tally.total - tally.known,
        share=round(tally.local / tally.known, 4) if tally.known else None,
        location_quotient=_quotient(tally.local, tally.known, *totals),
        weight=round(weights.get(link_id, 1.0), 4),
        leaders=tuple(f for _, f in leaders),
        upstream_gaps=tuple(gaps if tally.local else ()),
        targets=tuple(targets),
    )


def _score(placement: Placement, firm: Firm, thresholds: Thresholds) -> float:
    return round(
        thresholds.fit * placement.confidence
        + thresholds.scale * placement.scale
        + thresholds.listed * firm.listed,
        4,
    )


def _reasons(placement: Placement, firm: Firm) -> tuple[Reason, ...]:
    reasons = []
    industries = [e.detail for e in placement.evidence if e.kind == "industry"]
    products = [e.detail for e in placement.evidence if e.kind in ("product", "text")]
    if industries:
        reasons.append(Reason("industry_on_link", {"industries": "、".join(industries)}))
    if products:
        reasons.append(Reason("products_on_link", {"products": "、".join(products[:5])}))
    if placement.scale > 0:
        reasons.append(Reason("revenue_share", {"share": placement.scale}))
    if firm.listed:
        reasons.append(Reason("listed", {"code": firm.code}))
    reasons.append(Reason("headquarters", {"province": firm.location.province}))
    return tuple(reasons)


def _chain_strength(
    chain: Chain,
    tally: Tally,
    links: tuple[LinkStrength, ...],
    totals: tuple[int, int],
    thresholds: Thresholds,
) -> ChainStrength:
    quotient = _quotient(tally.local, tally.known, *totals)
    missing = sum(1 for link in links if link.label == MISSING)
    if tally.local == 0:
        label = MISSING
    elif quotient is not None and quotient >= thresholds.strong_lq and missing * 2 <= len(links):
        label = STRONG
    else:
        label = WEAK
    return ChainStrength(chain.id, label, tally.local, tally.total, quotient, links)
