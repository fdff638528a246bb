"""Plain factory functions for matchmaking tests: a small, fully known world."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.tasks import TaskResultStatus

from duijie.accounts.models import User
from duijie.catalogue.amounts import amount_columns
from duijie.catalogue.models import Project, Status
from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import (
    Affiliation,
    BuyingNeed,
    FinancingEvent,
    IntroductionPath,
    Mandate,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    SupplierProfile,
    SupplyProduct,
)
from duijie.directory.services import fill_person_keys
from duijie.matchmaking.models import MatchRun, Recommendation, Side
from duijie.reference.models import AdminDivision, KeyIndustry
from duijie_core.money import Money

_numbers = itertools.count(1)
TODAY = dt.date(2025, 5, 1)


def user(role: str, name: str = "") -> User:
    number = next(_numbers)
    return User.objects.create_user(
        f"mm{number}@example.test", None, role=role, name=name or f"mm{number}"
    )


def organisation(name: str, kind: str = OrganisationKind.ENTERPRISE, **fields: Any) -> Organisation:
    org = Organisation(name=name, kind=kind, **fields)
    fill_organisation_keys(org)
    org.save()
    return org


def investor(
    name: str, *, instruments: tuple[str, ...] = ("equity",), **fields: Any
) -> Organisation:
    """An investor with one mandate: new energy, CNY 10M–500M, Hunan, growth, ``instruments``."""
    org = organisation(
        name, OrganisationKind.VC_PE, hq_division=AdminDivision.objects.get(code="81")
    )
    mandate = Mandate.objects.create(
        organisation=org,
        ticket_min=Decimal(10_000_000),
        ticket_max=Decimal(500_000_000),
        currency="CNY",
        stages=["growth"],
        instruments=list(instruments),
        thesis="新能源 儲能電池",
        **fields,
    )
    mandate.key_industries.set([KeyIndustry.objects.get(code="new-energy")])
    mandate.regions_wanted.set([AdminDivision.objects.get(code="43")])
    return org


def project(
    edition, owner: Organisation | None, *, status: str = Status.PUBLISHED, **values: Any
) -> Project:  # type: ignore[no-untyped-def]
    number = next(_numbers)
    fields: dict[str, Any] = {
        "edition": edition,
        "code": f"M{number:04d}",
        "owner_organisation": owner,
        "name_hant": f"長沙儲能電池項目{number}",
        "name_hans": f"长沙储能电池项目{number}",
        "key_industry": KeyIndustry.objects.get(code="new-energy"),
        "city": AdminDivision.objects.get(code="4301"),
        "province": AdminDivision.objects.get(code="43"),
        "instrument": "equity",
        "stage": "construction",
        "status": status,
        **amount_columns("financing", Money(Decimal(50_000_000), "CNY")),
        **values,
    }
    return Project.objects.create(**fields)


def financing_event(
    company: Organisation, investors: list[Organisation], on: dt.date
) -> FinancingEvent:
    event = FinancingEvent.objects.create(
        company=company,
        headline=f"{company.name}完成A輪融資",
        occurred_on=on,
        round="A輪",
        amount_text="3000萬人民幣",
        amount_low=Decimal(30_000_000),
        amount_high=Decimal(30_000_000),
        currency="CNY",
        event_key=f"mm-{next(_numbers)}",
    )
    event.investors.set(investors)
    return event


def person(name: str, hometown: str = "430703") -> Person:
    found = Person(name=name, hometown=AdminDivision.objects.get(code=hometown))
    fill_person_keys(found)
    found.save()
    return found


@dataclass
class World:
    """The small world most tests share."""

    edition: Any
    owner_org: Organisation
    project: Project
    draft: Project
    lead: Organisation
    debt_only: Organisation
    buyer: Organisation
    supplier: Organisation
    owner: User
    investor_user: User
    buyer_user: User
    introducer: Person


def small_world(edition) -> World:  # type: ignore[no-untyped-def]
    """Two investors (one only lends), one owner with a published and a draft project,
    a past deal of the lead investor in the owner, one buyer and one supplier."""
    owner_org = organisation("湖南星沙儲能科技有限公司")
    lead = investor("香港維港創投")
    debt_only = investor("深圳湘江銀行", instruments=("debt",))
    financing_event(owner_org, [lead], dt.date(2023, 3, 1))
    owner = user("project_owner", "owner")
    published = project(edition, owner_org, owner_user=owner)
    draft = project(edition, owner_org, status=Status.DRAFT, owner_user=owner)
    buyer = organisation("香港紫荊超市", OrganisationKind.BUYER)
    BuyingNeed.objects.create(
        organisation=buyer,
        product_categories=["臍橙"],
        annual_volume=Decimal(500),
        certifications_required=["GAP"],
    )
    supplier = organisation("永州臍橙農業有限公司", OrganisationKind.SUPPLIER)
    SupplierProfile.objects.create(organisation=supplier, certifications=["gap"])
    SupplyProduct.objects.create(
        organisation=supplier,
        name="臍橙",
        name_hans="脐橙",
        name_en="navel oranges",
        months=[11, 12, 1, 2],
        monthly_volume=Decimal(100),
    )
    investor_user, buyer_user = user("investor", "inv"), user("investor", "buy")
    Membership.objects.create(user=investor_user, organisation=lead)
    Membership.objects.create(user=buyer_user, organisation=buyer)
    introducer = person("王偉")
    Affiliation.objects.create(person=introducer, organisation=lead, organisation_name=lead.name)
    IntroductionPath.objects.create(person=introducer, organisation=lead, relationship="同鄉")
    return World(
        edition,
        owner_org,
        published,
        draft,
        lead,
        debt_only,
        buyer,
        supplier,
        owner,
        investor_user,
        buyer_user,
        introducer,
    )


def run_with(edition, rows: list[dict[str, Any]]) -> MatchRun:  # type: ignore[no-untyped-def]
    """A finished run holding exactly ``rows`` (fields of Recommendation)."""
    run = MatchRun.objects.create(
        edition=edition,
        status=TaskResultStatus.SUCCESSFUL,
        params={"top": 20},
        loads=[{"name": "甲", "before": 3, "after": 2}],
    )
    for rank, row in enumerate(rows, 1):
        Recommendation.objects.create(
            run=run,
            rank=rank,
            score=0.5,
            candidate_name=row.pop("candidate_name", "甲"),
            reasons=row.pop("reasons", [reason("popular", 活躍="x")]),
            side=row.pop("side", Side.PROJECT_INVESTOR),
            **row,
        )
    return run


def reason(code: str, **_ignored: Any) -> dict[str, Any]:
    return {
        "code": code,
        "params": {},
        "texts": {"zh-Hant": f"理由{code}", "zh-Hans": f"理由{code}", "en": f"reason {code}"},
    }


@dataclass
class HistoryWorld:
    """A deal history the learned ranker learns from, and projects of companies in it."""

    edition: Any
    investors: list[Organisation]
    projects: list[Project]
    deals: int


def history_world(edition, *, n_investors: int = 40, n_companies: int = 150, seed: int = 2):  # type: ignore[no-untyped-def]
    """The core's generated history (investors with hidden tastes, follow-on 0.4) as
    financing events, and one published project for each of three companies that
    already raised a round (so the history knows comparable deals)."""
    from duijie_core.matching.datasets import synthetic_history

    deals = synthetic_history(n_investors=n_investors, n_companies=n_companies, seed=seed)
    names = sorted({n for d in deals for n in d.investors})
    investors = {n: organisation(n, OrganisationKind.VC_PE) for n in names}
    companies = {c: organisation(c) for c in sorted({d.company for d in deals})}
    for d in deals:
        amount = d.amount.amount  # type: ignore[union-attr]  # generated: always Money
        event = FinancingEvent.objects.create(
            company=companies[d.company],
            headline=d.description,
            occurred_on=d.date,
            round=d.round,
            industry=d.industry,
            city=d.city,
            amount_low=amount,
            amount_high=amount,
            currency="CNY",
            event_key=f"mm-{next(_numbers)}",
        )
        event.investors.set([investors[n] for n in d.investors])
    owners = [companies[d.company] for d in deals[-3:]]
    projects = [project(edition, owner, stage="operating") for owner in owners]
    return HistoryWorld(edition, list(investors.values()), projects, len(deals))
