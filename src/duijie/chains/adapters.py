"""Between the database and the pure chain analysis (``duijie_core.chains``).

Everything is loaded in bulk, handed to the core once, and nothing here writes. Firms are
the directory's organisations keyed by their primary key as text; a firm's region is its
headquarters division (province or city; a county counts for its city and province).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Count, QuerySet, Value, When

from duijie.chains.cache import analysis_key, kept, kept_only
from duijie.chains.models import Chain, Edge, Link, Placement, PlacementStatus
from duijie.directory.models import FinancingEvent, Organisation, OrganisationKind
from duijie.pipeline.models import Deal
from duijie.reference.models import AdminDivision
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
from duijie_core.chains.strength import (
    STRONG,
    Analysis,
    Candidate,
    Census,
    Firm,
    Tally,
    Thresholds,
    analyse,
    assemble,
    link_labels,
    locality,
)
from duijie_core.chains.trend import FINANCING, LEAD, Event, Listed, Year, listed_by_year, yearly

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

    Only numbers are read in bulk: the firm totals grouped by headquarters division in the
    database, and one row of four numbers and a division per placement of `chains`. A firm
    becomes a core object only when it may be a leader or a target (the best few of each
    link by the core's own ranking keys, ties included); the core's
    :func:`~duijie_core.chains.strength.assemble` ranks them and makes the analysis.
    Target reasons need `evidence` (the link page); counts, labels and leaders do not.
    """
    chosen = core_chains() if chains is None else tuple(chains)
    return _Counted(region, chosen, confirmed).analysis(evidence=evidence)


def analyse_loaded(
    region: Region,
    chains: Sequence[core.Chain] | None = None,
    *,
    evidence: bool = False,
    confirmed: bool = False,
) -> Analysis:
    """:func:`analyse_region` the long way, as the command line does it: every firm and
    every placement loaded and handed to the core's :func:`analyse`. The reference the
    database path is checked against (tests, ``scripts/bench_chains_web.py``)."""
    chosen = core_chains() if chains is None else tuple(chains)
    placed = stored_placements(chosen, evidence=evidence, confirmed=confirmed)
    return analyse(chosen, directory_firms(), placed, region)


_NO_FIRM = object()


