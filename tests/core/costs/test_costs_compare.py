"""Yearly cost, peer index, incomplete places, what-if and ten-year cost, computed by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.costs import CostError, WhatIf, compare, place_cost, price_book, ten_year_cost
from tests.core.costs.factories import TODAY, hkd, profile, value

PLANT = profile(
    ("land", "1000", "m2"),
    ("power", "20000", "kWh"),
    ("wage", "120", "person-month"),
)
ROWS = [
    # Changsha: 1000 × 12 + 20000 × 0.6 + 120 × 2000 = 12000 + 12000 + 240000 = 264000
    value("4301", "land", "12", on=date(2024, 1, 1)),
    value("4301", "power", "0.6", "CNY/kWh"),
    value("4301", "wage", "2000", "CNY/person/month"),
    # Wuhan: 1000 × 15 + 20000 × 0.7 + 120 × 2300 = 15000 + 14000 + 276000 = 305000
    value("4201", "land", "15"),
    value("4201", "power", "0.7", "CNY/kWh"),
    value("4201", "wage", "2300", "CNY/person/month"),
    # Hong Kong at 0.9 CNY/HKD: 1000 × 100 + 20000 × 1.5 + 120 × 7000 = 970000 HKD = 873000 CNY
    value("81", "land", "100", "HKD/m2/year"),
    value("81", "power", "1.5", "HKD/kWh"),
    value("81", "wage", "7000", "HKD/person/month"),
    # Nanchang has no wage.
    value("3601", "land", "10"),
    value("3601", "power", "0.5", "CNY/kWh"),
]
BOOK = price_book(ROWS, [hkd("0.9", date(2024, 12, 1))], TODAY)


def test_yearly_cost_by_item() -> None:
    cost = place_cost(PLANT, "4301", BOOK)
    assert [(i.item.indicator, i.annual_cost) for i in cost.items] == [
        ("land", Decimal(12000)),
        ("power", Decimal(12000)),
        ("wage", Decimal(240000)),
    ]
    assert cost.annual_cost == Decimal(264000)
    assert cost.missing == ()


def test_other_currency_converted_at_the_values_date() -> None:
    cost = place_cost(PLANT, "81", BOOK)
    assert cost.annual_cost == Decimal(873000)
    assert cost.items[0].price_cny == Decimal(90)


def test_index_against_the_places_themselves() -> None:
    result = compare(PLANT, ["4301", "4201"], BOOK)
    # mean = (264000 + 305000) / 2 = 284500
    assert result.peer_average == Decimal(284500)
    assert result.peers == ("4301", "4201")
    assert [place.index for place in result.places] == [
        Decimal(100) * 264000 / 284500,  # 92.79…
        Decimal(100) * 305000 / 284500,  # 107.20…
    ]
    assert round(result.places[0].index or 0, 2) == Decimal("92.79")


def test_peers_not_among_places_and_a_peer_without_data() -> None:
    result = compare(PLANT, ["4301"], BOOK, peers=["4201", "81", "3601", "9999"])
    # complete peers: 4201 (305000) and 81 (873000); mean 589000
    assert result.peer_average == Decimal(589000)
    assert result.excluded_peers == ("3601", "9999")
    assert [place.place for place in result.places] == ["4301"]
    assert result.places[0].index == Decimal(100) * 264000 / 589000


def test_an_incomplete_place_has_no_total_and_no_index() -> None:
    result = compare(PLANT, ["4301", "3601"], BOOK)
    nanchang = result.places[1]
    assert nanchang.missing == ("wage",)
    assert [i.annual_cost for i in nanchang.items] == [Decimal(10000), Decimal(10000)]
    assert nanchang.annual_cost is None
    assert nanchang.index is None
    # the complete place is indexed against the complete peers only: itself
    assert result.places[0].index == Decimal(100)
    assert result.excluded_peers == ("3601",)


def test_no_complete_peer_means_no_index() -> None:
    result = compare(PLANT, ["4301"], BOOK, peers=["3601"])
    assert result.peer_average is None
    assert result.places[0].index is None
    assert result.places[0].annual_cost == Decimal(264000)


def test_what_if_value_and_quantity() -> None:
    what_if = WhatIf(
        values={("4301", "wage"): Decimal(2500), ("81", "land"): Decimal(50)},
        quantities={"power": Decimal(10000)},
    )
    result = compare(PLANT, ["4301", "81"], BOOK, what_if=what_if)
    changsha, hong_kong = result.places
    # 12000 + 10000 × 0.6 + 120 × 2500 = 318000
    assert changsha.annual_cost == Decimal(318000)
    assert [i.overridden for i in changsha.items] == [False, True, True]
    # 1000 × 50 × 0.9 + 10000 × 1.5 × 0.9 + 120 × 7000 × 0.9 = 45000 + 13500 + 756000
    assert hong_kong.annual_cost == Decimal(814500)
    assert hong_kong.items[0].value.value == Decimal(100)  # the source row is unchanged
    unchanged = compare(PLANT, ["4301", "81"], BOOK)
    assert [p.annual_cost for p in unchanged.places] == [Decimal(264000), Decimal(873000)]


@pytest.mark.parametrize(
    ("what_if", "code"),
    [
        (WhatIf(quantities={"gas": Decimal(1)}), "what_if_unknown_item"),
        (WhatIf(quantities={"land": Decimal(-1)}), "bad_quantity"),
        (WhatIf(values={("3601", "wage"): Decimal(1)}), "what_if_without_value"),
        (WhatIf(values={("4301", "wage"): Decimal("NaN")}), "bad_value"),
    ],
)
def test_what_if_refusals(what_if: WhatIf, code: str) -> None:
    with pytest.raises(CostError) as caught:
        compare(PLANT, ["4301", "3601"], BOOK, what_if=what_if)
    assert caught.value.code == code


def test_stale_items_flagged() -> None:
    result = compare(PLANT, ["4301"], BOOK, max_age=timedelta(days=365))
    assert [i.stale for i in result.places[0].items] == [True, False, False]


def test_unit_mismatch_names_the_row() -> None:
    rows = [value("4301", "wage", "2000", "CNY/person/month", line=7)]
    book = price_book(rows, [], TODAY)
    with pytest.raises(CostError) as caught:
        compare(profile(("wage", "100", "person")), ["4301"], book)
    assert caught.value.code == "period_not_annual"
    assert caught.value.params["where"] == "IND.csv line 7"
    assert caught.value.params["expected"] == "person-month"


@pytest.mark.parametrize(
    ("places", "peers", "code"),
    [
        ([], None, "no_places"),
        (["4301", "4301"], None, "duplicate_place"),
        (["4301", ""], None, "empty_place"),
        (["4301"], [], "no_places"),
    ],
)
def test_place_lists(places: list[str], peers: list[str] | None, code: str) -> None:
    with pytest.raises(CostError) as caught:
        compare(PLANT, places, BOOK, peers=peers)
    assert caught.value.code == code


def test_ten_year_cost() -> None:
    assert ten_year_cost(Decimal(1000)) == Decimal(10000)
    # 1000 × (1.1¹⁰ − 1) / 0.1
    assert ten_year_cost(Decimal(1000), Decimal("0.1")) == Decimal("15937.424601")
    assert ten_year_cost(Decimal(1000), Decimal("-0.5"), years=3) == Decimal(1750)
    for bad in (Decimal(-1), Decimal("Infinity")):
        with pytest.raises(CostError):
            ten_year_cost(Decimal(1000), bad)
    with pytest.raises(CostError):
        ten_year_cost(Decimal(1000), years=0)


amounts = st.decimals(min_value=0, max_value=10**6, places=2)


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=6))
def test_the_peer_average_is_100_and_no_change_is_no_change(
    prices: list[tuple[Decimal, Decimal]],
) -> None:
    plan = profile(("land", "3", "m2"), ("power", "7", "kWh"))
    rows = [value(str(n), "land", str(land)) for n, (land, _) in enumerate(prices)]
    rows += [value(str(n), "power", str(power), "CNY/kWh") for n, (_, power) in enumerate(prices)]
    book = price_book(rows, [], TODAY)
    codes = [str(n) for n in range(len(prices))]
    result = compare(plan, codes, book)
    totals = [3 * land + 7 * power for land, power in prices]
    assert [place.annual_cost for place in result.places] == totals
    if sum(totals):
        indexes = [place.index or Decimal(0) for place in result.places]
        assert abs(sum(indexes) / len(indexes) - 100) < Decimal("1e-20")
    same = compare(plan, codes, book, what_if=WhatIf(quantities={"land": Decimal(3)}))
    assert [p.annual_cost for p in same.places] == totals
