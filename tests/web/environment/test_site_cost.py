"""The environment app's cost factor of site suggestion: the yearly cost of the operation
profile the reader chooses, at each platform's place, with reasons citing the numbers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duijie.parks.factors import site_factors
from duijie.parks.siting import SiteSubject, suggest
from duijie_core.siting.phrases import describe
from tests.web.environment.factories import TODAY, world
from tests.web.parks.factories import platform

pytestmark = pytest.mark.django_db


def test_the_cost_factor_is_registered_with_the_profiles_as_its_choice() -> None:
    world()
    cost = next(f for f in site_factors() if f.name == "cost")
    assert cost.options is not None and cost.options() == [("plant", "工廠")]


def test_platforms_are_priced_at_their_place_cheapest_scoring_one() -> None:
    world()
    changsha = platform("cs", division="4301", hectares=None)
    wuhan = platform("wh", division="4201", hectares=None)
    hk = platform("hk", division="81", hectares=None)
    subject = SiteSubject(label="x", choices={"cost": "plant"})
    found = {r.platform: r for r in suggest(subject=subject, today=TODAY).ranked}
    # Changsha: land 12 × 1,000 + power 0.6 × 10,000 + diesel 7.5 × 100 (Hunan's) = 18,750
    # Wuhan: 15,000 + 7,000 and no diesel (Hubei has none): incomplete, not judged
    cost = found[changsha.pk].factors["cost"]
    assert cost.score == 1.0
    assert found[wuhan.pk].factors["cost"].score is None
    assert [r.code for r in found[wuhan.pk].factors["cost"].reasons] == ["cost_incomplete"]
    assert found[hk.pk].factors["cost"].score is None  # Hong Kong has no diesel either
    (reason,) = cost.reasons
    assert reason.params["million"] == pytest.approx(0.01875)
    assert reason.params["index"] == pytest.approx(100.0)
    names = {"4301": "Changsha", "profile:plant": "Plant"}
    assert describe(reason, "en", names) == (
        "a Plant in Changsha costs about CNY 0 million a year, 100% of the platforms' average"
    )


def test_a_county_platform_is_priced_with_its_citys_values_then_its_provinces() -> None:
    world()
    county = platform("csx", division="430121", hectares=None)  # Changsha County
    subject = SiteSubject(label="x", choices={"cost": "plant"})
    found = {r.platform: r for r in suggest(subject=subject, today=TODAY).ranked}
    cost = found[county.pk].factors["cost"]
    assert cost.score == 1.0  # Changsha's land and power, Hunan's diesel: 18,750 as the city
    (reason,) = cost.reasons
    assert (reason.code, reason.params["place"]) == ("annual_cost", "430121")
    assert reason.params["million"] == pytest.approx(0.01875)


def test_without_a_chosen_profile_cost_is_not_part_of_the_ranking() -> None:
    world()
    changsha = platform("cs", division="4301", hectares="100")
    found = {r.platform: r for r in suggest(subject=SiteSubject(label="x"), today=TODAY).ranked}
    assert "cost" not in found[changsha.pk].factors
    assert found[changsha.pk].coverage == 0.25  # land only, of industry ×2, logistics, land


def test_the_suggestion_page_offers_the_profiles_and_ranks_by_cost(
    client_for, organiser, edition
) -> None:  # type: ignore[no-untyped-def]
    from tests.web.catalogue.factories import project

    world()
    platform("cs", division="4301", hectares=None)
    about = project(edition)
    page = client_for(organiser).get(
        reverse("parks:suggest_project", args=[about.pk]), {"o_cost": "plant", "w_cost": "1"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="o_cost"' in html and "工廠" in html
    assert "每年約" in html
    # The choice and the weight of the cost factor are labelled apart.
    assert '<label for="id_o_cost">計算成本的營運類型：</label>' in html
    assert '<label for="id_w_cost">運營成本（權重）：</label>' in html
