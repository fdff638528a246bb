"""Region prefixes of Chinese legal names: which province a name (or a region field) points to.

The gazetteer is data: the built-in one knows the provinces, Hong Kong, Macao, Taiwan and
major cities; :func:`load_regions` reads every prefecture-level city from the reference
CSV files (``provinces.csv``: code,name; ``cities.csv``: code,name,provinceCode).
Everything is keyed by normalised text (Simplified, case-folded), so Traditional input works.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from duijie_core.text import normalise


def words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text`` (lists written as data)."""
    return tuple(text.split())


PROVINCES = words(
    "北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 "
    "江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 "
    "广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区 陕西省 "
    "甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区 "
)
SPECIAL_REGIONS = {"香港": "香港特别行政区", "澳门": "澳门特别行政区", "台湾": "台湾省"}
MAJOR_CITIES = {
    "广东省": "广州 深圳 珠海 佛山 东莞 中山 惠州 江门 汕头 湛江",
    "湖南省": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西",
    "湖北省": "武汉 宜昌 襄阳",
    "江苏省": "南京 苏州 无锡 常州 南通 扬州 徐州",
    "浙江省": "杭州 宁波 温州 绍兴 嘉兴 金华 台州",
    "山东省": "济南 青岛 烟台 潍坊",
    "福建省": "福州 厦门 泉州",
    "四川省": "成都 绵阳",
    "辽宁省": "沈阳 大连",
    "河南省": "郑州 洛阳",
    "陕西省": "西安",
    "安徽省": "合肥 芜湖",
    "江西省": "南昌 赣州",
    "河北省": "石家庄 唐山 保定",
    "云南省": "昆明",
    "贵州省": "贵阳",
    "广西壮族自治区": "南宁 柳州 桂林",
    "黑龙江省": "哈尔滨",
    "吉林省": "长春",
    "山西省": "太原",
    "海南省": "海口 三亚",
}
ENGLISH_REGIONS = {
    "hong kong": "香港特别行政区",
    "hongkong": "香港特别行政区",
    "macau": "澳门特别行政区",
    "macao": "澳门特别行政区",
    "hunan": "湖南省",
    "guangdong": "广东省",
    "shenzhen": "广东省",
    "guangzhou": "广东省",
    "beijing": "北京市",
    "shanghai": "上海市",
    "changsha": "湖南省",
}
NATIONAL_PREFIXES = ("中国", "中华")
_ADMIN_SUFFIX = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|省|市|盟)$"
)


def short_region_name(name: str) -> str:
    """The usual short form: 湖南省 → 湖南, 广西壮族自治区 → 广西, 湘西土家族苗族自治州 → 湘西."""
    if "族" in name and len(name) > 4:
        return name[:2]
    return _ADMIN_SUFFIX.sub("", name) or name


@dataclass(frozen=True)
class Division:
    """An administrative division as a name prefix reads it: its short name (长沙), its level
    when the written form tells it (``province``, ``city``, ``county``; '' for a bare short
    name) and the short names of the divisions above it (湖南)."""

    short: str
    level: str
    parents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Regions:
    """A gazetteer: normalised region prefix → province, longest prefixes first.

    ``divisions`` maps a normalised place name (长沙市, 长沙, 芙蓉区, 湖南省) to its
    :class:`Division`; equality and hashing read it through ``divisions_hash`` (computed
    once), so the gazetteer stays cheap to hash as a cache key.
    """

    prefixes: tuple[tuple[str, str], ...]
    divisions: Mapping[str, Division] = field(default_factory=dict, compare=False)
    divisions_hash: int = 0

    def province_of(self, text: str) -> str | None:
        """The province a region text names (湖南, 長沙市, Hong Kong …), or None."""
        key = normalise(text).strip(" ()")
        if key in ENGLISH_REGIONS:
            return ENGLISH_REGIONS[key]
        return self.leading(key)[1] if self.leading(key)[0] == key else None

    @functools.cached_property
    def _by_length(self) -> tuple[tuple[int, dict[str, str]], ...]:
        """Prefixes grouped by length, longest first (for dictionary look-ups)."""
        groups: dict[int, dict[str, str]] = {}
        for prefix, province in self.prefixes:
            groups.setdefault(len(prefix), {})[prefix] = province
        return tuple(sorted(groups.items(), reverse=True))

    def leading(self, key: str) -> tuple[str, str | None]:
        """The region prefix at the start of a normalised name and its province ('' if none)."""
        for length, prefixes in self._by_length:
            province = prefixes.get(key[:length])
            if province is not None:
                return key[:length], province
        return "", None


