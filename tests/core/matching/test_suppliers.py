"""Supply–demand matching: each signal, filter and reason against the numbers it cites."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duijie_core.matching.csvio import InputError
from duijie_core.matching.produce import ProductName, UnitPrice
from duijie_core.matching.suppliers import (
    Buyer,
    Supplier,
    fit,
    match_suppliers,
    read_buyers,
    read_suppliers,
)
from duijie_core.matching.supply_fit import (
    Offer,
    certification_check,
    cold_chain_check,
    delivery_check,
    product_match,
    product_score,
    season_signal,
    serves_signal,
    volume_signal,
)
from duijie_core.matching.supply_price import PriceWanted, Rates
from duijie_core.money import ExchangeRate, Money, MoneyRange

ORANGE = ProductName("臍橙", "脐橙", "navel orange")
TEA = ProductName("綠茶", "绿茶", "green tea")
WINTER = (11, 12, 1, 2)


def texts(reason: object) -> tuple[str, str, str]:
    t = reason.texts  # type: ignore[attr-defined]
    return t["zh-Hant"], t["zh-Hans"], t["en"]


def test_product_names_match_across_scripts_and_languages() -> None:
    assert product_score("脐橙", "臍橙") == 1.0
    assert product_score("Navel Orange", "navel orange") == 1.0
    assert product_score("橙", "臍橙") == 0.8
    assert product_score("柑橘", "綠茶") == 0.0
    assert product_score("黑茶", "綠茶") == 0.0  # one shared character says nothing
    assert product_score("", "綠茶") == 0.0
    shared = product_score("新鮮蔬菜配送", "蔬菜冷鏈直供")
    assert 0 < shared <= 0.6


def test_product_match_keeps_every_offer_of_the_best_product() -> None:
    offers = [Offer(ORANGE, (11, 12), 100), Offer(TEA, (4,), 5), Offer(ORANGE, (1, 2), 50)]
    match = product_match(["脐橙"], offers)
    assert (match.score, match.need, match.offers) == (1.0, "脐橙", (offers[0], offers[2]))
    assert product_match(["大米"], offers).score == 0.0


def test_the_product_reason_names_the_product_never_the_company() -> None:
    buyer = Buyer("B", "超市", "香港", "脐橙", 80, months=WINTER)
    supplier = Supplier("永州果業有限公司", "永州", "", None, offers=(Offer(ORANGE, WINTER, 100),))
    found = fit(buyer, supplier)
    assert found is not None
    product = found.signals[0]
    assert texts(product.reason) == (  # the same product: named in the reader's language
        "供應所需產品：臍橙",
        "供应所需产品：脐橙",
        "supplies the product wanted: navel orange",
    )
    assert "永州果業" not in "".join(texts(product.reason))
    near = fit(Buyer("B", "超市", "香港", "橙", 80, months=WINTER), supplier)
    assert near is not None
    assert texts(near.signals[0].reason) == (  # a different word: the need as written
        "供應臍橙，對應需求「橙」",
        "供应脐橙，对应需求「橙」",
        "supplies navel orange, for the need “橙”",
    )


def test_volume_covered_in_every_needed_month_cites_the_lowest_capacity() -> None:
    offers = [Offer(ORANGE, (11, 12), 300), Offer(ORANGE, (1, 2), 200)]
    signal = volume_signal(150, "t", WINTER, offers)
    assert signal.score == 1.0
    assert texts(signal.reason) == (
        "11月至2月每月可供 200 公噸，需求每月 150 公噸",
        "11月至2月每月可供 200公吨，需求每月 150公吨",
        "200 t a month (Nov–Feb), 150 t a month needed",
    )


def test_volume_short_names_the_short_months_and_scores_the_mean_ratio() -> None:
    offers = [Offer(ORANGE, (11, 12), 300), Offer(ORANGE, (1, 2), 100)]
    signal = volume_signal(200, "t", WINTER, offers)
    assert signal.score == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert texts(signal.reason)[2] == "only 100 t a month (Jan–Feb), 200 t a month needed"


def test_months_out_of_season_are_left_to_the_season_signal() -> None:
    offers = [Offer(ORANGE, (11, 12), 300)]
    signal = volume_signal(200, "t", WINTER, offers)
    assert signal.score == 0.5
    assert texts(signal.reason)[2] == "300 t a month (Nov–Dec), 200 t a month needed"
    assert volume_signal(200, "t", (6,), offers).reason is None


def test_volume_converts_kilograms_to_tonnes_and_never_adds_boxes() -> None:
    offers = [Offer(ORANGE, (), 50_000, "kg"), Offer(ORANGE, (), 9_999, "box")]
    signal = volume_signal(100, "t", (), offers)
    assert signal.score == 0.5  # 50 t of 100 t every month; the boxes are not counted
    assert texts(signal.reason)[2] == "only 50 t a month (all year), 100 t a month needed"


def test_volume_in_another_dimension_is_not_compared() -> None:
    signal = volume_signal(100, "t", (), [Offer(ORANGE, (), 400, "box")])
    assert (signal.score, signal.known) == (0.5, False)
    assert texts(signal.reason)[0] == "產能以箱計，需求以公噸計，無法比較，按中性計"
    assert (
        texts(signal.reason)[2] == "capacity in boxes, need in t: not comparable, scored as neutral"
    )


def test_volume_unknown_is_neutral_and_said() -> None:
    signal = volume_signal(None, "t", (), [Offer(ORANGE, (), 10)])
    assert (signal.score, signal.known, signal.reason.code) == (0.5, False, "capacity_unknown")
    assert volume_signal(10, "t", (), [Offer(ORANGE)]).known is False


def test_season_share_and_its_reason() -> None:
    signal = season_signal(WINTER, [Offer(ORANGE, (10, 11, 12), 10)])
    assert signal.score == 0.5
    assert texts(signal.reason) == (
        "供應期10月至12月，涵蓋所需 2/4 個月",
        "供应期10月至12月，涵盖所需 2/4 个月",
        "in season Oct–Dec: 2 of the 4 months needed",
    )
    assert texts(season_signal(WINTER, [Offer(ORANGE, (6,), 10)]).reason)[2] == (
        "in season Jun: 0 of the 4 months needed"
    )
    assert season_signal((), [Offer(ORANGE)]).reason is None


def test_certifications_compare_by_code_whatever_the_spelling() -> None:
    held = certification_check(["有机", "GAP"], ["有機認證", "GAP 良好農業規範"])
    assert held.score == 1.0  # type: ignore[union-attr]
    assert texts(held.reason) == (  # type: ignore[union-attr]
        "持有所需認證：有機認證、GAP 良好農業規範",
        "持有所需认证：有机认证、GAP 良好农业规范",
        "holds the certifications required: organic, GAP",
    )
    missing = certification_check(["HACCP"], ["GAP"])
    assert texts(missing)[2] == "excluded: certification HACCP missing"
    assert certification_check([], ["GAP"]) is None


def test_delivery_within_over_and_unknown() -> None:
    hours = [("香港", 18.0), ("深圳", 10.0)]
    within = delivery_check("香港", 24, hours)
    assert within.score == pytest.approx(1 - 0.5 * 18 / 24)  # type: ignore[union-attr]
    assert texts(within.reason) == (  # type: ignore[union-attr]
        "運抵香港約 18 小時，在 24 小時 限期內",
        "运抵香港约 18小时，在 24小时 限期内",
        "delivers to 香港 in 18 hrs, within the 24 hrs limit",
    )
    over = delivery_check("香港", 12, hours)
    assert texts(over)[2] == "excluded: delivery to 香港 takes 18 hrs, over the 12 hrs limit"
    unknown = delivery_check("澳門", 12, hours)
    assert (unknown.score, unknown.known) == (0.5, False)  # type: ignore[union-attr]
    assert texts(unknown.reason)[2] == "delivery time to 澳門 unknown: scored as neutral"  # type: ignore[union-attr]
    assert delivery_check("香港", None, hours).reason is None  # type: ignore[union-attr]


def test_cold_chain_and_serves() -> None:
    assert cold_chain_check(False, False) is None
    assert (
        texts(cold_chain_check(True, False))[2]
        == "excluded: cold chain needed, the supplier has none"
    )
    assert cold_chain_check(True, True).score == 1.0  # type: ignore[union-attr]
    assert texts(serves_signal("深圳", ("广东", "深圳")).reason)[2] == "serves 深圳"
    assert serves_signal("北京", ("广东",)).score == 0.2
    assert serves_signal("北京", (), "香港", (("香港", 20.0),)).score == 1.0
    assert serves_signal("北京", ()).known is False


def _orchard(name: str, monthly: float, months: tuple[int, ...], **more: object) -> Supplier:
    return Supplier(name, "永州", "", None, offers=(Offer(ORANGE, months, monthly),), **more)  # type: ignore[arg-type]


def test_ranking_spreads_by_volume_and_season_and_lists_exclusions() -> None:
    buyer = Buyer(
        "B1",
        "超市",
        "香港",
        "臍橙",
        100,
        ("GAP",),
        months=WINTER,
        max_delivery_hours=24,
        cold_chain=True,
    )
    common = {"certifications": ("GAP",), "cold_chain": True, "delivery_hours": (("香港", 20.0),)}
    suppliers = [
        _orchard("小園", 40, WINTER, **common),
        _orchard("大園", 300, WINTER, **common),
        _orchard("秋園", 300, (10, 11), **common),
        _orchard("無證園", 300, WINTER, cold_chain=True, delivery_hours=(("香港", 20.0),)),
        _orchard(
            "遠園",
            300,
            WINTER,
            certifications=("GAP",),
            cold_chain=True,
            delivery_hours=(("香港", 30.0),),
        ),
        _orchard("常溫園", 300, WINTER, certifications=("GAP",), delivery_hours=(("香港", 20.0),)),
        Supplier("茶園", "永州", "", None, offers=(Offer(TEA, (), 300),)),
    ]
    (result,) = match_suppliers([buyer], suppliers, top_k=5)
    assert [r.candidate for r in result.items] == [
        "大園",
        "小園",
        "秋園",
    ]  # 40 % every month beats one month of four
    scores = [round(r.score, 3) for r in result.items]
    assert scores[0] > scores[1] > scores[2]
    assert result.exclusion_counts == {
        "excluded_certification": 1,
        "excluded_cold_chain": 1,
        "excluded_delivery": 1,
        "no_product": 1,
    }
    assert [e.candidate for e in result.exclusions] == ["無證園", "遠園", "常溫園"]
    assert all(r.reasons for r in result.items)
    assert [r.code for r in result.items[0].reasons] == [
        "supply_product_same",
        "supply_capacity",
        "supply_season",
        "supply_certified",
        "supply_cold_chain",
        "supply_delivery",
    ]


def test_files_with_the_optional_columns() -> None:
    buyers = read_buyers(
        io.StringIO(
            "id,buyer,city,needs,volume,required_certifications,unit,months,max_delivery_hours,cold_chain,market\n"
            "B1,超市,香港,臍橙,50,有機,t,11;12,24,是,\n"
        ),
        "b.csv",
    ).rows
    suppliers = read_suppliers(
        io.StringIO(
            "name,city,products,capacity,certifications,regions,unit,months,cold_chain,delivery_hours\n"
            "甲,永州,脐橙,60000,有机认证,香港,kg,10;11;12,yes,香港:20\n"
        ),
        "s.csv",
    ).rows
    assert buyers[0].months == (11, 12) and buyers[0].cold_chain is True
    assert suppliers[0].delivery_hours == (("香港", 20.0),)
    (result,) = match_suppliers(buyers, suppliers, 3)
    assert texts(result.items[0].reasons[1])[2] == "60 t a month (Nov–Dec), 50 t a month needed"


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("volume", "lots", "bad_number"),
        ("months", "13", "bad_months"),
        ("cold_chain", "maybe", "bad_flag"),
        ("price", "cheap", "bad_price"),
        ("price", "CNY 8000-9000", "bad_price"),  # a buyer's price is one figure
        ("price_kind", "min", "bad_price_kind"),
    ],
)
def test_bad_cells_name_row_and_column(column: str, value: str, code: str) -> None:
    cells = {
        "id": "B1",
        "buyer": "x",
        "city": "y",
        "needs": "z",
        "volume": "",
        "required_certifications": "",
    }
    cells[column] = value
    text = ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"
    with pytest.raises(InputError) as caught:
        read_buyers(io.StringIO(text), "b.csv")
    (problem,) = caught.value.problems
    assert (problem.code, problem.params) == (
        code,
        {"file": "b.csv", "row": 2, "column": column, "value": value},
    )


def test_bad_delivery_hours_are_refused() -> None:
    header = "name,city,products,capacity,certifications,regions,delivery_hours"
    text = f"{header}\n甲,永州,茶,1,,,香港:soon\n"
    with pytest.raises(InputError) as caught:
        read_suppliers(io.StringIO(text), "s.csv")
    assert caught.value.problems[0].code == "bad_hours"


def test_prices_in_the_files_are_read_per_unit_and_compared_through_a_rate() -> None:
    buyers = read_buyers(
        io.StringIO(
            "id,buyer,city,needs,volume,required_certifications,unit,price,price_kind\n"
            'B1,超市,香港,臍橙,5,,kg,"HKD 9",target\n'
        ),
        "b.csv",
    ).rows
    suppliers = read_suppliers(
        io.StringIO(
            "name,city,products,capacity,certifications,regions,price\n"
            '甲,永州,脐橙,60,,香港,"CNY 7,000-8,000"\n'
        ),
        "s.csv",
    ).rows
    undisclosed = "name,city,products,capacity,certifications,regions,price\n甲,永州,茶,1,,,待定\n"
    assert read_suppliers(io.StringIO(undisclosed), "s.csv").rows[0].price is None
    assert buyers[0].price == PriceWanted(Money(Decimal(9), "HKD"), "kg", "target")
    assert suppliers[0].price == UnitPrice(
        MoneyRange(Money(Decimal(7000), "CNY"), Money(Decimal(8000), "CNY")), "t"
    )
    (alone,) = match_suppliers(buyers, suppliers, 3)
    price = next(r for r in alone.items[0].reasons if r.code == "supply_price_no_rate")
    assert texts(price)[2] == "price not comparable: no HKD–CNY rate, scored as neutral"
    rate = ExchangeRate("CNY", "HKD", Decimal("1.08"), dt.date(2026, 1, 1))
    (rated,) = match_suppliers(buyers, suppliers, 3, rates=Rates((rate,), dt.date(2026, 6, 1)))
    shown = [texts(r)[2] for r in rated.items[0].reasons]
    assert "CN¥7,000–8,000/t (≈ HK$7.56–8.64/kg), target price HK$9.00/kg" in shown


@given(
    st.lists(st.text(max_size=12), min_size=1, max_size=6),
    st.text(max_size=20),
)
def test_reading_any_text_either_reads_or_names_the_problem(cells: list[str], needs: str) -> None:
    header = "id,buyer,city,needs,volume,required_certifications,unit,months,"
    header += "max_delivery_hours,cold_chain,market,price,price_kind"
    values = [*cells, "", "", "", "", "", "", "", "", "", "", "", ""][:12]
    row = ",".join(
        v.replace(",", " ").replace("\n", " ").replace('"', " ").replace("\r", " ") for v in values
    )
    try:
        rows = read_buyers(io.StringIO(f"{header}\n{row},\n"), "b.csv").rows
    except InputError as error:
        assert all(p.params["row"] == 2 for p in error.problems)
    else:
        supplier = Supplier("甲", "永州", needs or "茶", 10)
        match_suppliers(rows, [supplier], 3)
