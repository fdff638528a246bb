"""Between the database and the matching core: load in bulk, build the core's dataclasses.

Everything here reads; nothing writes. Rows are loaded with ``values()`` or
``select_related``/``prefetch_related`` (a fixed number of queries per
:data:`CHUNK` rows: ``IN`` lists are sliced so that 300,000 organisations stay
within the databases' parameter limits), turned into ``duijie_core.matching``
frozen dataclasses, and the fitted :class:`~duijie_core.matching.Matcher` is
cached per process, keyed by a data version (counts and latest ``updated_at`` of
what it was fitted on).

Mapping choices (constraints as data, see docs/matching.md "In the web app"):
mandate stages and project stages become round labels the core understands
(:data:`MANDATE_STAGE_ROUNDS`, :data:`PROJECT_STAGE_ROUNDS`); an organisation's
kind becomes "strategic" or "financial" (:data:`INVESTOR_KIND`); industries are
GB/T codes (a key industry stands for its GB/T codes); places are the reference
data's (Simplified) names so that the city → province table applies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import numpy as np
from django.db.models import Count, Max, Model, Prefetch, Q, prefetch_related_objects

from duijie.catalogue.amounts import amount_of
from duijie.catalogue.models import Project, Status
from duijie.directory.models import (
    INVESTOR_KINDS,
    Affiliation,
    BuyingNeed,
    FinancingEvent,
    Mandate,
    Organisation,
    OrganisationKind,
    Person,
    SchoolAttended,
    SupplyProduct,
)
from duijie.matchmaking.providers import met_organisations
from duijie.reference.models import AdminDivision, Edition
from duijie_core.matching import Deal, InvestorProfile, Matcher, ProjectQuery, Ties
from duijie_core.matching import Mandate as CoreMandate
from duijie_core.matching.history_checks import HistoryReport, check_history
from duijie_core.matching.produce import ProductName
from duijie_core.matching.ranker import LearnedRanker
from duijie_core.matching.suppliers import Buyer, Supplier
from duijie_core.matching.supply_fit import Offer
from duijie_core.matching.supply_price import PRICE_KINDS, PriceWanted, unit_price
from duijie_core.matching.taxonomy import (
    IndustryTaxonomy,
    default_taxonomy_path,
    load_region_parents,
    load_taxonomy,
)
from duijie_core.money import Amount, Money, MoneyRange, UnknownAmount
from duijie_core.text import normalise

MANDATE_STAGE_ROUNDS = {
    "seed": "天使轮",
    "early": "A轮",
    "growth": "B轮",
    "late": "Pre-IPO",
    "listed": "定增",
    "project": "B轮",
    "ma": "并购",
}
PROJECT_STAGE_ROUNDS = {
    "concept": "天使轮",
    "preparation": "A轮",
    "construction": "B轮",
    "operating": "C轮",
    "expansion": "D轮",
}
MERGER_ROUND = "并购"
INVESTOR_KIND = {
    OrganisationKind.CORPORATE: "strategic",
    OrganisationKind.VC_PE: "financial",
    OrganisationKind.BANK: "financial",
    OrganisationKind.FUND: "financial",
    OrganisationKind.FAMILY_OFFICE: "financial",
}
MATCHED_STATUSES = (Status.APPROVED, Status.PUBLISHED)
# Rows per ``IN (...)`` list: SQLite allows 250,000 parameters, PostgreSQL 65,535.
CHUNK = 10_000


def chunks[T](items: list[T], size: int = CHUNK) -> Iterable[list[T]]:
    """``items`` in slices of at most ``size`` (one slice for small data: same queries)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def prefetch_in_chunks[M: Model](objects: list[M], *lookups: str | Prefetch) -> list[M]:
    """``prefetch_related`` done slice by slice, so no ``IN`` list outgrows the database."""
    for part in chunks(objects):
        prefetch_related_objects(part, *lookups)
    return objects


