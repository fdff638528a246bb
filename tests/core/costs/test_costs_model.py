"""No value without a source and a date; values and quantities are non-negative decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from duijie_core.costs import CostError, IndicatorValue, ProfileItem, Source


def indicator(**changes: Any) -> IndicatorValue:
    fields: dict[str, Any] = {
        "place": "4301",
        "indicator": "rent",
        "on": date(2025, 1, 1),
        "value": Decimal(12),
        "unit": "CNY/m2/year",
        "currency": "CNY",
        "source": Source("Changsha land bureau notice", "長沙市自然資源和規劃局", date(2025, 1, 5)),
    }
    return IndicatorValue(**(fields | changes))


def code(**changes: Any) -> str:
    with pytest.raises(CostError) as caught:
        indicator(**changes)
    return caught.value.code


def test_a_sourced_dated_value() -> None:
    assert indicator().where == "4301 rent 2025-01-01"
    assert indicator(origin="IND.csv", line=3).where == "IND.csv line 3"


def test_refused_without_a_source_or_a_date() -> None:
    with pytest.raises(CostError) as caught:
        Source("  ")
    assert caught.value.code == "missing_source"
    assert code(source=None) == "missing_source"
    assert code(on=None) == "missing_date"
    assert code(on="2025-01-01") == "missing_date"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"place": ""}, "missing_key"),
        ({"indicator": ""}, "missing_key"),
        ({"value": Decimal(-1)}, "bad_value"),
        ({"value": Decimal("1e19")}, "bad_value"),
        ({"value": 12.0}, "bad_value"),
        ({"value": True}, "bad_value"),
        ({"unit": "CNY/m2/week"}, "bad_unit"),
        ({"currency": ""}, "currency_mismatch"),
        ({"unit": "score"}, "currency_mismatch"),
    ],
)
def test_refused_values(changes: dict[str, Any], expected: str) -> None:
    assert code(**changes) == expected


def test_profile_items() -> None:
    assert ProfileItem("power", Decimal(0), "kWh").quantity == Decimal(0)
    for bad, expected in (
        (("", Decimal(1), "kWh"), "missing_key"),
        (("power", Decimal(-1), "kWh"), "bad_quantity"),
        (("power", Decimal(1), "CNY/kWh"), "bad_quantity_unit"),
    ):
        with pytest.raises(CostError) as caught:
            ProfileItem(*bad)
        assert caught.value.code == expected
