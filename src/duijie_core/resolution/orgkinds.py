"""Kinds of organisation that differ by place or group, not by a typo (rules as data).

Government bodies (长沙市商务局, 湖南省人民政府), chambers (香港湖南商会), associations
(湖南省企业联合会) and universities (湖南师范大学) share their core words with every other body
of their kind: 长沙市商务局 and 株洲市商务局 reduce to the same core 商务局, 香港长沙商会 and
香港株洲商会 to 商会. What tells them apart is the place and group in front of the kind word.
Each Chinese name is classified by its ending (:data:`KIND_ENDINGS`); its *body key* is the
kind, the ending, the places in front of it (read through the administrative divisions of
the gazetteer: a parent written before its child is dropped, 湖南省长沙市 = 长沙市; a level
written on both sides must agree, 长沙市 ≠ 长沙县; townships ending in 镇/乡/街道 are read
by their written name) and the remaining group words (师范, 农业). Two records of which one
is such a body are names of one organisation only if they have a body key in common.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from duijie_core.resolution.model import Evidence
from duijie_core.resolution.names import clean_name
from duijie_core.resolution.regions import NATIONAL_PREFIXES, Division, Regions, words

# Kind → name endings (Simplified, normalised), read longest first. A name containing 公司
# is a company whatever it ends with (招商局集团有限公司).
KIND_ENDINGS: dict[str, tuple[str, ...]] = {
    "government": words(
        "人民政府 政府 商务局 招商局 投资促进局 商务厅 发展和改革委员会 发展改革委员会 发改委 "
        "管理委员会 管委会 委员会 办公室 办公厅 办事处 局 厅 委"
    ),
    "chamber": words("总商会 商会"),
    "association": words("联合会 协会 促进会 学会 同乡会 联谊会 研究会 基金会"),
    "university": words("大学 学院 职业技术学院 高等专科学校 学校"),
}
_ENDINGS = sorted(
    ((ending, kind) for kind, endings in KIND_ENDINGS.items() for ending in endings),
    key=lambda item: (-len(item[0]), item[0]),
)
_TOWNSHIP = re.compile(r"^([\u3400-\u9fff]{1,4}?)(镇|乡|街道)")
_MAX_PLACE = 12


@dataclass(frozen=True)
class Place:
    """A place written in a body's name: short name and level ('' when not written)."""

    short: str
    level: str


@dataclass(frozen=True)
class BodyKey:
    """What tells a body from others of its kind: kind, ending, places and group words."""

    kind: str
    ending: str
    places: tuple[Place, ...]
    group: str

    @property
    def block(self) -> str:
        """The blocking key (levels left out, so 长沙商务局 meets 长沙市商务局)."""
        shorts = "/".join(place.short for place in self.places)
        return f"k:{self.kind}|{self.ending}|{shorts}|{self.group}"

    def agrees(self, other: BodyKey) -> bool:
        """Same kind, ending and group, and the same places (levels agree where written)."""
        if (self.kind, self.ending, self.group) != (other.kind, other.ending, other.group):
            return False
        if len(self.places) != len(other.places):
            return False
        return all(
            x.short == y.short and (not x.level or not y.level or x.level == y.level)
            for x, y in zip(self.places, other.places, strict=True)
        )

    @property
    def written_key(self) -> str:
        """Places, group and ending without levels (香港湖南商会, 长沙商务局)."""
        return "".join(p.short for p in self.places) + self.group + self.ending

    @property
    def written(self) -> str:
        """The distinguishing part as text (长沙市, 香港/湖南 + 师范), for evidence."""
        places = "".join(place.short + _LEVEL_MARK.get(place.level, "") for place in self.places)
        return places + self.group


_LEVEL_MARK = {"province": "省", "city": "市", "county": "", "镇": "镇", "乡": "乡", "街道": "街道"}


def _kind_ending(text: str) -> tuple[str, str] | None:
    return next(((kind, e) for e, kind in _ENDINGS if text.endswith(e) and text != e), None)


@functools.lru_cache(maxsize=200_000)
def body_key(name: str, regions: Regions) -> BodyKey | None:
    """The body key of a Chinese name, None when the name is not such a body."""
    text = clean_name(name)
    if "公司" in text:
        return None
    found = _kind_ending(text)
    if found is None:
        return None
    kind, ending = found
    places, group = read_places(text[: -len(ending)], regions)
    return BodyKey(kind, ending, places, group)


def read_places(text: str, regions: Regions) -> tuple[tuple[Place, ...], str]:
    """The leading places of ``text`` (parents written before a child dropped) and the rest."""
    for national in NATIONAL_PREFIXES:
        text = text.removeprefix(national)
    found: list[tuple[Place, frozenset[str]]] = []
    while text:
        step = _leading_place(text, regions)
        if step is None:
            break
        place, parents, length = step
        found = [(p, ps) for p, ps in found if p.short not in parents]
        found.append((place, parents))
        text = text[length:]
    return tuple(place for place, _ in found), text


def _leading_place(text: str, regions: Regions) -> tuple[Place, frozenset[str], int] | None:
    for length in range(min(_MAX_PLACE, len(text)), 1, -1):
        division = regions.divisions.get(text[:length])
        if division is not None:
            return Place(division.short, division.level), division.parents, length
    township = _TOWNSHIP.match(text)
    if township:
        return Place(township.group(1), township.group(2)), frozenset(), township.end()
    return None


@functools.lru_cache(maxsize=200_000)
def city_prefix(name: str, regions: Regions) -> str | None:
    """The city or county a company's legal name starts with (after 中国 and a province):
    湘潭博雲發展有限公司 → 湘潭, 湖南省長沙市… → 长沙; None without one (a province alone,
    Hong Kong, or no place)."""
    text = clean_name(name)
    for national in NATIONAL_PREFIXES:
        text = text.removeprefix(national)
    found = None
    while True:
        step = _division_prefix(text, regions)
        if step is None:
            return found
        division, length = step
        found = division.short if division.parents else found
        text = text[length:]


def _division_prefix(text: str, regions: Regions) -> tuple[Division, int] | None:
    for length in range(min(_MAX_PLACE, len(text) - 2), 1, -1):
        division = regions.divisions.get(text[:length])
        if division is not None:
            return division, length
    return None


def place_evidence(places_a: frozenset[str], places_b: frozenset[str]) -> Evidence | None:
    """``place_differs`` when both records' names start with a city or county and none is
    shared: firms registered in 湘潭 and in 常德 are two legal persons, whatever their core."""
    if not places_a or not places_b or places_a & places_b:
        return None
    return Evidence("place_differs", 0.0, (("a", min(places_a)), ("b", min(places_b))))


def body_evidence(keys_a: frozenset[BodyKey], keys_b: frozenset[BodyKey]) -> Evidence | None:
    """``body_differs`` (weight 0: the names say nothing) when a side is a public body,
    chamber, association or university and no body key agrees; None otherwise."""
    if not keys_a and not keys_b:
        return None
    if any(x.agrees(y) for x in keys_a for y in keys_b):
        return None
    a = min((k.written for k in keys_a), default="")
    b = min((k.written for k in keys_b), default="")
    return Evidence("body_differs", 0.0, (("a", a or "—"), ("b", b or "—")))
