"""Demo supply and demand: Yongzhou and Hunan produce suppliers, Hong Kong and Greater
Bay Area buyers (supermarket chains, restaurant groups, importers), written out by hand
so that matching has something true to find.

Each buyer need names the supplier a person would pick (:data:`HUMAN_PICKS`), so the
quality of supply–demand matching can be measured on the demo
(``scripts/supply_quality.py``, docs/matching.md). Generated extra suppliers and buyers
(``scale`` > 1) reuse the same products with other volumes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from duijie.directory.keys import fill_organisation_keys
from duijie.directory.models import (
    BuyingNeed,
    DeliveryTime,
    Organisation,
    OrganisationKind,
    SupplierProfile,
    SupplyProduct,
)
from duijie.history import records
from duijie.reference.models import AdminDivision

DEMO = "（示範）"
WINTER, ALL_YEAR = (11, 12, 1, 2), ()
# code: (zh-Hant, zh-Hans, en, months in season)
PRODUCTS: dict[str, tuple[str, str, str, tuple[int, ...]]] = {
    "navel": ("臍橙", "脐橙", "navel oranges", WINTER),
    "orah": ("沃柑", "沃柑", "Orah mandarins", (1, 2, 3, 4)),
    "rock": ("冰糖橙", "冰糖橙", "rock-sugar oranges", (11, 12, 1)),
    "choysum": ("菜心", "菜心", "choy sum", (10, 11, 12, 1, 2, 3, 4)),
    "kale": ("芥蘭", "芥兰", "Chinese kale", ALL_YEAR),
    "ginger": ("生薑", "生姜", "ginger", (9, 10, 11, 12)),
    "taro": ("香芋", "香芋", "taro", (8, 9, 10, 11)),
    "greentea": ("綠茶", "绿茶", "green tea", (3, 4, 5)),
    "darktea": ("黑茶", "黑茶", "dark tea", ALL_YEAR),
    "pork": ("冷鮮豬肉", "冷鲜猪肉", "chilled pork", ALL_YEAR),
    "rice": ("大米", "大米", "rice", ALL_YEAR),
    "lotus": ("蓮子", "莲子", "lotus seeds", (7, 8, 9)),
}
# Delivery hours by market code (reference divisions: 81 Hong Kong, 82 Macao, 4403 Shenzhen,
# 4401 Guangzhou).
HK, MO, SZ, GZ = "81", "82", "4403", "4401"


@dataclass(frozen=True)
class DemoSupplier:
    name: str
    name_en: str
    county: str  # reference code of the county
    products: tuple[tuple[str, int, str], ...]  # (product code, volume a month, unit)
    certifications: tuple[str, ...]
    cold_chain: bool
    delivery: tuple[tuple[str, int], ...]  # (market code, hours)


@dataclass(frozen=True)
class DemoBuyer:
    name: str
    name_en: str
    city: str  # reference code
    title: str
    products: tuple[str, ...]  # product codes (the need names them in Traditional)
    monthly: int
    unit: str
    months: tuple[int, ...]
    certifications: tuple[str, ...]
    cold_chain: bool
    max_hours: int | None
    market: str  # reference code
    login: str = ""


SUPPLIERS = (
    DemoSupplier("江永香柚果業合作社", "Jiangyong Citrus Cooperative", "431125",
                 (("navel", 400, "t"), ("rock", 150, "t")), ("gap", "export_registered"),
                 True, ((HK, 20), (SZ, 12), (GZ, 10))),
    DemoSupplier("寧遠九嶷臍橙基地", "Ningyuan Jiuyi Navel Orange Farm", "431126",
                 (("navel", 60, "t"),), ("gap",), False, ((HK, 22), (SZ, 14))),
    DemoSupplier("道縣果蔬種植專業合作社", "Daoxian Fruit and Vegetable Cooperative", "431124",
                 (("navel", 300, "t"), ("orah", 200, "t")), ("green_food",), False,
                 ((HK, 26), (SZ, 16), (GZ, 14))),
    DemoSupplier("新田富硒臍橙園", "Xintian Selenium Orange Orchard", "431128",
                 (("navel", 250, "t"),), ("gap", "organic"), True, ((HK, 30), (SZ, 18))),
    DemoSupplier("江華瑤山沃柑基地", "Jianghua Yaoshan Orah Farm", "431129",
                 (("orah", 350, "t"),), ("gap",), True, ((SZ, 14), (GZ, 12), (HK, 24))),
    DemoSupplier("永州綠源蔬菜合作社", "Yongzhou Lvyuan Vegetable Cooperative", "431103",
                 (("choysum", 120, "t"), ("kale", 80, "t")),
                 ("gap", "export_registered"), True, ((HK, 16), (SZ, 10), (MO, 18))),
    DemoSupplier("東安雞湘菜心基地", "Dong'an Choy Sum Base", "431122",
                 (("choysum", 40, "t"), ("kale", 20, "t")), ("gap",), True,
                 ((HK, 18), (SZ, 12))),
    DemoSupplier("藍山縣高山蔬菜公司", "Lanshan Highland Vegetables", "431127",
                 (("kale", 90, "t"), ("ginger", 60, "t")), (), False, ((SZ, 14), (GZ, 12))),
    DemoSupplier("祁陽生薑產銷合作社", "Qiyang Ginger Cooperative", "431181",
                 (("ginger", 150, "t"), ("taro", 80, "t")), ("green_food",), False,
                 ((GZ, 14), (SZ, 16), (HK, 28))),
    DemoSupplier("零陵香芋農業公司", "Lingling Taro Farming", "431102",
                 (("taro", 100, "t"),), ("gap",), False, ((HK, 24), (GZ, 14))),
    DemoSupplier("安化黑茶茶業公司", "Anhua Dark Tea Company", "430923",
                 (("darktea", 25, "t"), ("greentea", 6, "t")),
                 ("organic", "geographical_indication"), False, ((HK, 36), (MO, 40), (SZ, 24))),
    DemoSupplier("雙牌陽明山茶場", "Shuangpai Yangmingshan Tea Estate", "431123",
                 (("greentea", 4, "t"),), ("organic",), False, ((HK, 30), (SZ, 20))),
    DemoSupplier("湘南生豬屠宰加工公司", "Xiangnan Pork Processing", "431103",
                 (("pork", 300, "t"),), ("haccp", "export_registered"), True,
                 ((HK, 14), (GZ, 10), (SZ, 12), (MO, 16))),
    DemoSupplier("冷水灘肉類食品公司", "Lengshuitan Meat Foods", "431103",
                 (("pork", 80, "t"),), ("haccp",), False, ((GZ, 10), (SZ, 12))),
    DemoSupplier("祁陽富硒大米公司", "Qiyang Selenium Rice", "431181",
                 (("rice", 800, "t"),), ("green_food",), False, ((HK, 40), (MO, 44), (GZ, 20))),
    DemoSupplier("湘潭湘蓮產業公司", "Xiangtan Lotus Seed Company", "430321",
                 (("lotus", 15, "t"),), ("geographical_indication",), False, ((HK, 30), (GZ, 16))),
)  # fmt: skip

BUYERS = (
    DemoBuyer("港島鮮品超市", "Island Fresh Supermarkets", HK, "冬季臍橙", ("navel",), 150,
              "t", WINTER, ("gap",), False, 24, HK, login="buyer@demo.duijie.test"),
    DemoBuyer("維港生鮮連鎖", "Harbour Fresh Grocers", HK, "全年菜心芥蘭", ("choysum", "kale"), 60,
              "t", (10, 11, 12, 1, 2, 3), ("gap", "export_registered"), True, 18, HK),
    DemoBuyer("粵海餐飲集團", "Yuehai Restaurant Group", GZ, "冷鮮豬肉", ("pork",), 120, "t",
              ALL_YEAR, ("haccp",), True, 12, GZ),
    DemoBuyer("香江茶業進口", "Xiangjiang Tea Importers", HK, "有機黑茶", ("darktea",), 5, "t",
              ALL_YEAR, ("organic",), False, 48, HK),
    DemoBuyer("澳門美食集團", "Macao Gourmet Group", MO, "餐廳用米", ("rice",), 100, "t",
              ALL_YEAR, ("green_food",), False, 48, MO),
    DemoBuyer("深圳優選生鮮", "Shenzhen Select Fresh", SZ, "春季沃柑", ("orah",), 150, "t",
              (1, 2, 3, 4), ("gap",), False, 24, SZ),
    DemoBuyer("灣區食品供應鏈", "Bay Area Food Supply Chain", SZ, "秋冬生薑", ("ginger",), 100,
              "t", (9, 10, 11, 12), (), False, 24, SZ),
    DemoBuyer("香港酒樓集團", "Hong Kong Banquet Restaurants", HK, "蓮子", ("lotus",), 3000,
              "kg", (7, 8, 9), (), False, 48, HK),
    DemoBuyer("港九街市批發", "Kowloon Market Wholesale", HK, "香芋", ("taro",), 60, "t",
              (9, 10, 11), (), False, 30, HK),
    DemoBuyer("廣州春茶商行", "Guangzhou Spring Tea Traders", GZ, "明前綠茶", ("greentea",), 8,
              "t", (3, 4), ("organic",), False, None, GZ),
)  # fmt: skip
# Sample prices (made up for the demo, of the order of Hunan farm-gate prices in 2025; the
# pages say they are samples): (supplier, product) → (from, to or None, currency, per unit).
# Most quote CNY a kg; the rice company a tonne, the pork plant a range; the Shuangpai tea
# estate quotes in HKD. Products without a price here state none.
SAMPLE_PRICES: dict[tuple[str, str], tuple[str, str | None, str, str]] = {
    ("江永香柚果業合作社", "navel"): ("5.80", None, "CNY", "kg"),
    ("江永香柚果業合作社", "rock"): ("6.50", None, "CNY", "kg"),
    ("寧遠九嶷臍橙基地", "navel"): ("5.20", None, "CNY", "kg"),
    ("道縣果蔬種植專業合作社", "navel"): ("7.90", None, "CNY", "kg"),
    ("道縣果蔬種植專業合作社", "orah"): ("7.00", None, "CNY", "kg"),
    ("新田富硒臍橙園", "navel"): ("8.80", None, "CNY", "kg"),
    ("江華瑤山沃柑基地", "orah"): ("6.60", None, "CNY", "kg"),
    ("永州綠源蔬菜合作社", "choysum"): ("4.50", None, "CNY", "kg"),
    ("永州綠源蔬菜合作社", "kale"): ("4.20", None, "CNY", "kg"),
    ("東安雞湘菜心基地", "choysum"): ("4.00", None, "CNY", "kg"),
    ("藍山縣高山蔬菜公司", "ginger"): ("7.20", None, "CNY", "kg"),
    ("祁陽生薑產銷合作社", "ginger"): ("6.80", None, "CNY", "kg"),
    ("祁陽生薑產銷合作社", "taro"): ("4.60", None, "CNY", "kg"),
    ("零陵香芋農業公司", "taro"): ("4.80", None, "CNY", "kg"),
    ("安化黑茶茶業公司", "darktea"): ("180", None, "CNY", "kg"),
    ("安化黑茶茶業公司", "greentea"): ("420", None, "CNY", "kg"),
    ("雙牌陽明山茶場", "greentea"): ("380", None, "HKD", "kg"),
    ("湘南生豬屠宰加工公司", "pork"): ("23.00", "26.00", "CNY", "kg"),
    ("冷水灘肉類食品公司", "pork"): ("22.00", None, "CNY", "kg"),
    ("祁陽富硒大米公司", "rice"): ("5600", None, "CNY", "t"),
    ("湘潭湘蓮產業公司", "lotus"): ("78.00", None, "CNY", "kg"),
}
# Sample maximum prices of the buyers (by buyer): Hong Kong buyers in HKD, mainland ones in
# CNY, the Macao group in MOP (the demo has no MOP rate: its price reasons say so).
SAMPLE_LIMITS: dict[str, tuple[str, str, str]] = {
    "港島鮮品超市": ("7.50", "HKD", "kg"),
    "維港生鮮連鎖": ("6.00", "HKD", "kg"),
    "粵海餐飲集團": ("27.00", "CNY", "kg"),
    "香江茶業進口": ("220", "HKD", "kg"),
    "澳門美食集團": ("7.00", "MOP", "kg"),
    "深圳優選生鮮": ("7.50", "CNY", "kg"),
    "灣區食品供應鏈": ("7.50", "CNY", "kg"),
    "香港酒樓集團": ("95", "HKD", "kg"),
    "港九街市批發": ("5.50", "HKD", "kg"),
    "廣州春茶商行": ("450", "CNY", "kg"),
}
SAMPLE_NOTE = "價格為示範樣本。Prices are samples for the demo."
SUPPLIER_LOGIN = ("supplier@demo.duijie.test", "江永香柚果業合作社")
# The supplier a person would pick for each need (by buyer): best fit on every count.
HUMAN_PICKS = {
    "港島鮮品超市": "江永香柚果業合作社",  # GAP, 400 t in winter, 20 h to Hong Kong
    "維港生鮮連鎖": "永州綠源蔬菜合作社",  # both products, export-registered, cold chain, 16 h
    "粵海餐飲集團": "湘南生豬屠宰加工公司",  # 300 t, HACCP, cold chain, 10 h to Guangzhou
    "香江茶業進口": "安化黑茶茶業公司",  # the organic dark tea
    "澳門美食集團": "祁陽富硒大米公司",  # green-food rice, 800 t
    "深圳優選生鮮": "江華瑤山沃柑基地",  # GAP, 350 t Jan–Apr, 14 h to Shenzhen
    "灣區食品供應鏈": "祁陽生薑產銷合作社",  # 150 t in season
    "香港酒樓集團": "湘潭湘蓮產業公司",  # the lotus seeds (15 t = 15,000 kg a month)
    "港九街市批發": "零陵香芋農業公司",  # 100 t, 24 h to Hong Kong
    "廣州春茶商行": "安化黑茶茶業公司",  # organic green tea 6 t (the estate has 4 t)
}


def _divisions() -> dict[str, AdminDivision]:
    codes = {s.county for s in SUPPLIERS} | {b.city for b in BUYERS} | {HK, MO, SZ, GZ}
    return {d.code: d for d in AdminDivision.objects.filter(code__in=codes)}


def _organisation(kind: str, name: str, name_en: str, place: AdminDivision | None) -> Organisation:
    org = Organisation(
        kind=kind,
        name=name + DEMO,
        name_en=f"{name_en} (demo)",
        hq_division=place,
        is_demo=True,
        source="demo",
    )
    fill_organisation_keys(org)
    return org


def _scaled_suppliers(rng: random.Random, scale: int) -> list[DemoSupplier]:
    """The hand-written suppliers, plus for ``scale`` > 1 copies with other volumes."""
    extra = []
    for n in range(2, scale + 1):
        for s in SUPPLIERS:
            volumes = tuple((p, _varied(rng, v), u) for p, v, u in s.products)
            delivery = tuple((m, h + rng.choice((0, 4, 8, 12))) for m, h in s.delivery)
            name = f"{s.name}第{n}分場"
            extra.append(
                DemoSupplier(
                    name, f"{s.name_en} Farm {n}", s.county, volumes,
                    s.certifications, s.cold_chain, delivery,
                )
            )  # fmt: skip
    return list(SUPPLIERS) + extra


def _varied(rng: random.Random, volume: int) -> int:
    return max(1, int(volume * rng.uniform(0.2, 1.5)))


def create_suppliers(rng: random.Random, scale: int) -> list[Organisation]:
    """Supplier organisations with terms, products and delivery times. Side effects: rows."""
    places = _divisions()
    chosen = _scaled_suppliers(rng, scale)
    orgs = [
        _organisation(OrganisationKind.SUPPLIER, s.name, s.name_en, places.get(s.county))
        for s in chosen
    ]
    Organisation.objects.bulk_create(orgs)
    records.record_bulk(orgs, user=None, reason=records.DEMO)
    rows: list[object] = []
    for org, s in zip(orgs, chosen, strict=True):
        rows.append(SupplierProfile(organisation=org, certifications=list(s.certifications),
                                    cold_chain=s.cold_chain, notes=SAMPLE_NOTE))  # fmt: skip
        original = s.name.split("第")[0]  # scaled copies quote the original's prices
        rows += [
            _product(org, code, volume, unit, SAMPLE_PRICES.get((original, code)))
            for code, volume, unit in s.products
        ]
        rows += [
            DeliveryTime(organisation=org, market=places[m], hours=h)
            for m, h in s.delivery
            if m in places
        ]
    for model in (SupplierProfile, SupplyProduct, DeliveryTime):
        made = model.objects.bulk_create([r for r in rows if isinstance(r, model)])
        records.record_bulk(made, user=None, reason=records.DEMO)
    return orgs


def _product(
    org: Organisation,
    code: str,
    volume: int,
    unit: str,
    price: tuple[str, str | None, str, str] | None,
) -> SupplyProduct:
    hant, hans, en, months = PRODUCTS[code]
    low, high, currency, per = price or (None, None, "CNY", "kg")
    return SupplyProduct(
        organisation=org, name=hant, name_hans=hans, name_en=en, months=list(months),
        monthly_volume=Decimal(volume), unit=unit,
        price_low=Decimal(low) if low else None, price_high=Decimal(high) if high else None,
        price_currency=currency, price_unit=per,
    )  # fmt: skip


def create_buyers(rng: random.Random, scale: int) -> list[Organisation]:
    """Buyer organisations with one need each (more, with other volumes, when scaled)."""
    places = _divisions()
    orgs = [
        _organisation(OrganisationKind.BUYER, b.name, b.name_en, places.get(b.city)) for b in BUYERS
    ]
    Organisation.objects.bulk_create(orgs)
    records.record_bulk(orgs, user=None, reason=records.DEMO)
    needs = []
    for org, b in zip(orgs, BUYERS, strict=True):
        for n in range(scale):
            monthly = b.monthly if n == 0 else max(1, int(b.monthly * rng.uniform(0.3, 2.0)))
            needs.append(_need(org, b, monthly, n))
    BuyingNeed.objects.bulk_create(needs)
    for need, b in zip(needs, [b for b in BUYERS for _ in range(scale)], strict=True):
        need.delivery_regions.set([places[b.market]] if b.market in places else [])
    records.record_bulk(needs, user=None, reason=records.DEMO)
    return orgs


def _need(org: Organisation, b: DemoBuyer, monthly: int, n: int) -> BuyingNeed:
    price, currency, per = SAMPLE_LIMITS.get(b.name, (None, "HKD", "kg"))
    return BuyingNeed(
        price=Decimal(price) if price else None,
        price_kind="max",
        price_currency=currency,
        price_unit=per,
        notes=SAMPLE_NOTE if price else "",
        organisation=org,
        title=b.title + ("" if n == 0 else f" {n + 1}") + DEMO,
        product_categories=[PRODUCTS[p][0] for p in b.products],
        monthly_volume=Decimal(monthly),
        volume_unit=b.unit,
        seasons=list(b.months),
        certifications_required=list(b.certifications),
        needs_cold_chain=b.cold_chain,
        max_delivery_hours=b.max_hours,
    )


def demo_logins() -> list[tuple[str, str]]:
    """(login e-mail, organisation name as stored) of the buyer and supplier logins."""
    found = [(b.login, b.name + DEMO) for b in BUYERS if b.login]
    return [*found, (SUPPLIER_LOGIN[0], SUPPLIER_LOGIN[1] + DEMO)]
