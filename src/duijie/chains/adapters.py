"""Between the database and the pure chain analysis (``duijie_core.chains``).

Everything is loaded in bulk, handed to the core once, and nothing here writes. Firms are
the directory's organisations keyed by their primary key as text; a firm's region is its
headquarters division (province or city; a county counts for its city and province).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from duijie.chains.cache import analysis_key, kept
from duijie.chains.models import Chain, Edge, Link, Placement, PlacementStatus
from duijie.directory.models import FinancingEvent, Organisation, OrganisationKind
from duijie.pipeline.models import Deal
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
from duijie_core.chains.strength import Analysis, Firm, analyse, locality
from duijie_core.chains.trend import FINANCING, LEAD, Event, Year, yearly

HOME_REGION = "430000"  # Hunan: the agency's own province

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


@cache
def location_of(division_code: str | None) -> Location:
    """A headquarters division code (``43``, ``4301``, ``430102``) as a core location (one
    frozen value per code: 105,000 firms share a few hundred)."""
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
    listed = listed_headquarters()
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
    chains: Sequence[core.Chain] | None = None, *, evidence: bool = True, confirmed: bool = False
) -> list[CorePlacement]:
    """The stored placements (of `chains`' links when given; only staff-confirmed ones with
    `confirmed`) as core placements; without `evidence` (what counts and labels need) the
    JSON evidence is not read at all."""
    rows = Placement.objects.all()
    if confirmed:
        rows = rows.filter(status=PlacementStatus.CONFIRMED)
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
    region: Region,
    chains: Sequence[core.Chain] | None = None,
    *,
    evidence: bool = False,
    confirmed: bool = False,
) -> Analysis:
    """Link strength of `chains` (default: all) in `region` over the stored placements
    (only staff-confirmed ones with `confirmed`), made afresh from the database.

    Target reasons need `evidence` (the link page); counts, labels and leaders do not.
    """
    chosen = core_chains() if chains is None else tuple(chains)
    placed = stored_placements(chosen, evidence=evidence, confirmed=confirmed)
    return analyse(chosen, directory_firms(), placed, region)


def kept_analysis(
    region: Region,
    chains: Sequence[core.Chain] | None = None,
    *,
    evidence: bool = False,
    confirmed: bool = False,
) -> Analysis:
    """:func:`analyse_region`, kept between requests for the current data version.

    Without `evidence` every chain is analysed once and kept (one chain's numbers do not
    depend on the others), so the chain list, each chain map and the dashboard share it.
    """
    if evidence:
        key = analysis_key(region, chains, evidence=True, confirmed=confirmed)
        return kept(key, lambda: analyse_region(region, chains, evidence=True, confirmed=confirmed))
    key = analysis_key(region, None, evidence=False, confirmed=confirmed)
    whole = kept(key, lambda: analyse_region(region, confirmed=confirmed))
    if chains is None:
        return whole
    wanted = {chain.id for chain in chains}
    return replace(whole, chains=tuple(c for c in whole.chains if c.chain in wanted))


def link_trends(
    chain: Chain, region: Region, *, first: int, last: int
) -> dict[str, tuple[Year, ...]]:
    """Each link's trend in `region` from `first` to `last`: financing rounds and pipeline
    leads of the firms placed on it, by year (two queries, joined in the database)."""
    listed = listed_headquarters()
    events: dict[str, list[Event]] = defaultdict(list)
    placed = "chain_placements__link"
    rounds = FinancingEvent.objects.filter(
        **{f"company__{placed}__chain": chain}, occurred_on__year__gte=first
    ).values_list(f"company__{placed}__code", "occurred_on", "company__hq_division__code",
                  "company__stock_code")  # fmt: skip
    for link, day, division, stock in rounds.iterator():
        local = _locality(division, stock, listed, region)
        events[link].append(Event(FINANCING, day.year, local))
    leads = Deal.objects.filter(
        **{f"enterprise__{placed}__chain": chain}, opened_on__year__gte=first
    ).values_list(f"enterprise__{placed}__code", "opened_on", "enterprise__hq_division__code",
                  "enterprise__stock_code")  # fmt: skip
    for link, day, division, stock in leads.iterator():
        events[link].append(Event(LEAD, day.year, _locality(division, stock, listed, region)))
    codes = Link.objects.filter(chain=chain).values_list("code", flat=True)
    return {code: yearly(events[code], first=first, last=last) for code in codes}


@cache
def listed_headquarters() -> dict[str, str]:
    """The core's hand-kept headquarters list (stock code → division), read once."""
    return shipped_headquarters()


def firm_locality(organisation: Organisation, region: Region) -> bool | None:
    """Whether a firm is headquartered in `region` as the analysis decides (None: cannot be
    told), from its own row (``hq_division`` selected with it): no other firm is read."""
    division = organisation.hq_division.code if organisation.hq_division else None
    return _locality(division, organisation.stock_code, listed_headquarters(), region)


def _locality(
    division: str | None, stock: str, listed: dict[str, str], region: Region
) -> bool | None:
    code = division or (listed.get(stock_code(stock)) if stock else None)
    return locality(location_of(code), region)
