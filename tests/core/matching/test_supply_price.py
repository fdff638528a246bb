"""Price for buyers: conversions, scores and reasons against the numbers they cite."""

import datetime as dt
from decimal import Decimal

import pytest

from duijie_core.matching.produce import ProductName, UnitPrice
from duijie_core.matching.suppliers import Buyer, Supplier, fit, match_suppliers
from duijie_core.matching.supply_fit import Offer
from duijie_core.matching.supply_price import (
    PriceWanted,
    Rates,
    per_unit,
    price_score,
    price_signal,
    unit_price,
)
from duijie_core.matching.weights import SUPPLY_SIGNALS, fit_and_check, holdout_split
from duijie_core.money import ExchangeRate, Money, MoneyRange
from duijie_core.pipeline.currency import rate_either_way

ORANGE = ProductName("臍橙", "脐橙", "navel orange")
TODAY = dt.date(2026, 12, 7)
HKD_CNY = ExchangeRate("HKD", "CNY", Decimal("0.92"), dt.date(2026, 1, 1))


def money(value: str, currency: str = "CNY") -> Money:
    return Money(Decimal(value), currency)


def texts(reason: object) -> tuple[str, str, str]:
    t = reason.texts  # type: ignore[attr-defined]
    return t["zh-Hant"], t["zh-Hans"], t["en"]


def test_a_price_in_another_currency_is_converted_with_the_inverse_rate_and_both_cited() -> None:
    wanted = PriceWanted(money("8", "HKD"), "kg")
    offered = UnitPrice(money("6.2"), "kg")
    signal = price_signal(wanted, [offered], Rates((HKD_CNY,), TODAY))
    assert signal is not None and signal.known
    # 6.20 CNY ÷ 0.92 CNY per HKD = 6.739… HKD; score 1 − 0.5 × 6.739 / 8
    assert signal.score == pytest.approx(1 - 0.5 * (6.2 / 0.92) / 8)
    assert signal.reason is not None and signal.reason.code == "supply_price_within"
    assert texts(signal.reason) == (
        "報價每公斤6.20人民幣（約每公斤6.74港元），在上限每公斤8.00港元之內",
        "报价每千克6.20人民币（约每千克6.74港元），在上限每千克8.00港元之内",
        "CN¥6.20/kg (≈ HK$6.74/kg), within the HK$8.00/kg maximum",
    )


def test_without_a_rate_prices_in_two_currencies_are_never_compared() -> None:
    wanted = PriceWanted(money("8", "HKD"), "kg")
    usd = ExchangeRate("USD", "CNY", Decimal("7.1"), dt.date(2026, 1, 1))
    for rates in (Rates(), Rates((usd,), TODAY), Rates((HKD_CNY,), dt.date(2025, 12, 31))):
        signal = price_signal(wanted, [UnitPrice(money("6.2"), "kg")], rates)
        assert signal is not None
        assert (signal.score, signal.known) == (0.5, False)
        assert signal.reason is not None and signal.reason.code == "supply_price_no_rate"
        assert texts(signal.reason)[2] == (
            "price not comparable: no HKD–CNY rate, scored as neutral"
        )
        assert texts(signal.reason)[0] == "價格無法比較：沒有 HKD–CNY 匯率，按中性計"


def test_the_rate_in_force_is_the_latest_on_or_before_the_day_direct_before_inverse() -> None:
    older = ExchangeRate("CNY", "HKD", Decimal("1.05"), dt.date(2025, 6, 1))
    rate = rate_either_way([HKD_CNY, older], base="CNY", quote="HKD", on=TODAY)
    assert rate is not None and rate.rate == Decimal("1.05")  # the stored direction wins
    inverse = rate_either_way([HKD_CNY], base="CNY", quote="HKD", on=TODAY)
    assert inverse is not None and inverse.rate == Decimal(1) / Decimal("0.92")
    assert rate_either_way([HKD_CNY], base="CNY", quote="HKD", on=dt.date(2025, 1, 1)) is None


def test_units_convert_a_price_per_tonne_to_per_kilogram_and_per_jin() -> None:
    per_t = UnitPrice(money("7800"), "t")
    assert per_unit(per_t, "kg") == UnitPrice(money("7.8"), "kg")
    assert per_unit(per_t, "jin") == UnitPrice(money("3.9"), "jin")
    assert per_unit(per_t, "box") is None
    signal = price_signal(PriceWanted(money("9"), "kg"), [per_t], Rates())
    assert signal is not None and signal.score == pytest.approx(1 - 0.5 * 7.8 / 9)
    assert signal.reason is not None
    assert texts(signal.reason)[2] == "CN¥7,800/t (≈ CN¥7.80/kg), within the CN¥9.00/kg maximum"
    assert (
        texts(signal.reason)[0]
        == "報價每公噸7,800人民幣（約每公斤7.80人民幣），在上限每公斤9.00人民幣之內"
    )


def test_boxes_never_compare_with_kilograms() -> None:
    signal = price_signal(PriceWanted(money("9"), "kg"), [UnitPrice(money("60"), "box")], Rates())
    assert signal is not None and (signal.score, signal.known) == (0.5, False)
    assert signal.reason is not None
    assert texts(signal.reason)[2] == (
        "priced in boxes, wanted in kg: not comparable, scored as neutral"
    )


