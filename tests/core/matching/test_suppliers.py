import io

import pytest

from duijie_core.matching.csvio import InputError
from duijie_core.matching.suppliers import (
    Buyer,
    Supplier,
    capacity_fit,
    match_suppliers,
    read_buyers,
    serves_fit,
)


def test_capacity_and_serves() -> None:
    assert capacity_fit(100, 300).reason.texts["en"] == "capacity 300 covers volume 100"
    assert capacity_fit(100, 50).score == 0.5
    assert capacity_fit(None, 50).known is False
    assert serves_fit("深圳", ("广东", "深圳")).score == 1.0
    assert serves_fit("北京", ("广东",)).score == 0.2
    assert serves_fit("北京", ()).known is False


def test_match_suppliers_excludes_missing_certification() -> None:
    buyers = [Buyer("B1", "超市", "香港", "菜心 冷鏈", 100, ("有機認證",))]
    suppliers = [
        Supplier("甲", "永州", "菜心 冷链", 200, ("有机认证",), ("香港",)),
        Supplier("乙", "永州", "菜心", 200, (), ("香港",)),
    ]
    (result,) = match_suppliers(buyers, suppliers, top_k=5)
    assert [r.candidate for r in result.items] == ["甲"]
    assert [e.reason.texts["zh-Hant"] for e in result.exclusions] == ["排除：缺少認證有機認證"]


def test_bad_number_is_an_error() -> None:
    text = "id,buyer,city,needs,volume,required_certifications\nB1,x,y,z,lots,\n"
    with pytest.raises(InputError) as caught:
        read_buyers(io.StringIO(text), "b.csv")
    assert caught.value.problems[0].params == {"file": "b.csv", "row": 2, "value": "lots"}
