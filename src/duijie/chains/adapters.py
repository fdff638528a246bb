"""Between the database and the pure chain analysis (``duijie_core.chains``).

Everything is loaded in bulk, handed to the core once, and nothing here writes. Firms are
the directory's organisations keyed by their primary key as text; a firm's region is its
headquarters division (province or city; a county counts for its city and province).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from duijie.chains.models import Chain, Edge, Link, Placement
from duijie.directory.models import Organisation, OrganisationKind
from duijie_core.chains import model as core
from duijie_core.chains.knowledge import stock_code
from duijie_core.chains.placement import Evidence
from duijie_core.chains.placement import Placement as CorePlacement
from duijie_core.chains.regions import (
    Divisions,
    Location,
    Region,
    read_divisions,
    shipped_headquarters,
)
from duijie_core.chains.strength import Analysis, Firm, analyse

FIRM_KINDS = (
    OrganisationKind.ENTERPRISE,
    OrganisationKind.CORPORATE,
    OrganisationKind.BUYER,
    OrganisationKind.SUPPLIER,
)
"""The organisations that are firms (investors, banks, funds and public bodies are not)."""


@cache
def divisions() -> Divisions:
    """The administrative divisions the core resolves regions with (read once)."""
    return read_divisions()


def resolve_region(text: str) -> Region:
    """The province or city coded or named by ``text`` (ChainError ``unknown_region``)."""
    return divisions().resolve(text)


def core_link(link: Link, upstream: Iterable[str]) -> core.Link:
    """One link row as the core's :class:`~duijie_core.chains.model.Link`."""
    return core.Link(
        id=link.code,
        names=core.Names(link.name_hant, link.name, link.name_en),
        shenwan=tuple(link.shenwan),
        gbt=tuple(link.gbt),
        keywords=tuple(link.keywords),
        io_sector=link.io_sector,
        upstream=tuple(upstream),
    )


def core_chains(chains: Iterable[Chain] | None = None) -> tuple[core.Chain, ...]:
    """The chains (default: all) with their links and edges, in three queries."""
    rows = list(Chain.objects.all() if chains is None else chains)
    links = defaultdict(list)
    for link in Link.objects.filter(chain__in=rows).order_by("order", "code"):
        links[link.chain_id].append(link)
    upstream = defaultdict(list)
    edges = Edge.objects.filter(chain__in=rows).values_list("downstream_id", "upstream__code")
    for downstream, code in edges.order_by("upstream__order", "upstream__code"):
        upstream[downstream].append(code)
    return tuple(
        core.Chain(
            id=chain.code,
            names=core.Names(chain.name_hant, chain.name, chain.name_en),
            links=tuple(core_link(link, upstream[link.pk]) for link in links[chain.pk]),
            kinds=tuple(chain.kinds),
        )
        for chain in rows
    )


def location_of(division_code: str | None) -> Location:
    """A headquarters division code (``43``, ``4301``, ``430102``) as a core location."""
    if not division_code:
        return Location()
    city = division_code[:4] if len(division_code) >= 4 else ""
    return Location(division_code[:2], city, "headquarters")


def directory_firms() -> dict[str, Firm]:
    """Every enterprise of the directory as an analysis firm (one query).

    A firm's region is its headquarters in the directory; a listed firm without one takes
    it from the core's hand-kept headquarters list (by six-digit stock code) when it is
    there (中联重科, 三一重工 … whose names carry no place), else it has no region.
    """
    fields = ("pk", "name", "short_name", "stock_code", "hq_division__code")
    rows = Organisation.objects.filter(kind__in=FIRM_KINDS).values_list(*fields)
    listed = shipped_headquarters()
    return {
        str(pk): Firm(
            str(pk),
            short or name,
            location_of(division or listed.get(stock_code(stock)) if stock else division),
            listed=bool(stock),
        )
        for pk, name, short, stock, division in rows
    }


def stored_placements(
    chains: Sequence[core.Chain] | None = None, *, evidence: bool = True
) -> list[CorePlacement]:
    """The stored placements (of `chains`' links when given) as core placements; without
    `evidence` (what counts and labels need) the JSON evidence is not read at all."""
    rows = Placement.objects.all()
    if chains is not None:
        rows = rows.filter(link__chain__code__in=[c.id for c in chains])
    fields = ("organisation_id", "link__chain__code", "link__code", "confidence", "scale")
    if not evidence:
        return [
            CorePlacement(str(firm), chain, link, confidence, scale, ())
            for firm, chain, link, confidence, scale in rows.values_list(*fields).iterator()
        ]
    return [
        CorePlacement(
            str(firm),
            chain,
            link,
            confidence,
            scale,
            tuple(Evidence(e["kind"], e["detail"], e.get("weight", 0.0)) for e in items),
        )
        for firm, chain, link, confidence, scale, items in rows.values_list(
            *fields, "evidence"
        ).iterator()
    ]


def analyse_region(
    region: Region, chains: Sequence[core.Chain] | None = None, *, evidence: bool = False
) -> Analysis:
    """Link strength of `chains` (default: all) in `region` over the stored placements.

    Target reasons need `evidence` (the link page); counts, labels and leaders do not.
    """
    chosen = core_chains() if chains is None else tuple(chains)
    return analyse(chosen, directory_firms(), stored_placements(chosen, evidence=evidence), region)
