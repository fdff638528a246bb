"""Prices for buyers in the web run (rates from the pipeline's table), and the weight fit
of the buyer–supplier signals: feedback and trade-week meetings, one fit mechanism."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from duijie.directory.forms import BuyingNeedForm
from duijie.directory.models import BuyingNeed, SupplyProduct
from duijie.directory.supply_forms import SupplyProductForm
from duijie.matchmaking.models import FitKind, MatchRun, Side, Verdict, WeightFit
from duijie.matchmaking.outcomes import all_outcomes, fit_from_outcomes, supply_vectors
from duijie.matchmaking.services import execute_run, record_feedback
from duijie.pipeline.models import ExchangeRate
from duijie.tradeweek.models import MeetingRequest, Participant, RequestStatus
from tests.web.matchmaking.factories import TODAY, organisation, run_with, user

pytestmark = pytest.mark.django_db


def _priced(world, rate: str | None = "0.92") -> MatchRun:  # type: ignore[no-untyped-def]
    BuyingNeed.objects.filter(organisation=world.buyer).update(
        price=Decimal("8.00"), price_kind="max", price_currency="HKD", price_unit="kg"
    )
    SupplyProduct.objects.filter(organisation=world.supplier).update(
        price_low=Decimal("6.20"), price_currency="CNY", price_unit="kg"
    )
    if rate is not None:
        ExchangeRate.objects.create(
            base="HKD", quote="CNY", rate=Decimal(rate), on=dt.date(2025, 1, 1)
        )
    run = MatchRun.objects.create(edition=world.edition, params={"top": 5})
    return execute_run(run=run, today=TODAY)


def test_the_run_converts_the_supplier_price_with_the_stored_rate_and_cites_both(world):
    rec = _priced(world).recommendations.get(side=Side.BUYER_SUPPLIER)
    price = next(r for r in rec.reasons if r["code"].startswith("supply_price"))
    assert price["texts"] == {
        "zh-Hant": "報價每公斤6.20人民幣（約每公斤6.74港元），在上限每公斤8.00港元之內",
        "zh-Hans": "报价每千克6.20人民币（约每千克6.74港元），在上限每千克8.00港元之内",
        "en": "CN¥6.20/kg (≈ HK$6.74/kg), within the HK$8.00/kg maximum",
    }
    assert rec.signals["price"] == pytest.approx(1 - 0.5 * (6.2 / 0.92) / 8)


def test_without_a_stored_rate_the_price_is_not_compared(world):
    rec = _priced(world, rate=None).recommendations.get(side=Side.BUYER_SUPPLIER)
    price = next(r for r in rec.reasons if r["code"].startswith("supply_price"))
    assert price["code"] == "supply_price_no_rate"
    assert price["texts"]["en"] == "price not comparable: no HKD–CNY rate, scored as neutral"
    assert rec.signals["price"] == 0.5


def test_the_buyer_reads_the_price_reason_on_a_phone_page_in_english(client_for, world):
    _priced(world)
    world.buyer_user.language = "en"
    world.buyer_user.save()
    page = client_for(world.buyer_user).get(reverse("matchmaking:mine")).content.decode()
    assert "CN¥6.20/kg (≈ HK$6.74/kg), within the HK$8.00/kg maximum" in page
    assert "Price does not fit" in page  # a buyer's why-not option


def test_price_forms_refuse_bad_prices(world):
    product = SupplyProductForm(
        {"name": "臍橙", "unit": "t", "price_low": "7", "price_high": "6",
         "price_currency": "CNY", "price_unit": "kg", "is_active": "on"}
    )  # fmt: skip
    assert not product.is_valid()
    assert list(product.errors) == ["price_high"]
    only_high = SupplyProductForm(
        {
            "name": "臍橙",
            "unit": "t",
            "price_high": "6",
            "price_currency": "CNY",
            "price_unit": "kg",
        }
    )
    assert not only_high.is_valid() and list(only_high.errors) == ["price_low"]
    need = BuyingNeedForm(
        {"volume_unit": "t", "price": "0", "price_kind": "max", "price_currency": "HKD",
         "price_unit": "kg", "is_active": "on"}
    )  # fmt: skip
    assert not need.is_valid() and "price" in need.errors


def _supply_feedback_run(world, n: int):  # type: ignore[no-untyped-def]
    """``n`` buyer → supplier suggestions, good ones cheap, bad ones dear; feedback on each."""
    rows = []
    for i in range(n):
        good = i % 2 == 0
        rows.append(
            {
                "side": Side.BUYER_SUPPLIER,
                "buyer": world.buyer,
                "organisation": organisation(f"供應商{i}", "supplier"),
                "signals": {"product": 1.0, "season": 0.5, "price": 0.9 if good else 0.3},
            }
        )
    run = run_with(world.edition, rows)
    for i, rec in enumerate(run.recommendations.order_by("rank")):
        verdict = Verdict.GOOD if i % 2 == 0 else Verdict.NOT_RELEVANT
        record_feedback(recommendation=rec, user=world.buyer_user, verdict=verdict)
    return run


def test_supply_weights_are_fitted_from_buyer_feedback_and_kept_apart(world, organiser):
    _supply_feedback_run(world, 40)
    fit = fit_from_outcomes(user=organiser, today=TODAY, kind=FitKind.SUPPLY)
    assert (fit.kind, fit.problem, fit.n_outcomes, fit.n_positive, fit.sources) == (
        "supply", "", 40, 20, {"feedback": 40}
    )  # fmt: skip
    assert fit.weights["price"] > 0.0
    assert fit.weights["season"] == 0.0 and fit.zeroed == ["product", "season"]
    assert (fit.validation["learned_from"], fit.validation["held_out"]) == (30, 10)
    assert fit.validation["against"] == "default" and fit.adopted
    investor = fit_from_outcomes(user=organiser, today=TODAY)  # investor outcomes: none
    assert (investor.kind, investor.problem, investor.n_outcomes) == (
        "investor", "too_few_outcomes", 0
    )  # fmt: skip


def test_a_run_with_fitted_weights_weighs_suppliers_with_the_adopted_supply_fit(world):
    weights = {"product": 0.0, "volume": 0.0, "season": 0.0, "delivery": 0.0, "price": 0.0,
               "serves": 1.0, "certification": 0.0, "cold_chain": 0.0}  # fmt: skip
    WeightFit.objects.create(kind=FitKind.SUPPLY, weights=weights, adopted=True)
    run = MatchRun.objects.create(
        edition=world.edition, params={"top": 5, "use_fitted_weights": True}
    )
    execute_run(run=run, today=TODAY)
    assert run.counts["supply_weights"] == weights
    rec = run.recommendations.get(side=Side.BUYER_SUPPLIER)
    # the buyer side: only "serves" counts, and it is a supplier-side signal → 0.5 neutral
    assert rec.investor_interest == 0.5


def test_a_meeting_between_a_buyer_and_a_supplier_is_a_supply_outcome(world):
    supplier_user = user("project_owner", "sup")
    buyer = Participant.objects.create(
        edition=world.edition, user=world.buyer_user, kind="buyer", organisation=world.buyer
    )
    supplier = Participant.objects.create(
        edition=world.edition, user=supplier_user, kind="supplier", organisation=world.supplier
    )
    MeetingRequest.objects.create(
        edition=world.edition, requester=supplier, recipient=buyer, preference="would_like",
        source="search", status=RequestStatus.ACCEPTED,
    )  # fmt: skip
    found = all_outcomes(FitKind.SUPPLY)
    assert [(o.buyer_id, o.organisation_id, o.positive, o.source) for o in found] == [
        (world.buyer.pk, world.supplier.pk, True, "meeting_request")
    ]
    assert all_outcomes() == []  # not a project–investor outcome
    ((_outcome, vector),) = supply_vectors(found, TODAY)
    assert vector["product"] == 1.0 and vector["season"] == pytest.approx(4 / 12)


def test_the_weights_page_fits_each_kind(client_for, organiser):
    client = client_for(organiser)
    assert client.post(reverse("matchmaking:weights"), {"kind": "supply"}).status_code == 302
    assert list(WeightFit.objects.values_list("kind", "problem")) == [
        ("supply", "too_few_outcomes")
    ]
    client.post(reverse("matchmaking:weights"), {"kind": "everything"})
    assert WeightFit.objects.count() == 1
    organiser.language = "en"
    organiser.save()
    page = client.get(reverse("matchmaking:weights")).content.decode()
    assert "Buyers and suppliers" in page and "Investors and projects" in page
    assert "Price against the buyer&#x27;s target or maximum" in page


def test_the_pipeline_hands_its_rates_down_and_without_it_there_are_none():
    from duijie.matchmaking import providers
    from duijie.pipeline.services import core_rates

    assert providers._rates == [core_rates]
    ExchangeRate.objects.create(base="HKD", quote="CNY", rate=Decimal("0.92"), on=TODAY)
    (rate,) = providers.exchange_rates()
    assert (rate.base, rate.quote, rate.rate, rate.on) == ("HKD", "CNY", Decimal("0.92"), TODAY)
    saved = list(providers._rates)
    providers._rates.clear()
    try:
        assert providers.exchange_rates() == []
    finally:
        providers._rates[:] = saved


def test_the_run_page_lists_the_supply_weights_used(client_for, world, organiser):
    run = _priced(world)
    organiser.language = "en"
    organiser.save()
    page = client_for(organiser).get(reverse("matchmaking:run", args=[run.pk])).content.decode()
    assert "<th>Price against the buyer&#x27;s target or maximum</th><td>1.0</td>" in page
    assert "<th>Product wanted</th><td>3.0</td>" in page