def test_over_the_maximum_and_target_prices_score_and_say_so() -> None:
    over = price_signal(PriceWanted(money("5"), "kg"), [UnitPrice(money("6"), "kg")], Rates())
    assert over is not None and over.score == pytest.approx(1 - 0.5 * 6 / 5)  # 0.4
    assert over.reason is not None
    assert texts(over.reason)[2] == "CN¥6.00/kg, over the CN¥5.00/kg maximum"
    assert texts(over.reason)[1] == "报价每千克6.00人民币，超出上限每千克5.00人民币"
    ranged = UnitPrice(MoneyRange(money("16"), money("20")), "kg")
    target = price_signal(PriceWanted(money("10"), "jin", "target"), [ranged], Rates())
    assert target is not None and target.score == pytest.approx(1 - abs(9 - 10) / 10)
    assert target.reason is not None
    assert texts(target.reason)[2] == (
        "CN¥16.00–20.00/kg (≈ CN¥8.00–10.00/jin), target price CN¥10.00/jin"
    )
    assert price_score(Decimal(20), PriceWanted(money("10"), "kg")) == 0.0
    assert price_score(Decimal(10), PriceWanted(money("10"), "kg", "target")) == 1.0


def test_no_price_wanted_no_signal_no_price_offered_neutral_and_said() -> None:
    assert price_signal(None, [UnitPrice(money("6"), "kg")], Rates()) is None
    unknown = price_signal(PriceWanted(money("5"), "kg"), [], Rates())
    assert unknown is not None and (unknown.score, unknown.known) == (0.5, False)
    assert unknown.reason is not None
    assert texts(unknown.reason)[2] == "no price stated: scored as neutral"


def test_the_cheapest_comparable_product_is_cited_and_the_price_ranks_suppliers() -> None:
    buyer = Buyer("B1", "超市", "香港", "臍橙", 100, price=PriceWanted(money("8", "HKD"), "kg"))
    rates = Rates((HKD_CNY,), TODAY)

    def orchard(name: str, *prices: UnitPrice) -> Supplier:
        offers = tuple(Offer(ORANGE, (), 300, "t", p) for p in prices)
        return Supplier(name, "永州", "", None, offers=offers)

    cheap = orchard("平園", UnitPrice(money("9", "HKD"), "kg"), UnitPrice(money("5.52"), "kg"))
    dear = orchard("貴園", UnitPrice(money("7.36"), "kg"))
    (result,) = match_suppliers([buyer], [dear, cheap], top_k=5, rates=rates)
    assert [r.candidate for r in result.items] == ["平園", "貴園"]
    price_reasons = [
        next(r for r in item.reasons if r.code.startswith("supply_price")) for item in result.items
    ]
    # 5.52 ÷ 0.92 = 6.00 HKD (cheaper than the HK$9.00 product); 7.36 ÷ 0.92 = 8.00 HKD
    assert [texts(r)[2] for r in price_reasons] == [
        "CN¥5.52/kg (≈ HK$6.00/kg), within the HK$8.00/kg maximum",
        "CN¥7.36/kg (≈ HK$8.00/kg), within the HK$8.00/kg maximum",
    ]
    found = fit(buyer, cheap, rates=rates)
    assert found is not None
    assert {s.name: round(s.score, 4) for s in found.signals}["price"] == round(1 - 0.5 * 6 / 8, 4)


def test_the_weight_fit_learns_the_supply_signals_and_refuses_worse_weights() -> None:
    train, test = holdout_split(40, 0.25, 0)
    outcomes = [n % 2 == 0 for n in range(40)]
    vectors: list[dict[str, float]] = [{} for _ in range(40)]
    for i in train:  # learned: price tells good from bad, season does not
        vectors[i] = {"product": 1.0, "season": 0.5, "price": 0.9 if outcomes[i] else 0.2}
    for i in test:  # held out: season tells them apart, price points the wrong way
        good = outcomes[i]
        vectors[i] = {"product": 1.0, "season": 1.0 if good else 0.0, "price": 0.2 if good else 0.9}
    fitted, check = fit_and_check(vectors, outcomes, {"season": 1.0}, signals=SUPPLY_SIGNALS)
    assert check is not None and not isinstance(fitted, Exception)
    assert (check.n_train, check.n_holdout) == (30, 10)
    assert (check.auc_current, check.auc_fitted, check.adopted) == (1.0, 0.0, False)
    assert set(fitted.weights) == {"product", "season", "price"}  # type: ignore[union-attr]
    assert fitted.weights["price"] > 0  # type: ignore[union-attr]
    assert "season" in check.zeroed  # flat while learning: no weight


def test_a_stored_price_is_one_figure_a_range_or_none() -> None:
    assert unit_price(None, None, "CNY", "kg") is None
    assert unit_price(Decimal("5.8"), None, "", "kg") is None
    assert unit_price(Decimal("5.8"), Decimal("5.8"), "CNY", "公斤") == UnitPrice(
        money("5.8"), "kg"
    )
    ranged = unit_price(Decimal("5.8"), Decimal("6.4"), "CNY", "kg")
    assert ranged == UnitPrice(MoneyRange(money("5.8"), money("6.4")), "kg")
    assert ranged is not None and ranged.written("en") == "CN¥5.80–6.40/kg"
    assert ranged.written("zh-Hant") == "每公斤5.80至6.40人民幣"