@functools.cache
def taxonomy() -> IndustryTaxonomy:
    """The GB/T 4754 tree from the repository's CSV (read once per process)."""
    return load_taxonomy(default_taxonomy_path())


@functools.cache
def region_parents() -> dict[str, str]:
    """City → province names from the repository's place files (read once per process)."""
    return load_region_parents(default_taxonomy_path().parent)


def place_name(division: AdminDivision | None) -> str:
    """The reference name of a place ("" when unknown)."""
    return division.name if division is not None else ""


# --- ties ---------------------------------------------------------------------------------


def organisation_ties(org_ids: Iterable[int]) -> dict[int, Ties]:
    """Hometowns (city level) and schools of the people currently working at each organisation."""
    ids = sorted(set(org_ids))
    homes: dict[int, set[str]] = defaultdict(set)
    schools: dict[int, set[str]] = defaultdict(set)
    for part in chunks(ids):
        _add_hometowns(part, homes)
        _add_schools(part, schools)
    return {
        i: Ties(hometowns=tuple(sorted(homes[i])), schools=tuple(sorted(schools[i]))) for i in ids
    }


def _add_hometowns(ids: list[int], homes: dict[int, set[str]]) -> None:
    for row in Affiliation.objects.filter(organisation_id__in=ids, ended_on__isnull=True).values(
        "organisation_id",
        "person__hometown__name",
        "person__hometown__level",
        "person__hometown__parent__name",
    ):
        home = _hometown_city(row)
        if home:
            homes[row["organisation_id"]].add(home)


def _add_schools(ids: list[int], schools: dict[int, set[str]]) -> None:
    for row in SchoolAttended.objects.filter(
        person__affiliations__organisation_id__in=ids, person__affiliations__ended_on__isnull=True
    ).values("person__affiliations__organisation_id", "school"):
        schools[row["person__affiliations__organisation_id"]].add(row["school"])


def _hometown_city(row: dict[str, object]) -> str:
    """A county counts as its city (同為常德籍), a city or province as itself."""
    if row["person__hometown__level"] == 3 and row["person__hometown__parent__name"]:
        return str(row["person__hometown__parent__name"])
    return str(row["person__hometown__name"] or "")


# --- history and candidates ------------------------------------------------------------------


def event_amount(low: Decimal | None, high: Decimal | None, currency: str) -> Amount:
    """The core amount of a financing event's stored bounds (unknown when missing)."""
    if low is None or not currency:
        return UnknownAmount("")
    if high is not None and high != low:
        return MoneyRange(Money(low, currency), Money(high, currency))
    return Money(low, currency)


def load_history() -> list[Deal]:
    """Every dated financing event, with its investors (two queries per :data:`CHUNK` events)."""
    investors = Prefetch("investors", queryset=Organisation.objects.only("id", "name"))
    events = prefetch_in_chunks(
        list(
            FinancingEvent.objects.filter(occurred_on__isnull=False)
            .select_related("company")
            .order_by("occurred_on", "pk")
        ),
        investors,
    )
    return [
        Deal(
            date=e.occurred_on,
            company=e.company.name,
            investors=tuple(o.name for o in e.investors.all()),
            industry=e.industry,
            city=e.city,
            round=e.round,
            amount=event_amount(e.amount_low, e.amount_high, e.currency),
            description=e.headline,
            row=e.pk,
        )
        for e in events
    ]


HISTORY_EXAMPLES = 3
"""Events named per kind of problem in a run's history checks (the rest are counted)."""


def checked_history(today: dt.date) -> tuple[list[Deal], dict[str, dict[str, object]]]:
    """The financing events a run on ``today`` learns from, and what was left out or
    counted, by problem code (see :func:`history_checks`).

    :func:`~duijie_core.matching.history_checks.check_history` leaves out events dated
    after ``today`` and repeats of an earlier event, and counts events naming no
    investor. Investors are directory organisations, which the directory's entity
    resolution already keeps apart or merges: their names are not merged again
    (``spellings=False``; docs/matching.md "In the web app").
    """
    history = load_history()
    kept, report = check_history(history, today=today, source="directory", spellings=False)
    return kept, history_checks(history, report)


