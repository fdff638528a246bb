"""The GB/T 4754-2017 industry tree, free-text lookup and industry relations.

The taxonomy is built from plain rows (``level, class1, class2, class3, class4,
name, remark``) so that the web layer can pass rows from its database and the
CLI rows from ``src/duijie/reference/data/gbt4754_2017.csv``
(:func:`load_taxonomy`). Free-text labels such as 新能源 or 企业服务 (the
smoothnlp labels) are mapped through :data:`LABEL_ALIASES` and, failing that,
through token overlap with the official names.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from duijie_core.text import normalise, search_tokens

# Key industries (the agency's chains) as groups of GB/T divisions: two codes in
# the same group are "related" even across sections. Constraints as data.
KEY_INDUSTRIES: dict[str, tuple[str, ...]] = {
    "新能源": ("44", "38", "36", "45"),
    "大健康": ("27", "35", "84", "83"),
    "人工智能": ("65", "64", "39", "73"),
    "空天海洋": ("37", "43", "55"),
    "电子信息": ("39", "40", "63", "64", "65"),
    "工程机械": ("34", "35", "48"),
    "现代农业": ("01", "02", "03", "04", "05", "13", "14"),
    "现代物流": ("54", "58", "59", "60"),
    "消费": ("51", "52", "61", "62", "80", "18", "19"),
    "金融服务": ("66", "67", "68", "69", "72"),
    "文化旅游": ("86", "87", "88", "89", "90", "61"),
}

# The key industries' English names (reasons in English).
KEY_INDUSTRY_NAMES_EN: dict[str, str] = {
    "新能源": "New energy",
    "大健康": "Big health",
    "人工智能": "Artificial intelligence",
    "空天海洋": "Aerospace and marine",
    "电子信息": "Electronic information",
    "工程机械": "Engineering machinery",
    "现代农业": "Modern agriculture",
    "现代物流": "Modern logistics",
    "消费": "Consumer goods and services",
    "金融服务": "Financial services",
    "文化旅游": "Culture and tourism",
}

# Common venture-capital labels mapped onto GB/T codes (division or section).
LABEL_ALIASES: dict[str, str] = {
    "新能源": "44",
    "新能源汽车": "36",
    "汽车交通": "36",
    "汽车": "36",
    "医疗健康": "84",
    "医疗": "84",
    "生物医药": "27",
    "医药": "27",
    "大健康": "84",
    "企业服务": "65",
    "软件": "65",
    "人工智能": "65",
    "大数据": "65",
    "云计算": "65",
    "高科技": "65",
    "硬件": "39",
    "电子": "39",
    "半导体": "39",
    "智能制造": "34",
    "工程机械": "35",
    "电商消费": "52",
    "电子商务": "52",
    "电商": "52",
    "消费": "52",
    "零售": "52",
    "金融": "J",
    "房产": "70",
    "房地产": "70",
    "教育": "83",
    "文娱内容游戏": "R",
    "文娱": "R",
    "游戏": "65",
    "体育健身": "89",
    "旅游": "61",
    "物流": "58",
    "农业": "01",
    "食品": "14",
    "航空航天": "37",
    "空天海洋": "37",
    "新材料": "26",
    "化工": "26",
    "环保": "77",
    "节能环保": "77",
    "生活服务": "80",
    "社交": "64",
    "工具": "65",
    "广告营销": "72",
}


@dataclass(frozen=True)
class Industry:
    """One node of the tree: ``code`` is its own code (letter, 2, 3 or 4 digits)."""

    code: str
    section: str
    division: str
    group: str
    level: int
    name: str


class IndustryTaxonomy:
    """The tree, with lookup from codes or free text and a relation between codes."""

    def __init__(self, rows: Iterable[Mapping[str, str]]) -> None:
        self.by_code: dict[str, Industry] = {}
        for row in rows:
            node = _industry_from_row(row)
            if node is not None:
                self.by_code[node.code] = node
        self._by_name = {normalise(n.name): n for n in self.by_code.values()}
        self._token_nodes: dict[str, list[str]] = defaultdict(list)
        for node in self.by_code.values():
            for token in set(search_tokens(node.name)):
                self._token_nodes[token].append(node.code)
        self._related = {d: chain for chain, ds in KEY_INDUSTRIES.items() for d in ds}
        self._cache: dict[str, Industry | None] = {}

    def lookup(self, text: str) -> Industry | None:
        """The node for a code (``C3841``/``3841``/``38``/``C``) or a free-text label."""
        if text not in self._cache:
            self._cache[text] = self._lookup(text)
        return self._cache[text]

    def _lookup(self, text: str) -> Industry | None:
        key = normalise(text).strip()
        if not key:
            return None
        code = key.upper().lstrip("ABCDEFGHIJKLMNOPQRST") if len(key) > 1 else key.upper()
        if code in self.by_code:
            return self.by_code[code]
        if key in self._by_name:
            return self._by_name[key]
        if key in LABEL_ALIASES:
            return self.by_code.get(LABEL_ALIASES[key])
        return self._best_overlap(key)

    def _best_overlap(self, key: str) -> Industry | None:
        """The node whose name shares the most IDF-weighted tokens with ``key``."""
        scores: dict[str, float] = defaultdict(float)
        n = len(self.by_code)
        for token in set(search_tokens(key)):
            nodes = self._token_nodes.get(token, [])
            for code in nodes:
                scores[code] += math.log(1 + n / len(nodes))
        for alias, code in LABEL_ALIASES.items():
            if alias in key and code in self.by_code:
                scores[code] += 2 * math.log(1 + n)
        if not scores:
            return None
        best = max(scores.items(), key=lambda item: (item[1], -len(item[0]), item[0]))
        return self.by_code[best[0]]

    def key_industry(self, node: Industry) -> str | None:
        """The key industry (chain) the node's division belongs to, if any."""
        return self._related.get(node.division)

    def relation(self, a: Industry, b: Industry) -> str:
        """How close two nodes are: exact, group, division, related, section or none."""
        if a.code == b.code:
            return "exact"
        if a.group and a.group == b.group:
            return "group"
        if a.division and a.division == b.division:
            return "division"
        chain = self.key_industry(a)
        if chain is not None and chain == self.key_industry(b):
            return "related"
        if a.section == b.section:
            return "section"
        return "none"


