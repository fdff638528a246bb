"""Administrative divisions (province, city) and the headquarters region of a firm.

The divisions are read from the reference data files (``provinces.csv``: code, name;
``cities.csv``: code, name, provinceCode) — the core imports no Django, it reads the files.
A firm's region comes, in this order, from the shipped headquarters list (stock code →
province or city, ``headquarters.csv``: a small hand-kept list of facts, see docs/chains.md)
and from its full name when the name starts with a province or city (湖南…, 長沙…). A firm
with neither has no derivable region: it is counted apart, never as zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from duijie_core.chains.errors import ChainError
from duijie_core.text import normalise

DATA = Path(__file__).resolve().parents[2] / "duijie" / "reference" / "data"
_PROVINCE_SUFFIXES = (
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
)
_CITY_SUFFIXES = ("地区", "市", "盟")


@dataclass(frozen=True)
class Region:
    """A province (``430000``) or a city (``430100``)."""

    code: str
    name: str
    province: str  # two digits
    city: str = ""  # four digits, "" for a province


@dataclass(frozen=True)
class Location:
    """Where a firm is headquartered, as far as it can be derived (``province`` "" = unknown)."""

    province: str = ""
    city: str = ""
    source: str = ""  # "headquarters" | "name" | ""


@dataclass(frozen=True)
class Divisions:
    """Provinces and cities by code, and the name prefixes that point at them."""

    provinces: Mapping[str, str]
    cities: Mapping[str, tuple[str, str]]  # code → (name, province code)
    prefixes: tuple[tuple[str, str, str], ...]  # (prefix, province, city), longest first

    def resolve(self, text: str) -> Region:
        """The region named or coded by `text`: ``430000``, ``43``, ``湖南省``, ``湖南``, ``長沙``.

        Raises ChainError ``unknown_region`` when nothing matches.
        """
        key = normalise(text).replace(" ", "")
        if key.isdigit():
            return self._by_code(key, text)
        for code, name in self.provinces.items():
            if key in (normalise(name), _short(name, _PROVINCE_SUFFIXES)):
                return Region(code.ljust(6, "0"), name, code)
        for code, (name, province) in self.cities.items():
            if key in (normalise(name), _short(name, _CITY_SUFFIXES)):
                return Region(code.ljust(6, "0"), name, province, code)
        raise ChainError("unknown_region", region=text)

    def _by_code(self, key: str, text: str) -> Region:
        trimmed = key[:2] if key[2:] in ("", "0000") else key[:4] if key[4:] in ("", "00") else ""
        if len(trimmed) == 2 and trimmed in self.provinces:
            return Region(trimmed.ljust(6, "0"), self.provinces[trimmed], trimmed)
        if len(trimmed) == 4 and trimmed in self.cities:
            name, province = self.cities[trimmed]
            return Region(trimmed.ljust(6, "0"), name, province, trimmed)
        raise ChainError("unknown_region", region=text)

    def from_name(self, fullname: str) -> Location:
        """The location a full name starts with (湖南…, 长沙…), or an empty Location."""
        key = normalise(fullname)
        for prefix, province, city in self.prefixes:
            if key.startswith(prefix):
                return Location(province, city, "name")
        return Location()


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    key = normalise(name)
    if key.endswith("自治州"):
        return key[:2]
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key.removesuffix(suffix)
    return key


def read_divisions(folder: Path = DATA) -> Divisions:
    """Provinces and cities from ``provinces.csv`` and ``cities.csv`` in `folder`."""
    provinces = {row["code"]: row["name"] for row in _rows(folder / "provinces.csv")}
    cities = {
        row["code"]: (row["name"], row["provinceCode"])
        for row in _rows(folder / "cities.csv")
        if row["name"] not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
    }
    prefixes: dict[str, tuple[str, str]] = {}
    for code, (name, province) in cities.items():
        for prefix in {normalise(name), _short(name, _CITY_SUFFIXES)}:
            prefixes.setdefault(prefix, (province, code))
    for code, name in provinces.items():  # a province wins over a city of the same name
        for prefix in {normalise(name), _short(name, _PROVINCE_SUFFIXES)}:
            prefixes[prefix] = (code, "")
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[0]))
    return Divisions(provinces, cities, tuple((p, pr, c) for p, (pr, c) in ordered))


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ChainError("missing_file", where=str(path)) from None
    return list(csv.DictReader(io.StringIO(text)))


def shipped_headquarters() -> dict[str, str]:
    """Stock code → division code (province ``43`` or city ``4301``) of the shipped list."""
    text = resources.files("duijie_core.chains").joinpath("headquarters.csv").read_text("utf-8")
    return {row["code"]: row["division"] for row in csv.DictReader(io.StringIO(text))}


def locate(
    code: str, fullname: str, divisions: Divisions, headquarters: Mapping[str, str]
) -> Location:
    """A listed firm's location: the headquarters list first, then its full name.

    `headquarters` maps a stock code to a province (``43``) or city (``4301``) code; a city
    named by the full name fills in a list entry that gives only the province.
    """
    named = divisions.from_name(fullname) if fullname else Location()
    division = headquarters.get(code, "")
    if not division:
        return named
    province, city = division[:2], division[2:4] and division[:4]
    if not city and named.province == province:
        city = named.city
    return Location(province, city, "headquarters")
