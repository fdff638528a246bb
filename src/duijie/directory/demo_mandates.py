"""Demo investment mandates: realistic and varied, so that most demo projects find investors.

Instruments follow the kind of investor (VC/PE equity, banks debt and PPP, corporates joint
ventures and M&A …); tickets are at least a decade wide and cover the demo projects'
financing; regions are Hunan, Hunan plus Guangdong or Hong Kong, or anywhere; industries
are drawn from the 10 key industries. Deterministic from ``rng``; called by
:func:`duijie.directory.demo.populate`.
"""

from __future__ import annotations

import random
from decimal import Decimal

from duijie.directory.models import Mandate, Organisation, OrganisationKind
from duijie.reference.models import AdminDivision, KeyIndustry

# What each kind of investor typically does: (instruments, ticket range in 萬 CNY, stages).
# Ranges cover the demo projects' financing (about 750萬 to 25億 CNY, see
# duijie.catalogue.demo); a few mandates name no instrument (= any, incl. "other").
MANDATE_PROFILES: dict[str, list[tuple[tuple[str, ...], tuple[int, int], tuple[str, ...]]]] = {
    OrganisationKind.VC_PE: [
        (("equity", "convertible"), (500, 50_000), ("early", "growth", "late")),
        (("equity", "joint_venture"), (2_000, 100_000), ("growth", "late", "project")),
        (("equity", "merger"), (5_000, 200_000), ("late", "ma")),
    ],
    OrganisationKind.CORPORATE: [
        (("joint_venture", "merger", "equity"), (5_000, 300_000), ("growth", "project", "ma")),
        (("joint_venture", "ppp"), (10_000, 500_000), ("project",)),
    ],
    OrganisationKind.BANK: [
        (("debt", "leasing", "ppp"), (1_000, 500_000), ("project", "growth", "late")),
        (("debt", "ppp"), (5_000, 1_000_000), ("project",)),
    ],
    OrganisationKind.FUND: [
        (("equity", "debt", "ppp", "joint_venture"), (3_000, 300_000), ("growth", "project")),
        ((), (1_000, 200_000), ()),
    ],
    OrganisationKind.FAMILY_OFFICE: [
        (("equity", "merger", "debt"), (500, 80_000), ("growth", "late", "listed", "ma")),
        ((), (500, 50_000), ()),
    ],
}
TO_CURRENCY = {"CNY": Decimal(1), "HKD": Decimal("1.1"), "USD": Decimal("0.14")}
REGION_CHOICES = (("43",), ("43",), ("43", "44"), ("43", "81"), ())
THESES = (
    "聚焦湖南{industries}產業鏈的建鏈、補鏈、強鏈項目（示範）",
    "看好中部地區製造業升級與{industries}（示範）",
    "支持湘商回歸與港湘合作，關注{industries}（示範）",
)


def _ticket(rng: random.Random, bounds: tuple[int, int], currency: str) -> tuple[Decimal, Decimal]:
    """A ticket range near ``bounds`` (萬 CNY), at least a decade wide, in ``currency``."""
    low = bounds[0] * rng.choice((1, 1, 2))
    high = max(bounds[1] // rng.choice((1, 2)), low * 10)
    return _in_currency(low, currency), _in_currency(high, currency)


def _in_currency(wan_cny: int, currency: str) -> Decimal:
    """``wan_cny`` 萬 CNY in ``currency``, rounded to a multiple of 100,000."""
    amount = Decimal(wan_cny) * 10_000 * TO_CURRENCY[currency]
    return (amount / 100_000).to_integral_value() * 100_000


def _mandate(
    rng: random.Random,
    org: Organisation,
    profile: tuple[tuple[str, ...], tuple[int, int], tuple[str, ...]],
    industries: list[KeyIndustry],
    regions: dict[str, AdminDivision],
) -> Mandate:
    instruments, bounds, stages = profile
    currency = rng.choice(("CNY", "CNY", "CNY", "HKD", "USD"))
    low, high = _ticket(rng, bounds, currency)
    wanted = rng.sample(industries, rng.choice((0, 2, 3, 3, 4)))
    names = "、".join(k.name_hant or k.name for k in wanted) or "各重點產業"
    mandate = Mandate.objects.create(
        organisation=org, title=f"湖南{names}投資計劃（示範）"[:200], ticket_min=low,
        ticket_max=high, currency=currency, stages=list(stages), instruments=list(instruments),
        thesis=rng.choice(THESES).format(industries=names),
    )  # fmt: skip
    mandate.key_industries.set(wanted)
    mandate.regions_wanted.set([regions[c] for c in rng.choice(REGION_CHOICES)])
    return mandate


def create_mandates(
    rng: random.Random, investors: list[Organisation], industries: list[KeyIndustry]
) -> int:
    """Varied mandates: instruments by investor kind, wide tickets, Hunan and GBA regions;
    about a quarter of investors have a second mandate (e.g. an equity fund and a loan book)."""
    regions = {d.code: d for d in AdminDivision.objects.filter(code__in=["43", "44", "81"])}
    created = 0
    for org in investors:
        profiles = MANDATE_PROFILES[org.kind]
        for profile in rng.sample(profiles, 2 if rng.random() < 0.25 else 1):
            _mandate(rng, org, profile, industries, regions)
            created += 1
    return created
