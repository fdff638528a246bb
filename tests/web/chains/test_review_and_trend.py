"""Staff confirmation of placements (kept across runs, in the history), the analysis kept
for the data version (never stale), and the trend of a link from dated events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duijie.chains import services
from duijie.chains.adapters import (
    analyse_region,
    core_chains,
    kept_analysis,
    link_listings,
    link_trends,
    resolve_region,
)
from duijie.chains.models import Chain, Link, Placement, PlacementReview, PlacementStatus
from duijie.directory.models import FinancingEvent
from duijie.reference.models import AdminDivision
from tests.web.chains.factories import firm

pytestmark = pytest.mark.django_db

HUNAN = "430000"


def _hydraulics(organisation) -> Placement:  # type: ignore[no-untyped-def]
    return Placement.objects.get(organisation=organisation, link__code="em-hydraulics")


def _review(placement: Placement, decision: str, user) -> None:  # type: ignore[no-untyped-def]
    services.review_placement(placement=placement, decision=decision, user=user, now=timezone.now())


def _machines(analysis):  # type: ignore[no-untyped-def]
    chain = next(c for c in analysis.chains if c.chain == "engineering-machinery")
    return {link.link: link for link in chain.links}


def test_a_confirmed_placement_stays_confirmed_when_firms_are_placed_again(organiser) -> None:
    pumps = firm("长沙液压件厂", description="液压油缸")
    services.place_firms()
    assert _hydraulics(pumps).status == PlacementStatus.PROPOSED
    _review(_hydraulics(pumps), "confirmed", organiser)
    services.place_firms()
    assert _hydraulics(pumps).status == PlacementStatus.CONFIRMED
    review = PlacementReview.objects.get(organisation=pumps)
    assert (review.decision, review.reviewed_by, review.firm_name) == (
        "confirmed", organiser, "长沙液压件厂",
    )  # fmt: skip
    assert [h.history_type for h in review.history.all()] == ["+"]


def test_a_confirmed_placement_is_kept_even_when_its_evidence_is_gone(organiser) -> None:
    pumps = firm("长沙液压件厂", description="液压油缸")
    services.place_firms()
    _review(_hydraulics(pumps), "confirmed", organiser)
    pumps.description = "贸易公司"
    pumps.save()
    services.place_firms()
    assert _hydraulics(pumps).status == PlacementStatus.CONFIRMED


def test_a_rejected_placement_comes_back_only_when_its_evidence_changes(organiser) -> None:
    pumps = firm("长沙液压件厂", description="液压油缸")
    services.place_firms()
    _review(_hydraulics(pumps), "rejected", organiser)
    assert not Placement.objects.filter(organisation=pumps, link__code="em-hydraulics").exists()
    services.place_firms()  # same evidence: not proposed again
    assert not Placement.objects.filter(organisation=pumps, link__code="em-hydraulics").exists()
    pumps.description = "液压油缸、液压马达"
    pumps.save()
    services.place_firms()  # new evidence: proposed again
    assert _hydraulics(pumps).status == PlacementStatus.PROPOSED
    review = PlacementReview.objects.get(organisation=pumps)
    assert review.decision == "rejected"  # the decision stays in the record and the history


def test_strength_on_confirmed_placements_only_counts_the_confirmed(organiser) -> None:
    first = firm("长沙液压件厂", description="液压油缸")
    firm("株洲液压件厂", description="液压油缸", division="4302")
    services.place_firms()
    _review(_hydraulics(first), "confirmed", organiser)
    hunan = resolve_region(HUNAN)
    everything = _machines(kept_analysis(hunan))["em-hydraulics"]
    confirmed = _machines(kept_analysis(hunan, confirmed=True))["em-hydraulics"]
    assert (everything.local_firms, confirmed.local_firms) == (2, 1)


def test_the_kept_analysis_is_the_fresh_one_and_is_never_stale() -> None:
    pumps = firm("长沙液压件厂", description="液压油缸")
    firm("武汉液压件厂", description="液压油缸", division="4201")
    services.place_firms()
    hunan = resolve_region(HUNAN)
    assert kept_analysis(hunan) == analyse_region(hunan)
    with CaptureQueriesContext(connection) as kept_queries:
        kept_analysis(hunan)
    assert len(kept_queries) == 8  # the version (6 aggregates, the stamp) and the analysis
    assert _machines(kept_analysis(hunan))["em-hydraulics"].local_firms == 1
    pumps.hq_division = AdminDivision.objects.get(code="4201")  # the firm moves to Wuhan
    pumps.save()
    assert _machines(kept_analysis(hunan))["em-hydraulics"].local_firms == 0
    Link.objects.get(code="em-hydraulics").delete()  # a chain edit
    links = _machines(kept_analysis(hunan))
    assert "em-hydraulics" not in links
    assert kept_analysis(hunan) == analyse_region(hunan)


def test_one_chain_from_the_kept_whole_equals_its_own_analysis() -> None:
    firm("长沙液压件厂", description="液压油缸")
    firm("深圳芯片厂", description="芯片", division="4403")
    services.place_firms()
    hunan = resolve_region(HUNAN)
    chosen = core_chains(Chain.objects.filter(code="engineering-machinery"))
    assert kept_analysis(hunan, chosen).chains == analyse_region(hunan, chosen).chains


def test_staff_confirm_and_reject_on_the_firms_page(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    pumps = firm("长沙液压件厂", description="液压油缸")
    other = firm("株洲液压件厂", description="液压泵", division="4302")
    services.place_firms()
    url = reverse("chains:review", args=["engineering-machinery", "em-hydraulics"])
    staff = client_for(organiser)
    response = staff.post(
        url + "?which=all&region=430000", {"organisation": pumps.pk, "decision": "confirmed"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/firms/?which=all&region=430000")
    assert _hydraulics(pumps).status == PlacementStatus.CONFIRMED
    staff.post(url, {"organisation": other.pk, "decision": "rejected"})
    assert not Placement.objects.filter(organisation=other, link__code="em-hydraulics").exists()
    assert staff.post(url, {"organisation": pumps.pk, "decision": "maybe"}).status_code == 400
    page = staff.get(
        reverse("chains:firms", args=["engineering-machinery", "em-hydraulics"]), {"which": "all"}
    )
    assert [p.organisation for p, _method in page.context["placements"]] == [pumps]
    assert [r.organisation for r in page.context["rejected"]] == [other]
    assert len(page.context["history"]) == 2  # two reviews, as sentences
    assert "株洲液压件厂" in page.content.decode()


def test_the_investor_may_not_review(client_for, investor) -> None:  # type: ignore[no-untyped-def]
    pumps = firm("长沙液压件厂", description="液压油缸")
    services.place_firms()
    url = reverse("chains:review", args=["engineering-machinery", "em-hydraulics"])
    response = client_for(investor).post(url, {"organisation": pumps.pk, "decision": "rejected"})
    assert response.status_code == 403
    assert _hydraulics(pumps).status == PlacementStatus.PROPOSED


def _round(company, on: dt.date) -> None:  # type: ignore[no-untyped-def]
    FinancingEvent.objects.create(
        company=company, occurred_on=on, round="A輪", event_key=f"t-{company.pk}-{on}"
    )


def test_the_trend_counts_rounds_by_year_and_region() -> None:
    local = firm("长沙液压件厂", description="液压油缸")
    away = firm("武汉液压件厂", description="液压油缸", division="4201")
    unknown = firm("无名液压件厂", description="液压油缸", division=None)
    services.place_firms()
    _round(local, dt.date(2024, 3, 1))
    _round(local, dt.date(2025, 5, 1))
    _round(away, dt.date(2025, 6, 1))
    _round(unknown, dt.date(2025, 7, 1))
    _round(away, dt.date(2019, 1, 1))  # before the first year: left out
    chain = Chain.objects.get(code="engineering-machinery")
    trends = link_trends(chain, resolve_region(HUNAN), first=2022, last=2025)
    years = {y.year: y for y in trends["em-hydraulics"]}
    assert sorted(years) == [2022, 2023, 2024, 2025]
    assert (years[2024].local_rounds, years[2024].elsewhere_rounds) == (1, 0)
    assert (
        years[2025].local_rounds, years[2025].elsewhere_rounds, years[2025].no_region_rounds
    ) == (1, 1, 1)  # fmt: skip
    assert years[2022].local_rounds == years[2023].local_rounds == 0
    assert all(y.local_rounds == 0 for y in trends["em-steel"])


def test_the_link_page_shows_the_trend(client_for, leadership) -> None:  # type: ignore[no-untyped-def]
    local = firm("长沙液压件厂", description="液压油缸")
    services.place_firms()
    this_year = timezone.localdate().year
    _round(local, dt.date(this_year, 1, 2))
    page = client_for(leadership).get(
        reverse("chains:link", args=["engineering-machinery", "em-hydraulics"]),
        {"region": HUNAN},
    )
    assert [y.local_rounds for y in page.context["trend"]] == [0, 0, 0, 0, 1]
    assert str(page.context["trend_word"]) in page.content.decode()
    chain_page = client_for(leadership).get(
        reverse("chains:map", args=["engineering-machinery"]), {"region": HUNAN}
    )
    assert chain_page.context["years"] == list(range(this_year - 4, this_year + 1))


def test_the_map_counts_confirmed_placements_only_when_asked(client_for, organiser) -> None:  # type: ignore[no-untyped-def]
    first = firm("长沙液压件厂", description="液压油缸")
    firm("株洲液压件厂", description="液压油缸", division="4302")
    services.place_firms()
    _review(_hydraulics(first), "confirmed", organiser)
    url = reverse("chains:map", args=["engineering-machinery"])
    staff = client_for(organiser)
    counted = {}
    for basis in ("all", "confirmed"):
        page = staff.get(url, {"region": HUNAN, "basis": basis})
        row = next(r for r in page.context["links"] if r["link"].code == "em-hydraulics")
        counted[basis] = row["strength"].local_firms
    assert counted == {"all": 2, "confirmed": 1}
    assert (
        'href="/chains/engineering-machinery/em-hydraulics/?region=430000&amp;basis=confirmed"'
        in (page.content.decode())
    )


def test_placing_with_an_unknown_embedding_model_is_refused_before_anything_is_written() -> None:
    from django.core.management import CommandError, call_command

    firm("长沙液压件厂", description="液压油缸")
    with pytest.raises(CommandError, match="unknown embedding model: word2vec"):
        call_command("place_firms", "--embedding-model", "word2vec")
    assert not Placement.objects.exists()


def test_listed_firms_on_a_link_by_year_and_the_undated_ones(client_for, leadership) -> None:  # type: ignore[no-untyped-def]
    this_year = timezone.localdate().year
    local = firm("长沙液压件厂", description="液压油缸", stock_code="000001")
    away = firm("武汉液压件厂", description="液压油缸", division="4201", stock_code="000002")
    unknown = firm("无名液压件厂", description="液压油缸", division=None, stock_code="000003")
    firm("株洲液压件厂", description="液压油缸", division="4302")  # not listed: no date
    for organisation, year in ((local, 2000), (away, this_year - 1), (unknown, this_year)):
        organisation.listed_on = dt.date(year, 6, 30)
        organisation.save()
    services.place_firms()
    hydraulics = Link.objects.get(code="em-hydraulics")
    found = link_listings(hydraulics, resolve_region(HUNAN), first=this_year - 2, last=this_year)
    assert [(y.year, y.local, y.elsewhere, y.no_region) for y in found.years] == [
        (this_year - 2, 1, 0, 0),
        (this_year - 1, 1, 1, 0),
        (this_year, 1, 1, 1),
    ]
    assert (found.firms, found.undated) == (4, 1)
    client = client_for(leadership)
    link = reverse("chains:link", args=["engineering-machinery", "em-hydraulics"])
    expected = {
        "en": "1 of the 4 firms on this link has no listing date",
        "zh-hant": "該環節的 4 家企業中，有 1 家沒有上市日期",
    }
    for language, sentence in expected.items():
        client.post(reverse("accounts:set_language"), {"language": language})
        page = client.get(link, {"region": HUNAN})
        assert [y.total for y in page.context["listings"].years][-3:] == [1, 2, 3]
        assert sentence in page.content.decode()
