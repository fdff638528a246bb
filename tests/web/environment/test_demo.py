"""The demo: SAMPLE values labelled as such; the real series when the development data is there."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from duijie.environment import demo
from duijie.environment.models import IndicatorValue, OperationProfile
from duijie.environment.services import annual_costs
from tests.web.environment.factories import hkd_rate

pytestmark = pytest.mark.django_db

FUEL = (
    "province,gas89,gas92,gas95,gas98,diesel0,updated_at\n"
    "湖南,6.1,6.50,7.0,7.9,6.20,2022-11-03 10:00:00\n"
    "湖南,6.1,6.70,7.0,7.9,6.40,2022-11-20 10:00:00\n"
    "湖南,6.1,0,7.0,7.9,-,2022-12-05 10:00:00\n"
    "上海,6.1,6.60,7.0,7.9,6.30,2022-11-20 10:00:00\n"
)
GDP = ",北京市,湖南省,湖北省\n2020,36102.6,41781.5,43443.5\n2015,1,2,3\n"


def test_without_the_development_data_only_sample_values_and_a_message(
    settings, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    settings.SHARED_DATA_DIR = tmp_path
    hkd_rate()
    counts = demo.populate(rng=random.Random(2025))
    assert counts["indicators"] == len(demo.INDICATORS) and counts["profile items"] == 32
    assert counts["profile roles"] == 8
    assert set(IndicatorValue.objects.values_list("status", "source").distinct()) == {
        ("sample", "sample"),
        ("official", demo.EIT_LAW),
        ("official", demo.EIT_HIGH_TECH),
        ("official", demo.WESTERN),
        ("estimated", demo.HK_PROFITS_TAX),
    }
    # The law's rates are entered per province; a city takes its province's.
    assert annual_costs(profile="rd-centre", place_codes=["4301"], today=dt.date(2025, 12, 1))[
        "4301"
    ]
    assert "fuel price series is left out" in capsys.readouterr().err
    assert OperationProfile.objects.count() == 5
    hk = IndicatorValue.objects.get(place__code="81", indicator__code="factory_rent")
    assert (hk.unit, hk.currency) == ("HKD/m2/month", "HKD")
    found = annual_costs(
        profile="manufacturing-plant",
        place_codes=["4301", "81", "4331"],
        today=dt.date(2025, 12, 1),
    )
    assert all(isinstance(found[code], Decimal) for code in ("4301", "81", "4331"))
    # The cold-chain hub needs diesel, which only the real series (and Hong Kong's sample) has.
    assert annual_costs(
        profile="cold-chain-hub", place_codes=["4301"], today=dt.date(2025, 12, 1)
    ) == {"4301": None}


def test_the_real_series_keep_the_last_price_of_each_month_and_five_years_of_gdp(
    settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fuel_prices").mkdir()
    (tmp_path / "fuel_prices" / "provincial_fuel_prices.csv").write_text(FUEL, encoding="utf-8")
    (tmp_path / "province_gdp").mkdir()
    (tmp_path / "province_gdp" / "Chinas GDP in Province Zh.csv").write_text(GDP, encoding="utf-8")
    settings.SHARED_DATA_DIR = tmp_path
    hkd_rate()
    demo.populate(rng=random.Random(1))
    real = IndicatorValue.objects.filter(
        status="official", source__in=demo.SERIES_SOURCES
    ).order_by("indicator__code", "place__code", "on")
    assert [(v.indicator.code, v.place.code, v.on.isoformat(), v.value) for v in real] == [
        ("diesel_0", "43", "2022-11-20", Decimal("6.4")),
        ("gasoline_92", "43", "2022-11-20", Decimal("6.7")),
        ("gdp", "42", "2020-12-31", Decimal("43443.5")),
        ("gdp", "43", "2020-12-31", Decimal("41781.5")),
    ]  # Shanghai and Beijing are not among the series' provinces; 2015 is before 2016
    assert annual_costs(profile="cold-chain-hub", place_codes=["4301"], today=dt.date(2025, 12, 1))[
        "4301"
    ]
