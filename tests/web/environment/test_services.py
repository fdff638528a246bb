"""The service the parks pages call, and the comparison behind the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duijie.environment import services
from duijie.environment.models import ProfileItem, ProfileRole
from duijie_core import costs
from tests.web.environment.factories import TODAY, indicator, plant, value, world

pytestmark = pytest.mark.django_db


def test_annual_costs_per_place_with_province_fallback_and_conversion(
    django_assert_max_num_queries,
) -> None:  # type: ignore[no-untyped-def]
    world()
    with django_assert_max_num_queries(6):  # profile, items, roles, parents, values, rates
        found = services.annual_costs(
            profile="plant", place_codes=["4301", "4302", "4201", "81", "4301"], today=TODAY
        )
    # Changsha: 1000 × 12 + 10000 × 0.6 + 100 × 7.5 (Hunan's diesel: the city has none).
    assert found == {
        "4301": Decimal("18750.0"),
        "4302": None,  # Zhuzhou: no land or power value of its own nor of Hunan
        "4201": None,  # Wuhan: no diesel value, Hubei none either
        "81": None,
    }


def test_annual_costs_converts_hkd_with_the_rate_of_the_values_date() -> None:
    w = world()
    hk = plant_without_diesel(w)
    found = services.annual_costs(profile=hk, place_codes=["81", "4301"], today=TODAY)
    # 1000 × 100 × 0.92 + 10000 × 1.5 × 0.92
    assert found == {"81": Decimal("105800.0000"), "4301": Decimal("18000.0")}


def plant_without_diesel(w):  # type: ignore[no-untyped-def]
    profile = w["profile"]
    ProfileItem.objects.filter(profile=profile, indicator=w["diesel"]).delete()
    return profile


def test_values_dated_after_today_are_not_used() -> None:
    w = world()
    value(w["land"], "4301", "99", on=dt.date(2026, 1, 1))
    found = services.annual_costs(profile="plant", place_codes=["4301"], today=TODAY)
    assert found == {"4301": Decimal("18750.0")}


def test_a_unit_that_cannot_price_an_item_is_refused_not_summed() -> None:
    rent = indicator("rent", "CNY/m2/month")
    value(rent, "4301", "20")
    profile = plant((rent, "100", "m2"))
    with pytest.raises(costs.CostError) as error:
        services.annual_costs(profile=profile, place_codes=["4301"], today=TODAY)
    assert error.value.code == "period_not_annual"
    with pytest.raises(costs.CostError):
        services.save_item(profile=profile, indicator=rent, quantity=Decimal(5), unit="m2")
    item = services.save_item(
        profile=profile, indicator=rent, quantity=Decimal(1200), unit="m2-month"
    )
    assert (item.quantity, item.unit) == (Decimal(1200), "m2-month")
    assert services.annual_costs(profile=profile, place_codes=["4301"], today=TODAY) == {
        "4301": Decimal(24000)
    }


def test_study_indexes_against_the_peers_with_what_if_escalation_and_staleness(settings) -> None:  # type: ignore[no-untyped-def]
    w = world()
    plant_without_diesel(w)
    settings.ENVIRONMENT_MAX_AGE_DAYS = 100
    study = services.study_costs(
        profile=w["profile"], places=["4301", "4201"], peers=None, today=TODAY,
        what_if=costs.WhatIf(values={("4201", "land"): Decimal(12)}),
        escalation=Decimal("0.1"), weights={"education": Decimal(1)},
    )  # fmt: skip
    changsha, wuhan = study.comparison.places
    assert (changsha.annual_cost, wuhan.annual_cost) == (Decimal("18000.0"), Decimal("19000.0"))
    assert changsha.index == Decimal(100) * 18000 / 18500
    assert [i.overridden for i in wuhan.items] == [True, False]
    assert all(i.stale for i in changsha.items)  # 154 days old, the maximum is 100
    assert study.ten_year(Decimal(1000)) == Decimal("15937.424601")
    assert study.quality["4301"].score is None  # no education score stored


def test_headcount_by_role_is_priced_by_its_wage_indicator_and_added_to_its_item() -> None:
    w = world()
    wage = indicator("wage_manufacturing", "CNY/person/month")
    research = indicator("wage_research", "CNY/person/month")
    value(wage, "4301", "6000")
    value(research, "43", "9000")  # Hunan's: Changsha takes it by fallback
    profile = w["profile"]
    ProfileItem.objects.create(profile=profile, indicator=wage, quantity=120, unit="person-month")
    services.save_role(profile=profile, role="production", headcount=100, months_paid=Decimal(12),
                       indicator=wage)  # fmt: skip
    services.save_role(profile=profile, role="engineers", headcount=10, months_paid=Decimal("13"),
                       indicator=research)  # fmt: skip
    found = services.annual_costs(profile="plant", place_codes=["4301"], today=TODAY)
    # 18,750 as before + (120 + 100 × 12) × 6,000 + 10 × 13 × 9,000
    assert found["4301"] == Decimal("18750") + 1320 * 6000 + 130 * 9000
    services.save_role(profile=profile, role="production", headcount=50, months_paid=Decimal(12),
                       indicator=wage)  # fmt: skip
    assert ProfileRole.objects.filter(profile=profile).count() == 2  # changed, not added


def test_a_role_priced_by_a_figure_that_is_not_a_monthly_wage_is_refused() -> None:
    w = world()
    with pytest.raises(costs.CostError) as error:
        services.save_role(profile=w["profile"], role="managers", headcount=3,
                           months_paid=Decimal(12), indicator=w["land"])  # fmt: skip
    assert (error.value.code, error.value.params["indicator"]) == ("unit_mismatch", "land")
    assert not ProfileRole.objects.exists()


def test_a_tax_rate_prices_the_yearly_taxable_profit() -> None:
    w = world()
    rate = indicator("cit_rate", "CNY/CNY/year")
    value(rate, "43", "0.25", source="Enterprise Income Tax Law, art. 4")
    value(rate, "81", "0.165", unit="CNY/CNY/year")
    services.save_item(profile=w["profile"], indicator=rate, quantity=Decimal(1000000), unit="CNY")
    found = services.annual_costs(profile="plant", place_codes=["4301"], today=TODAY)
    assert found["4301"] == Decimal("18750") + Decimal("250000")  # Hunan's 25 % by fallback