def history_checks(deals: list[Deal], report: HistoryReport) -> dict[str, dict[str, object]]:
    """``{code: {"count": n, "examples": [{"event", "company", "date"}, …]}}``: every
    problem of ``report`` counted by code, the first :data:`HISTORY_EXAMPLES` of one
    event named (a problem's ``row`` is the event's id)."""
    events = {d.row: d for d in deals}
    found: dict[str, dict[str, object]] = {}
    for problem in report.problems:
        entry = found.setdefault(problem.code, {"count": 0, "examples": []})
        entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
        examples = entry["examples"]
        assert isinstance(examples, list)
        event = events.get(int(problem.params.get("row", 0)))
        if event is not None and len(examples) < HISTORY_EXAMPLES:
            examples.append(
                {"event": event.row, "company": event.company, "date": event.date.isoformat()}
            )
    return found


def _mandate_prefetch() -> Prefetch:
    return Prefetch(
        "mandates",
        queryset=Mandate.objects.filter(is_active=True).prefetch_related(
            "industries", "key_industries__industries", "regions_wanted", "regions_excluded"
        ),
    )


def investor_organisations() -> list[Organisation]:
    """Investor organisations with their active mandates, all prefetched."""
    return prefetch_in_chunks(
        list(
            Organisation.objects.filter(kind__in=INVESTOR_KINDS)
            .select_related("hq_division")
            .order_by("pk")
        ),
        _mandate_prefetch(),
    )


def merged_mandate(mandates: list[Mandate]) -> CoreMandate:
    """One core mandate from an organisation's active mandates (union of what they accept)."""
    if not mandates:
        return CoreMandate()
    industries = {i.code for m in mandates for i in m.industries.all()}
    industries |= {
        i.code for m in mandates for k in m.key_industries.all() for i in k.industries.all()
    }
    low, high = _ticket_bounds(mandates)
    return CoreMandate(
        industries=tuple(sorted(industries)),
        ticket_min=low,
        ticket_max=high,
        regions=_names(r for m in mandates for r in m.regions_wanted.all()),
        excluded_regions=_names(r for m in mandates for r in m.regions_excluded.all()),
        stages=_unique(MANDATE_STAGE_ROUNDS.get(s, s) for m in mandates for s in m.stages),
        instruments=_unique(i for m in mandates for i in m.instruments),
    )


def _ticket_bounds(mandates: list[Mandate]) -> tuple[Money | None, Money | None]:
    """Smallest minimum, largest maximum; open if a mandate leaves it open or currencies differ."""
    if len({m.currency for m in mandates}) != 1:
        return None, None
    currency = mandates[0].currency
    lows = [m.ticket_min for m in mandates]
    highs = [m.ticket_max for m in mandates]
    low = None if None in lows else Money(min(v for v in lows if v is not None), currency)
    high = None if None in highs else Money(max(v for v in highs if v is not None), currency)
    return low, high


def _names(divisions: Iterable[AdminDivision]) -> tuple[str, ...]:
    return _unique(d.name for d in divisions)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def investor_profile(org: Organisation, ties: Ties) -> InvestorProfile:
    """The core profile of one investor organisation (mandates merged)."""
    mandates = list(org.mandates.all())
    thesis = " ".join(t for t in [*(m.thesis for m in mandates), org.description] if t)
    return InvestorProfile(
        name=org.name,
        kind=INVESTOR_KIND.get(org.kind, ""),
        location=place_name(org.hq_division),
        currencies=_unique(m.currency for m in mandates),
        thesis=thesis,
        mandate=merged_mandate(mandates),
        ties=ties,
    )


@dataclass(frozen=True)
class Candidates:
    """The profiles given to the matcher and the organisation behind each normalised name."""

    profiles: tuple[InvestorProfile, ...]
    organisation_ids: dict[str, int]