def build_regions(cities: dict[str, str], counties: Mapping[str, str] | None = None) -> Regions:
    """A gazetteer from {city or province name: province}, adding short forms.

    A short form claimed by two provinces is dropped (it would not tell the province).
    ``counties`` ({county or district name: its city's name}) only add divisions (a county
    does not tell the province of a legal name as reliably: 长沙县 is in 长沙市).
    """
    claims: dict[str, set[str]] = {}
    for place, province in cities.items():
        for form in {normalise(place), normalise(short_region_name(place))}:
            if len(form) >= 2:
                claims.setdefault(form, set()).add(province)
    unique = {form: next(iter(p)) for form, p in claims.items() if len(p) == 1}
    ordered = sorted(unique.items(), key=lambda item: (-len(item[0]), item[0]))
    divisions = _divisions(cities, counties or {})
    return Regions(tuple(ordered), divisions, hash(tuple(sorted(divisions))))


def _level(place: str, province: str) -> str:
    if place in SPECIAL_REGIONS or province in SPECIAL_REGIONS.values():
        return "region"
    return "province" if place == province else "city"


def _divisions(cities: Mapping[str, str], counties: Mapping[str, str]) -> dict[str, Division]:
    """Written place name → :class:`Division`: provinces and cities in full and short form,
    counties and districts in full form only (their short forms clash: 长沙县 / 长沙市)."""
    found: dict[str, Division] = {}
    for place, province in cities.items():
        short = normalise(short_region_name(place))
        parent = normalise(short_region_name(province))
        parents = frozenset({parent} - {short})
        found[normalise(place)] = Division(short, _level(place, province), parents)
        found.setdefault(short, Division(short, "", parents))
    for county, city in counties.items():
        above = found.get(normalise(city))
        parents = frozenset({above.short, *above.parents}) if above else frozenset()
        known = found.get(normalise(county))  # 朝阳区 (北京) and 朝阳区 (长春): any parent
        if known is None or known.level == "county":
            parents |= known.parents if known else frozenset()
            found[normalise(county)] = Division(normalise(county), "county", parents)
    return found


def _builtin_places() -> dict[str, str]:
    places = {province: province for province in PROVINCES}
    places.update({name: full for name, full in SPECIAL_REGIONS.items()})
    for province, cities in MAJOR_CITIES.items():
        places.update({f"{city}市": province for city in cities.split()})
    return places


DEFAULT_REGIONS = build_regions(_builtin_places())


def load_regions(provinces_csv: Path, cities_csv: Path, areas_csv: Path | None = None) -> Regions:
    """The gazetteer with every province and prefecture-level city of the reference CSVs;
    with ``areas_csv`` (code,name,cityCode,provinceCode) also every county and district as
    a division (for the names of public bodies: 长沙县人民政府 is not 长沙市人民政府)."""
    places = _builtin_places()
    with provinces_csv.open(encoding="utf-8", newline="") as handle:
        provinces = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    places.update({name: name for name in provinces.values()})
    cities: dict[str, str] = {}
    with cities_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cities[row["code"]] = row["name"]
            if "直辖" not in row["name"] and row["name"] != "县":
                places[row["name"]] = provinces[row["provinceCode"]]
    counties: dict[str, str] = {}
    if areas_csv is not None:
        with areas_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                city = cities.get(row["cityCode"], "")
                above = city if city in places else provinces.get(row["provinceCode"], "")
                counties[row["name"]] = above
    return build_regions(places, counties)


def province_from_legal_name(name: str, regions: Regions | None = None) -> str | None:
    """The province a legal name starts with (湖南华菱钢铁股份有限公司 → 湖南省), or None.

    Reads a leading province or city (深圳市… → 广东省), also after 中国/中華, and a region in
    brackets anywhere ((香港) → 香港特别行政区). Returns None when it cannot tell.
    """
    gazetteer = regions or DEFAULT_REGIONS
    key = normalise(name)
    for national in NATIONAL_PREFIXES:
        key = key.removeprefix(national)
    province = gazetteer.leading(key)[1]
    if province is None:
        for inner in re.findall(r"\(([^()]*)\)", key):
            province = province or gazetteer.province_of(inner)
    return province
