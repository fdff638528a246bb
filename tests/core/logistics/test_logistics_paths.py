"""The corridor graph: fastest and cheapest paths, cost sums, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duijie_core.logistics.model import Leg, LegCost, LogisticsError, check_network
from duijie_core.logistics.paths import (
    cheapest_path,
    fastest_path,
    fastest_to,
    leg_price,
    path_cost,
    rate_between,
)
from duijie_core.logistics.phrases import describe
from duijie_core.money import ExchangeRate

USD = [
    ExchangeRate("USD", "CNY", D("7.00"), dt.date(2024, 1, 1)),
    ExchangeRate("USD", "CNY", D("7.20"), dt.date(2025, 1, 1)),
]


def leg(
    origin: str,
    destination: str,
    hours: str,
    cost: str | None = None,
    currency: str = "CNY",
    unit: str = "TEU",
    mode: str = "road",
) -> Leg:
    priced = LegCost(D(cost), currency, unit) if cost is not None else None
    return Leg("r", origin, destination, mode, D(hours), cost=priced)


# Zhuzhou → Nansha → Klang by rail and sea; Zhuzhou → Changsha → Nansha by road.
NETWORK = [
    leg("4302", "nansha", "30", "3200", mode="rail"),
    leg("nansha", "klang", "168", "650", "USD", mode="sea"),
    leg("4302", "4301", "1", "600"),
    leg("4301", "nansha", "9", "2000"),
]


def test_fastest_path_takes_the_road_through_changsha_and_sums_hours() -> None:
    path = fastest_path(NETWORK, origin="4302", destination="nansha", unit="TEU")
    assert path is not None
    assert [(x.origin, x.destination) for x in path.legs] == [("4302", "4301"), ("4301", "nansha")]
    assert path.hours == D(10)
    assert path.cost is not None and path.cost.amount == D(2600) and path.cost.currency == "CNY"


def test_cheapest_path_converts_usd_at_the_latest_rate() -> None:
    path = cheapest_path(NETWORK, origin="4302", destination="klang", unit="TEU", rates=USD)
    assert path is not None
    assert path.cost is not None
    # 600 + 2000 + 650 × 7.20 = 7280 (cheaper than 3200 by rail + 4680)
    assert path.cost.amount == D("7280.00")
    assert path.hours == D(178)
    assert path.origin == "4302" and path.destination == "klang"


def test_inverse_rate_is_used_when_only_the_other_direction_is_known() -> None:
    rates = [ExchangeRate("CNY", "HKD", D("1.08"), dt.date(2025, 1, 1))]
    assert rate_between(rates, "HKD", "CNY") == D(1) / D("1.08")
    assert rate_between([], "CNY", "CNY") == D(1)


def test_a_currency_without_a_rate_is_refused_never_summed() -> None:
    with pytest.raises(LogisticsError) as refused:
        cheapest_path(NETWORK, origin="4302", destination="klang", unit="TEU")
    assert refused.value.code == "no_rate"
    assert refused.value.params == {"base": "USD", "quote": "CNY"}
    path = fastest_path(NETWORK, origin="4302", destination="klang", unit="TEU")
    assert path is not None and path.cost is None
    assert path.cost_gap == ("no_rate", {"base": "USD", "quote": "CNY"})
    assert path.hours == D(178)


def test_a_leg_in_another_unit_or_without_cost_leaves_the_cost_unknown() -> None:
    legs = [leg("a", "b", "1", "10"), leg("b", "c", "1", "5", unit="t"), leg("c", "d", "1")]
    mixed = fastest_path(legs, origin="a", destination="c", unit="TEU")
    assert mixed is not None and mixed.cost is None
    assert mixed.cost_gap is not None and mixed.cost_gap[0] == "unit_mismatch"
    unpriced = fastest_path(legs, origin="b", destination="d", unit="t")
    assert unpriced is not None and unpriced.cost_gap is not None
    assert unpriced.cost_gap[0] == "missing_cost"
    no_unit = fastest_path(legs, origin="a", destination="b")
    assert no_unit is not None and no_unit.cost_gap == ("no_unit", {})
    assert cheapest_path(legs, origin="a", destination="c", unit="TEU") is None
    with pytest.raises(LogisticsError):
        leg_price(legs[2], unit="t", currency="CNY", rates=())


def test_unreachable_and_same_place_give_no_path() -> None:
    assert fastest_path(NETWORK, origin="klang", destination="4302") is None
    assert fastest_path(NETWORK, origin="4302", destination="4302") is None
    assert cheapest_path(NETWORK, origin="4302", destination="4302", unit="TEU", rates=USD) is None


def test_fastest_to_answers_every_origin_with_one_backward_search() -> None:
    paths = fastest_to(
        NETWORK,
        origins=["4302", "4301", "klang", "nowhere", "nansha"],
        destination="nansha",
        unit="TEU",
    )
    assert set(paths) == {"4302", "4301"}
    assert paths["4302"].hours == D(10)
    assert [x.destination for x in paths["4302"].legs] == ["4301", "nansha"]
    assert paths["4301"].cost is not None and paths["4301"].cost.amount == D(2000)


def test_legs_without_a_rate_are_left_out_and_named_when_another_path_exists() -> None:
    legs = [*NETWORK, leg("nansha", "hk", "6", "900", "HKD")]
    path = cheapest_path(legs, origin="4302", destination="nansha", unit="TEU")
    assert path is not None and path.cost is not None and path.cost.amount == D(2600)
    assert path.left_out == (
        ("no_rate", {"base": "USD", "quote": "CNY"}),
        ("no_rate", {"base": "HKD", "quote": "CNY"}),
    )


def test_path_cost_sums_exactly() -> None:
    total = path_cost(NETWORK[2:], unit="TEU")
    assert (total.amount, total.currency, total.unit) == (D(2600), "CNY", "TEU")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"mode": "ship"}, "unknown_mode"),
        ({"hours": D(-1)}, "bad_hours"),
        ({"destination": "a"}, "leg_to_itself"),
    ],
)
def test_bad_legs_are_refused(kwargs: dict[str, object], code: str) -> None:
    values: dict[str, object] = {
        "route": "r",
        "origin": "a",
        "destination": "b",
        "mode": "road",
        "hours": D(1),
    } | kwargs
    with pytest.raises(LogisticsError) as refused:
        Leg(**values)  # type: ignore[arg-type]
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((D(1), "XXX", "t"), "unknown_currency"),
        ((D(-1), "CNY", "t"), "bad_cost"),
        ((D(1), "CNY", " "), "missing_unit"),
    ],
)
def test_bad_costs_are_refused(args: tuple[D, str, str], code: str) -> None:
    with pytest.raises(LogisticsError) as refused:
        LegCost(*args)
    assert refused.value.code == code


def test_phrases_in_three_languages() -> None:
    params = {"base": "USD", "quote": "CNY"}
    assert describe("no_rate", params, "en") == (
        "no exchange rate from USD to CNY: the costs cannot be added; add a rate first"
    )
    assert describe("no_rate", params, "zh-Hans").startswith("没有 USD 兑 CNY 的汇率")
    assert describe("no_rate", params).startswith("沒有 USD 兌 CNY 的匯率")
    assert describe("unknown", {"a": 1}) == "unknown {'a': 1}"
    assert describe("unit_mismatch", {"origin": "a"}, "en").startswith("the leg a → {destination}")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 50)), max_size=20))
def test_fastest_is_never_slower_than_any_single_leg_and_matches_fastest_to(
    edges: list[tuple[int, int, int]],
) -> None:
    legs = [leg(str(a), str(b), str(h), str(h)) for a, b, h in edges if a != b]
    for a, b, h in edges:
        if a == b:
            continue
        path = fastest_path(legs, origin=str(a), destination=str(b), unit="TEU")
        assert path is not None and path.hours <= h
        assert path.legs[0].origin == str(a) and path.legs[-1].destination == str(b)
        steps = zip(path.legs, path.legs[1:], strict=False)
        assert all(x.destination == y.origin for x, y in steps)
        backward = fastest_to(legs, origins=[str(a)], destination=str(b))
        assert backward[str(a)].hours == path.hours
        cheapest = cheapest_path(legs, origin=str(a), destination=str(b), unit="TEU")
        assert cheapest is not None and cheapest.cost is not None
        assert cheapest.cost.amount == path.hours  # cost = hours on every leg here


def test_a_cost_unit_outside_the_known_units_is_refused() -> None:
    with pytest.raises(LogisticsError) as refused:
        LegCost(D(1), "CNY", "box")
    assert (refused.value.code, refused.value.params["unit"]) == ("unknown_unit", "box")
    assert describe("unknown_unit", refused.value.params, "en") == (
        "unknown cost unit “box” (use TEU、FEU、truck、wagon、pallet、t、kg、m3)"
    )


def test_a_leg_to_an_unknown_node_is_refused() -> None:
    legs = [leg("4302", "nansha", "30"), leg("nansha", "klang", "168")]
    check_network(legs, {"4302", "nansha", "klang"})
    with pytest.raises(LogisticsError) as refused:
        check_network(legs, {"4302", "nansha"})
    assert (refused.value.code, dict(refused.value.params)) == ("unknown_node", {"node": "klang"})
    assert describe("unknown_node", {"node": "klang"}, "zh-Hant") == (
        "「klang」不是已知的港口或行政區劃代碼"
    )