def load_candidates() -> Candidates:
    """Investor profiles plus the name → organisation map (history investors included)."""
    orgs = investor_organisations()
    ties = organisation_ties(o.pk for o in orgs)
    profiles = tuple(investor_profile(o, ties[o.pk]) for o in orgs)
    ids: dict[str, int] = {}
    through = FinancingEvent.investors.through
    for pk, name in through.objects.values_list("organisation_id", "organisation__name"):
        ids.setdefault(normalise(name), pk)
    for org in orgs:
        ids[normalise(org.name)] = org.pk
    return Candidates(profiles, ids)


# --- projects ----------------------------------------------------------------------------


def project_industry(project: Project) -> str:
    """The project's GB/T code, else the broadest code of its key industry, else ""."""
    if project.industry is not None:
        return project.industry.code
    if project.key_industry is None:
        return ""
    codes = [i.code for i in project.key_industry.industries.all()]
    return min(codes, key=lambda c: (len(c), c)) if codes else ""


def project_round(project: Project) -> str:
    """A round label the core understands, from the project's stage or instrument."""
    if project.instrument == "merger":
        return MERGER_ROUND
    return PROJECT_STAGE_ROUNDS.get(project.stage, "")


def project_text(project: Project) -> str:
    """Name and descriptions in one script (the core folds scripts for matching)."""
    for suffix in ("hans", "hant", "en"):
        parts = [getattr(project, f"{stem}_{suffix}") for stem in ("name", "technology", "market")]
        if any(parts):
            return " ".join(p for p in parts if p)
    return ""


PROJECT_RELATED = ("owner_organisation", "industry", "key_industry", "city")


def matched_projects(edition: Edition) -> list[Project]:
    """The edition's approved and published projects, with what the queries need."""
    found = Project.objects.filter(edition=edition, status__in=MATCHED_STATUSES)
    return list(
        found.select_related(*PROJECT_RELATED)
        .prefetch_related("key_industry__industries")
        .order_by("pk")
    )


def projects_by_id(ids: Iterable[int]) -> list[Project]:
    """Projects with what the queries need, whatever their edition or state."""
    found = Project.objects.filter(pk__in=list(ids)).select_related(*PROJECT_RELATED)
    return list(found.prefetch_related("key_industry__industries").order_by("pk"))


def project_query(project: Project, today: dt.date, ties: Ties) -> ProjectQuery:
    """The core query of one project."""
    owner = project.owner_organisation
    return ProjectQuery(
        id=str(project.pk),
        date=today,
        company=owner.name if owner is not None else "",
        industry=project_industry(project),
        city=place_name(project.city),
        round=project_round(project),
        amount=amount_of(project, "financing"),
        description=project_text(project),
        instrument=project.instrument,
        ties=ties,
    )


def queries_for(
    projects: list[Project], today: dt.date, edition: Edition | None = None
) -> list[ProjectQuery]:
    """The queries of ``projects``, with their owners' ties and trade-week meetings."""
    owners = [p.owner_organisation_id for p in projects if p.owner_organisation_id]
    ties = organisation_ties(owners)
    met = met_organisations(edition)
    queries = []
    for project in projects:
        own = ties.get(project.owner_organisation_id or 0, Ties())
        seen = tuple(sorted(met.get(project.owner_organisation_id or 0, ())))
        queries.append(project_query(project, today, Ties(own.hometowns, own.schools, seen)))
    return queries


def load_queries(edition: Edition, today: dt.date) -> tuple[list[Project], list[ProjectQuery]]:
    """The edition's matched projects and their queries."""
    projects = matched_projects(edition)
    return projects, queries_for(projects, today, edition)


# --- buyers and suppliers ------------------------------------------------------------------


def need_volume(need: BuyingNeed) -> float | None:
    """The volume a month: as stated, else the annual volume spread over the months bought."""
    if need.monthly_volume is not None:
        return float(need.monthly_volume)
    if need.annual_volume is None:
        return None
    return float(need.annual_volume) / (len(need.seasons) or 12)


