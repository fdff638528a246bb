"""Chains as data: a directed graph of links, each mapped to industries and product keywords.

A chain file is JSON: ``{"version": 1, "chains": [{"id", "name": {"zh-Hant", "zh-Hans", "en"},
"kind": [...], "links": [{"id", "name": {...}, "shenwan": [...], "gbt": [...], "keywords": [...],
"io_sector": "16", "upstream": ["link id", ...]}]}]}``. ``upstream`` points from a link to the
links that supply it. :func:`validate` reports cycles, dangling upstream links, duplicate ids
and links with no mapping as problems; it never raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from duijie_core.chains.errors import ChainError
from duijie_core.locale import LANGUAGES
from duijie_core.problems import Problem, problem


@dataclass(frozen=True)
class Names:
    """A display name in the three languages (proper names stay as entered)."""

    zh_hant: str
    zh_hans: str
    en: str

    def in_language(self, language: str) -> str:
        """The name in `language` (zh-Hant when the language is unknown)."""
        return {"zh-Hans": self.zh_hans, "en": self.en}.get(language, self.zh_hant)


@dataclass(frozen=True)
class Link:
    """One link of a chain and what maps firms onto it."""

    id: str
    names: Names
    shenwan: tuple[str, ...] = ()
    gbt: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    io_sector: str = ""
    upstream: tuple[str, ...] = ()

    @property
    def mapped(self) -> bool:
        """True when the link has at least one industry code or keyword."""
        return bool(self.shenwan or self.gbt or self.keywords)


@dataclass(frozen=True)
class Chain:
    """An industry chain: links and their upstream edges."""

    id: str
    names: Names
    links: tuple[Link, ...]
    kinds: tuple[str, ...] = ()

    def link(self, link_id: str) -> Link:
        """The link with id `link_id` (KeyError when absent)."""
        for link in self.links:
            if link.id == link_id:
                return link
        raise KeyError(link_id)

    def downstream(self, link_id: str) -> tuple[str, ...]:
        """Ids of the links that `link_id` supplies."""
        return tuple(link.id for link in self.links if link_id in link.upstream)


def validate(chain: Chain) -> tuple[Problem, ...]:
    """Everything wrong with `chain`: duplicate or dangling links, cycles, unmapped links."""
    found: list[Problem] = []
    ids = [link.id for link in chain.links]
    if not ids:
        found.append(problem("chain_without_links", chain=chain.id))
    for link_id in sorted({i for i in ids if ids.count(i) > 1}):
        found.append(problem("duplicate_link", chain=chain.id, link=link_id))
    known = set(ids)
    for link in chain.links:
        for upstream in link.upstream:
            if upstream not in known:
                found.append(
                    problem("dangling_link", chain=chain.id, link=link.id, upstream=upstream)
                )
        if not link.mapped:
            found.append(problem("unmapped_link", chain=chain.id, link=link.id))
    cycle = _cycle({link.id: [u for u in link.upstream if u in known] for link in chain.links})
    if cycle:
        found.append(problem("cycle", chain=chain.id, links=" → ".join(cycle)))
    return tuple(found)


def _cycle(upstream: Mapping[str, Sequence[str]]) -> list[str]:
    """One cycle of the graph as a closed path of ids, or [] (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in upstream:
        if state.get(start):
            continue
        path: list[str] = [start]
        iterators = [iter(upstream.get(start, ()))]
        state[start] = 1
        while iterators:
            following = next(iterators[-1], None)
            if following is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following) :], following]
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                iterators.append(iter(upstream.get(following, ())))
    return []