class _Counted:
    """One analysis made in the database (see :func:`analyse_region`)."""

    def __init__(self, region: Region, chains: Sequence[core.Chain], confirmed: bool) -> None:
        self.region, self.chains, self.confirmed = region, chains, confirmed
        self.local: dict[str | None, bool | None] = {None: None}

    def decide(self, code: str | None) -> bool | None:
        """Whether a division code is in the region (None: cannot be told), once per code."""
        if code not in self.local:
            self.local[code] = locality(location_of(code), self.region)
        return self.local[code]

    def analysis(self, *, evidence: bool) -> Analysis:
        codes = dict(AdminDivision.objects.values_list("pk", "code"))
        listed = listed_headquarters()
        # One scan of the firms: counts by headquarters division, and for firms without one
        # by stock code (a listed firm may be placed by the hand-kept list).
        stock = Case(When(hq_division=None, then="stock_code"), default=Value(""))
        grouped = Organisation.objects.filter(kind__in=FIRM_KINDS).values_list("hq_division", stock)
        firms = known = inside = 0
        spelt: list[str] = []  # stock codes, as written, of firms the hand-kept list places
        for division, code, n in grouped.annotate(n=Count("pk")).order_by():
            found = codes[division] if division else listed.get(stock_code(code))
            if found and not division:
                spelt.append(code)
            value = self.decide(found)
            firms, known, inside = (
                firms + n,
                known + n * (value is not None),
                inside + n * bool(value),
            )
        fallback = {
            pk: listed[stock_code(code)]
            for pk, code in Organisation.objects.filter(
                kind__in=FIRM_KINDS, hq_division=None, stock_code__in=spelt
            ).values_list("pk", "stock_code")
        }
        links = {
            pk: (chain, link)
            for pk, chain, link in Link.objects.filter(
                chain__code__in=[c.id for c in self.chains]
            ).values_list("pk", "chain__code", "code")
        }
        placed = Placement.objects.filter(link__in=list(links), organisation__kind__in=FIRM_KINDS)
        if self.confirmed:
            placed = placed.filter(status=PlacementStatus.CONFIRMED)
        fields = ("organisation_id", "link_id", "confidence", "scale",
                  "organisation__hq_division_id", "organisation__stock_code")  # fmt: skip
        rows = _fetch(placed.values_list(*fields))
        tallies: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        members: dict[str, set[int]] = defaultdict(set)
        local_rows: dict[int, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
        outside_rows: dict[int, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
        where: dict[int, str | None] = {}
        for row in rows:
            firm, link, _confidence, _scale, division, _stock = row
            code = codes[division] if division else fallback.get(firm)
            value = self.decide(code)
            where[firm] = code
            tally = tallies[link]
            tally[2] += 1
            if value is not None:
                tally[1] += 1
                (local_rows if value else outside_rows)[link].append(row)
            if value:
                tally[0] += 1
            members[links[link][0]].add(firm)
        chain_tallies = {}
        for chain, firms_on in members.items():
            values = [self.decide(where[f]) for f in firms_on]
            chain_tallies[chain] = Tally(
                sum(1 for v in values if v), sum(1 for v in values if v is not None), len(values)
            )
        census = Census(
            firms=firms,
            local_firms=inside,
            known_firms=known,
            placed_firms=len(where),
            links={links[pk]: Tally(*tally) for pk, tally in tallies.items()},
            chains=chain_tallies,
        )
        labels = link_labels(self.chains, census)
        t = Thresholds()
        leaders = {
            links[pk]: _best(found, t.leaders, lambda r: (r[2], r[3], bool(r[5])))
            for pk, found in local_rows.items()
        }
        targets = {
            links[pk]: _best(found, t.targets,
                             lambda r: t.fit * r[2] + t.scale * r[3] + t.listed * bool(r[5]))
            for pk, found in outside_rows.items()
            if labels[links[pk]] != STRONG
        }  # fmt: skip
        return assemble(
            self.chains,
            census,
            self.region,
            leaders=self.candidates(leaders, links, where, evidence=False),
            targets=self.candidates(targets, links, where, evidence=evidence),
        )

    def candidates(
        self,
        chosen: dict[tuple[str, str], list[tuple]],  # type: ignore[type-arg]
        links: dict[int, tuple[str, str]],
        where: dict[int, str | None],
        *,
        evidence: bool,
    ) -> dict[tuple[str, str], list[Candidate]]:
        """The chosen rows as core placements and firms (names and evidence read for them
        only)."""
        pks = {row[0] for found in chosen.values() for row in found}
        names = {
            pk: short or name
            for pk, name, short in Organisation.objects.filter(pk__in=pks).values_list(
                "pk", "name", "short_name"
            )
        }
        items: dict[tuple[int, int], list[dict[str, Any]]] = {}
        if evidence and pks:
            link_pks = {row[1] for found in chosen.values() for row in found}
            items = {
                (firm, link): found
                for firm, link, found in Placement.objects.filter(
                    organisation__in=pks, link__in=link_pks
                ).values_list("organisation_id", "link_id", "evidence")
            }
        result: dict[tuple[str, str], list[Candidate]] = {}
        for key, found in chosen.items():
            result[key] = []
            for firm, link, confidence, scale, _division, stock in found:
                proofs = tuple(
                    Evidence(e["kind"], e["detail"], e.get("weight", 0.0))
                    for e in items.get((firm, link), ())
                )
                placement = CorePlacement(str(firm), *key, confidence, scale, proofs)
                located = location_of(where[firm])
                result[key].append((placement, Firm(str(firm), names[firm], located, bool(stock))))
        return result


def _fetch(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query as the database driver gives them (no per-row
    work by the ORM: the columns are numbers and plain text); none for a query that can
    match nothing (``IN ()``: no chain, no link), which Django refuses to write as SQL."""
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _best(rows: list[tuple], count: int, key: Callable[[tuple], Any]) -> list[tuple]:  # type: ignore[type-arg]
    """The `count` best rows by `key` and every row tied with the last of them (the core
    breaks ties by firm code, which it alone ranks)."""
    if len(rows) <= count:
        return rows
    keys = [key(row) for row in rows]
    last = heapq.nlargest(count, keys)[-1]
    return [row for row, value in zip(rows, keys, strict=True) if value >= last]


def kept_analysis(
    region: Region,
    chains: Sequence[core.Chain] | None = None,
    *,
    evidence: bool = False,
    confirmed: bool = False,
) -> Analysis:
    """:func:`analyse_region`, kept between requests for the current data version.

    Without `evidence` every chain is analysed once and kept (one chain's numbers do not
    depend on the others), so the chain list, each chain map and the dashboard share it;
    when that whole analysis is not kept for the current version (the first view after a
    change), a page asking for some chains makes and keeps only those.
    """
    if evidence:
        key = analysis_key(region, chains, evidence=True, confirmed=confirmed)
        return kept(key, lambda: analyse_region(region, chains, evidence=True, confirmed=confirmed))
    key = analysis_key(region, None, evidence=False, confirmed=confirmed)
    if chains is None:
        return kept(key, lambda: analyse_region(region, confirmed=confirmed))
    whole, version = kept_only(key)
    if whole is None:  # the first view after a change: only the chains asked for are made
        key = analysis_key(region, chains, evidence=False, confirmed=confirmed)
        return kept(key, lambda: analyse_region(region, chains, confirmed=confirmed), version)
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


@dataclass(frozen=True)
class Listings:
    """Firms on a link by year from their listing dates, and the firms without one."""

    years: tuple[Listed, ...]
    firms: int  # every firm on the link
    undated: int  # firms on the link without a listing date (unlisted, or date unknown)


def link_listings(
    link: Link, region: Region, *, first: int, last: int, confirmed: bool = False
) -> Listings:
    """Listed firms on `link` by the end of each year from `first` to `last` (local,
    elsewhere, no known region) from the directory's listing dates (one query)."""
    listed = listed_headquarters()
    placed = Placement.objects.filter(link=link, organisation__kind__in=FIRM_KINDS)
    if confirmed:
        placed = placed.filter(status=PlacementStatus.CONFIRMED)
    rows = placed.values_list(
        "organisation__listed_on", "organisation__hq_division__code", "organisation__stock_code"
    )
    dated, firms = [], 0
    for day, division, stock in rows.iterator():
        firms += 1
        if day is not None:
            dated.append((day.year, _locality(division, stock, listed, region)))
    return Listings(listed_by_year(dated, first=first, last=last), firms, firms - len(dated))


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