def buyer_of(need: BuyingNeed) -> Buyer:
    """The core's buyer of one need; the market is its first delivery region, else its HQ."""
    markets = list(need.delivery_regions.all())
    hours = need.max_delivery_hours
    return Buyer(
        id=str(need.pk),
        name=need.organisation.name,
        city=place_name(need.organisation.hq_division),
        needs=";".join([*need.product_categories] or [need.title]),
        volume=need_volume(need),
        required_certifications=tuple(need.certifications_required),
        unit=need.volume_unit or "t",
        months=tuple(int(m) for m in need.seasons),
        max_delivery_hours=float(hours) if hours is not None else None,
        cold_chain=need.needs_cold_chain,
        market=place_name(markets[0] if markets else need.organisation.hq_division),
        market_label=division_names(markets[0] if markets else need.organisation.hq_division),
        price=price_wanted(need),
    )


def price_wanted(need: BuyingNeed) -> PriceWanted | None:
    """The need's target or maximum price per unit (``None`` when it states none)."""
    if need.price is None or not need.price_currency:
        return None
    kind = need.price_kind if need.price_kind in PRICE_KINDS else "max"
    return PriceWanted(Money(need.price, need.price_currency), need.price_unit or "kg", kind)


def division_names(division: AdminDivision | None) -> ProductName | None:
    """A place's names in the three languages (for reasons)."""
    if division is None:
        return None
    return ProductName(division.name_hant or division.name, division.name, division.name_en)


def load_buyers() -> tuple[list[Buyer], dict[str, int]]:
    """Active buying needs of buyer organisations; ``id`` is the need's pk."""
    needs = (
        BuyingNeed.objects.filter(is_active=True, organisation__kind=OrganisationKind.BUYER)
        .select_related("organisation__hq_division")
        .prefetch_related("delivery_regions")
        .order_by("pk")
    )
    buyers = [buyer_of(need) for need in needs]
    return buyers, {b.id: n.organisation_id for b, n in zip(buyers, needs, strict=True)}


def offer_of(product: SupplyProduct) -> Offer:
    """The core's offer of one product supplied."""
    volume = float(product.monthly_volume) if product.monthly_volume is not None else None
    name = ProductName(product.name, product.name_hans, product.name_en)
    price = unit_price(
        product.price_low, product.price_high, product.price_currency, product.price_unit
    )
    return Offer(name, tuple(int(m) for m in product.months), volume, product.unit, price)


def supplier_of(org: Organisation) -> Supplier:
    """The core's supplier: its active products, terms and delivery times."""
    profile = getattr(org, "supplier_profile", None)
    return Supplier(
        name=org.name,
        city=place_name(org.hq_division),
        products="",
        capacity=None,
        certifications=tuple(profile.certifications) if profile is not None else (),
        offers=tuple(offer_of(p) for p in org.supply_products.all() if p.is_active),
        cold_chain=profile.cold_chain if profile is not None else False,
        delivery_hours=tuple(
            (place_name(d.market), float(d.hours)) for d in org.delivery_times.all()
        ),
    )


def load_suppliers() -> tuple[list[Supplier], dict[str, int]]:
    """Supplier organisations with at least one product (four queries)."""
    orgs = (
        Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, supply_products__isnull=False)
        .distinct()
        .select_related("hq_division", "supplier_profile")
        .prefetch_related("supply_products", "delivery_times__market")
        .order_by("pk")
    )
    suppliers = [supplier_of(org) for org in orgs]
    return suppliers, {s.name: o.pk for s, o in zip(suppliers, orgs, strict=True)}


# --- the fitted matcher, cached per data version -------------------------------------------


def data_version() -> tuple[object, ...]:
    """What the matcher was fitted on: counts and latest changes (a few aggregate queries)."""
    stamp = {"n": Count("id"), "t": Max("updated_at")}
    return (
        tuple(Organisation.objects.aggregate(**stamp).values()),
        tuple(Mandate.objects.aggregate(**stamp).values()),
        tuple(Person.objects.aggregate(**stamp).values()),
        tuple(
            FinancingEvent.objects.aggregate(
                n=Count("id", distinct=True), links=Count("investors")
            ).values()
        ),
        Affiliation.objects.filter(Q(ended_on__isnull=True)).count(),
        SchoolAttended.objects.count(),
    )