def read_chains(text: str, where: str = "chains.json") -> tuple[Chain, ...]:
    """Chains from the JSON `text`; a shape error raises :class:`ChainError` naming `where`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ChainError("bad_json", where=where, line=error.lineno, message=error.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("chains"), list):
        raise ChainError("bad_chain_file", where=where, field="chains")
    return tuple(_chain(item, where) for item in data["chains"])


def _chain(item: Any, where: str) -> Chain:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise ChainError("bad_chain_file", where=where, field="id")
    links = item.get("links", [])
    if not isinstance(links, list):
        raise ChainError("bad_chain_file", where=where, field=f"{item['id']}.links")
    return Chain(
        id=item["id"],
        names=_names(item.get("name"), item["id"], where),
        links=tuple(_link(link, f"{where}: {item['id']}") for link in links),
        kinds=_strings(item.get("kind", []), f"{item['id']}.kind", where),
    )


def _link(item: Any, where: str) -> Link:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise ChainError("bad_chain_file", where=where, field="links.id")
    key = item["id"]
    return Link(
        id=key,
        names=_names(item.get("name"), key, where),
        shenwan=_strings(item.get("shenwan", []), f"{key}.shenwan", where),
        gbt=_strings(item.get("gbt", []), f"{key}.gbt", where),
        keywords=_strings(item.get("keywords", []), f"{key}.keywords", where),
        io_sector=str(item.get("io_sector", "")),
        upstream=_strings(item.get("upstream", []), f"{key}.upstream", where),
    )


def _names(item: Any, key: str, where: str) -> Names:
    if isinstance(item, str):
        return Names(item, item, item)
    if not isinstance(item, dict) or not all(isinstance(item.get(lang), str) for lang in LANGUAGES):
        raise ChainError("bad_chain_file", where=where, field=f"{key}.name")
    return Names(item["zh-Hant"], item["zh-Hans"], item["en"])


def _strings(items: Any, field: str, where: str) -> tuple[str, ...]:
    if not isinstance(items, list) or not all(isinstance(value, str) for value in items):
        raise ChainError("bad_chain_file", where=where, field=field)
    return tuple(items)


def shipped_chains() -> tuple[Chain, ...]:
    """The chains shipped with the package: the 5 national clusters and the 10 key industries."""
    text = resources.files("duijie_core.chains").joinpath("chains.json").read_text(encoding="utf-8")
    return read_chains(text, "chains.json")


def io_weights(chain: Chain, shares: Mapping[tuple[str, str], float]) -> dict[str, float]:
    """Weight of each link: the share of its downstream links' inputs that its sector supplies.

    `shares` maps (supplying sector, using sector) to the share of the using sector's total
    input (from :func:`read_io_shares`). A link with several downstream links takes the largest
    share; a link with none (the chain's end products) weighs 1.
    """
    weights: dict[str, float] = {}
    for link in chain.links:
        users = [chain.link(d).io_sector for d in chain.downstream(link.id)]
        weights[link.id] = (
            max((shares.get((link.io_sector, user), 0.0) for user in users), default=0.0)
            if users
            else 1.0
        )
    return weights


def read_io_shares(rows: Iterable[Sequence[str]], where: str) -> dict[tuple[str, str], float]:
    """Input shares from an input–output table shaped like the national 42-sector table.

    Columns: ``Code, Description, DescriptionInChinese, Origin, <sector codes…>, …``; rows per
    supplying sector and origin (Domestic, Imports) plus a ``TI`` row (total input). The share
    of sector *u* in sector *d* is (domestic + imported *u* used by *d*) / total input of *d*.
    """
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or header[:1] != ["Code"]:
        raise ChainError("bad_io_table", where=where, line=1)
    sectors = [(i, code) for i, code in enumerate(header) if code.isdigit()]
    used: dict[tuple[str, str], float] = {}
    total: dict[str, float] = {}
    for number, row in enumerate(iterator, start=2):
        if len(row) != len(header):
            raise ChainError("bad_io_table", where=where, line=number)
        try:
            values = [(code, float(row[i])) for i, code in sectors]
        except ValueError:
            raise ChainError("bad_io_table", where=where, line=number) from None
        if row[0] == "TI":
            total = dict(values)
        elif row[0].isdigit():
            for code, value in values:
                used[row[0], code] = used.get((row[0], code), 0.0) + value
    if not total:
        raise ChainError("bad_io_table", where=where, line=0)
    return {key: value / total[key[1]] for key, value in used.items() if total.get(key[1])}