RELATION_SCORES: dict[str, float] = {
    "exact": 1.0,
    "group": 0.85,
    "division": 0.7,
    "related": 0.5,
    "section": 0.3,
    "none": 0.0,
}


def _industry_from_row(row: Mapping[str, str]) -> Industry | None:
    level = int(row.get("level") or 0)
    section = (row.get("class1") or "").strip()
    division = (row.get("class2") or "").strip()
    group = (row.get("class3") or "").strip()
    klass = (row.get("class4") or "").strip()
    code = klass or group or division or section
    if not code or level == 0:
        return None
    return Industry(code, section, division, group, level, (row.get("name") or "").strip())


def load_taxonomy(path: str | Path) -> IndustryTaxonomy:
    """Read the GB/T 4754 CSV (as shipped in ``duijie/reference/data``)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return IndustryTaxonomy(list(csv.DictReader(handle)))


def default_taxonomy_path() -> Path:
    """Where the repository keeps the GB/T 4754 CSV (read as a file, not imported)."""
    return (
        Path(__file__).resolve().parents[2] / "duijie" / "reference" / "data" / "gbt4754_2017.csv"
    )


def load_english_names(path: str | Path | None = None) -> dict[str, str]:
    """English names of GB/T 4754 sections and divisions, by code *and* by Chinese name.

    Read from ``gbt4754_2017_en.csv`` (``code,name_en``, next to the taxonomy CSV);
    the Chinese names come from the taxonomy CSV. Groups and classes have none.
    """
    chinese_path = default_taxonomy_path()
    english_path = Path(path) if path else chinese_path.with_name("gbt4754_2017_en.csv")
    with open(english_path, encoding="utf-8-sig", newline="") as handle:
        by_code = {row["code"]: row["name_en"] for row in csv.DictReader(handle)}
    names = dict(by_code)
    for node in load_taxonomy(chinese_path).by_code.values():
        if node.code in by_code:
            names.setdefault(node.name, by_code[node.code])
    return names


def load_region_parents(folder: str | Path) -> dict[str, str]:
    """City → province names from the repository's ``cities.csv``/``provinces.csv``.

    Keys are normalised city names with and without the 市 suffix (长沙市, 长沙).
    """
    base = Path(folder)
    with open(base / "provinces.csv", encoding="utf-8-sig", newline="") as handle:
        provinces = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    parents: dict[str, str] = {}
    with open(base / "cities.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            province = provinces.get(row["provinceCode"], "")
            city = normalise(row["name"])
            if province and city not in ("市辖区", "县"):
                parents[city] = province
                parents[city.removesuffix("市")] = province
    return parents