@dataclass(frozen=True)
class Fitted:
    """A fitted matcher, the organisation behind each candidate, and (for runs) the
    learned ranker trained on the deals before the run's date, whose matcher it is."""

    matcher: Matcher
    organisation_ids: dict[str, int]
    ranker: LearnedRanker | None = None
    deals: int = 0
    # What the history checks left out or counted (``checked_history``); empty unchecked.
    history: dict[str, dict[str, object]] = dataclasses.field(default_factory=dict)

    def organisation_of(self, name: str) -> int | None:
        return self.organisation_ids.get(normalise(name))

    @cached_property
    def candidate_organisations(self) -> np.ndarray:
        """The organisation id behind each candidate, by candidate index (-1 for none)."""
        found = (self.organisation_of(c.name) for c in self.matcher.candidates_)
        return np.array([-1 if o is None else o for o in found], dtype=np.int64)


_CACHE: dict[tuple[object, ...], Fitted] = {}
CACHE_SIZE = 2
# Stage 1 of the learned ranker keeps this many candidates per project at least: the
# web run's pools (``runner.POOL_FACTOR`` × 20 suggestions) come from them.
RANKER_CANDIDATES = 400


def fitted_matcher(
    *,
    weights: dict[str, float] | None = None,
    top_k: int = 20,
    ranker_before: dt.date | None = None,
    today: dt.date | None = None,
) -> Fitted:
    """The matcher fitted on the current directory; reused while the data version holds.

    With ``today`` (a run's date) the history is checked first (:func:`checked_history`:
    events dated after it and repeated events left out) and the result's ``history``
    says what was left out; without it every dated event is used.

    With ``ranker_before`` (a run's date), the :class:`LearnedRanker` is also trained,
    on the financing events dated before it (rolling time splits inside them, see
    docs/matching.md "Learned ranker"); its fitted matcher serves as the matcher, so the
    directory is fitted once. A ranker is reused for the same date and data version.
    """
    version = tuple(str(v) for v in data_version())
    key = (version, tuple(sorted((weights or {}).items())), top_k, today)
    found = _CACHE.get(key)
    wanted_ranker = ranker_before is not None and (
        found is None or found.ranker is None or found.ranker.train_before != ranker_before
    )
    if found is None or wanted_ranker:
        candidates = load_candidates()
        history, checks = checked_history(today) if today is not None else (load_history(), {})
        matcher = Matcher(
            weights=weights, top_k=top_k, taxonomy=taxonomy(), region_parents=region_parents()
        )
        ranker = None
        if ranker_before is not None:
            ranker = LearnedRanker(
                matcher,
                top_k=top_k,
                n_candidates=max(RANKER_CANDIDATES, top_k * 20),
                train_before=ranker_before,
            ).fit(history, candidates.profiles)
            matcher = ranker.matcher_
        else:
            matcher.fit(history, candidates.profiles)
        _CACHE.pop(key, None)
        while len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        before = ranker_before or dt.date.max
        deals = sum(1 for d in history if d.date < before)
        found = _CACHE[key] = Fitted(matcher, candidates.organisation_ids, ranker, deals, checks)
    if ranker_before is None and found.ranker is not None:
        return without_ranker(found)
    return found


def without_ranker(fitted: Fitted) -> Fitted:
    """The same fitted matcher, without the ranker (what asking for the matcher alone gets)."""
    plain = dataclasses.replace(fitted, ranker=None)
    if "candidate_organisations" in fitted.__dict__:  # computed once per fit
        plain.__dict__["candidate_organisations"] = fitted.candidate_organisations
    return plain


def clear_cache() -> None:
    """Forget fitted matchers (tests, or after a bulk import)."""
    _CACHE.clear()
