"""The investment environment's demo: indicators, SAMPLE values, two real series, five profiles.

Income-tax rates are official where the law gives them (``TAX_RATES``, ``tax_values``:
the Enterprise Income Tax Law's 25 % and 15 %, Xiangxi's western-development 15 %, Hong
Kong's profits tax, estimated), with the law named as the source; the effective rates
after local rebates are SAMPLE values. Headcount by role (``ROLES``) is sample data.
Real series are read from the development data at demo time (never committed: neither
set has a licence): provincial fuel prices (``fuel_prices``: gasoline 92 and diesel 0,
the last price of each month) and provincial GDP (``province_gdp``, 2016–2020). When a
set is absent the demo says so and goes on without it. Everything else is a SAMPLE
value — status ``sample``, source "sample" — for Hunan's cities, the peer capitals
(Wuhan, Nanchang, Hefei, Zhengzhou, Taiyuan) and Hong Kong (in HKD), never presented
as fact: every page shows a "sample" badge on each of them. Deterministic from the seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings

from duijie.environment.models import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    OperationProfile,
    ProfileItem,
    ProfileRole,
    ValueStatus,
)
from duijie.history.records import DEMO, record_bulk
from duijie.reference.models import AdminDivision, DivisionLevel

SAMPLE_SOURCE = "sample"
SAMPLE_DAY = dt.date(2025, 6, 30)
OLD_DAY = dt.date(2023, 6, 30)  # older than the default maximum age: shown as stale
# code: (Simplified, Traditional, English, unit, kind, Changsha's sample value, Hong Kong's in HKD)
INDICATORS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "minimum_wage": (
        "最低工资",
        "最低工資",
        "Minimum wage",
        "CNY/person/month",
        "cost",
        "2100",
        "9000",
    ),
    "wage_manufacturing": (
        "制造业平均工资",
        "製造業平均工資",
        "Average wage, manufacturing",
        "CNY/person/month",
        "cost",
        "6500",
        "19000",
    ),
    "wage_it": (
        "信息技术业平均工资",
        "資訊科技業平均工資",
        "Average wage, information technology",
        "CNY/person/month",
        "cost",
        "9800",
        "32000",
    ),
    "wage_research": (
        "科学研究和技术服务业平均工资",
        "科學研究和技術服務業平均工資",
        "Average wage, scientific research and technical services",
        "CNY/person/month",
        "cost",
        "9200",
        "30000",
    ),
    "wage_business_services": (
        "租赁和商务服务业平均工资",
        "租賃和商務服務業平均工資",
        "Average wage, leasing and business services",
        "CNY/person/month",
        "cost",
        "7600",
        "27000",
    ),
    "industrial_land_rent": (
        "工业用地年租金",
        "工業用地年租金",
        "Industrial land rent",
        "CNY/m2/year",
        "cost",
        "12",
        "900",
    ),
    "factory_rent": (
        "标准厂房租金",
        "標準廠房租金",
        "Factory rent",
        "CNY/m2/month",
        "cost",
        "18",
        "160",
    ),
    "office_rent": ("写字楼租金", "寫字樓租金", "Office rent", "CNY/m2/month", "cost", "60", "450"),
    "cold_storage_rent": (
        "冷库租金",
        "冷庫租金",
        "Cold-storage rent",
        "CNY/m2/month",
        "cost",
        "45",
        "260",
    ),
    "industrial_electricity": (
        "工业电价",
        "工業電價",
        "Industrial electricity",
        "CNY/kWh",
        "cost",
        "0.65",
        "1.45",
    ),
    "non_residential_gas": (
        "非居民用气价格",
        "非住宅燃氣價格",
        "Non-residential gas",
        "CNY/m3",
        "cost",
        "3.60",
        "6.80",
    ),
    "industrial_water": (
        "工业用水价格",
        "工業用水價格",
        "Industrial water",
        "CNY/m3",
        "cost",
        "3.50",
        "9.30",
    ),
    "loan_interest": (
        "新发放企业贷款加权平均利率",
        "新發放企業貸款加權平均利率",
        "Weighted interest rate of new corporate loans",
        "CNY/CNY/year",
        "cost",
        "0.0385",
        "0.0575",
    ),
    "freight_to_gba": (
        "至大湾区港口运费",
        "至大灣區港口運費",
        "Freight to a Greater Bay Area port",
        "CNY/t",
        "cost",
        "260",
        "80",
    ),
    "housing_price": (
        "商品住宅均价",
        "商品住宅均價",
        "Average housing price",
        "CNY/m2",
        "cost",
        "11000",
        "160000",
    ),
    "diesel_0": ("0号柴油价格", "0號柴油價格", "Diesel (0#)", "CNY/L", "cost", "", "21"),
    "gasoline_92": ("92号汽油价格", "92號汽油價格", "Gasoline (92#)", "CNY/L", "cost", "", "24"),
    # Tax incentives: the income-tax rate an operation pays at a place, per yuan of taxable
    # profit a year (values from TAX_RATES: official where the law gives them, else samples).
    "cit_rate": (
        "企业所得税税率",
        "企業所得稅稅率",
        "Corporate income-tax rate",
        "CNY/CNY/year",
        "cost",
        "",
        "",
    ),
    "cit_rate_high_tech": (
        "高新技术企业所得税税率",
        "高新技術企業所得稅稅率",
        "Income-tax rate, high-tech enterprise",
        "CNY/CNY/year",
        "cost",
        "",
        "",
    ),
    "cit_rate_western": (
        "西部大开发企业所得税税率",
        "西部大開發企業所得稅稅率",
        "Income-tax rate, western development (where it applies)",
        "CNY/CNY/year",
        "cost",
        "",
        "",
    ),
    "cit_rate_local_rebate": (
        "含地方返还的实际所得税税率",
        "含地方返還的實際所得稅稅率",
        "Effective income-tax rate after local rebates",
        "CNY/CNY/year",
        "cost",
        "",
        "",
    ),
    "transit_to_gba": (
        "至大湾区港口运输时间",
        "至大灣區港口運輸時間",
        "Transit time to a Greater Bay Area port",
        "hour",
        "quality",
        "10",
        "2",
    ),
    "gdp": ("地区生产总值", "地區生產總值", "Gross regional product", "CNY100m", "quality", "", ""),
    "quality.education": ("教育", "教育", "Education", "score", "quality", "72", "85"),
    "quality.medical_care": ("医疗", "醫療", "Medical care", "score", "quality", "70", "88"),
    "quality.industrial_base": (
        "产业基础",
        "產業基礎",
        "Industrial base",
        "score",
        "quality",
        "78",
        "60",
    ),
    "quality.open_platforms": (
        "开放平台",
        "開放平台",
        "Open platforms",
        "score",
        "quality",
        "74",
        "90",
    ),
    "quality.research_platforms": (
        "科研平台",
        "科研平台",
        "Research platforms",
        "score",
        "quality",
        "75",
        "80",
    ),
    "quality.talent": ("人才", "人才", "Talent", "score", "quality", "73", "86"),
    "quality.business_environment": (
        "营商环境",
        "營商環境",
        "Business environment",
        "score",
        "quality",
        "80",
        "92",
    ),
}
# Sample level of each place against Changsha (costs; quality scores move the other way a little).
PEERS = {"4201": Decimal("1.12"), "3601": Decimal("0.95"), "3401": Decimal("1.08"),
         "4101": Decimal("1.04"), "1401": Decimal("0.97")}  # fmt: skip
HUNAN_CITIES = ("4301", "4302", "4303", "4304", "4305", "4306", "4307", "4308", "4309",
                "4310", "4311", "4312", "4313", "4331")  # fmt: skip
HONG_KONG = "81"
# Province → the real series' provinces (the peers' and Guangdong's).
SERIES_PROVINCES = ("43", "42", "36", "34", "41", "14", "44")
FUELS = {"gas92": "gasoline_92", "diesel0": "diesel_0"}
FUEL_SOURCE = "Provincial fuel price notices, compiled by wuchunfu/youjia (development data)"
GDP_SOURCE = (
    "National Bureau of Statistics, provincial GDP, via henrylin03/china-gdp (development data)"
)
EIT_LAW = "中华人民共和国企业所得税法（2018年修正）第四条：税率为25%"
EIT_HIGH_TECH = (
    "中华人民共和国企业所得税法（2018年修正）第二十八条：国家需要重点扶持的高新技术企业，"
    "减按15%的税率征收"
)
WESTERN = (
    "财政部 税务总局 国家发展改革委公告2020年第23号（延续西部大开发企业所得税政策，15%，"
    "2021–2030年）；财税〔2011〕58号第二条：湘西土家族苗族自治州比照西部地区执行"
)
HK_PROFITS_TAX = (
    "Inland Revenue Ordinance (Cap. 112): profits tax on corporations 16.5% "
    "(the two-tier 8.25% on the first HKD 2 million left out)"
)
NPC = "全国人民代表大会常务委员会"
WESTERN_PLACES = ("4331",)  # Xiangxi: western-development rate by 财税〔2011〕58号
LAW_PROVINCES = ("43", "42", "36", "34", "41", "14")  # the law's rates, entered per province
# indicator: (value where the law gives it, source, publisher, publication date, status)
TAX_RATES: dict[str, tuple[str, str, str, dt.date, str]] = {
    "cit_rate": ("0.25", EIT_LAW, NPC, dt.date(2018, 12, 29), ValueStatus.OFFICIAL),
    "cit_rate_high_tech": ("0.15", EIT_HIGH_TECH, NPC, dt.date(2018, 12, 29), ValueStatus.OFFICIAL),
    "cit_rate_western": ("0.25", EIT_LAW, NPC, dt.date(2018, 12, 29), ValueStatus.OFFICIAL),
}
SERIES_SOURCES = (FUEL_SOURCE, GDP_SOURCE)
# profile code: (Simplified, Traditional, English, [(indicator, quantity, unit)])
PROFILES: dict[str, tuple[str, str, str, list[tuple[str, str, str]]]] = {
    "manufacturing-plant": (
        "制造工厂",
        "製造工廠",
        "Manufacturing plant",
        [
            ("industrial_land_rent", "50000", "m2"),
            ("factory_rent", "240000", "m2-month"),
            ("industrial_electricity", "12000000", "kWh"),
            ("industrial_water", "300000", "m3"),
            ("non_residential_gas", "800000", "m3"),
            ("loan_interest", "50000000", "CNY"),
            ("freight_to_gba", "20000", "t"),
            ("cit_rate", "30000000", "CNY"),  # income tax on a yearly taxable profit
        ],
    ),
    "rd-centre": (
        "研发中心",
        "研發中心",
        "R&D centre",
        [
            ("office_rent", "60000", "m2-month"),
            ("industrial_electricity", "1500000", "kWh"),
            ("industrial_water", "20000", "m3"),
            ("loan_interest", "10000000", "CNY"),
            ("cit_rate_high_tech", "8000000", "CNY"),
        ],
    ),
    "shared-service-centre": (
        "共享服务中心",
        "共享服務中心",
        "Shared-service centre",
        [
            ("office_rent", "96000", "m2-month"),
            ("minimum_wage", "6000", "person-month"),
            ("wage_it", "1200", "person-month"),
            ("industrial_electricity", "2000000", "kWh"),
            ("industrial_water", "30000", "m3"),
            ("cit_rate_local_rebate", "5000000", "CNY"),
        ],
    ),
    "cold-chain-hub": (
        "冷链物流枢纽",
        "冷鏈物流樞紐",
        "Cold-chain logistics hub",
        [
            ("cold_storage_rent", "180000", "m2-month"),
            ("industrial_land_rent", "30000", "m2"),
            ("industrial_electricity", "9000000", "kWh"),
            ("minimum_wage", "1800", "person-month"),
            ("freight_to_gba", "60000", "t"),
            ("diesel_0", "800000", "L"),
            ("loan_interest", "20000000", "CNY"),
            ("cit_rate_western", "6000000", "CNY"),
        ],
    ),
    "data-centre": (
        "数据中心",
        "數據中心",
        "Data centre",
        [
            ("industrial_land_rent", "40000", "m2"),
            ("industrial_electricity", "150000000", "kWh"),
            ("industrial_water", "500000", "m3"),
            ("wage_it", "600", "person-month"),
            ("loan_interest", "200000000", "CNY"),
        ],
    ),
}

# profile code: [(role, headcount, months paid a year, wage indicator)] — sample headcounts
ROLES: dict[str, list[tuple[str, int, str, str]]] = {
    "manufacturing-plant": [
        ("production", 350, "12", "wage_manufacturing"),
        ("general", 100, "12", "minimum_wage"),
        ("engineers", 40, "13", "wage_research"),
        ("managers", 10, "13", "wage_business_services"),
    ],
    "rd-centre": [
        ("engineers", 150, "13", "wage_research"),
        ("it", 40, "13", "wage_it"),
        ("managers", 10, "13", "wage_business_services"),
    ],
    "shared-service-centre": [("managers", 20, "12", "wage_business_services")],
}


def populate(*, rng: random.Random, scale: int = 1, **_: object) -> dict[str, int]:
    """Write the indicators, the values and the profiles (run once, after the pipeline's rates)."""
    indicators = _indicators()
    places = {d.code: d for d in AdminDivision.objects.filter(
        code__in=[*HUNAN_CITIES, *PEERS, HONG_KONG, *SERIES_PROVINCES])}  # fmt: skip
    values = _sample_values(rng, indicators, places)
    values += tax_values(indicators, places)
    values += fuel_values(
        settings.SHARED_DATA_DIR / "fuel_prices" / "provincial_fuel_prices.csv", indicators, places
    )
    values += gdp_values(
        settings.SHARED_DATA_DIR / "province_gdp" / "Chinas GDP in Province Zh.csv",
        indicators,
        places,
    )
    IndicatorValue.objects.bulk_create(values)
    record_bulk(values, user=None, reason=DEMO)
    items, roles = _profiles(indicators)
    return {"indicators": len(indicators), "indicator values": len(values),
            "profile items": items, "profile roles": roles}  # fmt: skip


def _indicators() -> dict[str, Indicator]:
    rows = [
        Indicator(
            code=code, name=hans, name_hant=hant, name_en=en, unit=unit, kind=kind, order=order
        )
        for order, (code, (hans, hant, en, unit, kind, _cs, _hk)) in enumerate(INDICATORS.items())
    ]
    Indicator.objects.bulk_create(rows)
    record_bulk(rows, user=None, reason=DEMO)
    return {row.code: row for row in rows}


def _sample_values(
    rng: random.Random, indicators: dict[str, Indicator], places: dict[str, AdminDivision]
) -> list[IndicatorValue]:
    levels = {"4301": Decimal(1), **PEERS}
    for position, code in enumerate(HUNAN_CITIES[1:]):
        levels[code] = Decimal("0.90") - Decimal(position) / 100
    values = []
    for code, level in levels.items():
        for indicator, spec in INDICATORS.items():
            if spec[5]:
                values += _sample(rng, indicators[indicator], places[code], Decimal(spec[5]), level)
    for indicator, spec in INDICATORS.items():
        if spec[6]:
            values += _sample(
                rng, indicators[indicator], places[HONG_KONG], Decimal(spec[6]), Decimal(1)
            )
    return values


def _sample(
    rng: random.Random, indicator: Indicator, place: AdminDivision, base: Decimal, level: Decimal
) -> list[IndicatorValue]:
    """This year's SAMPLE value and, for land rent and wages, an older one (stale if alone)."""
    quality = indicator.kind == IndicatorKind.QUALITY
    factor = (Decimal(2) - level if quality else level) * Decimal(
        str(round(rng.uniform(0.95, 1.05), 3))
    )
    value = base * factor
    value = min(value, Decimal(100)) if indicator.unit == "score" else value
    exponent = Decimal("0.0001") if value < 1 else Decimal("0.01")
    in_hkd = place.code == HONG_KONG and indicator.code != "loan_interest"  # a rate has no currency
    unit = indicator.unit.replace("CNY", "HKD", 1) if in_hkd else indicator.unit
    currency = unit.split("/")[0] if "/" in unit else ""
    dates = [SAMPLE_DAY]
    if indicator.code in ("industrial_land_rent", "minimum_wage"):
        dates.append(OLD_DAY)
    if indicator.code == "cold_storage_rent" and place.code == "4302":
        dates = [OLD_DAY]  # Zhuzhou's only cold-storage figure is old: stale on screen
    return [
        IndicatorValue(
            indicator=indicator,
            place=place,
            on=on,
            unit=unit,
            currency=currency,
            value=(value * (Decimal("0.96") if on == OLD_DAY else 1)).quantize(
                exponent, ROUND_HALF_UP
            ),
            source=SAMPLE_SOURCE,
            status=ValueStatus.SAMPLE,
        )
        for on in dates
    ]


def tax_values(
    indicators: dict[str, Indicator], places: dict[str, AdminDivision]
) -> list[IndicatorValue]:
    """The income-tax rates: the law's per province (cities take them by fallback), Xiangxi's
    western-development rate, Hong Kong's profits tax (estimated: one rate), and SAMPLE
    effective rates after local rebates for every place (never presented as fact)."""

    def row(
        indicator: str,
        place: str,
        rate: str,
        source: str,
        publisher: str = "",
        published: dt.date | None = None,
        status: str = ValueStatus.SAMPLE,
    ) -> IndicatorValue:
        return IndicatorValue(
            indicator=indicators[indicator], place=places[place], on=SAMPLE_DAY,
            value=Decimal(rate), unit="CNY/CNY/year", currency="CNY", source=source,
            publisher=publisher, published=published, status=status,
        )  # fmt: skip

    values = [
        row(indicator, province, *spec)
        for indicator, spec in TAX_RATES.items()
        for province in LAW_PROVINCES
    ]
    values += [
        row("cit_rate_western", code, "0.15", WESTERN, "财政部、国家税务总局、国家发展改革委",
            dt.date(2020, 4, 23), ValueStatus.OFFICIAL)
        for code in WESTERN_PLACES
    ]  # fmt: skip
    hong_kong = ("0.165", HK_PROFITS_TAX, "Inland Revenue Department", dt.date(2024, 4, 1),
                 ValueStatus.ESTIMATED)  # fmt: skip
    values += [row(name, HONG_KONG, *hong_kong) for name in (*TAX_RATES, "cit_rate_local_rebate")]
    for number, code in enumerate((*HUNAN_CITIES, *PEERS)):
        rebate = Decimal("0.2") + Decimal(number % 5) / 100  # 20 % to 24 %
        values.append(row("cit_rate_local_rebate", code, str(rebate), SAMPLE_SOURCE))
    return values


def _province_places() -> dict[str, AdminDivision]:
    """Province name (Simplified, as the series write them) → division."""
    rows = AdminDivision.objects.filter(level=DivisionLevel.PROVINCE, code__in=SERIES_PROVINCES)
    return {row.name: row for row in rows}


def fuel_values(
    path: Path, indicators: dict[str, Indicator], places: dict[str, AdminDivision]
) -> list[IndicatorValue]:
    """The last published price of each month per province and fuel (0 or "-": unpublished)."""
    if not path.exists():
        print(
            f"environment demo: {path} not found; the fuel price series is left out.",
            file=sys.stderr,
        )
        return []
    provinces = _province_places()
    last: dict[tuple[str, str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            place = next(
                (p for name, p in provinces.items() if name.startswith(row["province"])), None
            )
            if place is None:
                continue
            for column, indicator in FUELS.items():
                price = row[column].strip()
                if price not in ("", "-", "0", "0.0", "0.00"):
                    key = (place.code, indicator, row["updated_at"][:7])
                    if key not in last or last[key][0] <= row["updated_at"]:
                        last[key] = (row["updated_at"], price)
    by_code = {p.code: p for p in provinces.values()}
    return [
        IndicatorValue(
            indicator=indicators[indicator],
            place=by_code[code],
            on=dt.date.fromisoformat(stamp[:10]),
            value=Decimal(price),
            unit="CNY/L",
            currency="CNY",
            source=FUEL_SOURCE,
            status=ValueStatus.OFFICIAL,
        )
        for (code, indicator, _month), (stamp, price) in sorted(last.items())
    ]


def gdp_values(
    path: Path, indicators: dict[str, Indicator], places: dict[str, AdminDivision]
) -> list[IndicatorValue]:
    """Provincial GDP in 100 million CNY, 2016–2020, dated the last day of each year."""
    if not path.exists():
        print(f"environment demo: {path} not found; the GDP series is left out.", file=sys.stderr)
        return []
    provinces = _province_places()
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header, values = rows[0], []
    for row in rows[1:]:
        if not row or not row[0].strip().isdigit() or not 2016 <= int(row[0]) <= 2020:
            continue
        for name, cell in zip(header[1:], row[1:], strict=False):
            place = provinces.get(name.strip())
            if place is not None and cell.strip():
                values.append(
                    IndicatorValue(
                        indicator=indicators["gdp"],
                        place=place,
                        on=dt.date(int(row[0]), 12, 31),
                        value=Decimal(cell.strip()),
                        unit="CNY100m",
                        currency="",
                        source=GDP_SOURCE,
                        status=ValueStatus.OFFICIAL,
                    )
                )
    return values


def _profiles(indicators: dict[str, Indicator]) -> tuple[int, int]:
    items = []
    for order, (code, (hans, hant, en, needs)) in enumerate(PROFILES.items()):
        profile = OperationProfile.objects.create(
            code=code, name=hans, name_hant=hant, name_en=en, order=order,
            description="示範營運概況（sample quantities）",
        )  # fmt: skip
        items += [
            ProfileItem(profile=profile, indicator=indicators[name], quantity=Decimal(q), unit=unit)
            for name, q, unit in needs
        ]
    ProfileItem.objects.bulk_create(items)
    record_bulk(items, user=None, reason=DEMO)
    profiles = {p.code: p for p in OperationProfile.objects.filter(code__in=ROLES)}
    roles = [
        ProfileRole(profile=profiles[code], role=role, headcount=heads,
                    months_paid=Decimal(months), indicator=indicators[wage])
        for code, rows in ROLES.items()
        for role, heads, months, wage in rows
    ]  # fmt: skip
    ProfileRole.objects.bulk_create(roles)
    record_bulk(roles, user=None, reason=DEMO)
    return len(items), len(roles)
