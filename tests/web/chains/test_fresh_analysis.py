"""The analysis made in the database (counts grouped there, only leaders and targets read)
equals the core's analysis of every firm and placement loaded, and is never stale."""

from __future__ import annotations

import random

import pytest

from duijie.chains.adapters import analyse_loaded, analyse_region, kept_analysis, resolve_region
from duijie.chains.models import Link, Placement, PlacementStatus
from duijie.directory.models import OrganisationKind
from duijie.reference.models import AdminDivision
from tests.web.chains.factories import firm

pytestmark = pytest.mark.django_db

PLACES = ["4301", "4302", "43", "4201", "4403", "11", None]


def _world(seed: int = 7) -> None:
    """Firms everywhere (a province only, none, listed ones placed by the hand-kept list),
    a fund (not a firm) and placements with tied confidences and shares."""
    rng = random.Random(seed)
    links = list(Link.objects.filter(chain__code__in=["engineering-machinery", "rail-transit"]))
    organisations = [
        firm(f"企业{n:03d}", division=rng.choice(PLACES), stock_code="600519" if n % 9 == 0 else "")
        for n in range(60)
    ]
    organisations += [
        firm("中联重科", division=None, stock_code="000157"),  # Changsha by the hand-kept list
        firm("三一重工", division=None, stock_code="600031.SH"),
        firm("无名上市", division=None, stock_code="999999"),  # listed, in no list: no region
        firm("长沙基金", division="4301", kind=OrganisationKind.FUND),  # not a firm
    ]
    rows = []
    for number, organisation in enumerate(organisations):
        for link in rng.sample(links, rng.randint(0, 4)):
            rows.append(
                Placement(
                    organisation=organisation,
                    link=link,
                    confidence=rng.choice([0.5, 0.9, 0.95]),  # many ties
                    scale=rng.choice([0.0, 0.3]) if organisation.stock_code else 0.0,
                    evidence=[{"kind": "text", "detail": f"词{number}"}],
                    status=rng.choice(list(PlacementStatus)),
                )
            )
    Placement.objects.bulk_create(rows)


@pytest.mark.parametrize("region", ["430000", "430100", "110000", "650000"])
@pytest.mark.parametrize(("evidence", "confirmed"), [(False, False), (True, True)])
def test_the_database_analysis_equals_the_loaded_one(
    region: str, evidence: bool, confirmed: bool
) -> None:
    _world()
    where = resolve_region(region)
    made = analyse_region(where, evidence=evidence, confirmed=confirmed)
    assert made == analyse_loaded(where, evidence=evidence, confirmed=confirmed)
    assert sum(len(link.targets) for chain in made.chains for link in chain.links) > 0 or (
        region == "650000"  # Xinjiang: no firm there, every link missing, targets everywhere
    )


def test_the_numbers_the_database_analysis_gives() -> None:
    changsha = firm("长沙液压件厂", division="4301", stock_code="")
    listed = firm("中联重科", division=None, stock_code="000157")
    wuhan = firm("武汉液压件厂", division="4201")
    unknown = firm("某液压件厂", division=None)
    firm("长沙贸易公司", division="4301")  # unplaced
    link = Link.objects.get(code="em-hydraulics")
    for organisation, confidence in ((changsha, 0.6), (listed, 0.9), (wuhan, 0.8), (unknown, 0.7)):
        Placement.objects.create(organisation=organisation, link=link, confidence=confidence)
    analysis = analyse_region(resolve_region("430000"))
    assert (analysis.firms, analysis.local_firms, analysis.unplaced_firms) == (5, 3, 1)
    assert analysis.no_region_firms == 1
    chain = next(c for c in analysis.chains if c.chain == "engineering-machinery")
    hydraulics = next(x for x in chain.links if x.link == "em-hydraulics")
    assert (hydraulics.local_firms, hydraulics.national_firms, hydraulics.no_region_firms) == (
        2, 4, 1,
    )  # fmt: skip
    assert [f.name for f in hydraulics.leaders] == ["中联重科", "长沙液压件厂"]
    assert hydraulics.location_quotient == pytest.approx(round((2 / 3) / (3 / 4), 4))
    assert (chain.local_firms, chain.national_firms) == (2, 4)


def test_a_change_is_seen_by_the_next_analysis() -> None:
    pumps = firm("长沙液压件厂", division="4301")
    link = Link.objects.get(code="em-hydraulics")
    placement = Placement.objects.create(organisation=pumps, link=link, confidence=0.6)
    hunan = resolve_region("430000")

    def hydraulics() -> tuple[int, int]:
        chain = next(c for c in kept_analysis(hunan).chains if c.chain == "engineering-machinery")
        found = next(x for x in chain.links if x.link == "em-hydraulics")
        return found.local_firms, found.national_firms

    assert hydraulics() == (1, 1)
    other = firm("武汉液压件厂", division="4201")
    Placement.objects.create(organisation=other, link=link, confidence=0.6)
    assert hydraulics() == (1, 2)
    pumps.hq_division = AdminDivision.objects.get(code="4201")
    pumps.save()
    assert hydraulics() == (0, 2)
    placement.delete()
    assert hydraulics() == (0, 1)
    assert kept_analysis(hunan) == analyse_loaded(hunan)


def test_no_chain_at_all_gives_an_empty_analysis_not_an_error() -> None:
    from duijie.chains.models import Chain

    firm("长沙液压件厂", division="4301")
    Chain.objects.all().delete()
    analysis = analyse_region(resolve_region("430000"))
    assert (analysis.chains, analysis.firms, analysis.unplaced_firms) == ((), 1, 1)
